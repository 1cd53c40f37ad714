#pragma once

#include <cstdint>
#include <string_view>

namespace athena::sql {

/// A 1-based line and column (columns count bytes) in a source text.
struct LineCol {
  uint32_t line = 1;
  uint32_t col = 1;
};

/// Returns the line and column of byte `offset` in `text`; offsets past the end map to the end.
LineCol line_col_at(std::string_view text, size_t offset);

} // namespace athena::sql
