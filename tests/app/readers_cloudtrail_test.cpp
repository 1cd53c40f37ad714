#include <cstdio>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "src/readers/cloudtrail_reader.h"
#include "src/readers/log_reader.h"
#include "tests/support/test_support.h"

namespace athena::readers {
namespace {

std::filesystem::path data(const char* name) {
  return athena::testing::source_dir() / "tests/app/testdata/readers" / name;
}

TEST(ReadersCloudTrail, StartQueryExecutionEventsGiveTheUserOfEachId) {
  std::string text = athena::testing::read_file(data("cloudtrail_events.json"));
  auto in = Input::from_memory(text, "ct.json");
  CloudTrailUsers users;
  std::vector<std::string> diags;
  ReadStats st = read_cloudtrail(
      *in, users, [&](const Diagnostic& d) { diags.push_back(d.where + ": " + d.message); });
  EXPECT_EQ(st.fatal_error, "");
  EXPECT_TRUE(diags.empty());
  EXPECT_EQ(st.records, 3u);
  EXPECT_EQ(st.ignored, 3u); // a failed call, a GetQueryExecution, an S3 event
  CloudTrailUsers expected = {
      {"5c0f7e1a-93b2-4d6e-8f41-7a2b9c3d4e51", "alice"},
      {"e2d4f6a8-0b1c-4d3e-9f5a-7b8c9d0e1f24", "dbt-nightly"},
      {"0a9b8c7d-6e5f-4a3b-8c2d-1e0f9a8b7c63", "arn:aws:sts::123456789012:federated-user/dave"},
  };
  EXPECT_EQ(users, expected);
}

TEST(ReadersCloudTrail, JsonLinesOfEventsAndBrokenEvents) {
  std::string text =
      R"({"eventSource": "athena.amazonaws.com", "eventName": "StartQueryExecution", "userIdentity": {"type": "IAMUser", "userName": "bob"}, "responseElements": {"queryExecutionId": "q1"}})"
      "\n"
      R"({"eventSource": "athena.amazonaws.com", "eventName": "StartQueryExecution", "responseElements": {"queryExecutionId": "q2"}})"
      "\n{broken\n"
      R"({"eventSource": "athena.amazonaws.com", "eventName": "StartQueryExecution", "userIdentity": "x", "responseElements": {"queryExecutionId": "q3"}})"
      "\n";
  auto in = Input::from_memory(text, "ct.jsonl");
  CloudTrailUsers users;
  std::vector<std::string> diags;
  ReadStats st = read_cloudtrail(
      *in, users, [&](const Diagnostic& d) { diags.push_back(d.where + ": " + d.message); });
  EXPECT_EQ(users, (CloudTrailUsers{{"q1", "bob"}}));
  ASSERT_EQ(diags.size(), 3u);
  EXPECT_EQ(diags[0], "ct.jsonl:2: userIdentity: missing in a StartQueryExecution event");
  EXPECT_TRUE(diags[1].starts_with("ct.jsonl:3: invalid JSON")) << diags[1];
  EXPECT_EQ(diags[2], "ct.jsonl:4: userIdentity: expected an object, found string");
  EXPECT_EQ(st.skipped, 3u);
}

TEST(ReadersLogs, CloudTrailUsersApplyToRecordsOfOtherFilesWhateverTheOrder) {
  ATHENA_REQUIRE_SHARED(batch, "testdata/athena/batch-get-query-execution.json");
  std::vector<model::QueryRecord> records;
  std::vector<std::string> diags;
  ReadSummary s = read_logs(
      {batch, data("cloudtrail_events.json"), data("om_query_log.csv")}, ReadOptions{},
      [&](model::QueryRecord&& r) { records.push_back(std::move(r)); },
      [&](const Diagnostic& d) { diags.push_back(d.where + ": " + d.message); });
  EXPECT_TRUE(diags.empty()) << diags.front();
  ASSERT_EQ(s.files.size(), 3u);
  EXPECT_EQ(s.files[0].format, InputFormat::kAthenaJson);
  EXPECT_EQ(s.files[1].format, InputFormat::kCloudTrail);
  EXPECT_EQ(s.files[2].format, InputFormat::kOmCsv);
  EXPECT_EQ(s.records, 9u);
  EXPECT_EQ(s.users_from_cloudtrail, 3u);
  ASSERT_EQ(records.size(), 9u);
  EXPECT_EQ(records[0].user, "alice");
  EXPECT_EQ(records[1].user, "");
  EXPECT_EQ(records[2].user, "arn:aws:sts::123456789012:federated-user/dave");
  EXPECT_EQ(records[3].user, "dbt-nightly");
  EXPECT_EQ(records[6].user, "alice"); // from the CSV itself
}

TEST(ReadersLogs, UnreadableAndUndetectableFilesAreReportedAndOthersRead) {
  athena::testing::TempDir dir;
  auto junk = dir.path() / "junk.txt";
  athena::testing::write_file(junk, "hello world\n");
  std::vector<model::QueryRecord> records;
  std::vector<std::string> diags;
  ReadSummary s = read_logs(
      {dir.path() / "missing.json", junk, data("datahub_queries.jsonl")}, ReadOptions{},
      [&](model::QueryRecord&& r) { records.push_back(std::move(r)); },
      [&](const Diagnostic& d) { diags.push_back(d.message); });
  EXPECT_EQ(records.size(), 3u);
  EXPECT_EQ(s.failed_files, 2u);
  ASSERT_EQ(diags.size(), 2u);
  EXPECT_EQ(diags[0], "cannot open " + (dir.path() / "missing.json").string() +
                          ": No such file or directory");
  EXPECT_EQ(diags[1], junk.string() + ": cannot tell the log format: neither JSON nor a CSV "
                                      "header with query_text; it starts with \"hello world\" "
                                      "(use --input-format)");
}

TEST(ReadersLogs, ForcedFormatOverridesDetection) {
  ReadOptions opts;
  opts.format = InputFormat::kDatahubJsonl;
  std::vector<model::QueryRecord> records;
  std::vector<std::string> diags;
  read_logs(
      {data("query_executions.jsonl")}, opts,
      [&](model::QueryRecord&& r) { records.push_back(std::move(r)); },
      [&](const Diagnostic& d) { diags.push_back(d.message); });
  // QueryExecution lines have no "query" member, so DataHub's reader rejects them.
  EXPECT_TRUE(records.empty());
  EXPECT_EQ(diags.size(), 4u);
}

// The table of users holds Athena's ids (lowercase UUIDs) packed and any other id as it is;
// every id reads back exactly as set, the last user set wins, and it grows past its start.
TEST(ReadersCloudTrail, UsersTableKeepsEveryIdExactly) {
  CloudTrailUsers users;
  const std::string upper = "5C0F7E1A-93B2-4D6E-8F41-7A2B9C3D4E51";
  const std::string lower = "5c0f7e1a-93b2-4d6e-8f41-7a2b9c3d4e51";
  users.set(lower, "alice");
  users.set(upper, "bob");
  users.set("q1", "carol");
  users.set("5c0f7e1a-93b2-4d6e-8f41-7a2b9c3d4e5", "dave"); // one digit short
  users.set(lower, "erin");
  EXPECT_EQ(users.size(), 4u);
  ASSERT_NE(users.find(lower), nullptr);
  EXPECT_EQ(*users.find(lower), "erin");
  EXPECT_EQ(*users.find(upper), "bob");
  EXPECT_EQ(*users.find("q1"), "carol");
  EXPECT_EQ(users.find("q2"), nullptr);
  EXPECT_EQ(users.find("00000000-0000-0000-0000-000000000000"), nullptr);
  CloudTrailUsers many;
  for (int i = 0; i < 5000; ++i) {
    char id[40];
    std::snprintf(id, sizeof id, "%08x-0000-4000-8000-%012x", i * 7919, i);
    many.set(id, "u" + std::to_string(i % 7));
  }
  EXPECT_EQ(many.size(), 5000u);
  for (int i = 0; i < 5000; ++i) {
    char id[40];
    std::snprintf(id, sizeof id, "%08x-0000-4000-8000-%012x", i * 7919, i);
    const std::string* user = many.find(id);
    ASSERT_NE(user, nullptr) << id;
    EXPECT_EQ(*user, "u" + std::to_string(i % 7));
  }
  EXPECT_EQ(CloudTrailUsers({{lower, "erin"}, {"q1", "carol"}}),
            CloudTrailUsers({{"q1", "carol"}, {lower, "erin"}}));
  EXPECT_FALSE(CloudTrailUsers({{lower, "erin"}}) == CloudTrailUsers({{lower, "alice"}}));
  EXPECT_FALSE(CloudTrailUsers({{lower, "erin"}}) == CloudTrailUsers({{upper, "erin"}}));
}

} // namespace
} // namespace athena::readers
