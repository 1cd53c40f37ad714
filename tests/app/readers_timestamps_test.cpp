// Every timestamp form AWS tools write, in every reader: each file under
// testdata/timestamps holds the same instant in one form; all are read, detected
// automatically, and stored as the same UTC milliseconds (the golden lists them).
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "src/readers/format_detect.h"
#include "src/readers/log_reader.h"
#include "src/readers/time_text.h"
#include "tests/support/test_support.h"

namespace athena::readers {
namespace {

std::filesystem::path data_dir() {
  return testing::source_dir() / "tests/app/testdata/timestamps";
}

constexpr int64_t kSubmitted = 1796521538931; // 2026-12-05T20:45:38.931-05:00
constexpr int64_t kCompleted = 1796521621000; // 2026-12-05T20:47:01-05:00

TEST(ReadersTimestamps, EveryFormReadsAsTheSameUtcInstant) {
  const std::vector<std::string> files = {"epoch_number.json",        "epoch_string.jsonl",
                                          "cli_v2_iso_offset.json",   "iso_z.jsonl",
                                          "iso_compact_offset.jsonl", "python_str.jsonl",
                                          "get_query_execution.json", "cloudtrail_iso.json"};
  std::vector<std::filesystem::path> paths;
  for (const auto& f : files)
    paths.push_back(data_dir() / f);
  std::vector<model::QueryRecord> records;
  std::vector<std::string> diags;
  ReadSummary summary = read_logs(
      paths, ReadOptions{}, [&](model::QueryRecord&& r) { records.push_back(std::move(r)); },
      [&](const Diagnostic& d) {
        diags.push_back(d.where.substr(d.where.rfind('/') + 1) + ": " + d.message);
      });
  std::string out;
  for (size_t i = 0; i < files.size(); ++i) {
    out += files[i] + ": " + std::string(to_string(summary.files[i].format)) + "\n";
  }
  for (const auto& r : records) {
    out += r.id + ": submitted " + std::to_string(r.submission_ms.value_or(-1)) + " (" +
           format_day(r.submission_ms.value_or(0)) + "), completed " +
           std::to_string(r.completion_ms.value_or(-1)) + ", user " +
           (r.user.empty() ? "-" : r.user) + "\n";
    EXPECT_EQ(r.submission_ms, kSubmitted) << r.id;
    EXPECT_EQ(r.completion_ms, kCompleted) << r.id;
  }
  for (const auto& d : diags)
    out += d + "\n";
  EXPECT_EQ(records.size(), 7u);
  testing::expect_golden(data_dir() / "expected.txt", out);
}

TEST(ReadersTimestamps, TextFormsAndTheirRejections) {
  EXPECT_EQ(parse_timestamp_text_ms("1796521538.931"), kSubmitted);
  EXPECT_EQ(parse_timestamp_text_ms(" 1796521538.931091 "), kSubmitted);
  EXPECT_EQ(parse_timestamp_text_ms("1.796521538931E9"), kSubmitted);
  EXPECT_EQ(parse_timestamp_text_ms("2026-12-06T07:15:38.931+05:30"), kSubmitted);
  EXPECT_EQ(parse_timestamp_text_ms("2026-12-06 01:45:38.931000+00:00"), kSubmitted);
  EXPECT_EQ(parse_timestamp_text_ms("0x6b"), std::nullopt);
  EXPECT_EQ(parse_timestamp_text_ms("nan"), std::nullopt);
  EXPECT_EQ(parse_timestamp_text_ms("12 o'clock"), std::nullopt);
  EXPECT_EQ(parse_timestamp_text_ms(""), std::nullopt);
}

TEST(ReadersTimestamps, JsonLinesWhoseFirstRecordIsOverOneMebibyte) {
  const std::string big(kDetectBytes + 100, 'x');
  const std::string first =
      "{\"QueryExecutionId\": \"big\", \"Query\": \"SELECT '" + big +
      "'\", \"Status\": {\"SubmissionDateTime\": \"2026-12-06T01:45:38.931Z\"}}";
  const std::string text = first + "\n{\"QueryExecutionId\": \"small\", \"Query\": \"SELECT 1\"}\n";
  const util::Result<InputFormat> lines = detect_format(text.substr(0, kDetectBytes));
  ASSERT_TRUE(lines) << lines.error();
  EXPECT_EQ(*lines, InputFormat::kJsonl);
  // A minified document wrapping the list is still streamed as a document.
  const std::string doc = "{\"QueryExecutions\": [" + first + "]}";
  const util::Result<InputFormat> wrapped = detect_format(doc.substr(0, kDetectBytes));
  ASSERT_TRUE(wrapped) << wrapped.error();
  EXPECT_EQ(*wrapped, InputFormat::kAthenaJson);
  testing::TempDir dir;
  testing::write_file(dir.path() / "big.jsonl", text);
  std::vector<std::string> ids;
  ReadSummary summary = read_logs(
      {dir.path() / "big.jsonl"}, ReadOptions{},
      [&](model::QueryRecord&& r) { ids.push_back(r.id); }, [](const Diagnostic&) {});
  EXPECT_EQ(summary.failed_files, 0u);
  EXPECT_EQ(ids, (std::vector<std::string>{"big", "small"}));
}

} // namespace
} // namespace athena::readers
