#include "src/readers/log_reader.h"

#include "src/readers/athena_json_reader.h"
#include "src/readers/datahub_reader.h"
#include "src/readers/om_csv_reader.h"
#include "src/util/cpu_time.h"

namespace athena::readers {

ReadStats read_input(Input& in, InputFormat format, const RecordSink& sink,
                     const DiagnosticSink& diag, CloudTrailUsers& users, size_t max_record_bytes,
                     const LinePassOver& pass_over) {
  switch (format) {
  case InputFormat::kAthenaJson:
    return read_athena_json(in, sink, diag, max_record_bytes);
  case InputFormat::kJsonl:
    return read_athena_jsonl(in, sink, diag, max_record_bytes, pass_over);
  case InputFormat::kOmCsv:
    return read_om_csv(in, sink, diag, max_record_bytes);
  case InputFormat::kDatahubJsonl:
    return read_datahub_jsonl(in, sink, diag, max_record_bytes);
  case InputFormat::kCloudTrail:
    return read_cloudtrail(in, users, diag, max_record_bytes);
  case InputFormat::kAuto:
    break;
  }
  ReadStats stats;
  stats.fatal_error = in.name() + ": no input format given";
  return stats;
}

namespace {

/// Opens `path` and settles its format; on failure fills `summary.stats.fatal_error`.
std::unique_ptr<Input> open_and_detect(const std::filesystem::path& path, InputFormat forced,
                                       FileSummary& summary) {
  auto opened = Input::open_file(path);
  if (!opened) {
    summary.stats.fatal_error = opened.error();
    return nullptr;
  }
  std::unique_ptr<Input> in = *std::move(opened);
  if (forced != InputFormat::kAuto) {
    summary.format = forced;
    return in;
  }
  const util::Result<InputFormat> detected = detect_format(in->peek_prefix(kDetectBytes));
  if (!in->error().empty()) {
    summary.stats.fatal_error = in->error();
    return nullptr;
  }
  if (!detected) {
    summary.stats.fatal_error = path.string() +
                                ": cannot tell the log format: " + detected.error() +
                                " (use --input-format)";
    return nullptr;
  }
  summary.format = *detected;
  return in;
}

} // namespace

ReadSummary read_logs(const std::vector<std::filesystem::path>& paths, const ReadOptions& options,
                      const RecordSink& sink, const DiagnosticSink& diag) {
  ReadSummary summary;
  summary.files.resize(paths.size());
  std::vector<std::unique_ptr<Input>> inputs(paths.size());
  for (size_t i = 0; i < paths.size(); ++i) {
    summary.files[i].path = paths[i].string();
    // Only CloudTrail files stay open now; the rest are reopened in turn, so at most one
    // other file is open at once.
    auto in = open_and_detect(paths[i], options.format, summary.files[i]);
    if (in && summary.files[i].format == InputFormat::kCloudTrail && !options.skip_cloudtrail) {
      inputs[i] = std::move(in);
    }
  }
  CloudTrailUsers users;
  auto finish = [&](FileSummary& file) {
    summary.skipped += file.stats.skipped;
    if (!file.stats.fatal_error.empty()) {
      ++summary.failed_files;
      diag({file.path, file.stats.fatal_error});
    }
  };
  const double cloudtrail_start = util::thread_cpu_seconds();
  for (size_t i = 0; i < paths.size(); ++i) {
    if (!inputs[i]) continue;
    summary.files[i].stats = read_cloudtrail(*inputs[i], users, diag, options.max_record_bytes);
    inputs[i].reset();
  }
  summary.cloudtrail_cpu_seconds = util::thread_cpu_seconds() - cloudtrail_start;
  RecordSink with_users = [&](model::QueryRecord&& rec) {
    if (apply_cloudtrail_user(users, rec)) ++summary.users_from_cloudtrail;
    ++summary.records;
    sink(std::move(rec));
  };
  for (size_t i = 0; i < paths.size(); ++i) {
    FileSummary& file = summary.files[i];
    if (file.format == InputFormat::kCloudTrail || !file.stats.fatal_error.empty()) {
      finish(file);
      continue;
    }
    auto in = open_and_detect(paths[i], options.format, file);
    if (in) {
      file.stats = read_input(*in, file.format, with_users, diag, users, options.max_record_bytes,
                              options.pass_over_line);
    }
    summary.passed_over += file.stats.passed_over;
    finish(file);
  }
  return summary;
}

} // namespace athena::readers
