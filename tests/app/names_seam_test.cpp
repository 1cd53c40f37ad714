// Names travel from lineage to the store and its readers by their parts: a quoted alias with
// a dot is a column, never a table, and a quoted table name containing `://` is a table,
// never an S3 location (locations are what the SQL names as one).
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "src/analysis/query_analysis.h"
#include "src/openmetadata/push_plan.h"
#include "src/report/graph_query.h"
#include "src/report/report_data.h"
#include "src/store/sqlite_db.h"
#include "src/store/store.h"
#include "tests/app/store_test_access.h"
#include "tests/support/test_support.h"

namespace athena {
namespace {

store::AnalyzedQuery analyzed(const std::string& id, const std::string& sql) {
  store::AnalyzedQuery a;
  a.record.id = id;
  a.record.query = sql;
  a.record.state = model::QueryState::kSucceeded;
  a.record.submission_ms = 1736899200000; // 2025-01-15
  a.record.database = "marts";
  a.record.user = "looker";
  a.facts = analysis::analyze_query(a.record, analysis::AnalysisContext{});
  return a;
}

std::vector<std::string> rows(store::Store& s, const std::string& sql) {
  std::vector<std::string> out;
  store::Statement st(store::testing::RawDb::of(s), sql);
  while (st.step())
    out.push_back(st.text(0) + "|" + st.text(1));
  return out;
}

std::vector<std::string> node_kinds(const util::Result<report::GraphTraversals>& r) {
  std::vector<std::string> out;
  if (!r) return {r.error()};
  for (const auto& v : r->views) {
    for (const auto& n : v.nodes)
      out.push_back(n.name + " " + std::string(lineage::to_string(n.kind)));
  }
  return out;
}

TEST(NamesSeam, QuotedAliasWithADotIsAColumnNotATable) {
  const auto select = analyzed(
      "q1", R"(SELECT order_date AS "fct_orders.order_date", id AS "v_orders_enriched.id" )"
            R"(FROM marts.fct_orders)");
  // No facts name a table of the aliases; a SELECT's outputs have no edges at all.
  EXPECT_EQ(select.facts.tables_read,
            (std::vector<model::TableName>{{"awsdatacatalog", "marts", "fct_orders"}}));
  EXPECT_TRUE(select.facts.column_edges.empty());
  const auto ctas = analyzed(
      "q2", R"(CREATE TABLE marts.looker_out AS SELECT order_date AS "fct_orders.order_date" )"
            R"(FROM marts.fct_orders)");
  ASSERT_EQ(ctas.facts.column_edges.size(), 1u);
  const model::ColumnName target{{"awsdatacatalog", "marts", "looker_out"},
                                 "fct_orders.order_date"};
  EXPECT_EQ(ctas.facts.column_edges[0].target, target);

  athena::testing::TempDir dir;
  auto s =
      store::testing::opened_store(store::Store::open(dir.path() / "n.db", store::StoreOptions{}));
  ASSERT_NE(s, nullptr);
  store::InsertStats stats;
  ASSERT_TRUE(store::testing::is_ok(
      s->insert_batch(std::vector<store::AnalyzedQuery>{select, ctas}, &stats)));
  EXPECT_EQ(rows(*s, "SELECT name, location FROM tables ORDER BY name"),
            (std::vector<std::string>{"awsdatacatalog.marts.fct_orders|0",
                                      "awsdatacatalog.marts.looker_out|0"}));
  EXPECT_EQ(rows(*s, "SELECT c.name, t.name FROM columns c JOIN tables t ON t.id = c.table_id "
                     "ORDER BY c.name"),
            (std::vector<std::string>{
                "awsdatacatalog.marts.fct_orders.id|awsdatacatalog.marts.fct_orders",
                "awsdatacatalog.marts.fct_orders.order_date|awsdatacatalog.marts.fct_orders",
                "awsdatacatalog.marts.looker_out.fct_orders.order_date|"
                "awsdatacatalog.marts.looker_out"}));

  // `report`: the tables it knows are the two real ones.
  report::ReportOptions options;
  auto data = report::gather_report(*s, options);
  ASSERT_TRUE(data) << data.error();
  std::vector<std::string> by_queries;
  for (const auto& t : data->tables_by_queries)
    by_queries.push_back(t.name);
  EXPECT_EQ(by_queries, (std::vector<std::string>{"awsdatacatalog.marts.fct_orders",
                                                  "awsdatacatalog.marts.looker_out"}));
  EXPECT_EQ(data->unused_tables, std::vector<std::string>{"awsdatacatalog.marts.looker_out"});

  // `graph`: no table `fct_orders` of the alias exists to start from.
  report::GraphQuery q;
  q.name = report::qualify_graph_name("fct_orders", false);
  const auto unknown = report::query_graph(*s, q);
  ASSERT_TRUE(unknown) << unknown.error();
  EXPECT_TRUE(unknown->unknown_name);
  q.name = "awsdatacatalog.marts.fct_orders";
  q.upstream = false;
  auto down = report::query_graph(*s, q);
  ASSERT_TRUE(down) << down.error();
  ASSERT_FALSE(down->unknown_name) << *down->unknown_name;
  EXPECT_EQ(node_kinds(down), (std::vector<std::string>{"awsdatacatalog.marts.fct_orders table",
                                                        "awsdatacatalog.marts.looker_out table"}));
}

// Sources, reads and targets keep quoted parts whole: the column `a.b` of table `t.x`.
TEST(NamesSeam, DottedQuotedPartsStayWhole) {
  const auto q = analyzed("q1", R"(INSERT INTO "my.schema".o SELECT "a.b" FROM marts."t.x")");
  const model::TableName src{"awsdatacatalog", "marts", "t.x"};
  const model::TableName dst{"awsdatacatalog", "my.schema", "o"};
  EXPECT_EQ(q.facts.tables_read, std::vector<model::TableName>{src});
  EXPECT_EQ(q.facts.tables_written, std::vector<model::TableName>{dst});
  ASSERT_EQ(q.facts.column_edges.size(), 1u);
  EXPECT_EQ(q.facts.column_edges[0].source, (model::ColumnName{src, "a.b"}));
  EXPECT_EQ(q.facts.column_edges[0].target, (model::ColumnName{dst, "a.b"})); // named by output
  ASSERT_EQ(q.facts.column_reads.size(), 1u);
  EXPECT_EQ(q.facts.column_reads[0].column, (model::ColumnName{src, "a.b"}));
}

TEST(NamesSeam, QuotedTableNameWithASchemeIsATableLocationsAreWhatTheSqlSays) {
  const auto insert =
      analyzed("q1", R"(INSERT INTO marts."s3://bucket/t" SELECT id FROM marts.src)");
  const model::TableName uri_table{"awsdatacatalog", "marts", "s3://bucket/t"};
  EXPECT_EQ(insert.facts.tables_written, std::vector<model::TableName>{uri_table});
  const auto unload =
      analyzed("q2", R"(UNLOAD (SELECT id FROM marts."s3://bucket/t") TO 's3://bucket/out' )"
                     R"(WITH (format = 'PARQUET'))");
  ASSERT_EQ(unload.facts.table_edges.size(), 1u);
  EXPECT_EQ(unload.facts.table_edges[0].source, uri_table);
  EXPECT_EQ(unload.facts.table_edges[0].target, model::TableName::of_location("s3://bucket/out/"));

  athena::testing::TempDir dir;
  auto s =
      store::testing::opened_store(store::Store::open(dir.path() / "n.db", store::StoreOptions{}));
  ASSERT_NE(s, nullptr);
  store::InsertStats stats;
  ASSERT_TRUE(store::testing::is_ok(
      s->insert_batch(std::vector<store::AnalyzedQuery>{insert, unload}, &stats)));
  EXPECT_EQ(rows(*s, "SELECT name, location FROM tables ORDER BY name"),
            (std::vector<std::string>{"awsdatacatalog.marts.s3://bucket/t|0",
                                      "awsdatacatalog.marts.src|0", "s3://bucket/out/|1"}));

  // `graph` shows the quoted name as a table and the UNLOAD target as a location.
  report::GraphQuery q;
  q.name = report::qualify_graph_name("marts.s3://bucket/t", false);
  EXPECT_EQ(q.name, "awsdatacatalog.marts.s3://bucket/t");
  q.upstream = false;
  auto down = report::query_graph(*s, q);
  ASSERT_TRUE(down) << down.error();
  ASSERT_FALSE(down->unknown_name) << *down->unknown_name;
  EXPECT_EQ(node_kinds(down), (std::vector<std::string>{"awsdatacatalog.marts.s3://bucket/t table",
                                                        "s3://bucket/out/ location"}));

  // `push` plans it as a table (to resolve in OpenMetadata), not as an S3 location.
  auto tables = openmetadata::plan_tables(*s);
  ASSERT_TRUE(tables) << tables.error();
  openmetadata::TableIndex index(openmetadata::NameMapping{"svc"});
  openmetadata::PlanOptions po;
  po.service = "svc";
  po.today = "2025-01-20";
  auto plan = openmetadata::build_plan(*s, index, po);
  ASSERT_TRUE(plan) << plan.error();
  EXPECT_EQ(plan->s3_locations, std::vector<std::string>{"s3://bucket/out/"});
  std::vector<std::string> skipped;
  for (const auto& t : plan->skipped_tables)
    skipped.push_back(t.name + ": " + t.reason);
  EXPECT_EQ(skipped,
            (std::vector<std::string>{"awsdatacatalog.marts.s3://bucket/t: schema not listed",
                                      "awsdatacatalog.marts.src: schema not listed"}));
}

} // namespace
} // namespace athena

// Names order as their texts do (std::string's unsigned bytes), then by parts: the store and
// the facts rely on it; the comparison walks whole runs of bytes at once.
TEST(NamesOrder, OrdersAsTheirTextsThenByParts) {
  using athena::model::ColumnName;
  using athena::model::TableName;
  const std::vector<TableName> tables = {
      {"awsdatacatalog", "shop", "orders", false},
      {"awsdatacatalog", "shop", "orders_v2", false},
      {"awsdatacatalog", "shop", "order", false},
      {"awsdatacatalog", "shop.orders", "x", false},
      {"awsdatacatalog", "shop", "orders.x", false},
      {"awsdatacatalog", "shop-a", "t", false},
      {"awsdatacatalog", "shopa", "t", false},
      {"", "shop", "orders", false},
      {"", "", "awsdatacatalog.shop.orders", false},
      {"", "", "s3://bucket/shop/", true},
      {"", "", "s3://bucket/shop/\xC3\xA9", true},
      {"awsdatacatalog", "", "t", false},
      {"", "", "", false},
  };
  const std::vector<std::string> columns = {"", "a", "a.b", "ab", "\xE2\x82\xAC"};
  std::vector<ColumnName> cols;
  for (const auto& t : tables) {
    for (const auto& c : columns)
      cols.push_back({t, c});
  }
  auto sign = [](auto c) { return c < 0 ? -1 : (c > 0 ? 1 : 0); };
  for (const auto& a : tables) {
    for (const auto& b : tables) {
      const int by_text = sign(a.text().compare(b.text()));
      const int got = sign(a <=> b);
      if (by_text != 0) {
        EXPECT_EQ(got, by_text) << a.text() << " vs " << b.text();
      } else {
        EXPECT_EQ(got == 0, a == b) << a.text();
      }
    }
  }
  for (const auto& a : cols) {
    for (const auto& b : cols) {
      const int by_text = sign(a.text().compare(b.text()));
      const int got = sign(a <=> b);
      if (by_text != 0) {
        EXPECT_EQ(got, by_text) << a.text() << " vs " << b.text();
      } else {
        EXPECT_EQ(got == 0, a == b) << a.text();
      }
    }
  }
}
