#include "lineage/qualified_name.h"

namespace athena::lineage {

std::string to_lower_ascii(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

void append_table_name(std::string& out, std::string_view catalog, std::string_view schema,
                       std::string_view table) {
  if (!catalog.empty() && !schema.empty()) {
    out += catalog;
    out += '.';
  }
  if (!schema.empty()) {
    out += schema;
    out += '.';
  }
  out += table;
}

std::string QualifiedName::str() const {
  std::string out;
  append_table_name(out, catalog, schema, table);
  return out;
}

} // namespace athena::lineage
