// dbt's temporary relations attributed to the model relations: each materialization's real
// statement sequence (tests/app/testdata/dbt/materializations.md) analyzed through the pipeline
// into a store, then what `graph`, the reports, the OpenMetadata plan and OpenLineage events
// read from it: model relations only, with exact table and column edges.
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "src/analysis/dbt_relations.h"
#include "src/analysis/pipeline.h"
#include "src/openlineage/events.h"
#include "src/openlineage/naming.h"
#include "src/openmetadata/push_plan.h"
#include "src/report/graph_query.h"
#include "src/store/lineage_runs.h"
#include "src/store/sqlite_db.h"
#include "src/store/store.h"
#include "tests/app/om_push_test_env.h"
#include "tests/app/store_test_access.h"
#include "tests/support/test_support.h"

namespace athena {
namespace {

std::string dbt(const std::string& node) {
  return R"(/* {"app": "dbt", "dbt_version": "1.8.7", "profile_name": "lake", )"
         R"("target_name": "prod", "node_id": ")" +
         node + R"("} */
)";
}

struct Step {
  std::string workgroup;
  std::string sql;
};

/// The steps analyzed in order by the `analyze` pipeline into a fresh store.
class DbtStore {
public:
  /// With `split`, the steps before it and the others are analyzed by two runs.
  explicit DbtStore(const std::vector<Step>& steps, size_t split = 0) {
    store_ = store::testing::opened_store(
        store::Store::open(dir_.path() / "dbt.db", store::StoreOptions{}));
    EXPECT_NE(store_, nullptr);
    std::vector<model::QueryRecord> records;
    for (size_t i = 0; i < steps.size(); ++i) {
      model::QueryRecord r;
      r.id = "q" + std::to_string(100 + i);
      r.query = steps[i].sql;
      r.state = model::QueryState::kSucceeded;
      r.submission_ms = 1794700800000 + static_cast<int64_t>(i) * 1000; // 2026-11-15
      r.completion_ms = *r.submission_ms + 500;
      r.workgroup = steps[i].workgroup;
      r.user = steps[i].workgroup == "etl" ? "svc-dbt" : "analyst";
      records.push_back(std::move(r));
    }
    if (split > 0) {
      run({records.begin(), records.begin() + static_cast<std::ptrdiff_t>(split)});
      run({records.begin() + static_cast<std::ptrdiff_t>(split), records.end()});
    } else {
      run(records);
    }
  }

  void run(const std::vector<model::QueryRecord>& records) {
    analysis::PipelineOptions options;
    options.progress = false;
    options.threads = 1;
    lineage::SchemaCatalog catalog;
    auto summary = analysis::run_pipeline_records(
        [&](bool, const std::function<void(model::QueryRecord &&)>& sink) {
          for (auto r : records)
            sink(std::move(r));
        },
        options, catalog, *store_);
    EXPECT_EQ(summary.error, "");
  }

  store::Store& store() { return *store_; }
  std::filesystem::path path() const { return dir_.path() / "dbt.db"; }
  /// Closes the store (its WAL checkpointed into the file).
  void close() { store_.reset(); }

  std::vector<std::string> rows(const std::string& sql, int columns = 1) {
    std::vector<std::string> out;
    store::Statement st(store::testing::RawDb::of(*store_), sql);
    while (st.step()) {
      std::string row;
      for (int c = 0; c < columns; ++c)
        row += (c > 0 ? " " : "") + st.text(c);
      out.push_back(row);
    }
    return out;
  }
  std::vector<std::string> table_edges() {
    return rows("SELECT s.name || ' -> ' || t.name FROM table_edges e JOIN tables s ON s.id = "
                "e.source_id JOIN tables t ON t.id = e.target_id ORDER BY 1");
  }
  std::vector<std::string> column_edges() {
    return rows("SELECT s.name || ' -> ' || t.name, e.transform, e.condition FROM column_edges e "
                "JOIN columns s ON s.id = e.source_id JOIN columns t ON t.id = e.target_id "
                "ORDER BY 1, 2, 3",
                3);
  }
  std::vector<std::string> tables() { return rows("SELECT name FROM tables ORDER BY name"); }
  std::vector<std::string> temp_relations() {
    return rows("SELECT DISTINCT temp, base FROM query_temp_relations ORDER BY 1", 2);
  }

private:
  testing::TempDir dir_;
  std::unique_ptr<store::Store> store_;
};

const std::string kMarts = R"("awsdatacatalog"."marts".)";
const std::string kStaging = R"("awsdatacatalog"."staging".)";

