#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "src/readers/datahub_reader.h"
#include "tests/support/test_support.h"

namespace athena::readers {
namespace {

struct Collected {
  std::vector<model::QueryRecord> records;
  std::vector<std::string> diags;
  ReadStats stats;
};

Collected read_dh(const std::string& text) {
  Collected c;
  auto in = Input::from_memory(text, "dh.jsonl");
  c.stats = read_datahub_jsonl(
      *in, [&](model::QueryRecord&& r) { c.records.push_back(std::move(r)); },
      [&](const Diagnostic& d) { c.diags.push_back(d.where + ": " + d.message); });
  return c;
}

TEST(ReadersDatahub, DocumentedExampleAndVariants) {
  std::string text = athena::testing::read_file(athena::testing::source_dir() /
                                                "tests/app/testdata/readers/datahub_queries.jsonl");
  Collected c = read_dh(text);
  EXPECT_TRUE(c.diags.empty()) << c.diags.front();
  ASSERT_EQ(c.records.size(), 3u);
  EXPECT_EQ(c.records[0].query, "SELECT x FROM my_table");
  EXPECT_EQ(c.records[0].submission_ms, 1689232738051); // seconds
  EXPECT_EQ(c.records[0].user, "user_a");
  EXPECT_EQ(c.records[0].state, model::QueryState::kSucceeded);
  EXPECT_EQ(c.records[0].origin, "dh.jsonl:1");
  EXPECT_TRUE(c.records[0].id.starts_with("h-"));
  EXPECT_EQ(c.records[1].submission_ms, 1689232737669); // milliseconds
  EXPECT_EQ(c.records[1].substatement_type, "INSERT");
  EXPECT_EQ(c.records[1].session_id, "s-42");
  EXPECT_EQ(c.records[1].origin, "dh.jsonl:3");
  EXPECT_EQ(c.records[2].submission_ms, 1689232738051); // ISO text
  EXPECT_EQ(c.records[2].catalog, "awsdatacatalog");
  EXPECT_EQ(c.records[2].database, "sales");
  EXPECT_EQ(c.records[2].user, "");
}

TEST(ReadersDatahub, BrokenLinesAreSkippedWithTheirLine) {
  Collected c = read_dh("{\"query\": \"SELECT 1\"}\n"
                        "{\"query\": \"\"}\n"
                        "{\"query\": 42}\n"
                        "{\"query\": \"SELECT 4\", \"timestamp\": \"soon\"}\n"
                        "{\"query\": \"SELECT 5\", \"timestamp\": true}\n"
                        "[1, 2]\n"
                        "{\"query\": \"SELECT 7\", \"unknown\": {\"a\": 1}}\n"
                        "{not json\n");
  ASSERT_EQ(c.records.size(), 2u);
  EXPECT_EQ(c.records[0].query, "SELECT 1");
  EXPECT_FALSE(c.records[0].submission_ms.has_value());
  EXPECT_EQ(c.records[1].query, "SELECT 7");
  ASSERT_EQ(c.diags.size(), 6u);
  EXPECT_EQ(c.diags[0], "dh.jsonl:2: query: empty query text");
  EXPECT_EQ(c.diags[1], "dh.jsonl:3: query: expected a string, found number");
  EXPECT_EQ(c.diags[2], "dh.jsonl:4: timestamp: expected seconds since the epoch or an ISO-8601 "
                        "time, found \"soon\"");
  EXPECT_EQ(c.diags[3], "dh.jsonl:5: timestamp: expected a number or a string, found boolean");
  EXPECT_EQ(c.diags[4], "dh.jsonl:6: expected a JSON object, found array");
  EXPECT_TRUE(c.diags[5].starts_with("dh.jsonl:8: invalid JSON")) << c.diags[5];
  EXPECT_EQ(c.stats.skipped, 6u);
}

TEST(ReadersDatahub, SameLineSameId) {
  Collected a = read_dh("{\"query\": \"SELECT 1\", \"timestamp\": 1, \"user\": \"u\"}\n");
  Collected b = read_dh("\n{\"user\": \"u\", \"timestamp\": 1, \"query\": \"SELECT 1\"}\n");
  ASSERT_EQ(a.records.size(), 1u);
  ASSERT_EQ(b.records.size(), 1u);
  EXPECT_EQ(a.records[0].id, b.records[0].id);
}

} // namespace
} // namespace athena::readers
