#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "src/store/migrations.h"
#include "src/store/sqlite_db.h"
#include "src/store/store.h"
#include "tests/app/store_test_access.h"
#include "tests/support/test_support.h"

namespace athena::store {
namespace {

using model::QueryState;

constexpr int64_t kTb = int64_t{1} << 40;
constexpr int64_t kDay15 = 1736899200000; // 2025-01-15T00:00:00Z
constexpr int64_t kHour = 3600000;
constexpr int64_t kTenGib = int64_t{10} << 30;

AnalyzedQuery make(std::string id, QueryState state, int64_t submitted, int64_t bytes,
                   std::string user, std::vector<model::TableName> reads,
                   std::vector<model::TableName> writes = {}, bool usage = true) {
  AnalyzedQuery a;
  a.record.id = id;
  a.record.query = "-- " + id;
  a.record.state = state;
  a.record.submission_ms = submitted;
  a.record.data_scanned_bytes = bytes;
  a.record.user = std::move(user);
  a.facts.query_id = id;
  using athena::lineage::StatementKind;
  a.facts.statement_kinds = {
      usage ? (writes.empty() ? StatementKind::kSelect : StatementKind::kInsert)
            : StatementKind::kUtility};
  a.facts.parsed = true;
  a.facts.is_usage = usage;
  a.facts.tables_read = std::move(reads);
  a.facts.tables_written = std::move(writes);
  a.facts.fingerprint = usage ? 1 : 2;
  a.facts.fingerprint_text = usage ? "SELECT ?" : "SHOW";
  return a;
}

/// Rows of a query as "v1|v2|..." strings (SQLite's own text conversion).
std::vector<std::string> rows(Store& store, const std::string& sql) {
  return testing::text_rows(testing::RawDb::of(store), sql);
}

class StoreAggregates : public ::testing::Test {
protected:
  void SetUp() override {
    store_ = testing::opened_store(Store::open(dir_.path() / "a.db", StoreOptions{}));
    ASSERT_NE(store_, nullptr);
    const model::TableName a{"awsdatacatalog", "sales", "a"}, b{"awsdatacatalog", "sales", "b"},
        c{"awsdatacatalog", "mart", "c"}, d{"awsdatacatalog", "mart", "d"};
    std::vector<AnalyzedQuery> batch;
    // 2025-01-15
    batch.push_back(make("q1", QueryState::kSucceeded, kDay15 + 1 * kHour, kTb, "alice", {a, b}));
    batch.back().facts.joins.push_back({a, b, "inner", {"id=id"}});
    batch.back().facts.column_reads = {
        {model::ColumnName{a, "id"}, athena::lineage::Clause::kJoin},
        {model::ColumnName{a, "x"}, athena::lineage::Clause::kSelect},
        {model::ColumnName{b, "id"}, athena::lineage::Clause::kJoin}};
    batch.push_back(
        make("q2", QueryState::kSucceeded, kDay15 + 2 * kHour, kTb / 2, "bob", {a}, {c}));
    batch.back().facts.table_edges = {{a, c}};
    batch.back().facts.column_edges = {{model::ColumnName{a, "x"}, model::ColumnName{c, "x"},
                                        athena::lineage::Transform::kIdentity, false}};
    batch.push_back(make("q3", QueryState::kFailed, kDay15 + 3 * kHour, 100, "alice", {a}, {c}));
    batch.back().facts.table_edges = {{a, c}}; // a failed query makes no edge
    batch.push_back(make("q4", QueryState::kSucceeded, kDay15 + 4 * kHour, 0, "alice", {}, {},
                         false)); // SHOW TABLES: utility, not usage
    batch.push_back(
        make("q5", QueryState::kSucceeded, kDay15 + 5 * kHour, kTenGib, "carol", {}, {d}));
    batch.push_back(make("q6", QueryState::kSucceeded, kDay15 + 6 * kHour, 0, "alice", {a}));
    batch.back().facts.joins.push_back({a, a, "inner", {"id=parent_id"}}); // self-join
    batch.push_back(
        make("q7", QueryState::kSucceeded, kDay15 + 23 * kHour + kHour / 2, 0, "", {a}, {c}));
    batch.back().facts.table_edges = {{a, c}};
    // 2025-01-16
    batch.push_back(make("q8", QueryState::kCancelled, kDay15 + 25 * kHour, kTb, "bob", {b}));
    batch.push_back(make("q9", QueryState::kRunning, kDay15 + 26 * kHour, 0, "bob", {b}));
    InsertStats stats;
    ASSERT_TRUE(testing::is_ok(store_->insert_batch(batch, &stats)));
    EXPECT_EQ(stats.inserted, 9u);
    EXPECT_EQ(store_->dirty_count(), 0); // the batch added its own sums
    ASSERT_TRUE(testing::is_ok(store_->refresh_aggregates()));
    EXPECT_EQ(store_->dirty_count(), 0);
  }

