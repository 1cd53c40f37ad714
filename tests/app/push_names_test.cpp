// Push by typed names: the store keeps each table's parts (catalog, schema, table) as lineage
// resolved them, so a quoted part containing a dot reaches OpenMetadata as its own entity;
// files stored before get the first-two-dots split push always used. Also the shape texts push
// reads (kept whole) and the per-table cost shares analysis computes.
#include <filesystem>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <simdjson.h>

#include "src/analysis/cost_shares.h"
#include "src/analysis/fingerprint.h"
#include "src/analysis/query_analysis.h"
#include "src/report/report_data.h"
#include "src/store/migrations.h"
#include "src/store/push_reader.h"
#include "src/store/sqlite_db.h"
#include "src/store/store.h"
#include "src/store/table_parts.h"
#include "tests/app/om_truth_check.h"
#include "tests/app/sqlite_rows.h"
#include "tests/app/store_test_access.h"

namespace athena::testing {
namespace {

using simdjson::dom::element;

/// A WHERE clause whose masked text alone is longer than 4 KiB.
std::string long_condition() {
  std::string out = "id > 0";
  for (int i = 0; i < 300; ++i)
    out += " AND amount <> id + " + std::to_string(i);
  return out;
}

std::string history(const std::string& sql) {
  std::string quoted;
  for (char c : sql)
    quoted += c == '"' ? std::string("\\\"") : std::string(1, c);
  return R"({"QueryExecutions": [{"QueryExecutionId": "q-dotted", "Query": ")" + quoted +
         R"(", "StatementType": "DML", "QueryExecutionContext": {"Database": "raw", )"
         R"("Catalog": "AwsDataCatalog"}, "Status": {"State": "SUCCEEDED", )"
         R"("SubmissionDateTime": 1795075200.0, "CompletionDateTime": 1795075210.0}, )"
         R"("Statistics": {"DataScannedInBytes": 1048576}, "WorkGroup": "primary"}]})";
}

TEST(PushTypedNames, DottedSchemaAndTableReachOpenMetadataAsTheirOwnTables) {
  ATHENA_REQUIRE_SHARED(schemas, "schemas/openmetadata");
  (void)schemas;
  FakeOpenMetadata fake({"--jwt", kOmJwt, "--today", "2026-11-20", "--service", "athena_prod",
                         "--table", "sales.eu|orders|id,amount", "--table", "raw|a.b|id,amount",
                         "--table", "sales|eu.orders|id,amount"});
  ATHENA_REQUIRE_FAKE_OM(fake);
  TempDir dir;
  const std::string sql =
      R"(INSERT INTO "sales.eu"."orders" SELECT id, amount FROM raw."a.b" WHERE )" +
      long_condition();
  write_file(dir.path() / "history.json", history(sql));
  const std::string db = (dir.path() / "t.db").string();
  RunResult a = run_shell(lineage_bin() + " analyze --quiet --db " + shell_quote(db) + " " +
                          shell_quote((dir.path() / "history.json").string()));
  ASSERT_LE(a.exit_code, 1) << a.err;
  EXPECT_EQ(sqlite_rows(db, "SELECT name, catalog_name, schema_name, table_name FROM tables "
                            "ORDER BY name"),
            "awsdatacatalog.raw.a.b|awsdatacatalog|raw|a.b\n"
            "awsdatacatalog.sales.eu.orders|awsdatacatalog|sales.eu|orders\n");

  setenv("OM_TEST_JWT", kOmJwt, 1);
  write_file(dir.path() / "workflow.yaml",
             "source:\n  type: athena-usage\n  serviceName: athena_prod\n"
             "  serviceConnection:\n    config:\n      type: Athena\n"
             "      awsConfig:\n        awsRegion: us-east-1\n"
             "workflowConfig:\n  openMetadataServerConfig:\n    hostPort: " +
                 fake.host_port() +
                 "\n    authProvider: openmetadata\n    securityConfig:\n"
                 "      jwtToken: ${OM_TEST_JWT}\n");
  RunResult r = run_shell(lineage_bin() + " push --config " +
                          shell_quote((dir.path() / "workflow.yaml").string()) + " --db " +
                          shell_quote(db) + " --today 2026-11-20");
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;

  simdjson::dom::parser p;
  element state = p.parse(fake.state());
  std::vector<std::string> edges;
  std::string sql_sent;
  for (element e : arr(state, "edges")) {
    edges.push_back(s(e, "from") + " -> " + s(e, "to"));
    sql_sent = s(e["lineageDetails"], "sqlQuery");
  }
  // Not `sales`.`eu.orders`, the table the name's first two dots would give.
  EXPECT_EQ(edges,
            std::vector<std::string>{
                R"(athena_prod.default.raw."a.b" -> athena_prod.default."sales.eu".orders)"});
  // The lineage carries the whole masked text, longer than the 4 KiB the report shows.
  const std::string masked = analysis::fingerprint(sql, analysis::kShapeTextMaxBytes).text;
  EXPECT_GT(masked.size(), 4096u);
  EXPECT_EQ(sql_sent, masked);

  auto store = store::testing::opened_store(store::Store::open(db, store::StoreOptions{}));
  ASSERT_NE(store, nullptr);
  auto report = report::gather_report(*store, report::ReportOptions{});
  ASSERT_TRUE(report) << report.error();
  ASSERT_EQ(report->expensive_shapes.size(), 1u);
  EXPECT_EQ(report->expensive_shapes[0].text, masked.substr(0, 4096));
}

TEST(PushTypedNames, StoredNamesSplitAtTheFirstTwoDots) {
  auto parts = [](std::string_view name) {
    const model::TableName t = store::split_stored_table_name(name);
    return t.catalog + "|" + t.schema + "|" + t.table;
  };
  EXPECT_EQ(parts("awsdatacatalog.sales.my.tbl"), "awsdatacatalog|sales|my.tbl");
  EXPECT_EQ(parts("sales.orders"), "|sales|orders");
  EXPECT_EQ(parts("orders"), "||orders");
  EXPECT_EQ(parts("s3a://bucket/a.b/"), "||s3a://bucket/a.b/");
  EXPECT_EQ(parts("awsdatacatalog.sales.s3://b/t"), "awsdatacatalog|sales|s3://b/t");
}

/// The file `analyze` would have written with version 12: the query stored now, then the
/// parts' columns dropped and the shape text cut at 4 KiB as version 12 kept it.
void make_version12(const std::filesystem::path& path, const std::string& sql) {
  auto store = store::testing::opened_store(store::Store::open(path, store::StoreOptions{}));
  ASSERT_NE(store, nullptr);
  store::AnalyzedQuery q;
  q.record.id = "q1";
  q.record.query = sql;
  q.record.catalog = "awsdatacatalog";
  q.record.state = model::QueryState::kSucceeded;
  q.record.submission_ms = 1795075200000;
  q.facts = analysis::analyze_query(q.record, analysis::AnalysisContext{});
  ASSERT_TRUE(
      store::testing::is_ok(store->insert_batch(std::vector<store::AnalyzedQuery>{q}, nullptr)));
  store::Db& db = store::testing::RawDb::of(*store);
  db.exec("ALTER TABLE tables DROP COLUMN catalog_name; ALTER TABLE tables DROP COLUMN "
          "schema_name; ALTER TABLE tables DROP COLUMN table_name; UPDATE fingerprint_texts SET "
          "text = CAST(substr(CAST(text AS BLOB), 1, 4096) AS TEXT); PRAGMA user_version = 12");
}

TEST(PushTypedNames, OldFilesGetTheFirstTwoDotsSplitAndWholeShapeTexts) {
  TempDir dir;
  const auto path = dir.path() / "old.db";
  const std::string sql = R"(SELECT id FROM "sales.eu".orders WHERE )" + long_condition();
  make_version12(path, sql);
  EXPECT_EQ(sqlite_rows(path, "SELECT length(text) FROM fingerprint_texts"), "4096\n");
  auto store = store::testing::opened_store(store::Store::open(path, store::StoreOptions{}));
  ASSERT_NE(store, nullptr);
  EXPECT_EQ(store->schema_version(), store::latest_schema_version());
  auto tables = store::PushReader(*store).tables();
  ASSERT_TRUE(tables) << tables.error();
  std::vector<std::string> got;
  for (const auto& t : *tables) {
    got.push_back(t.name + "|" + t.parts.catalog + "|" + t.parts.schema + "|" + t.parts.table +
                  "|" + (t.parts.location ? "location" : "table"));
  }
  // What push assumed before the parts were stored (the quoted schema is not recovered).
  EXPECT_EQ(got, (std::vector<std::string>{
                     "awsdatacatalog.sales.eu.orders|awsdatacatalog|sales|eu.orders|table"}));
  // The shape text cut at 4 KiB is whole again (push sends it), the report still shows 4 KiB.
  const std::string masked = analysis::fingerprint(sql, analysis::kShapeTextMaxBytes).text;
  ASSERT_GT(masked.size(), 4096u);
  EXPECT_EQ(sqlite_rows(path, "SELECT text FROM fingerprint_texts"), masked + "\n");
  auto report = report::gather_report(*store, report::ReportOptions{});
  ASSERT_TRUE(report) << report.error();
  ASSERT_EQ(report->expensive_shapes.size(), 1u);
  EXPECT_EQ(report->expensive_shapes[0].text, masked.substr(0, 4096));
}

TEST(CostShares, SplitEvenlyAmongTablesReadWithTheRemainderToTheFirstByName) {
  model::QueryFacts f;
  f.tables_read = {{"c", "s", "b"}, {"c", "s", "a"}, {"c", "s", "c"}};
  f.tables_written = {{"c", "s", "t"}};
  std::vector<std::string> got;
  for (const auto& share : analysis::table_shares(f, 100, 1000000001)) {
    got.push_back(share.table->text() + " r" + std::to_string(share.reads) + " w" +
                  std::to_string(share.writes) + " " + std::to_string(share.bytes) + " " +
                  std::to_string(share.cost_nano));
  }
  EXPECT_EQ(got, (std::vector<std::string>{"c.s.a r1 w0 34 333333335", "c.s.b r1 w0 33 333333333",
                                           "c.s.c r1 w0 33 333333333", "c.s.t r0 w1 0 0"}));
}

TEST(CostShares, AQueryReadingNothingSplitsAmongTheTablesItWrites) {
  model::QueryFacts f;
  f.tables_written = {{"c", "s", "y"}, {"c", "s", "x"}};
  std::vector<std::string> got;
  for (const auto& share : analysis::table_shares(f, 7, 5))
    got.push_back(share.table->text() + " " + std::to_string(share.bytes) + " " +
                  std::to_string(share.cost_nano));
  EXPECT_EQ(got, (std::vector<std::string>{"c.s.x 4 3", "c.s.y 3 2"}));
  EXPECT_TRUE(analysis::table_shares(model::QueryFacts{}, 10, 10).empty());
}

} // namespace
} // namespace athena::testing