/// No stored name, graph node, OpenMetadata table or OpenLineage dataset is temporary.
void expect_no_temporary_names(DbtStore& db, const std::string& model_table,
                               const std::string& job) {
  for (const auto& t : db.tables())
    EXPECT_FALSE(analysis::dbt_temp_base(t)) << t;
  report::GraphQuery q;
  q.name = model_table;
  auto graph = report::query_graph(db.store(), q);
  ASSERT_TRUE(graph) << graph.error();
  ASSERT_FALSE(graph->unknown_name) << *graph->unknown_name;
  for (const auto& v : graph->views) {
    for (const auto& n : v.nodes)
      EXPECT_FALSE(analysis::dbt_temp_base(n.name)) << n.name;
  }
  auto tables = openmetadata::plan_tables(db.store());
  ASSERT_TRUE(tables) << tables.error();
  for (const auto& t : *tables)
    EXPECT_FALSE(analysis::dbt_temp_base(t.name)) << t.name;
  openlineage::EventContext ctx;
  ctx.region = "us-east-1";
  std::set<std::string> jobs;
  const util::Status read = store::for_each_lineage_run(
      db.store(), store::LineageRunSelection{}, [&](store::LineageRun&& run) {
        jobs.insert(openlineage::job_name(run));
        for (const auto& e : openlineage::build_events(run, ctx)) {
          // The `sql` facet is the query as sent; the datasets are model relations.
          std::string body = e.body;
          const size_t sql = body.find("\"query\":\"");
          const size_t end = body.find("\",\"dialect\"", sql);
          EXPECT_NE(end, std::string::npos);
          if (end != std::string::npos) body.erase(sql, end - sql);
          for (const char* suffix : {"__dbt_tmp", "__ha", "__bkp", "__tmp_not_partitioned"})
            EXPECT_EQ(body.find(suffix), std::string::npos) << body;
        }
        return true;
      });
  ASSERT_TRUE(read.ok()) << read.error();
  EXPECT_EQ(jobs, std::set<std::string>{job});
}

TEST(DbtTempNames, SuffixesAndNodeNames) {
  EXPECT_EQ(analysis::dbt_temp_base("fct_orders__dbt_tmp"), "fct_orders");
  EXPECT_EQ(analysis::dbt_temp_base("fct_orders__ha"), "fct_orders");
  EXPECT_EQ(analysis::dbt_temp_base("fct_orders__bkp"), "fct_orders");
  EXPECT_EQ(analysis::dbt_temp_base("orders_snapshot__dbt_tmp_1"), "orders_snapshot");
  EXPECT_EQ(analysis::dbt_temp_base("x__dbt_tmp__tmp_not_partitioned"), "x");
  EXPECT_EQ(analysis::dbt_temp_base("fct_orders"), std::nullopt);
  EXPECT_EQ(analysis::dbt_temp_base("__ha"), std::nullopt);
  EXPECT_EQ(analysis::dbt_node_name("model.lake.fct_orders"), "fct_orders");
  EXPECT_EQ(analysis::dbt_node_name("snapshot.lake.orders_snapshot"), "orders_snapshot");
  EXPECT_EQ(analysis::dbt_node_name("model.lake"), "");
}

