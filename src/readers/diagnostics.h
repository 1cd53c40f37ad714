#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include "src/model/query_record.h"

namespace athena::readers {

/// A bad record, or a problem that ended a file early. `where` is "FILE:LINE" for line-based
/// formats and "FILE#record N" (1-based) for records of a JSON array; `message` starts
/// lowercase and names what was expected and what was found (with the JSON path or CSV column).
struct Diagnostic {
  std::string where;
  std::string message;
};

/// Receives each good record, in input order. The record is the callee's to keep.
using RecordSink = std::function<void(model::QueryRecord&&)>;
/// Receives each diagnostic as it is found.
using DiagnosticSink = std::function<void(const Diagnostic&)>;

/// What one reader did with one input.
struct ReadStats {
  uint64_t records = 0; ///< records handed to the RecordSink
  uint64_t skipped = 0; ///< bad records reported and skipped
  uint64_t ignored = 0; ///< records of no interest (e.g. CloudTrail events of other APIs)
  /// Lines a LinePassOver rejected unparsed (see ReadOptions::pass_over_line).
  uint64_t passed_over = 0;
  /// Set when the input could not be read to its end (truncated gzip, I/O error, broken
  /// structure); every complete record before that point was still handed on.
  std::string fatal_error;
};

/// Tells from a JSON line's raw text that its records are of no interest to this read (true):
/// the line is then neither parsed nor checked, only counted in ReadStats::passed_over.
using LinePassOver = std::function<bool(std::string_view line)>;

/// Largest record (JSON element, JSON line, CSV row) a reader accepts; larger ones are
/// skipped with a diagnostic. Athena caps a query at 256 KiB; this leaves room for exports
/// that are not Athena's while bounding memory.
inline constexpr size_t kDefaultMaxRecordBytes = size_t{64} << 20;

} // namespace athena::readers
