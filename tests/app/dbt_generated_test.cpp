// The sample generator's dbt seeds and snapshots (samples/generator/dbt_seeds_snapshots.cpp):
// a generated history analyzed by `analyze` attributes every statement of dbt-athena's seed
// and snapshot sequences to the seed's or snapshot's relation, with exact table and column
// lineage composed through the temporary relations, and stores no temporary name.
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "src/analysis/dbt_relations.h"
#include "src/store/sqlite_db.h"
#include "src/store/store.h"
#include "tests/app/store_test_access.h"
#include "tests/support/test_support.h"

namespace athena {
namespace {

using testing::run_shell;
using testing::shell_quote;

class DbtGenerated : public ::testing::Test {
protected:
  static void SetUpTestSuite() {
    dir_ = new testing::TempDir();
    const std::string out = shell_quote(dir_->path().string());
    // Six nights: the seed and the snapshots run in turn, one a night.
    auto gen = run_shell(shell_quote((testing::binary_dir() / "athena-samplegen").string()) +
                         " --seed 5 --queries 800 --days 6 --format jsonl --out " + out);
    ASSERT_EQ(gen.exit_code, 0) << gen.err;
    const auto d = dir_->path();
    auto r = run_shell(shell_quote((testing::binary_dir() / "athena-lineage").string()) +
                       " analyze --quiet --db " + shell_quote((d / "a.db").string()) +
                       " --schema " + shell_quote((d / "schema.json").string()) + " " +
                       shell_quote((d / "history.jsonl").string()) + " " +
                       shell_quote((d / "cloudtrail.json").string()));
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }
  static void TearDownTestSuite() {
    delete dir_;
    dir_ = nullptr;
  }
  /// Rows of `sql` on the analyzed database, its columns joined by spaces.
  static std::vector<std::string> rows(const std::string& sql, int columns) {
    auto store = store::testing::opened_store(
        store::Store::open(dir_->path() / "a.db", store::StoreOptions{}));
    EXPECT_NE(store, nullptr);
    std::vector<std::string> out;
    if (store == nullptr) return out;
    store::Statement st(store::testing::RawDb::of(*store), sql);
    while (st.step()) {
      std::string row;
      for (int c = 0; c < columns; ++c)
        row += (c > 0 ? " " : "") + st.text(c);
      out.push_back(row);
    }
    return out;
  }

private:
  static testing::TempDir* dir_;
};

testing::TempDir* DbtGenerated::dir_ = nullptr;

constexpr const char* kSeedsAndSnapshots =
    "(q.dbt_model LIKE 'seed.%' OR q.dbt_model LIKE 'snapshot.%')";

TEST_F(DbtGenerated, EveryStatementOfTheRunsIsAttributedToItsNode) {
  EXPECT_EQ(rows(std::string("SELECT q.dbt_model, q.statement_kind, q.state, count(*) FROM "
                             "queries q WHERE ") +
                     kSeedsAndSnapshots + " GROUP BY 1, 2, 3 ORDER BY 1, 2, 3",
                 4),
            (std::vector<std::string>{
                "seed.lake.country_codes create_table SUCCEEDED 2",
                "seed.lake.country_codes ctas SUCCEEDED 2",
                "snapshot.lake.customers_snapshot ctas SUCCEEDED 1",
                "snapshot.lake.customers_snapshot ddl SUCCEEDED 1",
                "snapshot.lake.customers_snapshot merge SUCCEEDED 1",
                "snapshot.lake.orders_snapshot ctas SUCCEEDED 6",
                "snapshot.lake.orders_snapshot ddl SUCCEEDED 6",
            }));
}

TEST_F(DbtGenerated, TableLineageNamesTheSeedAndSnapshotRelations) {
  const std::string select =
      "SELECT DISTINCT q.dbt_model, CASE WHEN s.location THEN 's3' ELSE "
      "replace(s.name, 'awsdatacatalog.', '') END, CASE WHEN t.location THEN 's3' ELSE "
      "replace(t.name, 'awsdatacatalog.', '') END FROM query_table_edges e "
      "JOIN queries q ON q.q = e.q JOIN tables s ON s.id = e.source_id "
      "JOIN tables t ON t.id = e.target_id WHERE ";
  // The seed's rows come from its uploaded CSV; the Iceberg snapshot's staging table writes
  // its own location (attributed to the snapshot, like every fact of it).
  EXPECT_EQ(rows(select + kSeedsAndSnapshots + " ORDER BY 1, 2, 3", 3),
            (std::vector<std::string>{
                "seed.lake.country_codes s3 staging.country_codes",
                "snapshot.lake.customers_snapshot marts.customers_snapshot s3",
                "snapshot.lake.customers_snapshot staging.stg_customers marts.customers_snapshot",
                "snapshot.lake.orders_snapshot staging.stg_orders marts.orders_snapshot",
            }));
  EXPECT_EQ(rows("SELECT DISTINCT s.name FROM query_table_edges e JOIN queries q ON q.q = e.q "
                 "JOIN tables s ON s.id = e.source_id WHERE q.dbt_model LIKE 'seed.%'",
                 1)
                .size(),
            2u); // one upload a run
  for (const auto& t : rows("SELECT name FROM tables", 1))
    EXPECT_FALSE(analysis::dbt_temp_base(t)) << t;
  EXPECT_EQ(rows("SELECT DISTINCT r.temp FROM query_temp_relations r JOIN queries q ON q.q = "
                 "r.q WHERE " +
                     std::string(kSeedsAndSnapshots) + " ORDER BY 1",
                 1),
            (std::vector<std::string>{"awsdatacatalog.marts.customers_snapshot__dbt_tmp",
                                      "awsdatacatalog.marts.orders_snapshot__dbt_tmp",
                                      "awsdatacatalog.marts.orders_snapshot__dbt_tmp_1",
                                      "awsdatacatalog.staging.country_codes__dbt_tmp"}));
}

TEST_F(DbtGenerated, ColumnLineageIsComposedThroughTheTemporaryRelations) {
  // The Hive snapshot's columns through `__dbt_tmp` then `__dbt_tmp_1` (its own rows carried
  // over); the Iceberg snapshot's through the MERGE on dbt_scd_id (a condition of every
  // column it writes); the seed has none (its columns come from the upload).
  EXPECT_EQ(
      rows(std::string("SELECT DISTINCT q.dbt_model || ' ' || replace(s.name, 'awsdatacatalog.', "
                       "'') || ' -> ' || replace(t.name, 'awsdatacatalog.', '') || ' ' || "
                       "e.transform || ' ' || e.condition FROM query_column_edges e JOIN queries "
                       "q ON q.q = e.q JOIN columns s ON s.id = e.source_id JOIN columns t ON "
                       "t.id = e.target_id WHERE ") +
               kSeedsAndSnapshots + " ORDER BY 1",
           1),
      (std::vector<std::string>{
          "snapshot.lake.customers_snapshot marts.customers_snapshot.dbt_scd_id -> "
          "marts.customers_snapshot.country expression 1",
          "snapshot.lake.customers_snapshot marts.customers_snapshot.dbt_scd_id -> "
          "marts.customers_snapshot.country identity 1",
          "snapshot.lake.customers_snapshot marts.customers_snapshot.dbt_scd_id -> "
          "marts.customers_snapshot.customer_id expression 1",
          "snapshot.lake.customers_snapshot marts.customers_snapshot.dbt_scd_id -> "
          "marts.customers_snapshot.customer_id identity 1",
          "snapshot.lake.customers_snapshot marts.customers_snapshot.dbt_scd_id -> "
          "marts.customers_snapshot.dbt_scd_id expression 0",
          "snapshot.lake.customers_snapshot marts.customers_snapshot.dbt_scd_id -> "
          "marts.customers_snapshot.dbt_scd_id identity 1",
          "snapshot.lake.customers_snapshot marts.customers_snapshot.dbt_scd_id -> "
          "marts.customers_snapshot.dbt_updated_at expression 1",
          "snapshot.lake.customers_snapshot marts.customers_snapshot.dbt_scd_id -> "
          "marts.customers_snapshot.dbt_updated_at identity 1",
          "snapshot.lake.customers_snapshot marts.customers_snapshot.dbt_scd_id -> "
          "marts.customers_snapshot.dbt_valid_from expression 1",
          "snapshot.lake.customers_snapshot marts.customers_snapshot.dbt_scd_id -> "
          "marts.customers_snapshot.dbt_valid_from identity 1",
          "snapshot.lake.customers_snapshot marts.customers_snapshot.dbt_scd_id -> "
          "marts.customers_snapshot.dbt_valid_to expression 1",
          "snapshot.lake.customers_snapshot marts.customers_snapshot.dbt_scd_id -> "
          "marts.customers_snapshot.dbt_valid_to identity 1",
          "snapshot.lake.customers_snapshot marts.customers_snapshot.dbt_scd_id -> "
          "marts.customers_snapshot.email_hash expression 1",
          "snapshot.lake.customers_snapshot marts.customers_snapshot.dbt_scd_id -> "
          "marts.customers_snapshot.email_hash identity 1",
          "snapshot.lake.customers_snapshot marts.customers_snapshot.dbt_scd_id -> "
          "marts.customers_snapshot.is_opted_in expression 1",
          "snapshot.lake.customers_snapshot marts.customers_snapshot.dbt_scd_id -> "
          "marts.customers_snapshot.is_opted_in identity 1",
          "snapshot.lake.customers_snapshot marts.customers_snapshot.dbt_scd_id -> "
          "marts.customers_snapshot.updated_at expression 1",
          "snapshot.lake.customers_snapshot marts.customers_snapshot.dbt_scd_id -> "
          "marts.customers_snapshot.updated_at identity 1",
          "snapshot.lake.customers_snapshot marts.customers_snapshot.dbt_valid_to -> "
          "marts.customers_snapshot.dbt_valid_to identity 1",
          "snapshot.lake.customers_snapshot staging.stg_customers.country -> "
          "marts.customers_snapshot.country identity 0",
          "snapshot.lake.customers_snapshot staging.stg_customers.customer_id -> "
          "marts.customers_snapshot.country expression 1",
          "snapshot.lake.customers_snapshot staging.stg_customers.customer_id -> "
          "marts.customers_snapshot.customer_id expression 1",
          "snapshot.lake.customers_snapshot staging.stg_customers.customer_id -> "
          "marts.customers_snapshot.customer_id identity 0",
          "snapshot.lake.customers_snapshot staging.stg_customers.customer_id -> "
          "marts.customers_snapshot.dbt_scd_id expression 0",
          "snapshot.lake.customers_snapshot staging.stg_customers.customer_id -> "
          "marts.customers_snapshot.dbt_updated_at expression 1",
          "snapshot.lake.customers_snapshot staging.stg_customers.customer_id -> "
          "marts.customers_snapshot.dbt_valid_from expression 1",
          "snapshot.lake.customers_snapshot staging.stg_customers.customer_id -> "
          "marts.customers_snapshot.dbt_valid_to expression 1",
          "snapshot.lake.customers_snapshot staging.stg_customers.customer_id -> "
          "marts.customers_snapshot.email_hash expression 1",
          "snapshot.lake.customers_snapshot staging.stg_customers.customer_id -> "
          "marts.customers_snapshot.is_opted_in expression 1",
          "snapshot.lake.customers_snapshot staging.stg_customers.customer_id -> "
          "marts.customers_snapshot.updated_at expression 1",
          "snapshot.lake.customers_snapshot staging.stg_customers.email_hash -> "
          "marts.customers_snapshot.email_hash identity 0",
          "snapshot.lake.customers_snapshot staging.stg_customers.is_opted_in -> "
          "marts.customers_snapshot.is_opted_in identity 0",
          "snapshot.lake.customers_snapshot staging.stg_customers.updated_at -> "
          "marts.customers_snapshot.country expression 1",
          "snapshot.lake.customers_snapshot staging.stg_customers.updated_at -> "
          "marts.customers_snapshot.customer_id expression 1",
          "snapshot.lake.customers_snapshot staging.stg_customers.updated_at -> "
          "marts.customers_snapshot.dbt_scd_id expression 0",
          "snapshot.lake.customers_snapshot staging.stg_customers.updated_at -> "
          "marts.customers_snapshot.dbt_updated_at expression 1",
          "snapshot.lake.customers_snapshot staging.stg_customers.updated_at -> "
          "marts.customers_snapshot.dbt_updated_at identity 0",
          "snapshot.lake.customers_snapshot staging.stg_customers.updated_at -> "
          "marts.customers_snapshot.dbt_valid_from expression 1",
          "snapshot.lake.customers_snapshot staging.stg_customers.updated_at -> "
          "marts.customers_snapshot.dbt_valid_from identity 0",
          "snapshot.lake.customers_snapshot staging.stg_customers.updated_at -> "
          "marts.customers_snapshot.dbt_valid_to expression 0",
          "snapshot.lake.customers_snapshot staging.stg_customers.updated_at -> "
          "marts.customers_snapshot.dbt_valid_to expression 1",
          "snapshot.lake.customers_snapshot staging.stg_customers.updated_at -> "
          "marts.customers_snapshot.email_hash expression 1",
          "snapshot.lake.customers_snapshot staging.stg_customers.updated_at -> "
          "marts.customers_snapshot.is_opted_in expression 1",
          "snapshot.lake.customers_snapshot staging.stg_customers.updated_at -> "
          "marts.customers_snapshot.updated_at expression 1",
          "snapshot.lake.customers_snapshot staging.stg_customers.updated_at -> "
          "marts.customers_snapshot.updated_at identity 0",
          "snapshot.lake.orders_snapshot marts.orders_snapshot.customer_id -> "
          "marts.orders_snapshot.customer_id identity 0",
          "snapshot.lake.orders_snapshot marts.orders_snapshot.dbt_change_type -> "
          "marts.orders_snapshot.dbt_change_type identity 0",
          "snapshot.lake.orders_snapshot marts.orders_snapshot.dbt_scd_id -> "
          "marts.orders_snapshot.dbt_scd_id identity 0",
          "snapshot.lake.orders_snapshot marts.orders_snapshot.dbt_snapshot_at -> "
          "marts.orders_snapshot.dbt_snapshot_at identity 0",
          "snapshot.lake.orders_snapshot marts.orders_snapshot.dbt_unique_key -> "
          "marts.orders_snapshot.dbt_change_type expression 1",
          "snapshot.lake.orders_snapshot marts.orders_snapshot.dbt_unique_key -> "
          "marts.orders_snapshot.dbt_unique_key identity 0",
          "snapshot.lake.orders_snapshot marts.orders_snapshot.dbt_valid_from -> "
          "marts.orders_snapshot.dbt_valid_from identity 0",
          "snapshot.lake.orders_snapshot marts.orders_snapshot.dbt_valid_to -> "
          "marts.orders_snapshot.dbt_valid_to expression 0",
          "snapshot.lake.orders_snapshot marts.orders_snapshot.is_current_record -> "
          "marts.orders_snapshot.dbt_valid_to expression 1",
          "snapshot.lake.orders_snapshot marts.orders_snapshot.is_current_record -> "
          "marts.orders_snapshot.is_current_record identity 0",
          "snapshot.lake.orders_snapshot marts.orders_snapshot.order_id -> "
          "marts.orders_snapshot.order_id identity 0",
          "snapshot.lake.orders_snapshot marts.orders_snapshot.order_ts -> "
          "marts.orders_snapshot.dbt_snapshot_at identity 0",
          "snapshot.lake.orders_snapshot marts.orders_snapshot.order_ts -> "
          "marts.orders_snapshot.order_ts identity 0",
          "snapshot.lake.orders_snapshot marts.orders_snapshot.status -> "
          "marts.orders_snapshot.status identity 0",
          "snapshot.lake.orders_snapshot marts.orders_snapshot.total_amount_usd -> "
          "marts.orders_snapshot.total_amount_usd identity 0",
          "snapshot.lake.orders_snapshot staging.stg_orders.customer_id -> "
          "marts.orders_snapshot.customer_id identity 0",
          "snapshot.lake.orders_snapshot staging.stg_orders.order_id -> "
          "marts.orders_snapshot.dbt_scd_id expression 0",
          "snapshot.lake.orders_snapshot staging.stg_orders.order_id -> "
          "marts.orders_snapshot.dbt_unique_key identity 0",
          "snapshot.lake.orders_snapshot staging.stg_orders.order_id -> "
          "marts.orders_snapshot.order_id identity 0",
          "snapshot.lake.orders_snapshot staging.stg_orders.order_ts -> "
          "marts.orders_snapshot.dbt_scd_id expression 0",
          "snapshot.lake.orders_snapshot staging.stg_orders.order_ts -> "
          "marts.orders_snapshot.dbt_snapshot_at identity 0",
          "snapshot.lake.orders_snapshot staging.stg_orders.order_ts -> "
          "marts.orders_snapshot.dbt_valid_from identity 0",
          "snapshot.lake.orders_snapshot staging.stg_orders.order_ts -> "
          "marts.orders_snapshot.dbt_valid_to expression 0",
          "snapshot.lake.orders_snapshot staging.stg_orders.order_ts -> "
          "marts.orders_snapshot.order_ts identity 0",
          "snapshot.lake.orders_snapshot staging.stg_orders.status -> marts.orders_snapshot.status "
          "identity 0",
          "snapshot.lake.orders_snapshot staging.stg_orders.total_amount_usd -> "
          "marts.orders_snapshot.total_amount_usd identity 0",
      }));
}

} // namespace
} // namespace athena
