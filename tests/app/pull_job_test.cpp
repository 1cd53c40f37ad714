// The pull job (src/pull/pull_job.h) against the fake Athena, in process: every execution
// stored and analyzed once, incremental pulls, QUEUED/RUNNING refetched, watermarks,
// catalog metadata and its cache, filters.
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "src/pull/pull_job.h"
#include "src/store/sqlite_db.h"
#include "tests/app/aws_pull_fixture.h"
#include "tests/app/store_test_access.h"

namespace athena::pull {
namespace {

using namespace athena::testing; // the pull fixtures (aws_pull_fixture.h)

TEST(PullJob, StoresEveryExecutionOnceRawThenAnalyzed) {
  ScopedAwsEnv env;
  FakeAws fake(pull_fake_args({"--generate", "1234", "--workgroups", "3"}));
  ASSERT_TRUE(fake.ok());
  TempDir dir;
  auto store = open_pull_store(dir);
  const auto config = parse_config(pull_config_json(fake.url()));
  PullSummary s = run_pull(config, pull_options_at(), *store);
  ASSERT_EQ(s.fatal_error, "");
  EXPECT_EQ(s.exit_code(), 0) << all_warnings(s);
  EXPECT_EQ(s.credentials_provider, "explicit");
  ASSERT_EQ(s.workgroups.size(), 3u);
  for (const auto& w : s.workgroups) {
    EXPECT_TRUE(w.complete) << w.name << ": " << w.error;
    EXPECT_TRUE(w.watermark_ms.has_value());
  }
  EXPECT_EQ(s.fetched, 1234u);
  EXPECT_EQ(s.stored_raw, 1234u);
  EXPECT_EQ(s.queued, 1234u);
  EXPECT_EQ(s.analysis.analyzed, 1234u);
  EXPECT_EQ(s.analysis.stored.inserted, 1234u);
  EXPECT_EQ(count(*store, "SELECT count(*) FROM raw_executions"), 1234);
  EXPECT_EQ(count(*store, "SELECT count(DISTINCT id) FROM raw_executions"), 1234);
  EXPECT_EQ(count(*store, "SELECT count(*) FROM queries"), 1234);
  EXPECT_EQ(count(*store, "SELECT count(*) FROM raw_pending"), 0);
  EXPECT_EQ(count(*store, "SELECT count(*) FROM pull_watermarks"), 3);
  // The raw JSON is the API's, and the analysis agrees with it.
  EXPECT_EQ(count(*store, "SELECT count(*) FROM raw_executions r JOIN queries q ON q.id = r.id "
                          "WHERE q.state = r.state AND q.workgroup = r.workgroup"),
            1234);
  // Stored compressed with the query text apart: read back through the store.
  store::Statement ids(store::testing::RawDb::of(*store),
                       "SELECT r.id, t.query FROM raw_executions r JOIN queries q "
                       "ON q.id = r.id JOIN query_texts t ON t.q = q.q");
  int64_t exact = 0;
  while (ids.step()) {
    const std::string id = ids.text(0);
    const util::Result<std::optional<store::RawExecution>> stored = store->raw_execution(id);
    ASSERT_TRUE(stored) << id << ": " << stored.error();
    const std::optional<store::RawExecution>& raw = *stored;
    ASSERT_TRUE(raw.has_value()) << id;
    store::Statement check(store::testing::RawDb::of(*store),
                           "SELECT json_extract(?1, '$.QueryExecutionId') = ?2 AND "
                           "json_extract(?1, '$.Query') = ?3");
    check.bind(1, raw->json).bind(2, id).bind(3, ids.text(1));
    if (check.step() && check.int64(0) == 1) ++exact;
  }
  EXPECT_EQ(exact, 1234);
  EXPECT_EQ(fake.stat("batch_ids"), 1234);
  EXPECT_EQ(fake.stat("signature_failures"), 0);
}

TEST(PullJob, SecondPullFetchesNothingAndALaterOneOnlyNewExecutions) {
  ScopedAwsEnv env;
  FakeAws fake(pull_fake_args({"--generate", "600", "--workgroups", "2"}));
  ASSERT_TRUE(fake.ok());
  TempDir dir;
  auto store = open_pull_store(dir);
  const auto config = parse_config(pull_config_json(fake.url()));
  ASSERT_EQ(run_pull(config, pull_options_at(), *store).exit_code(), 0);
  const int64_t batch_gets = fake_requests(fake, "BatchGetQueryExecution");
  const int64_t lists = fake_requests(fake, "ListQueryExecutions");
  EXPECT_EQ(batch_gets, 12); // 600 ids in chunks of 50

  PullSummary again = run_pull(config, pull_options_at(), *store);
  EXPECT_EQ(again.exit_code(), 0) << all_warnings(again);
  EXPECT_EQ(again.fetched, 0u);
  EXPECT_EQ(again.queued, 0u);
  EXPECT_EQ(fake_requests(fake, "BatchGetQueryExecution"), batch_gets);
  // From the watermark: two pages per workgroup (the second is older than the watermark),
  // not the whole history again.
  EXPECT_EQ(fake_requests(fake, "ListQueryExecutions") - lists, 4);
  for (const auto& w : again.workgroups)
    EXPECT_EQ(w.window.reason, "after the last complete pull");

  const double t = now_seconds();
  fake_add(fake, {execution_json("new-1", "SELECT 1", "SUCCEEDED", t, "wg-0"),
                  execution_json("new-2", "SELECT 2", "FAILED", t + 1, "wg-1"),
                  execution_json("new-3", "SELECT 3", "SUCCEEDED", t + 2, "wg-1")});
  PullSummary third = run_pull(config, pull_options_at(), *store);
  EXPECT_EQ(third.exit_code(), 0) << all_warnings(third);
  EXPECT_EQ(third.fetched, 3u);
  EXPECT_EQ(third.analysis.stored.inserted, 3u);
  EXPECT_EQ(fake.stat("batch_ids"), 603);
  EXPECT_EQ(count(*store, "SELECT count(*) FROM queries"), 603);
  EXPECT_EQ(count(*store, "SELECT count(*) FROM raw_executions"), 603);
}

TEST(PullJob, QueuedAndRunningExecutionsAreFetchedAgainUntilTheyFinish) {
  ScopedAwsEnv env;
  TempDir dir;
  const double t = now_seconds() - 3600;
  std::vector<std::string> history;
  for (int i = 0; i < 120; ++i) {
    std::string state = "SUCCEEDED";
    if (i == 100) state = "RUNNING"; // old, behind two pages of newer finished executions
    if (i == 101) state = "QUEUED";
    history.push_back(execution_json("q-" + std::to_string(i),
                                     "SELECT id FROM sales.orders WHERE n = " + std::to_string(i),
                                     state, t - i * 60.0));
  }
  FakeAws fake(pull_fake_args({"--history", write_history(dir, history).string()}));
  ASSERT_TRUE(fake.ok());
  auto store = open_pull_store(dir);
  const auto config = parse_config(pull_config_json(fake.url()));
  ASSERT_EQ(run_pull(config, pull_options_at(), *store).exit_code(), 0);
  EXPECT_EQ(count(*store, "SELECT count(*) FROM queries WHERE state IN ('RUNNING', 'QUEUED')"), 2);
  EXPECT_EQ(count(*store, "SELECT sum(queries) FROM usage_daily"), 120);
  EXPECT_EQ(count(*store, "SELECT sum(succeeded) FROM usage_daily"), 118);

  // Still running: fetched again (only those two), stored again, nothing else.
  PullSummary second = run_pull(config, pull_options_at(), *store);
  EXPECT_EQ(second.exit_code(), 0) << all_warnings(second);
  EXPECT_EQ(second.fetched, 2u);
  EXPECT_EQ(second.workgroups[0].window.reason, "from the oldest QUEUED/RUNNING execution stored");
  EXPECT_EQ(fake.stat("batch_ids"), 122);

  fake_add(fake, {execution_json("q-100", "SELECT id FROM sales.orders WHERE n = 100", "SUCCEEDED",
                                 t - 100 * 60.0),
                  execution_json("q-101", "SELECT id FROM sales.orders WHERE n = 101", "FAILED",
                                 t - 101 * 60.0)});
  PullSummary third = run_pull(config, pull_options_at(), *store);
  EXPECT_EQ(third.exit_code(), 0) << all_warnings(third);
  EXPECT_EQ(third.fetched, 2u);
  EXPECT_EQ(third.analysis.stored.replaced, 2u);
  EXPECT_EQ(count(*store, "SELECT count(*) FROM queries WHERE state IN ('RUNNING', 'QUEUED')"), 0);
  EXPECT_EQ(count(*store, "SELECT count(*) FROM queries"), 120);
  EXPECT_EQ(count(*store, "SELECT sum(succeeded) FROM usage_daily"), 119);
  EXPECT_EQ(count(*store, "SELECT sum(failed) FROM usage_daily"), 1);

  // Finished now: nothing is fetched any more.
  PullSummary fourth = run_pull(config, pull_options_at(), *store);
  EXPECT_EQ(fourth.fetched, 0u);
  EXPECT_EQ(fake.stat("batch_ids"), 124);
}

TEST(PullJob, WindowStopsPagingAndTheWatermarkMovesOnlyAfterACompletePull) {
  ScopedAwsEnv env;
  TempDir dir;
  const double now = now_seconds();
  std::vector<std::string> history;
  for (int i = 0; i < 1000; ++i) { // one an hour for 1000 hours (~41.7 days)
    history.push_back(execution_json("h-" + std::to_string(i), "SELECT " + std::to_string(i),
                                     "SUCCEEDED", now - 600 - i * 3600.0));
  }
  FakeAws fake(pull_fake_args({"--history", write_history(dir, history).string()}));
  ASSERT_TRUE(fake.ok());
  auto store = open_pull_store(dir);
  const auto config = parse_config(pull_config_json(fake.url(), {{"days", "3"}}));
  fake.configure(R"({"deny": ["BatchGetQueryExecution"]})");
  PullSummary denied = run_pull(config, pull_options_at(), *store);
  EXPECT_EQ(denied.exit_code(), 1);
  ASSERT_EQ(denied.workgroups.size(), 1u);
  EXPECT_FALSE(denied.workgroups[0].complete);
  EXPECT_NE(denied.workgroups[0].error.find("AccessDeniedException"), std::string::npos);
  EXPECT_EQ(count(*store, "SELECT count(*) FROM pull_watermarks"), 0);

  fake.configure(R"({"deny": []})");
  PullSummary s = run_pull(config, pull_options_at(), *store);
  EXPECT_EQ(s.exit_code(), 0) << all_warnings(s);
  EXPECT_EQ(s.workgroups[0].window.reason, "athenaLineage.days 3");
  // The 72 executions of the last 3 days, plus the pages listed ahead (up to 4) before a
  // page older than the cutoff came back, never the whole history (20 pages).
  const int64_t cutoff_ms = s.workgroups[0].window.cutoff_ms;
  EXPECT_EQ(count(*store, "SELECT count(*) FROM raw_executions WHERE submitted_ms >= " +
                              std::to_string(cutoff_ms)),
            72);
  const int64_t stored = count(*store, "SELECT count(*) FROM raw_executions");
  EXPECT_GE(stored, 100);
  EXPECT_LE(stored, 500);
  EXPECT_EQ(count(*store, "SELECT count(*) FROM queries"), stored);
  EXPECT_EQ(count(*store, "SELECT newest_ms FROM pull_watermarks WHERE workgroup = 'primary'"),
            std::llround((now - 600) * 1000));

  // --since an older date reaches further back; nothing stored is fetched again.
  PullJobOptions o = pull_options_at();
  o.window.since = format_time_ms(static_cast<int64_t>(now * 1000) - 10 * kDayMs).substr(0, 10);
  PullSummary since = run_pull(config, o, *store);
  EXPECT_EQ(since.exit_code(), 0) << all_warnings(since);
  EXPECT_EQ(since.workgroups[0].window.reason, "--since " + o.window.since);
  EXPECT_GE(count(*store, "SELECT count(*) FROM raw_executions"), 240);
  EXPECT_EQ(fake.stat("batch_ids"), count(*store, "SELECT count(*) FROM raw_executions"));
}

TEST(PullJob, AnUnusableRecordIsReportedOnceAndTheOthersAreStored) {
  ScopedAwsEnv env;
  TempDir dir;
  const double t = now_seconds() - 60;
  FakeAws fake(pull_fake_args(
      {"--history", write_history(dir, {execution_json("ok-1", "SELECT 1", "SUCCEEDED", t),
                                        execution_json("empty-1", "", "SUCCEEDED", t + 1),
                                        execution_json("ok-2", "SELECT 2", "FAILED", t + 2)})
                        .string()}));
  ASSERT_TRUE(fake.ok());
  auto store = open_pull_store(dir);
  const auto config = parse_config(pull_config_json(fake.url()));
  PullSummary s = run_pull(config, pull_options_at(), *store);
  EXPECT_EQ(s.exit_code(), 1);
  EXPECT_EQ(s.bad_records, 1u);
  EXPECT_EQ(all_warnings(s), "raw execution empty-1: Query: empty query text; not analyzed\n");
  EXPECT_EQ(count(*store, "SELECT count(*) FROM raw_executions"), 3);
  EXPECT_EQ(count(*store, "SELECT count(*) FROM queries"), 2);
  EXPECT_EQ(count(*store, "SELECT count(*) FROM raw_pending"), 0);
  // Kept raw, not fetched again, not reported again.
  PullSummary again = run_pull(config, pull_options_at(), *store);
  EXPECT_EQ(again.exit_code(), 0) << all_warnings(again);
  EXPECT_EQ(again.fetched, 0u);
}

TEST(PullJob, WindowRules) {
  config::WorkflowConfig c;
  const int64_t now = 1'800'000'000'000;
  EXPECT_EQ(pull_window(c, {}, std::nullopt, std::nullopt, now).cutoff_ms, now - kDayMs);
  c.query_log_duration = 0;
  PullWindow all = pull_window(c, {}, std::nullopt, std::nullopt, now);
  EXPECT_EQ(all.cutoff_ms, now - 45 * kDayMs);
  EXPECT_EQ(all.reason, "all of Athena's history");
  store::PullWatermark mark{now - 3 * kDayMs, now - kDayMs};
  EXPECT_EQ(pull_window(c, {}, mark, std::nullopt, now).cutoff_ms,
            now - 3 * kDayMs - kWatermarkOverlapMs);
  EXPECT_EQ(pull_window(c, {}, mark, now - 4 * kDayMs, now).cutoff_ms,
            now - 4 * kDayMs - kWatermarkOverlapMs);
  EXPECT_EQ(pull_window(c, {"", 2}, mark, std::nullopt, now).cutoff_ms, now - 2 * kDayMs);
  PullWindow old =
      pull_window(c, {}, store::PullWatermark{now - 90 * kDayMs, 0}, std::nullopt, now);
  EXPECT_EQ(old.cutoff_ms, now - 45 * kDayMs);
  EXPECT_EQ(old.reason, "after the last complete pull, limited to Athena's 45 days");
  EXPECT_EQ(pull_window(c, {"2027-01-15", std::nullopt}, mark, std::nullopt, now).cutoff_ms,
            *parse_date_ms("2027-01-15"));
  EXPECT_EQ(parse_date_ms("1970-01-02"), kDayMs);
  EXPECT_EQ(parse_date_ms("2024-02-30"), std::nullopt);
  EXPECT_EQ(parse_date_ms("2024-2-03"), std::nullopt);
  EXPECT_EQ(format_time_ms(*parse_date_ms("2024-02-29") + 3723000), "2024-02-29T01:02:03Z");
  EXPECT_EQ(validate_window({"2024-13-01", std::nullopt}),
            "--since: expected a date YYYY-MM-DD, found '2024-13-01'");
  EXPECT_EQ(validate_window({"", 46}),
            "--days: must be between 1 and 45 (Athena keeps 45 days of history), found 46");
}

} // namespace
} // namespace athena::pull