TEST(DbtRelations, HiveTableWithHaIsTheModelRelation) {
  const std::string c = dbt("model.lake.fct_orders");
  DbtStore db({{"etl", c + "create table " + kMarts + R"("fct_orders__ha"
    with (format='parquet', partitioned_by=ARRAY['order_date'])
  as
    select o.order_id, o.customer_id, sum(p.amount) as paid_amount, o.order_date
    from )" + kStaging + R"("stg_orders" o join )" +
                           kStaging +
                           R"("stg_payments" p on p.order_id = o.order_id
    group by o.order_id, o.customer_id, o.order_date)"}});
  EXPECT_EQ(db.table_edges(),
            (std::vector<std::string>{
                "awsdatacatalog.staging.stg_orders -> awsdatacatalog.marts.fct_orders",
                "awsdatacatalog.staging.stg_payments -> awsdatacatalog.marts.fct_orders"}));
  EXPECT_EQ(db.column_edges(), (std::vector<std::string>{
                                   "awsdatacatalog.staging.stg_orders.customer_id -> "
                                   "awsdatacatalog.marts.fct_orders.customer_id identity 0",
                                   "awsdatacatalog.staging.stg_orders.order_date -> "
                                   "awsdatacatalog.marts.fct_orders.order_date identity 0",
                                   "awsdatacatalog.staging.stg_orders.order_id -> "
                                   "awsdatacatalog.marts.fct_orders.order_id identity 0",
                                   "awsdatacatalog.staging.stg_payments.amount -> "
                                   "awsdatacatalog.marts.fct_orders.paid_amount aggregation 0"}));
  EXPECT_EQ(db.temp_relations(), (std::vector<std::string>{"awsdatacatalog.marts.fct_orders__ha "
                                                           "awsdatacatalog.marts.fct_orders"}));
  expect_no_temporary_names(db, "awsdatacatalog.marts.fct_orders", "lake.fct_orders");
}

TEST(DbtRelations, IcebergTableRebuildSwapsThroughHaAndBkp) {
  const std::string c = dbt("model.lake.dim_products");
  const std::string t = kMarts + R"("dim_products)";
  DbtStore db({
      {"etl", c + "drop table if exists `marts`.`dim_products__ha`"},
      {"etl", c + "drop table if exists `marts`.`dim_products__bkp`"},
      {"etl", c + "create table " + t + R"(__ha"
    with (table_type='iceberg', is_external=false, location='s3://lake/marts/dim_products/1f2e/',
          format='parquet')
  as
    select sku, upper(category) as category from )" +
                  kStaging + R"("stg_products")"},
      {"etl", c + "alter table `marts`.`dim_products` rename to `marts`.`dim_products__bkp`"},
      {"etl", c + "alter table `marts`.`dim_products__ha` rename to `marts`.`dim_products`"},
      {"etl", c + "drop table `marts`.`dim_products__bkp`"},
  });
  // The new table's location is the model relation's.
  EXPECT_EQ(db.table_edges(),
            (std::vector<std::string>{
                "awsdatacatalog.marts.dim_products -> s3://lake/marts/dim_products/1f2e/",
                "awsdatacatalog.staging.stg_products -> awsdatacatalog.marts.dim_products"}));
  EXPECT_EQ(db.column_edges(),
            (std::vector<std::string>{"awsdatacatalog.staging.stg_products.category -> "
                                      "awsdatacatalog.marts.dim_products.category expression 0",
                                      "awsdatacatalog.staging.stg_products.sku -> "
                                      "awsdatacatalog.marts.dim_products.sku identity 0"}));
  EXPECT_EQ(db.temp_relations(),
            (std::vector<std::string>{
                "awsdatacatalog.marts.dim_products__bkp awsdatacatalog.marts.dim_products",
                "awsdatacatalog.marts.dim_products__ha awsdatacatalog.marts.dim_products"}));
  expect_no_temporary_names(db, "awsdatacatalog.marts.dim_products", "lake.dim_products");
}

/// An incremental model's run: the temporary CTAS, then `move` into the model's relation.
std::vector<Step> incremental(const std::string& comment, const std::string& move,
                              bool partitions_query) {
  std::vector<Step> steps = {
      {"etl", comment + "drop table if exists `marts`.`fct_order_items__dbt_tmp`"},
      {"etl", comment + "create table " + kMarts + R"("fct_order_items__dbt_tmp"
    with (partitioned_by=ARRAY['order_date'], format='parquet')
  as
    select i.order_id, i.sku, i.qty * i.unit_price as amount, i.order_date
    from )" + kStaging +
                  R"("stg_order_items" i
    where i.order_date > (select max(order_date) from )" +
                  kMarts + R"("fct_order_items"))"}};
  if (partitions_query) {
    steps.push_back({"etl", comment + "select distinct order_date from " + kMarts +
                                R"("fct_order_items__dbt_tmp";)"});
  }
  steps.push_back({"etl", comment + move});
  steps.push_back({"etl", comment + "drop table `marts`.`fct_order_items__dbt_tmp`"});
  return steps;
}

const std::string kInsertMove = "insert into " + kMarts +
                                R"("fct_order_items" ("order_id", "sku", "amount", "order_date")
    (
       select "order_id", "sku", "amount", "order_date"
       from )" + kMarts + R"("fct_order_items__dbt_tmp"
    );)";

// The model's own latest date is read through its temporary table: a self-edge, at column
// level only.
const std::vector<std::string> kIncrementalEdges = {
    "awsdatacatalog.staging.stg_order_items -> awsdatacatalog.marts.fct_order_items"};

const std::vector<std::string> kIncrementalColumns = {
    "awsdatacatalog.staging.stg_order_items.order_date -> "
    "awsdatacatalog.marts.fct_order_items.order_date identity 0",
    "awsdatacatalog.staging.stg_order_items.order_id -> "
    "awsdatacatalog.marts.fct_order_items.order_id identity 0",
    "awsdatacatalog.staging.stg_order_items.qty -> "
    "awsdatacatalog.marts.fct_order_items.amount expression 0",
    "awsdatacatalog.staging.stg_order_items.sku -> "
    "awsdatacatalog.marts.fct_order_items.sku identity 0",
    "awsdatacatalog.staging.stg_order_items.unit_price -> "
    "awsdatacatalog.marts.fct_order_items.amount expression 0"};

TEST(DbtRelations, IncrementalAppendComposesThroughTheTemporaryTable) {
  DbtStore db(incremental(dbt("model.lake.fct_order_items"), kInsertMove, false));
  EXPECT_EQ(db.table_edges(), kIncrementalEdges);
  EXPECT_EQ(db.column_edges(), kIncrementalColumns);
  expect_no_temporary_names(db, "awsdatacatalog.marts.fct_order_items", "lake.fct_order_items");
}

