// gather_report() on the hand-made database of report_test_db.h: exact values.
#include <gtest/gtest.h>

#include "src/report/report_data.h"
#include "src/report/report_render.h"
#include "src/store/sqlite_db.h"
#include "tests/app/report_test_db.h"
#include "tests/app/store_test_access.h"
#include "tests/support/test_support.h"

namespace athena::report {
namespace {

using namespace test_db;

class ReportData : public ::testing::Test {
protected:
  void SetUp() override {
    store_ = build(dir_.path() / "r.db");
    ASSERT_NE(store_, nullptr);
  }
  report::ReportData gather(ReportOptions options) {
    auto data = gather_report(*store_, options);
    EXPECT_TRUE(data) << data.error();
    return data ? std::move(*data) : report::ReportData{};
  }

  athena::testing::TempDir dir_;
  std::unique_ptr<store::Store> store_;
};

std::vector<std::string> names(const std::vector<store::TableUsage>& tables) {
  std::vector<std::string> out;
  for (const auto& t : tables)
    out.push_back(t.name);
  return out;
}

TEST_F(ReportData, QueryCountsAndCoverage) {
  const auto d = gather({});
  EXPECT_EQ(d.queries.total, 10);
  EXPECT_EQ(d.queries.analyzed, 9);
  EXPECT_EQ(d.queries.parse_failed, 1);
  EXPECT_EQ(d.queries.by_state,
            (std::map<std::string, int64_t>{{"CANCELLED", 1}, {"FAILED", 2}, {"SUCCEEDED", 7}}));
  // SUCCEEDED data statements q1 q2 q3 q4 q9, plus q10 that did not parse; q3 and q10 are
  // incomplete; the DDL q8 does not count.
  EXPECT_EQ(d.coverage.statements, 6);
  EXPECT_EQ(d.coverage.complete, 4);
  EXPECT_EQ(d.coverage.parse_failed, 1);
  EXPECT_DOUBLE_EQ(d.coverage.share, 4.0 / 6.0);
}

TEST_F(ReportData, TopTablesByEachMeasure) {
  const auto d = gather({});
  EXPECT_EQ(names(d.tables_by_queries),
            (std::vector<std::string>{kDaily, kOrders, kSummary, kCustomers}));
  const auto& orders = d.tables_by_queries[1];
  EXPECT_EQ(orders.queries, 3); // q1, q2, q4 (written)
  EXPECT_EQ(orders.users, 3);
  EXPECT_DOUBLE_EQ(orders.bytes_scanned, static_cast<double>(kTb)); // half of q1, all of q2
  EXPECT_DOUBLE_EQ(orders.cost_usd, 5.0);
  EXPECT_EQ(orders.failures, 2); // q5, q7
  EXPECT_EQ(orders.first_seen, "2025-01-15");
  EXPECT_EQ(orders.last_seen, "2025-01-17");
  EXPECT_EQ(names(d.tables_by_users),
            (std::vector<std::string>{kOrders, kDaily, kSummary, kCustomers}));
  EXPECT_EQ(names(d.tables_by_bytes),
            (std::vector<std::string>{kOrders, kCustomers, kDaily, kSummary}));
  EXPECT_EQ(names(d.tables_by_cost),
            (std::vector<std::string>{kOrders, kCustomers, kDaily, kSummary}));
  EXPECT_DOUBLE_EQ(d.tables_by_cost[2].cost_usd, 1.875); // q3 1.25 + q9 0.625

  ReportOptions top2;
  top2.top = 2;
  EXPECT_EQ(names(gather(top2).tables_by_queries), (std::vector<std::string>{kDaily, kOrders}));
}

TEST_F(ReportData, DailyTrendAndWindow) {
  const auto d = gather({});
  ASSERT_EQ(d.daily.size(), 3u);
  EXPECT_EQ(d.daily[2].day, "2025-01-17");
  EXPECT_EQ(d.daily[2].queries, 5);
  EXPECT_EQ(d.daily[2].usage_queries, 1);
  EXPECT_EQ(d.daily[2].succeeded, 3);
  EXPECT_EQ(d.daily[2].failed, 1);
  EXPECT_EQ(d.daily[2].cancelled, 1);
  EXPECT_EQ(d.daily[2].bytes_scanned, kTb / 8);

  ReportOptions window;
  window.window = {"2025-01-16", "2025-01-16"};
  const auto w = gather(window);
  ASSERT_EQ(w.daily.size(), 1u);
  EXPECT_EQ(w.queries.total, 3);
  EXPECT_EQ(names(w.tables_by_queries), (std::vector<std::string>{kSummary, kDaily, kOrders}));
  // Read on the 16th: daily (q3), summary (q4); orders only failed there.
  EXPECT_EQ(w.unused_tables, (std::vector<std::string>{kUnused, kCustomers, kOrders}));
  EXPECT_TRUE(w.joins.empty());
  EXPECT_EQ(w.coverage.statements, 2);
  EXPECT_EQ(w.coverage.complete, 1);
}

TEST_F(ReportData, JoinsWithTheirKeys) {
  const auto d = gather({});
  ASSERT_EQ(d.joins.size(), 1u);
  EXPECT_EQ(d.joins[0].left, kCustomers);
  EXPECT_EQ(d.joins[0].right, kOrders);
  EXPECT_EQ(d.joins[0].count, 1);
  EXPECT_EQ(d.joins[0].columns,
            (std::vector<std::pair<std::string, int64_t>>{{"id=customer_id", 1}}));
}

TEST_F(ReportData, UnusedTablesFromTheDatabaseOrTheSchema) {
  const auto d = gather({});
  EXPECT_FALSE(d.unused_from_schema);
  EXPECT_EQ(d.unused_tables, (std::vector<std::string>{kUnused}));

  ReportOptions schema;
  schema.schema_tables = {kOrders, "awsdatacatalog.raw.never_queried", kUnused};
  const auto s = gather(schema);
  EXPECT_TRUE(s.unused_from_schema);
  EXPECT_EQ(s.unused_tables,
            (std::vector<std::string>{"awsdatacatalog.raw.never_queried", kUnused}));
}

TEST_F(ReportData, ExpensiveShapesAndFailures) {
  const auto d = gather({});
  std::vector<std::string> order;
  for (const auto& s : d.expensive_shapes)
    order.push_back(s.fingerprint);
  // By cost, then bytes, then fingerprint (q3 and q4 cost the same).
  EXPECT_EQ(order,
            (std::vector<std::string>{"0000000000000001", "0000000000000002", "0000000000000003",
                                      "0000000000000004", "0000000000000007", "0000000000000005",
                                      "0000000000000008", "0000000000000006"}));
  const auto& first = d.expensive_shapes[0];
  EXPECT_EQ(first.queries, 2); // q1 and the cancelled q7
  EXPECT_EQ(first.succeeded, 1);
  EXPECT_EQ(first.failures, 1);
  EXPECT_EQ(first.bytes_scanned, kTb);
  EXPECT_DOUBLE_EQ(first.cost_usd, 5.0);
  EXPECT_EQ(first.example_query_id, "q1");
  EXPECT_EQ(first.text, "SELECT * FROM orders o JOIN customers c ON c.id = o.cid");
  EXPECT_DOUBLE_EQ(d.expensive_shapes[5].cost_usd, 0.04883); // 10 GiB, rounded

  ASSERT_EQ(d.failures.size(), 2u);
  EXPECT_EQ(d.failures[0].error, "TABLE_NOT_FOUND: Table awsdatacatalog.sales.x does not exist");
  EXPECT_EQ(d.failures[0].count, 2);
  EXPECT_EQ(d.failures[0].failed, 2);
  EXPECT_EQ(d.failures[0].cancelled, 0);
  EXPECT_EQ(d.failures[0].example_query_id, "q5");
  EXPECT_EQ(d.failures[0].first_seen, "2025-01-16");
  EXPECT_EQ(d.failures[0].last_seen, "2025-01-17");
  EXPECT_EQ(d.failures[1].error, "Query cancelled by user");
  EXPECT_EQ(d.failures[1].cancelled, 1);
}

TEST_F(ReportData, LineageOfTheMostUsedTables) {
  const auto d = gather({});
  std::vector<std::string> edges;
  for (const auto& e : d.lineage)
    edges.push_back(e.source + " -> " + e.target);
  // The DDL edge s3://bucket/export/ -> raw.unused_tbl touches no top table.
  EXPECT_EQ(edges,
            (std::vector<std::string>{kDaily + " -> " + kSummary, kDaily + " -> " + kExport,
                                      kSummary + " -> " + kOrders, kOrders + " -> " + kDaily}));
}

TEST(ReportDay, ValidatesCalendarDays) {
  EXPECT_TRUE(is_valid_day("2025-01-15"));
  EXPECT_TRUE(is_valid_day("2024-02-29"));
  EXPECT_FALSE(is_valid_day("2025-02-29"));
  EXPECT_FALSE(is_valid_day("2025-13-01"));
  EXPECT_FALSE(is_valid_day("2025-1-15"));
  EXPECT_FALSE(is_valid_day("yesterday"));
  EXPECT_FALSE(is_valid_day(""));
}

} // namespace
} // namespace athena::report

