#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

namespace athena::sql {

/// A 1-based line and column (columns count bytes) in a source text.
struct LineCol {
  uint32_t line = 1;
  uint32_t col = 1;
};

/// Returns the line and column of byte `offset` in `text`; offsets past the end map to the end.
LineCol line_col_at(std::string_view text, size_t offset);

/// Line starts of a text, so that many offsets map to line:col in O(log n) each.
class LineIndex {
public:
  explicit LineIndex(std::string_view text);
  LineCol at(size_t offset) const;

private:
  size_t size_;
  std::vector<uint32_t> starts_;
};

} // namespace athena::sql
