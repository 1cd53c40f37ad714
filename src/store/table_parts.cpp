#include "src/store/table_parts.h"

namespace athena::store {

model::TableName split_stored_table_name(std::string_view name) {
  model::TableName out;
  // A location's scheme comes first; `catalog.schema.x://y` is a quoted table name.
  const size_t scheme = name.find("://");
  const size_t a = name.find('.');
  if ((scheme != std::string_view::npos && (a == std::string_view::npos || scheme < a)) ||
      a == std::string_view::npos) {
    out.table = std::string(name);
    return out;
  }
  const size_t b = name.find('.', a + 1);
  if (b == std::string_view::npos) {
    out.schema = std::string(name.substr(0, a));
    out.table = std::string(name.substr(a + 1));
    return out;
  }
  out.catalog = std::string(name.substr(0, a));
  out.schema = std::string(name.substr(a + 1, b - a - 1));
  out.table = std::string(name.substr(b + 1));
  return out;
}

} // namespace athena::store
