#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "src/readers/input.h"

namespace athena::readers {

/// One CSV row as read.
struct CsvRow {
  std::vector<std::string> fields;
  uint64_t line = 0;         ///< line the row starts on
  bool too_large = false;    ///< longer than the limit; fields are incomplete
  bool unterminated = false; ///< input ended inside a quoted field
};

/// Streams RFC 4180 CSV: comma-separated, rows end in LF or CRLF, fields may be quoted with
/// '"' and then hold commas, line breaks and "" for a quote. Lenient where it costs nothing:
/// text after a closing quote is kept. Not thread-safe.
class CsvParser {
public:
  CsvParser(Input& in, size_t max_row_bytes) : in_(in), max_row_bytes_(max_row_bytes) {}
  /// Reads the next row into `row`; false at end of input.
  bool next(CsvRow& row);

private:
  Input& in_;
  size_t max_row_bytes_;
};

} // namespace athena::readers
