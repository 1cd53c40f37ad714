#include "parser/source_location.h"

#include <algorithm>

namespace athena::sql {

LineCol line_col_at(std::string_view text, size_t offset) {
  offset = std::min(offset, text.size());
  LineCol lc;
  size_t line_start = 0;
  for (size_t i = 0; i < offset; ++i) {
    if (text[i] == '\n') {
      ++lc.line;
      line_start = i + 1;
    }
  }
  lc.col = static_cast<uint32_t>(offset - line_start + 1);
  return lc;
}

} // namespace athena::sql
