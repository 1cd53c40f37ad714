#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "src/readers/om_csv_reader.h"
#include "tests/support/test_support.h"

namespace athena::readers {
namespace {

struct Collected {
  std::vector<model::QueryRecord> records;
  std::vector<std::string> diags;
  ReadStats stats;
};

Collected read_csv(const std::string& text, std::string name = "log.csv") {
  Collected c;
  auto in = Input::from_memory(text, std::move(name));
  c.stats = read_om_csv(
      *in, [&](model::QueryRecord&& r) { c.records.push_back(std::move(r)); },
      [&](const Diagnostic& d) { c.diags.push_back(d.where + ": " + d.message); });
  return c;
}

TEST(ReadersOmCsv, RealShapedLogWithMultiLineQuotedFields) {
  std::string text = athena::testing::read_file(athena::testing::source_dir() /
                                                "tests/app/testdata/readers/om_query_log.csv");
  Collected c = read_csv(text, "om_query_log.csv");
  EXPECT_EQ(c.stats.fatal_error, "");
  EXPECT_TRUE(c.diags.empty()) << c.diags.front();
  ASSERT_EQ(c.records.size(), 3u);

  const model::QueryRecord& a = c.records[0];
  EXPECT_EQ(a.query, "SELECT o.order_id, o.total\nFROM orders o\nWHERE o.status = 'shipped'");
  EXPECT_EQ(a.user, "alice");
  EXPECT_EQ(a.submission_ms, 1736933400123); // 2025-01-15 09:30:00.123456 UTC
  EXPECT_EQ(a.completion_ms, 1736933404500);
  EXPECT_EQ(a.total_ms, 4377);
  ASSERT_TRUE(a.cost_usd.has_value());
  EXPECT_DOUBLE_EQ(*a.cost_usd, 0.0125);
  EXPECT_EQ(a.state, model::QueryState::kSucceeded);
  EXPECT_EQ(a.catalog, "awsdatacatalog");
  EXPECT_EQ(a.database, "sales");
  EXPECT_TRUE(a.id_is_synthetic);
  EXPECT_TRUE(a.id.starts_with("h-"));
  EXPECT_EQ(a.origin, "om_query_log.csv:2");

  const model::QueryRecord& b = c.records[1];
  EXPECT_EQ(b.query,
            "INSERT INTO mart.daily SELECT \"day\", count(*) FROM sales.orders GROUP BY 1");
  EXPECT_EQ(b.submission_ms, 1736935200000); // no fraction
  EXPECT_FALSE(b.completion_ms.has_value());
  EXPECT_FALSE(b.cost_usd.has_value());
  EXPECT_EQ(b.catalog, "");
  EXPECT_EQ(b.database, "analytics");
  EXPECT_EQ(b.origin, "om_query_log.csv:5");

  EXPECT_EQ(c.records[2].state, model::QueryState::kCancelled);
  EXPECT_EQ(c.records[2].origin, "om_query_log.csv:6");
  EXPECT_NE(c.records[0].id, c.records[1].id);
  // The same rows read again give the same ids.
  Collected again = read_csv(text, "elsewhere.csv");
  EXPECT_EQ(again.records[0].id, a.id);
}

TEST(ReadersOmCsv, ColumnsInAnyOrderAndCrLf) {
  Collected c = read_csv("schema_name,query_text,start_time\r\nsales,SELECT 1,2025-01-15T09:30:00Z"
                         "\r\n,\"SELECT 2\",\r\n");
  ASSERT_EQ(c.records.size(), 2u);
  EXPECT_EQ(c.records[0].query, "SELECT 1");
  EXPECT_EQ(c.records[0].database, "sales");
  EXPECT_EQ(c.records[0].submission_ms, 1736933400000);
  EXPECT_EQ(c.records[1].query, "SELECT 2");
  EXPECT_FALSE(c.records[1].submission_ms.has_value());
}

TEST(ReadersOmCsv, BadRowsAreReportedWithLineAndColumnAndSkipped) {
  std::string text = "query_text,user_name,start_time,duration,aborted\n"
                     "SELECT 1,a,2025-01-15 09:30:00,10,false\n"     // line 2 ok
                     "SELECT 2,b,2025-01-15 09:30:00,10\n"           // line 3: 4 columns
                     "\"  \",c,2025-01-15 09:30:00,10,false\n"       // line 4: empty query
                     "SELECT '\xff',d,2025-01-15 09:30:00,1,false\n" // line 5: bad UTF-8
                     "SELECT 5,e,15/01/2025,1,false\n"               // line 6: bad time
                     "SELECT 6,f,,abc,false\n"                       // line 7: bad duration
                     "SELECT 7,g,,1,maybe\n"                         // line 8: bad aborted
                     "\"SELECT\n8\",h,,,\n";                         // line 9 ok
  Collected c = read_csv(text);
  ASSERT_EQ(c.records.size(), 2u);
  EXPECT_EQ(c.records[0].user, "a");
  EXPECT_EQ(c.records[1].query, "SELECT\n8");
  EXPECT_EQ(c.records[1].origin, "log.csv:9");
  std::vector<std::string> expected = {
      "log.csv:3: expected 5 columns as in the header, found 4",
      "log.csv:4: query_text: empty query text",
      "log.csv:5: query_text: invalid UTF-8",
      "log.csv:6: start_time: expected YYYY-MM-DD HH:MM:SS[.ffffff], found \"15/01/2025\"",
      "log.csv:7: duration: expected milliseconds, found \"abc\"",
      "log.csv:8: aborted: expected true or false, found \"maybe\"",
  };
  EXPECT_EQ(c.diags, expected);
  EXPECT_EQ(c.stats.skipped, 6u);
  EXPECT_EQ(c.stats.records, 2u);
}

TEST(ReadersOmCsv, MissingQueryTextColumnIsFatal) {
  Collected c = read_csv("user_name,start_time\nalice,2025-01-15 09:30:00\n");
  EXPECT_TRUE(c.records.empty());
  EXPECT_EQ(c.stats.fatal_error, "log.csv:1: the header row has no query_text column (expected "
                                 "OpenMetadata's query-log CSV header)");
}

TEST(ReadersOmCsv, UnterminatedQuoteIsReported) {
  Collected c = read_csv("query_text\nSELECT 1\n\"SELECT 2\n");
  ASSERT_EQ(c.records.size(), 1u);
  ASSERT_EQ(c.diags.size(), 1u);
  EXPECT_EQ(c.diags[0], "log.csv:3: unterminated quoted field: the input ends inside it");
}

TEST(ReadersOmCsv, TenMegabyteQuery) {
  std::string big = "SELECT '" + std::string(10 << 20, 'y') + "'";
  Collected c = read_csv("query_text,user_name\n\"" + big + "\",x\n");
  ASSERT_EQ(c.records.size(), 1u);
  EXPECT_EQ(c.records[0].query, big);
}

} // namespace
} // namespace athena::readers