  athena::testing::TempDir dir_;
  std::unique_ptr<Store> store_;
};

TEST_F(StoreAggregates, TableUsagePerDayFollowsTheReadmeSemantics) {
  // table | day | queries | users | bytes | cost | failures
  std::vector<std::string> expected = {
      // a: q1 (half of 1 TB), q2 (all of 0.5 TB), q6, q7; q3 failed; q4 is utility.
      "awsdatacatalog.mart.c|2025-01-15|2|1|0.0|0.0|1",
      "awsdatacatalog.mart.d|2025-01-15|1|1|10737418240.0|0.04883|0",
      "awsdatacatalog.sales.a|2025-01-15|4|2|1099511627776.0|5.0|1",
      "awsdatacatalog.sales.b|2025-01-15|1|1|549755813888.0|2.5|0",
      "awsdatacatalog.sales.b|2025-01-16|0|0|0.0|0.0|1",
  };
  EXPECT_EQ(rows(*store_, "SELECT t.name, u.day, u.queries, u.users, u.bytes_scanned, u.cost_usd, "
                          "u.failures FROM table_usage_daily u JOIN tables t ON t.id = u.table_id "
                          "ORDER BY t.name, u.day"),
            expected);
}

TEST_F(StoreAggregates, CostIsRoundedPerQueryToTheCentsThousandth) {
  EXPECT_DOUBLE_EQ(scan_cost_usd(kTb, 5.0), 5.0);
  EXPECT_DOUBLE_EQ(scan_cost_usd(kTenGib, 5.0), 0.04883); // 0.048828125
  EXPECT_DOUBLE_EQ(scan_cost_usd(3000, 5.0), 0.0);
  EXPECT_DOUBLE_EQ(scan_cost_usd(kTb / 3, 6.0), 2.0);
  EXPECT_EQ(
      rows(*store_, "SELECT id, cost_usd FROM queries WHERE id IN ('q1','q2','q5') ORDER BY id"),
      (std::vector<std::string>{"q1|5.0", "q2|2.5", "q5|0.04883"}));
}

TEST_F(StoreAggregates, DailyTotalsCountStatesApart) {
  // day | queries | usage | succeeded | failed | cancelled | users | bytes | cost
  EXPECT_EQ(rows(*store_, "SELECT * FROM usage_daily ORDER BY day"),
            (std::vector<std::string>{"2025-01-15|7|5|6|1|0|3|1660004859904|7.54883",
                                      "2025-01-16|2|0|0|0|1|0|0|0.0"}));
}

TEST_F(StoreAggregates, EdgesComeFromSucceededQueriesOnly) {
  EXPECT_EQ(rows(*store_, "SELECT s.name, t.name, e.queries, e.first_seen_ms, e.last_seen_ms, "
                          "e.last_query_id FROM table_edges e JOIN tables s ON s.id = e.source_id "
                          "JOIN tables t ON t.id = e.target_id"),
            (std::vector<std::string>{"awsdatacatalog.sales.a|awsdatacatalog.mart.c|2|" +
                                      std::to_string(kDay15 + 2 * kHour) + "|" +
                                      std::to_string(kDay15 + 23 * kHour + kHour / 2) + "|q7"}));
  auto up = store_->table_edges("awsdatacatalog.mart.c", EdgeDirection::kUpstream);
  ASSERT_TRUE(up) << up.error();
  ASSERT_EQ(up->size(), 1u);
  EXPECT_EQ((*up)[0].source, "awsdatacatalog.sales.a");
  EXPECT_EQ((*up)[0].queries, 2);
  auto down = store_->table_edges("awsdatacatalog.mart.c", EdgeDirection::kDownstream);
  ASSERT_TRUE(down);
  EXPECT_TRUE(down->empty());
  auto cols = store_->column_edges("awsdatacatalog.mart.c.x", EdgeDirection::kUpstream);
  ASSERT_TRUE(cols) << cols.error();
  ASSERT_EQ(cols->size(), 1u);
  EXPECT_EQ((*cols)[0].source, "awsdatacatalog.sales.a.x");
  EXPECT_EQ((*cols)[0].transform, "identity");
  EXPECT_EQ((*cols)[0].last_query_id, "q2");
}

TEST_F(StoreAggregates, JoinsColumnReadsAndFingerprints) {
  EXPECT_EQ(
      rows(*store_, "SELECT l.name, r.name, j.day, j.queries FROM joins_daily j "
                    "JOIN tables l ON l.id = j.left_id JOIN tables r ON r.id = j.right_id "
                    "ORDER BY 1, 2"),
      (std::vector<std::string>{"awsdatacatalog.sales.a|awsdatacatalog.sales.a|2025-01-15|1",
                                "awsdatacatalog.sales.a|awsdatacatalog.sales.b|2025-01-15|1"}));
  EXPECT_EQ(rows(*store_, "SELECT c.name, r.day, r.clause, r.reads FROM column_reads_daily r "
                          "JOIN columns c ON c.id = r.column_id ORDER BY 1, 3"),
            (std::vector<std::string>{"awsdatacatalog.sales.a.id|2025-01-15|join|1",
                                      "awsdatacatalog.sales.a.x|2025-01-15|select|1",
                                      "awsdatacatalog.sales.b.id|2025-01-15|join|1"}));
  // fingerprint | day | queries | succeeded | failures | bytes | cost | example
  EXPECT_EQ(rows(*store_, "SELECT * FROM fingerprints_daily ORDER BY 1, 2"),
            (std::vector<std::string>{"1|2025-01-15|6|5|1|1660004860004|7.54883|q1",
                                      "1|2025-01-16|2|0|1|1099511627776|5.0|q8",
                                      "2|2025-01-15|1|1|0|0|0.0|q4"}));
}

TEST_F(StoreAggregates, QueryApiForReports) {
  auto top = store_->top_tables({}, TableOrder::kQueries, 2);
  ASSERT_TRUE(top) << top.error();
  ASSERT_EQ(top->size(), 2u);
  EXPECT_EQ((*top)[0].name, "awsdatacatalog.sales.a");
  EXPECT_EQ((*top)[0].queries, 4);
  EXPECT_EQ((*top)[0].users, 2);
  EXPECT_DOUBLE_EQ((*top)[0].cost_usd, 5.0);
  EXPECT_EQ((*top)[0].failures, 1);
  EXPECT_EQ((*top)[0].first_seen, "2025-01-15");
  EXPECT_EQ((*top)[1].name, "awsdatacatalog.mart.c");
  auto by_bytes = store_->top_tables({"2025-01-16", ""}, TableOrder::kFailures, 10);
  ASSERT_TRUE(by_bytes);
  ASSERT_EQ(by_bytes->size(), 1u);
  EXPECT_EQ((*by_bytes)[0].name, "awsdatacatalog.sales.b");
  EXPECT_EQ((*by_bytes)[0].failures, 1);

  auto trend = store_->daily_trend({"2025-01-15", "2025-01-15"});
  ASSERT_TRUE(trend);
  ASSERT_EQ(trend->size(), 1u);
  EXPECT_EQ((*trend)[0].usage_queries, 5);
  EXPECT_EQ((*trend)[0].users, 3);

  auto joins = store_->top_joins({}, 10);
  ASSERT_TRUE(joins) << joins.error();
  ASSERT_EQ(joins->size(), 2u);
  EXPECT_EQ((*joins)[0].left, "awsdatacatalog.sales.a");
  EXPECT_EQ((*joins)[0].right, "awsdatacatalog.sales.a");
  ASSERT_EQ((*joins)[0].columns.size(), 1u);
  EXPECT_EQ((*joins)[0].columns[0].first, "id=parent_id");
  EXPECT_EQ((*joins)[0].columns[0].second, 1);

  auto counts = store_->query_counts({});
  ASSERT_TRUE(counts);
  EXPECT_EQ(counts->total, 9);
  EXPECT_EQ(counts->analyzed, 9);
  EXPECT_EQ(counts->parse_failed, 0);
  EXPECT_EQ(counts->by_state,
            (std::map<std::string, int64_t>{
                {"CANCELLED", 1}, {"FAILED", 1}, {"RUNNING", 1}, {"SUCCEEDED", 6}}));
}

TEST_F(StoreAggregates, RunningQueryIsReplacedWhenItFinishesButFinalOnesNeverChange) {
  const model::TableName b{"awsdatacatalog", "sales", "b"};
  std::vector<AnalyzedQuery> again = {
      make("q9", QueryState::kSucceeded, kDay15 + 26 * kHour, kTb, "bob", {b}),
      make("q1", QueryState::kFailed, kDay15, 0, "mallory", {b}),
  };
  InsertStats stats;
  ASSERT_TRUE(testing::is_ok(store_->insert_batch(again, &stats)));
  EXPECT_EQ(stats.replaced, 1u);
  EXPECT_EQ(stats.unchanged, 1u);
  ASSERT_TRUE(testing::is_ok(store_->refresh_aggregates()));
  EXPECT_EQ(rows(*store_, "SELECT u.day, u.queries, u.users, u.failures FROM table_usage_daily u "
                          "JOIN tables t ON t.id = u.table_id WHERE t.name = '" +
                              b.text() + "' ORDER BY u.day"),
            (std::vector<std::string>{"2025-01-15|1|1|0", "2025-01-16|1|1|1"}));
  EXPECT_TRUE(store_->has_final_query("q9"));
  EXPECT_EQ(rows(*store_, "SELECT state, user FROM queries WHERE id = 'q1'"),
            (std::vector<std::string>{"SUCCEEDED|alice"}));
}

TEST(StoreOptionsTest, TimezoneMovesTheDayAndPriceChangesTheCost) {
  athena::testing::TempDir dir;
  StoreOptions opts;
  opts.utc_offset_minutes = 60;
  opts.price_per_tb_usd = 6.25;
  auto store = testing::opened_store(Store::open(dir.path() / "tz.db", opts));
  ASSERT_NE(store, nullptr);
  std::vector<AnalyzedQuery> batch = {make("late", QueryState::kSucceeded,
                                           kDay15 + 23 * kHour + kHour / 2, kTb, "u",
                                           {model::TableName{"x", "y", "z"}})};
  ASSERT_TRUE(testing::is_ok(store->insert_batch(batch, nullptr)));
  ASSERT_TRUE(testing::is_ok(store->refresh_aggregates()));
  EXPECT_EQ(rows(*store, "SELECT day, cost_usd FROM queries"),
            (std::vector<std::string>{"2025-01-16|6.25"}));
}

TEST(StoreRaw, RawExecutionsAreStoredAndReplacedById) {
  athena::testing::TempDir dir;
  auto store = testing::opened_store(Store::open(dir.path() / "raw.db", StoreOptions{}));
  ASSERT_NE(store, nullptr);
  std::vector<RawExecution> raws = {{"a", "primary", 1000, "RUNNING", "{\"x\": 1}"},
                                    {"b", "etl", std::nullopt, "SUCCEEDED", "{}"}};
  {
    const util::Status put = store->put_raw_executions(raws);
    ASSERT_TRUE(put) << put.error();
  }
  raws = {{"a", "primary", 1000, "SUCCEEDED", "{\"x\": 2}"}};
  {
    const util::Status put = store->put_raw_executions(raws);
    ASSERT_TRUE(put) << put.error();
  }
  EXPECT_EQ(
      rows(*store, "SELECT id, workgroup, submitted_ms, state FROM raw_executions ORDER BY id"),
      (std::vector<std::string>{"a|primary|1000|SUCCEEDED", "b|etl|NULL|SUCCEEDED"}));
  EXPECT_EQ((*store->raw_execution("a"))->json, "{\"x\": 2}");
  EXPECT_EQ((*store->raw_execution("b"))->json, "{}");
  EXPECT_FALSE(store->raw_execution("c")->has_value());
}

TEST(StoreSchema, FreshDatabaseIsMigratedToTheLatestVersionInWalMode) {
  athena::testing::TempDir dir;
  auto store = testing::opened_store(Store::open(dir.path() / "s.db", StoreOptions{}));
  ASSERT_NE(store, nullptr);
  EXPECT_EQ(store->schema_version(), latest_schema_version());
  EXPECT_EQ(rows(*store, "PRAGMA journal_mode"), (std::vector<std::string>{"wal"}));
  store.reset();
  // Reopening does not migrate again.
  store = testing::opened_store(Store::open(dir.path() / "s.db", StoreOptions{}));
  ASSERT_NE(store, nullptr);
  EXPECT_EQ(store->schema_version(), latest_schema_version());
}

TEST(StoreSchema, NewerSchemaIsRefused) {
  athena::testing::TempDir dir;
  {
    Db db((dir.path() / "n.db").string());
    db.exec("PRAGMA user_version = 99");
  }
  auto store = Store::open(dir.path() / "n.db", StoreOptions{});
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.error(), (dir.path() / "n.db").string() +
                               ": schema version 99 is newer than this athena-lineage knows (" +
                               std::to_string(latest_schema_version()) + "); use a newer release");
}

TEST(StoreSchema, UnwritablePathIsAnError) {
  auto store = Store::open("/nonexistent/dir/x.db", StoreOptions{});
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.error(),
            "cannot open database /nonexistent/dir/x.db: unable to open database file");
}

} // namespace
} // namespace athena::store