TEST(DbtRelations, HiveInsertOverwriteReadsPartitionsOfTheTemporaryTable) {
  DbtStore db(incremental(dbt("model.lake.fct_order_items"), kInsertMove, true));
  EXPECT_EQ(db.table_edges(), kIncrementalEdges);
  EXPECT_EQ(db.column_edges(), kIncrementalColumns);
  EXPECT_EQ(db.temp_relations(),
            (std::vector<std::string>{"awsdatacatalog.marts.fct_order_items__dbt_tmp "
                                      "awsdatacatalog.marts.fct_order_items"}));
  expect_no_temporary_names(db, "awsdatacatalog.marts.fct_order_items", "lake.fct_order_items");
}

TEST(DbtRelations, IcebergMergeKeepsTheUpdateRulesKindsAndTheKeyCondition) {
  const std::string merge = "merge into " + kMarts + R"("fct_order_items" as target using )" +
                            kMarts +
                            R"("fct_order_items__dbt_tmp" as src
      on (target.order_id = src.order_id and target.sku = src.sku)
      when matched
        then update set
          "amount" = coalesce(src."amount", target."amount"),
          "order_date" = src."order_date"
      when not matched
        then insert ("order_id", "sku", "amount", "order_date")
         values (src."order_id", src."sku", src."amount", src."order_date"))";
  DbtStore db(incremental(dbt("model.lake.fct_order_items"), merge, false));
  EXPECT_EQ(db.table_edges(), kIncrementalEdges);
  // stg → tmp then tmp → model composed: `amount` stays an expression through coalesce(), the
  // merge keys reach every column as conditions; the model's own columns feed the update.
  EXPECT_EQ(db.column_edges(),
            (std::vector<std::string>{"awsdatacatalog.marts.fct_order_items.amount -> "
                                      "awsdatacatalog.marts.fct_order_items.amount expression 0",
                                      "awsdatacatalog.marts.fct_order_items.order_id -> "
                                      "awsdatacatalog.marts.fct_order_items.amount expression 1",
                                      "awsdatacatalog.marts.fct_order_items.order_id -> "
                                      "awsdatacatalog.marts.fct_order_items.order_date identity 1",
                                      "awsdatacatalog.marts.fct_order_items.order_id -> "
                                      "awsdatacatalog.marts.fct_order_items.order_id identity 1",
                                      "awsdatacatalog.marts.fct_order_items.order_id -> "
                                      "awsdatacatalog.marts.fct_order_items.sku identity 1",
                                      "awsdatacatalog.marts.fct_order_items.sku -> "
                                      "awsdatacatalog.marts.fct_order_items.amount expression 1",
                                      "awsdatacatalog.marts.fct_order_items.sku -> "
                                      "awsdatacatalog.marts.fct_order_items.order_date identity 1",
                                      "awsdatacatalog.marts.fct_order_items.sku -> "
                                      "awsdatacatalog.marts.fct_order_items.order_id identity 1",
                                      "awsdatacatalog.marts.fct_order_items.sku -> "
                                      "awsdatacatalog.marts.fct_order_items.sku identity 1",
                                      "awsdatacatalog.staging.stg_order_items.order_date -> "
                                      "awsdatacatalog.marts.fct_order_items.order_date identity 0",
                                      "awsdatacatalog.staging.stg_order_items.order_id -> "
                                      "awsdatacatalog.marts.fct_order_items.amount expression 1",
                                      "awsdatacatalog.staging.stg_order_items.order_id -> "
                                      "awsdatacatalog.marts.fct_order_items.order_date identity 1",
                                      "awsdatacatalog.staging.stg_order_items.order_id -> "
                                      "awsdatacatalog.marts.fct_order_items.order_id identity 0",
                                      "awsdatacatalog.staging.stg_order_items.order_id -> "
                                      "awsdatacatalog.marts.fct_order_items.sku identity 1",
                                      "awsdatacatalog.staging.stg_order_items.qty -> "
                                      "awsdatacatalog.marts.fct_order_items.amount expression 0",
                                      "awsdatacatalog.staging.stg_order_items.sku -> "
                                      "awsdatacatalog.marts.fct_order_items.amount expression 1",
                                      "awsdatacatalog.staging.stg_order_items.sku -> "
                                      "awsdatacatalog.marts.fct_order_items.order_date identity 1",
                                      "awsdatacatalog.staging.stg_order_items.sku -> "
                                      "awsdatacatalog.marts.fct_order_items.order_id identity 1",
                                      "awsdatacatalog.staging.stg_order_items.sku -> "
                                      "awsdatacatalog.marts.fct_order_items.sku identity 0",
                                      "awsdatacatalog.staging.stg_order_items.unit_price -> "
                                      "awsdatacatalog.marts.fct_order_items.amount expression 0"}));
  expect_no_temporary_names(db, "awsdatacatalog.marts.fct_order_items", "lake.fct_order_items");
}

