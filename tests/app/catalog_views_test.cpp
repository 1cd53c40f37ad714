// What Glue adds to the metadata cache beyond columns (a table's location, a view's SQL) is
// kept by the store, replayed as view definitions, and links written locations to tables.
// Without moto: the cache is filled directly (aws_moto_test.cpp runs the same end to end).
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "src/analysis/query_analysis.h"
#include "src/pull/catalog_metadata.h"
#include "src/pull/catalog_views.h"
#include "tests/app/aws_pull_fixture.h"

namespace athena::pull {
namespace {

using namespace athena::testing;

std::vector<store::CachedTable> glue_tables() {
  store::CachedTable archive;
  archive.catalog = "AwsDataCatalog";
  archive.database = "sales";
  archive.name = "archive";
  archive.table_type = "EXTERNAL_TABLE";
  archive.columns = {{"id", "bigint"}, {"amount", "double"}};
  archive.location = "S3://lake/sales/archive"; // no trailing slash, scheme in capitals
  store::CachedTable orders = archive;
  orders.name = "orders";
  orders.location.clear(); // an array-form row, as before
  store::CachedTable view;
  view.catalog = "AwsDataCatalog";
  view.database = "sales";
  view.name = "v_big";
  view.table_type = "VIRTUAL_VIEW";
  view.columns = {{"id", "bigint"}};
  view.view_sql = "SELECT id FROM orders WHERE amount > 100";
  view.view_catalog = "awsdatacatalog";
  view.view_schema = "sales";
  return {archive, orders, view};
}

TEST(CatalogViews, LocationsAndViewTextRoundTripAndBecomeLineage) {
  TempDir dir;
  auto store = open_pull_store(dir);
  ASSERT_NE(store, nullptr);
  store::CatalogCache cache(*store);
  const util::Status put = cache.put_tables("AwsDataCatalog", "sales", glue_tables(), 1000, "");
  ASSERT_TRUE(put.ok()) << put.error();
  auto back = cache.tables();
  ASSERT_TRUE(back.ok()) << back.error();
  ASSERT_EQ(back->size(), 3u);
  EXPECT_EQ((*back)[0].location, "S3://lake/sales/archive");
  EXPECT_EQ((*back)[1].columns, (std::vector<std::pair<std::string, std::string>>{
                                    {"id", "bigint"}, {"amount", "double"}}));
  EXPECT_EQ((*back)[1].location, "");
  EXPECT_EQ((*back)[2].view_sql, "SELECT id FROM orders WHERE amount > 100");
  EXPECT_EQ((*back)[2].view_schema, "sales");

  // The view as a record replayed before the history.
  const auto read = cached_view_definitions(cache);
  ASSERT_TRUE(read.ok()) << read.error();
  const std::vector<model::QueryRecord>& views = *read;
  ASSERT_EQ(views.size(), 1u);
  EXPECT_EQ(views[0].query, "CREATE OR REPLACE VIEW \"awsdatacatalog\".\"sales\".\"v_big\" AS\n"
                            "SELECT id FROM orders WHERE amount > 100");
  EXPECT_EQ(views[0].catalog, "awsdatacatalog");
  EXPECT_EQ(views[0].database, "sales");
  EXPECT_TRUE(views[0].id_is_synthetic);
  EXPECT_EQ(views[0].id.substr(0, 2), "h-");
  EXPECT_EQ(views[0].state, model::QueryState::kSucceeded);
  EXPECT_FALSE(views[0].submission_ms.has_value());
  EXPECT_EQ(views[0].origin, "catalog metadata (view awsdatacatalog.sales.v_big)");
  EXPECT_EQ((*cached_view_definitions(cache))[0].id, views[0].id); // stable

  lineage::SchemaCatalog catalog;
  const util::Result<std::size_t> loaded = load_cached_schemas(cache, catalog);
  ASSERT_TRUE(loaded.ok()) << loaded.error();
  EXPECT_EQ(*loaded, 3u);
  EXPECT_EQ(catalog.tables_at("s3://lake/sales/archive/"),
            (std::vector<lineage::QualifiedName>{{"awsdatacatalog", "sales", "archive"}}));
  analysis::AnalysisContext context;
  context.catalog = &catalog;

  const model::QueryFacts view_facts = analysis::analyze_query(views[0], context);
  ASSERT_EQ(view_facts.table_edges.size(), 1u);
  EXPECT_EQ(view_facts.table_edges[0].source.text(), "awsdatacatalog.sales.orders");
  EXPECT_EQ(view_facts.table_edges[0].target.text(), "awsdatacatalog.sales.v_big");

  model::QueryRecord unload;
  unload.id = "u-1";
  unload.state = model::QueryState::kSucceeded;
  unload.database = "sales";
  unload.query = "UNLOAD (SELECT id, amount FROM orders) TO 's3://lake/sales/archive/' "
                 "WITH (format = 'PARQUET')";
  const model::QueryFacts facts = analysis::analyze_query(unload, context);
  std::vector<std::string> edges;
  for (const auto& e : facts.table_edges)
    edges.push_back(e.source.text() + " -> " + e.target.text() +
                    (e.target.location ? " (s3)" : ""));
  EXPECT_EQ(edges, (std::vector<std::string>{
                       "awsdatacatalog.sales.orders -> s3://lake/sales/archive/ (s3)",
                       "s3://lake/sales/archive/ -> awsdatacatalog.sales.archive"}));

  // A CTAS writing its own location is not linked back to itself.
  model::QueryRecord ctas = unload;
  ctas.id = "c-1";
  ctas.query = "CREATE TABLE archive WITH (external_location = 's3://lake/sales/archive/') AS "
               "SELECT id, amount FROM orders";
  edges.clear();
  for (const auto& e : analysis::analyze_query(ctas, context).table_edges)
    edges.push_back(e.source.text() + " -> " + e.target.text());
  EXPECT_EQ(edges, (std::vector<std::string>{
                       "awsdatacatalog.sales.archive -> s3://lake/sales/archive/",
                       "awsdatacatalog.sales.orders -> awsdatacatalog.sales.archive"}));
}

} // namespace
} // namespace athena::pull
