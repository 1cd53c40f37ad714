#include "src/openmetadata/fqn.h"

namespace athena::openmetadata {

std::optional<std::string> fqn_part(std::string_view name) {
  if (name.empty() || name.find('"') != std::string_view::npos) return std::nullopt;
  if (name.find('.') != std::string_view::npos) return "\"" + std::string(name) + "\"";
  return std::string(name);
}

std::optional<std::string> join_fqn(const std::vector<std::string>& parts) {
  std::string out;
  for (const auto& p : parts) {
    auto q = fqn_part(p);
    if (!q) return std::nullopt;
    if (!out.empty()) out += '.';
    out += *q;
  }
  return out;
}

std::string url_encode(std::string_view s) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    const auto u = static_cast<unsigned char>(c);
    const bool unreserved = (u >= 'A' && u <= 'Z') || (u >= 'a' && u <= 'z') ||
                            (u >= '0' && u <= '9') || c == '-' || c == '.' || c == '_' || c == '~';
    if (unreserved) {
      out += c;
    } else {
      out += '%';
      out += kHex[u >> 4];
      out += kHex[u & 15];
    }
  }
  return out;
}

std::string ascii_lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

std::optional<AthenaName> athena_name(const model::TableName& name) {
  if (name.location || name.catalog.empty() || name.schema.empty() || name.table.empty())
    return std::nullopt;
  return AthenaName{name.catalog, name.schema, name.table};
}

std::optional<std::string> table_fqn(std::string_view service, std::string_view database,
                                     const model::TableName& name) {
  auto parts = athena_name(name);
  if (!parts) return std::nullopt;
  return join_fqn({std::string(service), std::string(database), parts->schema, parts->table});
}

} // namespace athena::openmetadata