TEST(DbtRelations, AMoveAnalyzedByALaterRunComposesWithTheStoredFill) {
  // The CTAS stored by one run (a killed run, the previous pull), the INSERT by the next.
  DbtStore db(incremental(dbt("model.lake.fct_order_items"), kInsertMove, false), 2);
  EXPECT_EQ(db.table_edges(), kIncrementalEdges);
  EXPECT_EQ(db.column_edges(), kIncrementalColumns);
  expect_no_temporary_names(db, "awsdatacatalog.marts.fct_order_items", "lake.fct_order_items");
}

TEST(DbtRelations, WithoutACommentATemporaryTableIsOneMovedIntoItsBase) {
  // The same run without dbt's comment, with another workgroup's statements in between.
  std::vector<Step> steps = incremental("", kInsertMove, false);
  steps.insert(steps.begin() + 2,
               {"adhoc", "create table " + kMarts + R"("scratch__bkp" as select sku from )" +
                             kStaging + R"("stg_products")"});
  DbtStore db(steps);
  std::vector<std::string> edges = kIncrementalEdges;
  // Never moved anywhere: a table like any other.
  edges.push_back("awsdatacatalog.staging.stg_products -> awsdatacatalog.marts.scratch__bkp");
  EXPECT_EQ(db.table_edges(), edges);
  std::vector<std::string> columns = kIncrementalColumns;
  columns.push_back("awsdatacatalog.staging.stg_products.sku -> "
                    "awsdatacatalog.marts.scratch__bkp.sku identity 0");
  EXPECT_EQ(db.column_edges(), columns);
  EXPECT_EQ(db.temp_relations(),
            (std::vector<std::string>{"awsdatacatalog.marts.fct_order_items__dbt_tmp "
                                      "awsdatacatalog.marts.fct_order_items"}));
}