namespace athena::report {
namespace {

/// "Unused" lists only tables known to exist, and a table read through its columns (a MERGE
/// target) is used.
TEST(ReportDataUnused, OnlyTablesKnownToExistThatNothingRead) {
  using model::QueryState;
  athena::testing::TempDir dir;
  auto store =
      store::testing::opened_store(store::Store::open(dir.path() / "u.db", store::StoreOptions{}));
  ASSERT_NE(store, nullptr);
  const std::string src = "awsdatacatalog.raw.src", target = "awsdatacatalog.marts.target",
                    sink = "awsdatacatalog.marts.sink", typo = "awsdatacatalog.marts.dim_dat";
  const int64_t t = test_db::kDay15;
  std::vector<store::AnalyzedQuery> b;
  b.push_back(test_db::make("s1", QueryState::kSucceeded, t, 0, "a", 1, {src}));
  b.push_back(test_db::make("f1", QueryState::kFailed, t, 0, "a", 2, {typo}));
  b.back().record.error_message = "TABLE_NOT_FOUND: line 1:15: Table 'marts.dim_dat' not found";
  b.push_back(test_db::make("m1", QueryState::kSucceeded, t, 0, "a", 3, {src}, {target}));
  b.back().facts.statement_kinds = {athena::lineage::StatementKind::kMerge};
  b.back().facts.column_reads = {
      {athena::testing::cn(target + ".id"), athena::lineage::Clause::kJoin},
      {athena::testing::cn(src + ".id"), athena::lineage::Clause::kJoin}};
  b.push_back(test_db::make("i1", QueryState::kSucceeded, t, 0, "a", 4, {src}, {sink}));
  store::InsertStats stats;
  ASSERT_TRUE(store::testing::is_ok(store->insert_batch(b, &stats)));
  store::testing::RawDb::of(*store).exec(
      "INSERT INTO metadata_tables VALUES('AwsDataCatalog', 'raw', 'from_catalog', "
      "'EXTERNAL_TABLE', '[]')");
  auto d = gather_report(*store, {});
  ASSERT_TRUE(d) << d.error();
  EXPECT_EQ(d->unused_tables, (std::vector<std::string>{sink, "awsdatacatalog.raw.from_catalog"}));
  EXPECT_EQ(d->unused_sources,
            (std::vector<std::string>{"succeeded statements", "catalog metadata"}));
  const std::string text = render_text(*d);
  EXPECT_NE(text.find("== Unused tables (known from succeeded statements and catalog metadata, "
                      "never read in the window) =="),
            std::string::npos)
      << text;
}

} // namespace
} // namespace athena::report
