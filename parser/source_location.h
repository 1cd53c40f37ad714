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
/// Scans `text` up to `offset`: for one position in a short text. Many positions in one text
/// take a LineIndex, built once.
LineCol line_col_at(std::string_view text, size_t offset);

/// Line starts of a text, so that many offsets map to line:col in O(log n) each.
class LineIndex {
public:
  explicit LineIndex(std::string_view text);
  [[nodiscard]] LineCol at(size_t offset) const;

  /// Bytes of source text scanned so far, by all threads, to turn offsets into line:col
  /// (LineIndex construction and line_col_at). Lets tests show that position reporting stays
  /// linear in the input.
  static uint64_t bytes_scanned();

private:
  size_t size_;
  std::vector<uint32_t> starts_;
};

} // namespace athena::sql