TEST(DbtRelations, IcebergSnapshotMergesFromItsStagingTable) {
  const std::string c = dbt("snapshot.lake.customers_snapshot");
  const std::string snap = kMarts + R"("customers_snapshot")";
  const std::string tmp = kMarts + R"("customers_snapshot__dbt_tmp")";
  DbtStore db({
      {"etl", c + "create table " + tmp + R"(
    with (table_type='iceberg', format='parquet')
  as
    with snapshot_query as (
        select customer_id, email, updated_at from )" +
                  kStaging + R"("stg_customers"
    ),
    snapshotted_data as (
        select *, customer_id as dbt_unique_key from )" +
                  snap + R"( where dbt_valid_to is null
    ),
    insertions as (
        select 'insert' as dbt_change_type, source_data.customer_id, source_data.email,
               source_data.updated_at, source_data.updated_at as dbt_valid_from,
               cast(null as timestamp) as dbt_valid_to,
               to_hex(md5(to_utf8(coalesce(cast(source_data.customer_id as varchar), '')))) as dbt_scd_id
        from snapshot_query as source_data
        left outer join snapshotted_data on snapshotted_data.dbt_unique_key = source_data.customer_id
        where snapshotted_data.dbt_unique_key is null
    )
    select * from insertions)"},
      {"etl", c + "merge into " + snap + " as DBT_INTERNAL_DEST using " + tmp +
                  R"( as DBT_INTERNAL_SOURCE
        on DBT_INTERNAL_SOURCE.dbt_scd_id = DBT_INTERNAL_DEST.dbt_scd_id
        when matched
         and DBT_INTERNAL_DEST.dbt_valid_to is null
         and DBT_INTERNAL_SOURCE.dbt_change_type in ('update', 'delete')
            then update
            set dbt_valid_to = DBT_INTERNAL_SOURCE.dbt_valid_to
        when not matched
         and DBT_INTERNAL_SOURCE.dbt_change_type = 'insert'
            then insert (customer_id, email, updated_at, dbt_valid_from, dbt_valid_to, dbt_scd_id)
            values (DBT_INTERNAL_SOURCE.customer_id, DBT_INTERNAL_SOURCE.email,
                    DBT_INTERNAL_SOURCE.updated_at, DBT_INTERNAL_SOURCE.dbt_valid_from,
                    DBT_INTERNAL_SOURCE.dbt_valid_to, DBT_INTERNAL_SOURCE.dbt_scd_id))"},
      {"etl", c + "drop table `marts`.`customers_snapshot__dbt_tmp`"},
  });
  EXPECT_EQ(
      db.table_edges(),
      (std::vector<std::string>{
          "awsdatacatalog.staging.stg_customers -> awsdatacatalog.marts.customers_snapshot"}));
  // dbt_scd_id is md5(customer_id): the merge key is an expression of the source's key.
  EXPECT_EQ(db.column_edges(),
            (std::vector<std::string>{
                "awsdatacatalog.marts.customers_snapshot.dbt_scd_id -> "
                "awsdatacatalog.marts.customers_snapshot.customer_id identity 1",
                "awsdatacatalog.marts.customers_snapshot.dbt_scd_id -> "
                "awsdatacatalog.marts.customers_snapshot.dbt_scd_id identity 1",
                "awsdatacatalog.marts.customers_snapshot.dbt_scd_id -> "
                "awsdatacatalog.marts.customers_snapshot.dbt_valid_from identity 1",
                "awsdatacatalog.marts.customers_snapshot.dbt_scd_id -> "
                "awsdatacatalog.marts.customers_snapshot.dbt_valid_to identity 1",
                "awsdatacatalog.marts.customers_snapshot.dbt_scd_id -> "
                "awsdatacatalog.marts.customers_snapshot.email identity 1",
                "awsdatacatalog.marts.customers_snapshot.dbt_scd_id -> "
                "awsdatacatalog.marts.customers_snapshot.updated_at identity 1",
                "awsdatacatalog.marts.customers_snapshot.dbt_valid_to -> "
                "awsdatacatalog.marts.customers_snapshot.dbt_valid_to identity 1",
                "awsdatacatalog.staging.stg_customers.customer_id -> "
                "awsdatacatalog.marts.customers_snapshot.customer_id expression 1",
                "awsdatacatalog.staging.stg_customers.customer_id -> "
                "awsdatacatalog.marts.customers_snapshot.customer_id identity 0",
                "awsdatacatalog.staging.stg_customers.customer_id -> "
                "awsdatacatalog.marts.customers_snapshot.dbt_scd_id expression 0",
                "awsdatacatalog.staging.stg_customers.customer_id -> "
                "awsdatacatalog.marts.customers_snapshot.dbt_valid_from expression 1",
                "awsdatacatalog.staging.stg_customers.customer_id -> "
                "awsdatacatalog.marts.customers_snapshot.dbt_valid_to expression 1",
                "awsdatacatalog.staging.stg_customers.customer_id -> "
                "awsdatacatalog.marts.customers_snapshot.email expression 1",
                "awsdatacatalog.staging.stg_customers.customer_id -> "
                "awsdatacatalog.marts.customers_snapshot.updated_at expression 1",
                "awsdatacatalog.staging.stg_customers.email -> "
                "awsdatacatalog.marts.customers_snapshot.email identity 0",
                "awsdatacatalog.staging.stg_customers.updated_at -> "
                "awsdatacatalog.marts.customers_snapshot.dbt_valid_from identity 0",
                "awsdatacatalog.staging.stg_customers.updated_at -> "
                "awsdatacatalog.marts.customers_snapshot.updated_at identity 0"}));
  expect_no_temporary_names(db, "awsdatacatalog.marts.customers_snapshot",
                            "lake.customers_snapshot");
}

