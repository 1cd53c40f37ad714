#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "src/readers/cloudtrail_reader.h"
#include "src/readers/diagnostics.h"
#include "src/readers/format_detect.h"
#include "src/readers/input.h"

namespace athena::readers {

struct ReadOptions {
  InputFormat format = InputFormat::kAuto; ///< forced for every file unless kAuto
  size_t max_record_bytes = kDefaultMaxRecordBytes;
  /// Skip CloudTrail files (records get no users): for passes that need only the queries.
  bool skip_cloudtrail = false;
  /// Athena JSON Lines only: lines of no interest to this pass, told from their raw text; they
  /// are not parsed (ReadSummary::passed_over). Unset: every line is read.
  LinePassOver pass_over_line;
};

/// What happened to one input file.
struct FileSummary {
  std::string path;
  InputFormat format = InputFormat::kAuto; ///< as detected or forced; kAuto if undetectable
  ReadStats stats;
};

struct ReadSummary {
  std::vector<FileSummary> files;
  uint64_t records = 0;               ///< query records handed on
  uint64_t skipped = 0;               ///< bad records skipped
  uint64_t failed_files = 0;          ///< files that could not be read to their end (or at all)
  uint64_t passed_over = 0;           ///< lines ReadOptions::pass_over_line rejected
  uint64_t users_from_cloudtrail = 0; ///< records whose user CloudTrail supplied
  double cloudtrail_cpu_seconds = 0;  ///< CPU time spent reading the CloudTrail files
};

/// Reads one already-open input in the given (not kAuto) format. CloudTrail inputs add to
/// `users` and yield no records.
ReadStats read_input(Input& in, InputFormat format, const RecordSink& sink,
                     const DiagnosticSink& diag, CloudTrailUsers& users,
                     size_t max_record_bytes = kDefaultMaxRecordBytes,
                     const LinePassOver& pass_over = {});

/// Reads every file (gzip or not), detecting each one's format unless forced. CloudTrail
/// files are read first, whatever their position, and the users they name are applied to
/// the records of the other files. Records reach `sink` in file order, then record order.
/// A file that cannot be opened, detected or read to its end is reported through `diag`
/// (and in its FileSummary) and the others are still read.
ReadSummary read_logs(const std::vector<std::filesystem::path>& paths, const ReadOptions& options,
                      const RecordSink& sink, const DiagnosticSink& diag);

} // namespace athena::readers
