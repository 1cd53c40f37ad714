// dbt's temporary relations composed whatever order the statements are analyzed in: a dbt
// history (incremental append and merge, a Hive snapshot through two temporary tables) analyzed
// whole, in two halves by two runs (the later half first), interleaved by two runs, and
// shuffled in one run gives the same stored edges, per query and aggregated, and the same
// `report` and `graph`.
#include <algorithm>
#include <functional>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "src/analysis/pipeline.h"
#include "src/store/sqlite_db.h"
#include "src/store/store.h"
#include "tests/app/store_test_access.h"
#include "tests/support/test_support.h"

namespace athena {
namespace {

std::string dbt(const std::string& node) {
  return R"(/* {"app": "dbt", "dbt_version": "1.8.7", "profile_name": "lake", )"
         R"("target_name": "prod", "node_id": ")" +
         node + "\"} */\n";
}

const std::string kMarts = R"("awsdatacatalog"."marts".)";
const std::string kStaging = R"("awsdatacatalog"."staging".)";

/// Two nightly runs of an incremental model (append, then merge with other model SQL) and of a
/// Hive snapshot: every fill is followed by its move.
std::vector<std::string> history() {
  const std::string m = dbt("model.lake.fct_order_items");
  const std::string s = dbt("snapshot.lake.orders_snapshot");
  const std::string tmp = kMarts + R"("fct_order_items__dbt_tmp")";
  const std::string snap = kMarts + R"("orders_snapshot")";
  const std::string snap_tmp = kMarts + R"("orders_snapshot__dbt_tmp")";
  const std::string snap_tmp1 = kMarts + R"("orders_snapshot__dbt_tmp_1")";
  auto snapshot_run = [&](const std::string& status) {
    return std::vector<std::string>{
        s + "create table " + snap_tmp +
            " with (format='parquet') as\n"
            "select order_id, " +
            status +
            " as status, updated_at, order_id as dbt_unique_key\n"
            "from " +
            kStaging + R"("stg_orders")",
        s + "create table " + snap_tmp1 +
            " with (format='parquet') as\n"
            "select order_id, status, updated_at, dbt_unique_key from " +
            snap + "\nwhere dbt_unique_key not in (select dbt_unique_key from " + snap_tmp +
            ")\n"
            "union all\nselect order_id, status, updated_at, dbt_unique_key from " +
            snap_tmp,
        s + "drop table if exists `marts`.`orders_snapshot`",
        s + "create table " + snap +
            " with (format='parquet') as\n"
            "select order_id, status, updated_at, dbt_unique_key from " +
            snap_tmp1,
        s + "drop table if exists `marts`.`orders_snapshot__dbt_tmp_1`",
        s + "drop table if exists `marts`.`orders_snapshot__dbt_tmp`"};
  };
  std::vector<std::string> out = {
      m + "drop table if exists `marts`.`fct_order_items__dbt_tmp`",
      m + "create table " + tmp +
          " with (format='parquet') as\n"
          "select i.order_id, i.sku, i.qty * i.unit_price as amount from " +
          kStaging + R"("stg_order_items" i)",
      m + "insert into " + kMarts + R"("fct_order_items" ("order_id", "sku", "amount"))" +
          "\n(select \"order_id\", \"sku\", \"amount\" from " + tmp + ")",
      m + "drop table `marts`.`fct_order_items__dbt_tmp`"};
  for (auto& sql : snapshot_run("lower(status)"))
    out.push_back(std::move(sql));
  for (auto& sql : std::vector<std::string>{
           m + "drop table if exists `marts`.`fct_order_items__dbt_tmp`",
           m + "create table " + tmp +
               " with (format='parquet') as\n"
               "select i.order_id, i.sku, i.qty * (i.unit_price - i.discount) as amount\n"
               "from " +
               kStaging + R"("stg_order_items" i join )" + kStaging +
               R"("stg_products" p on p.sku = i.sku)",
           m + "merge into " + kMarts + R"("fct_order_items" as target using )" + tmp +
               " as src\n  on (target.order_id = src.order_id)\n"
               "  when matched then update set \"amount\" = src.\"amount\"\n"
               "  when not matched then insert (\"order_id\", \"sku\", \"amount\")\n"
               "    values (src.\"order_id\", src.\"sku\", src.\"amount\")",
           m + "drop table `marts`.`fct_order_items__dbt_tmp`"})
    out.push_back(std::move(sql));
  for (auto& sql : snapshot_run("upper(status)"))
    out.push_back(std::move(sql));
  return out;
}

model::QueryRecord record(const std::vector<std::string>& sqls, size_t i) {
  model::QueryRecord r;
  r.id = "q" + std::to_string(100 + i);
  r.query = sqls[i];
  r.state = model::QueryState::kSucceeded;
  r.submission_ms = 1794700800000 + static_cast<int64_t>(i) * 60'000; // 2026-11-15
  r.completion_ms = *r.submission_ms + 500;
  r.workgroup = "etl";
  r.user = "svc-dbt";
  return r;
}

/// What the database holds about lineage, and what `report` and `graph` show from it.
std::string lineage_of(const std::vector<std::vector<size_t>>& runs, size_t batch_size) {
  testing::TempDir dir;
  const auto path = dir.path() / "dbt.db";
  const std::vector<std::string> sqls = history();
  std::string out;
  {
    auto store = store::testing::opened_store(store::Store::open(path, store::StoreOptions{}));
    EXPECT_NE(store, nullptr);
    if (store == nullptr) return {};
    for (const auto& run : runs) {
      analysis::PipelineOptions options;
      options.progress = false;
      options.threads = 1;
      options.batch_size = batch_size;
      lineage::SchemaCatalog catalog;
      auto summary = analysis::run_pipeline_records(
          [&](bool, const std::function<void(model::QueryRecord &&)>& sink) {
            for (size_t i : run)
              sink(record(sqls, i));
          },
          options, catalog, *store);
      EXPECT_EQ(summary.error, "");
    }
    auto rows = [&](const std::string& title, const std::string& sql, int columns) {
      out += "== " + title + "\n";
      store::Statement st(store::testing::RawDb::of(*store), sql);
      while (st.step()) {
        for (int c = 0; c < columns; ++c)
          out += (c > 0 ? " " : "") + st.text(c);
        out += "\n";
      }
    };
    rows("table edges",
         "SELECT s.name, t.name, e.queries, e.first_seen_ms, e.last_seen_ms, e.last_query_id "
         "FROM table_edges e JOIN tables s ON s.id = e.source_id JOIN tables t ON t.id = "
         "e.target_id ORDER BY 1, 2",
         6);
    rows("column edges",
         "SELECT s.name, t.name, e.transform, e.condition, e.queries, e.first_seen_ms, "
         "e.last_seen_ms, e.last_query_id FROM column_edges e JOIN columns s ON s.id = "
         "e.source_id JOIN columns t ON t.id = e.target_id ORDER BY 1, 2, 3, 4",
         8);
    rows("query table edges",
         "SELECT q.id, s.name, t.name FROM query_table_edges e JOIN queries q ON q.q = e.q "
         "JOIN tables s ON s.id = e.source_id JOIN tables t ON t.id = e.target_id "
         "ORDER BY 1, 2, 3",
         3);
    rows("query column edges",
         "SELECT q.id, s.name, t.name, e.transform, e.condition FROM query_column_edges e "
         "JOIN queries q ON q.q = e.q JOIN columns s ON s.id = e.source_id "
         "JOIN columns t ON t.id = e.target_id ORDER BY 1, 2, 3, 4, 5",
         5);
    rows("temporary relations",
         "SELECT q.id, r.temp, r.base FROM query_temp_relations r JOIN queries q ON q.q = r.q "
         "ORDER BY 1, 2",
         3);
  }
  const std::string bin = testing::shell_quote((testing::binary_dir() / "athena-lineage").string());
  const std::string db = testing::shell_quote(path.string());
  for (const std::string& command :
       {" report --format json --db " + db,
        " graph --db " + db + " marts.fct_order_items.amount --upstream --columns --format json",
        " graph --db " + db + " marts.orders_snapshot.status --upstream --columns --format json"}) {
    testing::RunResult r = testing::run_shell(bin + command);
    EXPECT_EQ(r.exit_code, 0) << command << "\n" << r.err;
    out += "== " + command.substr(1, command.find(' ', 1)) + "\n" + r.out;
  }
  return out;
}

std::vector<size_t> range(size_t from, size_t to) {
  std::vector<size_t> out;
  for (size_t i = from; i < to; ++i)
    out.push_back(i);
  return out;
}

class DbtOrder : public ::testing::Test {
protected:
  static void SetUpTestSuite() { whole_ = new std::string(lineage_of({range(0, size())}, 2048)); }
  static void TearDownTestSuite() {
    delete whole_;
    whole_ = nullptr;
  }
  static size_t size() { return history().size(); }
  static const std::string& whole() { return *whole_; }

private:
  static std::string* whole_;
};

std::string* DbtOrder::whole_ = nullptr;

TEST_F(DbtOrder, TheWholeHistoryComposesEachMoveWithTheFillBeforeIt) {
  // The append reads the first model SQL, the merge the second (discount, products); the
  // snapshot's second run carries upper(status) through both temporary tables.
  const std::string& w = whole();
  EXPECT_NE(w.find("q102 awsdatacatalog.staging.stg_order_items.qty "
                   "awsdatacatalog.marts.fct_order_items.amount expression 0"),
            std::string::npos)
      << w;
  EXPECT_EQ(w.find("q102 awsdatacatalog.staging.stg_order_items.discount"), std::string::npos) << w;
  EXPECT_NE(w.find("q112 awsdatacatalog.staging.stg_order_items.discount "
                   "awsdatacatalog.marts.fct_order_items.amount expression 0"),
            std::string::npos)
      << w;
  EXPECT_NE(w.find("q112 awsdatacatalog.staging.stg_products awsdatacatalog.marts.fct_order_items"),
            std::string::npos)
      << w;
  EXPECT_NE(w.find("q117 awsdatacatalog.staging.stg_orders.status "
                   "awsdatacatalog.marts.orders_snapshot.status expression 0"),
            std::string::npos)
      << w;
}

TEST_F(DbtOrder, TwoRunsOfReversedHalvesGiveTheSameLineage) {
  // Halves, and a cut between the second merge's fill and the merge.
  for (size_t cut : {size() / 2, size_t{12}, size_t{2}}) {
    EXPECT_EQ(lineage_of({range(cut, size()), range(0, cut)}, 2048), whole()) << "cut " << cut;
  }
}

TEST_F(DbtOrder, TwoRunsOfInterleavedHalvesGiveTheSameLineage) {
  std::vector<size_t> even, odd;
  for (size_t i = 0; i < size(); ++i)
    (i % 2 == 0 ? even : odd).push_back(i);
  EXPECT_EQ(lineage_of({odd, even}, 2048), whole());
}

TEST_F(DbtOrder, OneRunOfShuffledStatementsGivesTheSameLineage) {
  std::vector<size_t> reversed = range(0, size());
  std::reverse(reversed.begin(), reversed.end());
  EXPECT_EQ(lineage_of({reversed}, 2048), whole());
  // A fixed shuffle, in batches of three (attributed across batches).
  std::vector<size_t> shuffled = range(0, size());
  for (size_t i = 0; i < shuffled.size(); ++i)
    std::swap(shuffled[i], shuffled[(i * 7 + 3) % shuffled.size()]);
  EXPECT_EQ(lineage_of({shuffled}, 3), whole());
}

} // namespace
} // namespace athena