TEST(DbtRelations, HiveSnapshotRebuildsThroughTwoTemporaryTables) {
  const std::string c = dbt("snapshot.lake.orders_snapshot");
  const std::string snap = kMarts + R"("orders_snapshot")";
  const std::string tmp = kMarts + R"("orders_snapshot__dbt_tmp")";
  DbtStore db(
      {
          {"etl", c + "create table " + tmp + R"(
    with (format='parquet')
  as
    with snapshot_query as (
        select order_id, status, updated_at from )" +
                      kStaging + R"("stg_orders"
    )
    , source_data as (
        select *, order_id as dbt_unique_key, updated_at as dbt_valid_from
        from snapshot_query
    )
    select source_data.*, 'insert' as dbt_change_type, true as is_current_record
    from source_data)"},
          {"etl", c + "create table " + kMarts + R"("orders_snapshot__dbt_tmp_1"
    with (format='parquet')
  as
      select order_id, status, updated_at, dbt_unique_key, dbt_valid_from, is_current_record
      from )" + snap + R"(
      where dbt_unique_key NOT IN ( select dbt_unique_key from )" +
                      tmp + R"( )
      union all
      select src.order_id, src.status, src.updated_at, src.dbt_unique_key, src.dbt_valid_from,
             src.is_current_record
      from )" + tmp + R"( src)"},
          {"etl", c + "drop table if exists `marts`.`orders_snapshot`"},
          {"etl", c + "create table " + snap + R"(
    with (format='parquet')
  as
    select * from )" + kMarts +
                      R"("orders_snapshot__dbt_tmp_1";)"},
          {"etl", c + "drop table if exists `marts`.`orders_snapshot__dbt_tmp_1`"},
          {"etl", c + "drop table if exists `marts`.`orders_snapshot__dbt_tmp`"},
      });
  // Composed through x__dbt_tmp, then x__dbt_tmp_1 (the snapshot's own rows carried over: at
  // column level only).
  EXPECT_EQ(db.table_edges(), (std::vector<std::string>{"awsdatacatalog.staging.stg_orders -> "
                                                        "awsdatacatalog.marts.orders_snapshot"}));
  EXPECT_EQ(
      db.column_edges(),
      (std::vector<std::string>{"awsdatacatalog.marts.orders_snapshot.dbt_unique_key -> "
                                "awsdatacatalog.marts.orders_snapshot.dbt_unique_key identity 0",
                                "awsdatacatalog.marts.orders_snapshot.dbt_valid_from -> "
                                "awsdatacatalog.marts.orders_snapshot.dbt_valid_from identity 0",
                                "awsdatacatalog.marts.orders_snapshot.is_current_record -> "
                                "awsdatacatalog.marts.orders_snapshot.is_current_record identity 0",
                                "awsdatacatalog.marts.orders_snapshot.order_id -> "
                                "awsdatacatalog.marts.orders_snapshot.order_id identity 0",
                                "awsdatacatalog.marts.orders_snapshot.status -> "
                                "awsdatacatalog.marts.orders_snapshot.status identity 0",
                                "awsdatacatalog.marts.orders_snapshot.updated_at -> "
                                "awsdatacatalog.marts.orders_snapshot.updated_at identity 0",
                                "awsdatacatalog.staging.stg_orders.order_id -> "
                                "awsdatacatalog.marts.orders_snapshot.dbt_unique_key identity 0",
                                "awsdatacatalog.staging.stg_orders.order_id -> "
                                "awsdatacatalog.marts.orders_snapshot.order_id identity 0",
                                "awsdatacatalog.staging.stg_orders.status -> "
                                "awsdatacatalog.marts.orders_snapshot.status identity 0",
                                "awsdatacatalog.staging.stg_orders.updated_at -> "
                                "awsdatacatalog.marts.orders_snapshot.dbt_valid_from identity 0",
                                "awsdatacatalog.staging.stg_orders.updated_at -> "
                                "awsdatacatalog.marts.orders_snapshot.updated_at identity 0"}));
  expect_no_temporary_names(db, "awsdatacatalog.marts.orders_snapshot", "lake.orders_snapshot");
}

TEST(DbtRelations, PartitionBatchesGoThroughTmpNotPartitioned) {
  const std::string c = dbt("model.lake.fct_order_items");
  const std::string np = kMarts + R"("fct_order_items__dbt_tmp__tmp_not_partitioned")";
  const std::string tmp = kMarts + R"("fct_order_items__dbt_tmp")";
  DbtStore db({
      {"etl", c + "create table " + np + R"(
    with (format='parquet')
  as
    select i.order_id, i.sku, i.qty * i.unit_price as amount, i.order_date
    from )" + kStaging +
                  R"("stg_order_items" i)"},
      {"etl", c + "create table " + tmp +
                  R"( with (partitioned_by=ARRAY['order_date'], format='parquet') as
    select order_id, sku, amount, order_date from )" +
                  np + " where order_date = DATE '2026-11-14'"},
      {"etl", c + "insert into " + tmp + R"( (order_id, sku, amount, order_date)
    select order_id, sku, amount, order_date from )" +
                  np + " where order_date = DATE '2026-11-13'"},
      {"etl", c + "drop table if exists `marts`.`fct_order_items__dbt_tmp__tmp_not_partitioned`"},
      {"etl", c + kInsertMove},
      {"etl", c + "drop table if exists `marts`.`fct_order_items__dbt_tmp`"},
  });
  // As without the batches: the stacked temporary relations compose away.
  EXPECT_EQ(db.table_edges(), (std::vector<std::string>{"awsdatacatalog.staging.stg_order_items -> "
                                                        "awsdatacatalog.marts.fct_order_items"}));
  EXPECT_EQ(db.column_edges(), kIncrementalColumns);
  expect_no_temporary_names(db, "awsdatacatalog.marts.fct_order_items", "lake.fct_order_items");
}

TEST(DbtRelations, SeedIsAnExternalTableOverTheUploadedRows) {
  const std::string c = dbt("seed.lake.country_codes");
  DbtStore db({
      {"etl", c + "drop table if exists `staging`.`country_codes`"},
      {"etl", c + R"(create external table `staging`.`country_codes` (`code` string, `name` string)
    stored as parquet
    location 's3://acme-lake/seeds/staging/country_codes/8c1f/'
    tblproperties ('classification'='parquet'))"},
  });
  // No temporary relation: the seed's data comes from its upload to S3.
  EXPECT_EQ(db.temp_relations(), std::vector<std::string>{});
  for (const auto& t : db.tables())
    EXPECT_FALSE(analysis::dbt_temp_base(t)) << t;
}

