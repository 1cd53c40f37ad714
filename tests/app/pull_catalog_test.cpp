// The pull job's catalog metadata (ListDataCatalogs / ListDatabases / ListTableMetadata, the
// one-day cache, star expansion) and the config's entity filters.
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "src/pull/fact_filter.h"
#include "src/pull/pull_job.h"
#include "tests/app/aws_pull_fixture.h"

namespace athena::pull {
namespace {

using namespace athena::testing; // the pull fixtures (aws_pull_fixture.h)

/// Known columns of a table (an unknown schema's `SELECT *` stores `TABLE.*` instead).
int64_t columns_of(store::Store& s, const std::string& table) {
  return count(s, "SELECT count(*) FROM columns WHERE name LIKE '" + table + ".%' AND name <> '" +
                      table + ".*'");
}

int64_t star_of(store::Store& s, const std::string& table) {
  return count(s, "SELECT count(*) FROM columns WHERE name = '" + table + ".*'");
}

TEST(PullCatalog, MetadataExpandsStarsAndIsCachedForADay) {
  ScopedAwsEnv env;
  TempDir dir;
  const double t = now_seconds() - 600;
  FakeAws fake(pull_fake_args(
      {"--lambda-catalog", "lambdacat", "--history",
       write_history(
           dir,
           {execution_json("m-1", "SELECT * FROM sales.sales_t0", "SUCCEEDED", t),
            execution_json("m-2", "SELECT * FROM web_t1", "SUCCEEDED", t + 1, "primary", "web"),
            execution_json("m-3", "SELECT * FROM lambdacat.sales.sales_t2", "SUCCEEDED", t + 2)})
           .string()}));
  ASSERT_TRUE(fake.ok());
  auto store = open_pull_store(dir);
  const auto config = parse_config(pull_config_json(fake.url()));
  const int64_t now = static_cast<int64_t>(now_seconds() * 1000);
  PullSummary s = run_pull(config, pull_options_at(now), *store);
  EXPECT_EQ(s.exit_code(), 0) << all_warnings(s);
  EXPECT_EQ(s.warnings.size(), 0u) << all_warnings(s);
  // AwsDataCatalog.sales and .web from Glue, lambdacat.sales from ListTableMetadata;
  // nothing for aliases or unknown names. 3 tables, 2 per page.
  EXPECT_EQ(fake_requests(fake, "glue:GetTables"), 2 * 2);
  EXPECT_EQ(fake_requests(fake, "ListTableMetadata"), 2);
  EXPECT_EQ(s.metadata.databases_fetched, 3u);
  EXPECT_EQ(s.metadata.tables_fetched, 9u);
  EXPECT_EQ(s.schemas_known, 6u); // the LAMBDA catalog's tables came without columns
  EXPECT_EQ(count(*store, "SELECT count(*) FROM metadata_tables"), 9);
  EXPECT_EQ(count(*store, "SELECT count(*) FROM metadata_databases WHERE catalog = 'lambdacat' "
                          "AND error = '3 table(s) listed without columns'"),
            1);
  // SELECT * expanded from the metadata: columns, then partition keys.
  EXPECT_EQ(columns_of(*store, "awsdatacatalog.sales.sales_t0"), 3);
  EXPECT_EQ(columns_of(*store, "awsdatacatalog.web.web_t1"), 3);
  EXPECT_EQ(count(*store, "SELECT count(*) FROM columns WHERE name = "
                          "'awsdatacatalog.sales.sales_t0.dt'"),
            1);
  EXPECT_EQ(columns_of(*store, "lambdacat.sales.sales_t2"), 0);
  EXPECT_EQ(star_of(*store, "lambdacat.sales.sales_t2"), 1);
  EXPECT_EQ(star_of(*store, "awsdatacatalog.sales.sales_t0"), 0);
  EXPECT_EQ(count(*store, "SELECT count(*) FROM queries WHERE lineage_complete = 1"), 2);

  // An hour later: served from the cache.
  fake_add(fake, {execution_json("m-4", "SELECT * FROM sales.sales_t1", "SUCCEEDED", t + 10)});
  PullSummary hour = run_pull(config, pull_options_at(now + 3'600'000), *store);
  EXPECT_EQ(hour.exit_code(), 0) << all_warnings(hour);
  EXPECT_EQ(hour.fetched, 1u);
  EXPECT_EQ(hour.metadata.databases_fetched, 0u);
  EXPECT_EQ(hour.metadata.databases_cached, 1u);
  EXPECT_EQ(fake_requests(fake, "glue:GetTables"), 2 * 2);
  EXPECT_EQ(fake_requests(fake, "ListTableMetadata"), 2);
  EXPECT_EQ(columns_of(*store, "awsdatacatalog.sales.sales_t1"), 3);

  // A day later: fetched again.
  fake_add(fake, {execution_json("m-5", "SELECT * FROM sales.sales_t2", "SUCCEEDED", t + 20)});
  PullSummary day = run_pull(config, pull_options_at(now + kDayMs + 1000), *store);
  EXPECT_EQ(day.exit_code(), 0) << all_warnings(day);
  EXPECT_EQ(day.metadata.databases_fetched, 1u);
  EXPECT_EQ(fake_requests(fake, "glue:GetTables"), 3 * 2);
  EXPECT_EQ(fake_requests(fake, "ListTableMetadata"), 2);
  EXPECT_EQ(count(*store, "SELECT count(*) FROM metadata_databases WHERE database = 'sales' AND "
                          "catalog = 'AwsDataCatalog' AND tables_fetched_ms = " +
                              std::to_string(now + kDayMs + 1000)),
            1);
}

/// A fake serving one `SELECT * FROM sales.sales_t0` and denying the catalog metadata.
FakeAws star_query_without_metadata(const TempDir& dir) {
  return FakeAws(
      pull_fake_args({"--deny", "ListTableMetadata", "--deny", "ListDataCatalogs", "--deny",
                      "glue:GetTables", "--history",
                      write_history(dir, {execution_json("d-1", "SELECT * FROM sales.sales_t0",
                                                         "SUCCEEDED", now_seconds() - 60)})
                          .string()}));
}

TEST(PullCatalog, DeniedMetadataIsAWarningAndAnalysisGoesOn) {
  ScopedAwsEnv env;
  TempDir dir;
  FakeAws fake = star_query_without_metadata(dir);
  ASSERT_TRUE(fake.ok());
  auto store = open_pull_store(dir);
  PullSummary s = run_pull(parse_config(pull_config_json(fake.url())), pull_options_at(0), *store);
  EXPECT_EQ(s.exit_code(), 0) << all_warnings(s);
  const std::string warnings = all_warnings(s);
  EXPECT_NE(warnings.find("permission athena:ListDataCatalogs is missing"), std::string::npos)
      << warnings;
  EXPECT_NE(warnings.find("permission glue:GetTables is missing (AccessDeniedException); using "
                          "athena:ListDatabases and athena:ListTableMetadata"),
            std::string::npos)
      << warnings;
  EXPECT_NE(warnings.find("ListTableMetadata on AwsDataCatalog.sales failed: permission "
                          "athena:ListTableMetadata is missing"),
            std::string::npos)
      << warnings;
  EXPECT_EQ(count(*store, "SELECT count(*) FROM queries"), 1);
  EXPECT_EQ(columns_of(*store, "awsdatacatalog.sales.sales_t0"), 0);
  EXPECT_EQ(star_of(*store, "awsdatacatalog.sales.sales_t0"), 1);
}

// Schemas known before the pull (--schema, athenaLineage.schemaFiles) expand stars when the
// catalog metadata cannot be had.
TEST(PullCatalog, GivenSchemasExpandStarsWithoutMetadata) {
  ScopedAwsEnv env;
  TempDir dir;
  FakeAws fake = star_query_without_metadata(dir);
  ASSERT_TRUE(fake.ok());
  auto store = open_pull_store(dir);
  lineage::SchemaCatalog schemas;
  lineage::TableSchema t;
  t.name = {"awsdatacatalog", "sales", "sales_t0"};
  t.columns = {{"id", "bigint"}, {"amount", "double"}};
  schemas.put(t);
  PullJobOptions options = pull_options_at(0);
  options.schemas = &schemas;
  PullSummary s = run_pull(parse_config(pull_config_json(fake.url())), options, *store);
  EXPECT_EQ(s.exit_code(), 0) << all_warnings(s);
  EXPECT_EQ(s.schemas_known, 1u);
  EXPECT_EQ(columns_of(*store, "awsdatacatalog.sales.sales_t0"), 2);
  EXPECT_EQ(star_of(*store, "awsdatacatalog.sales.sales_t0"), 0);
}

TEST(PullCatalog, TableFilterRemovesTheExcludedTablesFacts) {
  ScopedAwsEnv env;
  FakeAws fake(pull_fake_args({"--generate", "200"}));
  ASSERT_TRUE(fake.ok());
  TempDir dir;
  auto store = open_pull_store(dir);
  const auto config = parse_config(
      pull_config_json(fake.url(), {}, R"(, "tableFilterPattern": {"excludes": ["customers$"]})"));
  PullSummary s = run_pull(config, pull_options_at(0), *store);
  EXPECT_EQ(s.exit_code(), 0) << all_warnings(s);
  EXPECT_EQ(count(*store, "SELECT count(*) FROM queries"), 200);
  EXPECT_EQ(count(*store, "SELECT count(*) FROM raw_executions"), 200);
  EXPECT_EQ(count(*store, "SELECT count(*) FROM tables WHERE name LIKE '%customers%'"), 0);
  EXPECT_EQ(count(*store, "SELECT count(*) FROM columns WHERE name LIKE '%customers%'"), 0);
  EXPECT_EQ(count(*store, "SELECT count(*) FROM query_joins"), 0);
  EXPECT_EQ(count(*store, "SELECT count(*) FROM tables WHERE name LIKE "
                          "'awsdatacatalog.sales.orders_%'"),
            40);
  // Every succeeded SELECT still counts for the orders table it reads.
  EXPECT_EQ(count(*store, "SELECT sum(queries) FROM table_usage_daily"),
            count(*store, "SELECT count(*) FROM queries WHERE state = 'SUCCEEDED'"));
}

TEST(PullCatalog, SchemaFilterExcludesDatabasesFromFactsAndMetadata) {
  ScopedAwsEnv env;
  TempDir dir;
  const double t = now_seconds() - 60;
  FakeAws fake(pull_fake_args(
      {"--history",
       write_history(dir, {execution_json("f-1", "SELECT * FROM sales.sales_t0", "SUCCEEDED", t),
                           execution_json("f-2", "SELECT * FROM web.web_t0", "SUCCEEDED", t + 1),
                           execution_json(
                               "f-3", "INSERT INTO web.web_t1 SELECT id, v, dt FROM sales.sales_t1",
                               "SUCCEEDED", t + 2)})
           .string()}));
  ASSERT_TRUE(fake.ok());
  auto store = open_pull_store(dir);
  const auto config = parse_config(
      pull_config_json(fake.url(), {}, R"(, "schemaFilterPattern": {"includes": ["web"]})"));
  PullSummary s = run_pull(config, pull_options_at(0), *store);
  EXPECT_EQ(s.exit_code(), 0) << all_warnings(s);
  EXPECT_EQ(count(*store, "SELECT count(*) FROM queries"), 3);
  EXPECT_EQ(count(*store, "SELECT count(*) FROM tables WHERE name LIKE '%.sales.%'"), 0);
  EXPECT_EQ(count(*store, "SELECT count(*) FROM table_edges"), 0);
  EXPECT_EQ(count(*store, "SELECT count(*) FROM tables WHERE name = 'awsdatacatalog.web.web_t1'"),
            1);
  EXPECT_EQ(count(*store, "SELECT count(*) FROM metadata_databases WHERE tables_fetched_ms IS "
                          "NOT NULL AND database = 'sales'"),
            0);
  EXPECT_EQ(columns_of(*store, "awsdatacatalog.web.web_t0"), 3);
}

TEST(PullCatalog, FactFilterKeepsLocationsAndPartialNames) {
  config::EntityFilters f;
  ASSERT_TRUE(f.table.compile({{}, {"secret"}}, "tableFilterPattern").ok());
  ASSERT_TRUE(f.database.compile({{"awsdatacatalog"}, {}}, "databaseFilterPattern").ok());
  using model::ColumnName;
  using model::TableName;
  const TableName secret{"awsdatacatalog", "db", "secret_x"}, t{"awsdatacatalog", "db", "t"};
  const TableName loc = TableName::of_location("s3://bucket/secret/");
  EXPECT_TRUE(table_passes(f, loc));
  EXPECT_TRUE(table_passes(f, TableName{"", "", "secret_table"}));
  EXPECT_TRUE(table_passes(f, TableName{"", "db", "secret_table"}));
  EXPECT_FALSE(table_passes(f, TableName{"awsdatacatalog", "db", "secret_table"}));
  EXPECT_FALSE(table_passes(f, TableName{"other", "db", "t"}));
  EXPECT_TRUE(table_passes(f, t));
  model::QueryFacts facts;
  facts.tables_read = {secret, t};
  facts.tables_written = {loc};
  facts.table_edges = {{secret, loc}, {t, loc}};
  facts.column_edges = {{{secret, "a"}, {t, "out"}, athena::lineage::Transform::kIdentity, false},
                        {{t, "b"}, {t, "out2"}, athena::lineage::Transform::kIdentity, false}};
  facts.column_reads = {{{secret, "a"}, athena::lineage::Clause::kSelect},
                        {{t, "b"}, athena::lineage::Clause::kWhere}};
  facts.joins = {{secret, t, "inner", {"a=b"}}};
  filter_facts(f, facts);
  EXPECT_EQ(facts.tables_read, std::vector<TableName>{t});
  EXPECT_EQ(facts.tables_written, std::vector<TableName>{loc});
  ASSERT_EQ(facts.table_edges.size(), 1u);
  EXPECT_EQ(facts.table_edges[0].source, t);
  ASSERT_EQ(facts.column_edges.size(), 1u);
  EXPECT_EQ(facts.column_edges[0].target.text(), "awsdatacatalog.db.t.out2");
  ASSERT_EQ(facts.column_reads.size(), 1u);
  EXPECT_EQ(facts.column_reads[0].column.text(), "awsdatacatalog.db.t.b");
  EXPECT_TRUE(facts.joins.empty());
}

// Each pattern matches its own part: a quoted part may contain dots, and a table name that
// looks like a URI is still a table.
TEST(PullCatalog, FactFilterMatchesPartsNotText) {
  config::EntityFilters f;
  ASSERT_TRUE(f.table.compile({{"^x$", "^b\\.c$", "^s3://q$"}, {}}, "tableFilterPattern").ok());
  ASSERT_TRUE(f.schema.compile({{"^a$"}, {}}, "schemaFilterPattern").ok());
  using model::TableName;
  // Text "sales.a.b.c": splitting at dots would see schema "a" or table "c".
  EXPECT_TRUE(table_passes(f, TableName{"sales", "a", "b.c"}));
  EXPECT_FALSE(table_passes(f, TableName{"sales", "a.b", "c"}));
  EXPECT_TRUE(table_passes(f, TableName{"sales", "a", "s3://q"}));
  EXPECT_FALSE(table_passes(f, TableName{"sales", "a", "s3://other"}));
  // A location is never filtered, whatever its text.
  EXPECT_TRUE(table_passes(f, TableName::of_location("s3://other/")));
  model::QueryFacts facts;
  const TableName dotted{"sales", "a", "b.c"}, other{"sales", "a.b", "c"};
  facts.column_reads = {{{dotted, "d.e"}, athena::lineage::Clause::kSelect},
                        {{other, "e"}, athena::lineage::Clause::kSelect}};
  filter_facts(f, facts);
  ASSERT_EQ(facts.column_reads.size(), 1u);
  EXPECT_EQ(facts.column_reads[0].column, (model::ColumnName{dotted, "d.e"}));
}

} // namespace
} // namespace athena::pull
