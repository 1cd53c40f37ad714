#include "lineage/qualified_name.h"

namespace athena::lineage {

std::string to_lower_ascii(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

std::string QualifiedName::str() const {
  std::string out;
  if (!catalog.empty() && !schema.empty()) {
    out += catalog;
    out += '.';
  }
  if (!schema.empty()) {
    out += schema;
    out += '.';
  }
  out += table;
  return out;
}

} // namespace athena::lineage