/// Every string of `e` but the query texts (which are the SQL as dbt sent it).
void strings_of(simdjson::dom::element e, std::vector<std::string>& out) {
  simdjson::dom::object object;
  simdjson::dom::array array;
  std::string_view text;
  if (e.get(object) == simdjson::SUCCESS) {
    for (const simdjson::dom::key_value_pair field : object) {
      if (field.key != "text" && field.key != "query" && field.key != "sql")
        strings_of(field.value, out);
    }
  } else if (e.get(array) == simdjson::SUCCESS) {
    for (const simdjson::dom::element v : array)
      strings_of(v, out);
  } else if (e.get(text) == simdjson::SUCCESS) {
    out.emplace_back(text);
  }
}

TEST(DbtSample, TheSampleHistorysReportShowsModelRelationsOnly) {
  const auto& db = testing::analyzed_sample_db();
  testing::RunResult r = testing::run_shell(testing::lineage_bin() + " report --format json --db " +
                                            testing::shell_quote(db.string()));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  simdjson::dom::parser parser;
  std::vector<std::string> strings;
  strings_of(parser.parse(r.out), strings);
  ASSERT_GT(strings.size(), 100u);
  for (const auto& text : strings) {
    for (const char* suffix : {"__dbt_tmp", "__ha", "__bkp"})
      EXPECT_EQ(text.find(suffix), std::string::npos) << text;
  }
  // The temporary relations dbt used are in the raw facts, and in no other table.
  auto store = store::testing::opened_store(store::Store::open(db, store::StoreOptions{}));
  ASSERT_NE(store, nullptr);
  store::Statement temps(store::testing::RawDb::of(*store),
                         "SELECT count(DISTINCT temp) FROM query_temp_relations");
  ASSERT_TRUE(temps.step());
  EXPECT_GT(temps.int64(0), 5);
  store::Statement tables(store::testing::RawDb::of(*store), "SELECT name FROM tables");
  while (tables.step())
    EXPECT_FALSE(analysis::dbt_temp_base(tables.text(0))) << tables.text(0);
}

TEST(DbtSinks, OpenLineageEventsOfAnIncrementalRunAreTheModelsJob) {
  DbtStore db(incremental(dbt("model.lake.fct_order_items"), kInsertMove, false));
  openlineage::EventContext ctx;
  ctx.region = "us-east-1";
  std::string all;
  const util::Status read = store::for_each_lineage_run(
      db.store(), store::LineageRunSelection{}, [&](store::LineageRun&& run) {
        if (run.statement_kind != "insert") return true;
        for (const auto& e : openlineage::build_events(run, ctx))
          all += e.event_type + "\n" + e.body + "\n";
        return true;
      });
  ASSERT_TRUE(read.ok()) << read.error();
  testing::expect_golden(testing::source_dir() / "tests/app/testdata/dbt/openlineage_insert.txt",
                         all);
}

TEST(DbtSinks, OpenMetadataQueryEntitiesOfDbtModelsSayDbtInUsedBy) {
  ATHENA_REQUIRE_SHARED(schemas, "schemas/openmetadata");
  (void)schemas;
  testing::FakeOpenMetadata fake(testing::sample_fake_args());
  ATHENA_REQUIRE_FAKE_OM(fake);
  std::vector<Step> steps = incremental(dbt("model.lake.fct_order_items"), kInsertMove, false);
  steps.push_back({"adhoc", "select sku, count(*) from marts.fct_order_items group by sku"});
  DbtStore db(steps);
  testing::OmPushEnv env(fake);
  db.close();
  std::filesystem::copy_file(db.path(), env.db(),
                             std::filesystem::copy_options::overwrite_existing);
  testing::RunResult r = env.push("--dry-run");
  // Exit 1: the sample's fct_order_items has no column `amount` (column mappings skipped).
  ASSERT_EQ(r.exit_code, 1) << r.err;
  std::vector<std::string> queries;
  std::istringstream in(r.out);
  for (std::string line; std::getline(in, line);) {
    if (line.find(R"("kind":"query")") != std::string::npos) queries.push_back(line);
  }
  // The dbt model's statements say `dbt` in usedBy (beside the user), the analyst's do not.
  std::string all;
  for (const auto& q : queries)
    all += q + "\n";
  testing::expect_golden(testing::source_dir() / "tests/app/testdata/dbt/om_queries.jsonl", all);
  // Sent for real, OpenMetadata's schemas accept them.
  ASSERT_EQ(env.push().exit_code, 1);
  simdjson::dom::parser parser;
  simdjson::dom::element stats = parser.parse(fake.stats());
  EXPECT_EQ(int64_t(stats["schema_errors"]), 0);
  EXPECT_NE(fake.state().find(R"("usedBy": ["dbt", "svc-dbt"])"), std::string::npos)
      << fake.state();
}

} // namespace
} // namespace athena
