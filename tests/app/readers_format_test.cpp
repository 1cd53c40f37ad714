#include <optional>
#include <string>

#include <gtest/gtest.h>

#include "src/readers/format_detect.h"
#include "src/readers/time_text.h"

namespace athena::readers {
namespace {

std::optional<InputFormat> detect(std::string_view text) {
  const util::Result<InputFormat> detected = detect_format(text);
  if (!detected) return std::nullopt;
  return *detected;
}

/// Why nothing fits, or "(detected)".
std::string why_not(std::string_view text) {
  const util::Result<InputFormat> detected = detect_format(text);
  return detected ? std::string("(detected)") : detected.error();
}

TEST(ReadersFormat, DetectsEachFormatFromItsFirstBytes) {
  EXPECT_EQ(detect("{\n  \"QueryExecutions\": [\n"), InputFormat::kAthenaJson);
  EXPECT_EQ(detect("{\n  \"UnprocessedQueryExecutionIds\": [],\n  \"QueryExecutions\": ["),
            InputFormat::kAthenaJson);
  EXPECT_EQ(detect("\xEF\xBB\xBF[{\"QueryExecutionId\": \"a\"}]"), InputFormat::kAthenaJson);
  EXPECT_EQ(detect("{\"QueryExecutionId\": \"a\", \"Query\": \"SELECT 1\"}\n{\"Query"),
            InputFormat::kJsonl);
  EXPECT_EQ(detect("\n\n{\"QueryExecution\": {\"QueryExecutionId\": \"a\"}}\n"),
            InputFormat::kJsonl);
  EXPECT_EQ(detect("{\"query\": \"SELECT 1\", \"timestamp\": 1}\n"), InputFormat::kDatahubJsonl);
  EXPECT_EQ(detect("{\"Records\": [{\"eventSource\": \"athena.amazonaws.com\"}]}"),
            InputFormat::kCloudTrail);
  EXPECT_EQ(detect("{\"Records\": [\n{\"eventSource\": \"athena.amazonaws.com\"}"),
            InputFormat::kCloudTrail);
  EXPECT_EQ(detect("{\"eventVersion\": \"1.08\", \"eventSource\": \"athena.amazonaws.com\"}\n"),
            InputFormat::kCloudTrail);
  EXPECT_EQ(detect("[{\"eventVersion\": \"1.08\", \"eventName\": \"StartQueryExecution\"}]"),
            InputFormat::kCloudTrail);
  EXPECT_EQ(detect("query_text,user_name,start_time\n"), InputFormat::kOmCsv);
  EXPECT_EQ(detect("user_name,query_text\r\n"), InputFormat::kOmCsv);
}

TEST(ReadersFormat, SaysWhatItFoundWhenNothingFits) {
  EXPECT_EQ(why_not("   "), "the file is empty");
  EXPECT_EQ(why_not("{\"a\": 1}\n"),
            "a JSON object without QueryExecutionId, Query, query, eventName or Records");
  EXPECT_EQ(
      why_not("{\n \"a\": 1\n}"),
      "a JSON document without a QueryExecutions or Records array or a QueryExecution object");
}

TEST(ReadersFormat, NamesRoundTrip) {
  for (auto f : {InputFormat::kAuto, InputFormat::kAthenaJson, InputFormat::kJsonl,
                 InputFormat::kOmCsv, InputFormat::kDatahubJsonl, InputFormat::kCloudTrail}) {
    EXPECT_EQ(parse_input_format(to_string(f)), f);
  }
  EXPECT_EQ(parse_input_format("csv"), std::nullopt);
}

TEST(ReadersTime, ParsesOpenMetadataAndIsoTimes) {
  EXPECT_EQ(parse_datetime_ms("2025-01-15 09:30:00"), 1736933400000);
  EXPECT_EQ(parse_datetime_ms("2025-01-15 09:30:00.123456"), 1736933400123);
  EXPECT_EQ(parse_datetime_ms("2025-01-15T09:30:00.5Z"), 1736933400500);
  EXPECT_EQ(parse_datetime_ms("2025-01-15T11:30:00+02:00"), 1736933400000);
  EXPECT_EQ(parse_datetime_ms("2025-01-15T04:30:00-0500"), 1736933400000);
  EXPECT_EQ(parse_datetime_ms("2025-01-15 09:30:00 UTC"), 1736933400000);
  EXPECT_EQ(parse_datetime_ms("2025-01-15"), 1736899200000);
  EXPECT_EQ(parse_datetime_ms("1969-12-31 23:59:59"), -1000);
  EXPECT_EQ(parse_datetime_ms("2024-02-29 00:00:00"), 1709164800000);
  for (const char* bad :
       {"", "2025-13-01", "2025-02-30 00:00:00", "2023-02-29", "2025-01-15 25:00:00",
        "2025-01-15 09:30:00.", "15/01/2025", "2025-01-15 09:30:00 CET", "2025-01-15x09:30:00"}) {
    EXPECT_EQ(parse_datetime_ms(bad), std::nullopt) << bad;
  }
}

TEST(ReadersTime, FormatsDaysInUtcOrAnOffset) {
  EXPECT_EQ(format_day(1736933400000), "2025-01-15");
  EXPECT_EQ(format_day(1736899199999), "2025-01-14");
  EXPECT_EQ(format_day(-1), "1969-12-31");
  EXPECT_EQ(format_day(0), "1970-01-01");
  EXPECT_EQ(format_day(1736899199999, 60), "2025-01-15");
  EXPECT_EQ(format_day(1736899200000, -60), "2025-01-14");
  EXPECT_EQ(format_day(951782400000), "2000-02-29");
}

} // namespace
} // namespace athena::readers
