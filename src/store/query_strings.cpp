#include "src/store/query_strings.h"

namespace athena::store {

std::string insert_query_row_sql(std::string_view verb, bool with_q) {
  std::string sql = "INSERT ";
  sql.append(verb).append(verb.empty() ? "" : " ").append("INTO query_rows(");
  if (with_q) sql += "q, ";
  sql.append(kQueryRowColumns).append(") VALUES(");
  const int n = kQueryRowColumnCount + (with_q ? 1 : 0);
  for (int i = 1; i <= n; ++i)
    sql.append(i > 1 ? ", ?" : "?").append(std::to_string(i));
  return sql + ")";
}

QueryStrings::QueryStrings(Db& db) : db_(db) {}

QueryStrings::~QueryStrings() = default;

std::optional<int64_t> QueryStrings::intern(std::string_view text) {
  if (text.empty()) return std::nullopt;
  if (auto it = known_.find(text); it != known_.end()) return it->second;
  if (!find_) {
    find_ = std::make_unique<Statement>(db_, "SELECT id FROM query_strings WHERE text = ?1");
    insert_ = std::make_unique<Statement>(db_, "INSERT INTO query_strings(text) VALUES(?1)");
  }
  std::optional<int64_t> id;
  find_->bind(1, text);
  if (find_->step()) id = find_->int64(0);
  find_->reset();
  if (!id) {
    insert_->bind(1, text);
    insert_->run();
    id = db_.last_insert_rowid();
  }
  known_.emplace(std::string(text), *id);
  return id;
}

LocationTemplate location_template(std::string_view location, std::string_view id) {
  constexpr char kMark = '\x01';
  if (id.empty() || location.find(kMark) != std::string_view::npos ||
      location.find(id) == std::string_view::npos) {
    return {std::string(location), false};
  }
  // Left to right, without overlaps: what SQLite's replace() undoes exactly.
  LocationTemplate out{"", true};
  size_t from = 0;
  for (size_t at = location.find(id); at != std::string_view::npos; at = location.find(id, from)) {
    out.text.append(location.substr(from, at - from));
    out.text.push_back(kMark);
    from = at + id.size();
  }
  out.text.append(location.substr(from));
  return out;
}

std::optional<int64_t> location_ref(QueryStrings& strings, std::string_view location,
                                    std::string_view id) {
  if (location.empty()) return std::nullopt;
  const LocationTemplate t = location_template(location, id);
  const std::optional<int64_t> s = strings.intern(t.text);
  return *s * 2 + (t.templated ? 1 : 0);
}

OriginParts split_origin(std::string_view origin) {
  size_t start = origin.size();
  while (start > 0 && origin[start - 1] >= '0' && origin[start - 1] <= '9')
    --start;
  const std::string_view digits = origin.substr(start);
  if (digits.empty() || digits.size() > 18 || (digits.size() > 1 && digits[0] == '0'))
    return {origin, std::nullopt};
  int64_t line = 0;
  for (char c : digits)
    line = line * 10 + (c - '0');
  return {origin.substr(0, start), line};
}

} // namespace athena::store
