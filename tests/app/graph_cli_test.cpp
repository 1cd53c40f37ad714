// `athena-lineage graph` run as a process: formats, flags, and exit status 2 for an unknown
// name or a missing database.
#include <string>

#include <gtest/gtest.h>
#include <simdjson.h>

#include "tests/app/report_test_db.h"
#include "tests/app/store_test_access.h"
#include "tests/support/test_support.h"

namespace athena::report {
namespace {

using athena::testing::run_shell;
using athena::testing::shell_quote;

class GraphCli : public ::testing::Test {
protected:
  void SetUp() override { ASSERT_NE(test_db::build(db_), nullptr); }
  athena::testing::RunResult graph(const std::string& args) {
    const auto bin = athena::testing::binary_dir() / "athena-lineage";
    return run_shell(shell_quote(bin.string()) + " graph --db " + shell_quote(db_.string()) + " " +
                     args);
  }

  athena::testing::TempDir dir_;
  std::filesystem::path db_ = dir_.path() / "g.db";
};

TEST_F(GraphCli, TextBothDirectionsByDefault) {
  auto r = graph("mart.summary --depth 1");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "upstream of awsdatacatalog.mart.summary  (table)\n"
                   "└─ awsdatacatalog.mart.daily  (table) [1 query]\n"
                   "1 nodes, 1 edges, 1 queries\n"
                   "\n"
                   "downstream of awsdatacatalog.mart.summary  (table)\n"
                   "└─ awsdatacatalog.sales.orders  (table) [1 query]\n"
                   "1 nodes, 1 edges, 1 queries\n");
}

TEST_F(GraphCli, TextPrintsPathsWithColumnTransformsAndViews) {
  auto r = graph("--columns --upstream awsdatacatalog.mart.summary.total");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "upstream of awsdatacatalog.mart.summary.total  (column)\n"
                   "└─ awsdatacatalog.mart.daily.total  (column) [identity, value; 1 query]\n"
                   "   ├─ awsdatacatalog.sales.orders.amount  (column) [aggregation, value; 1 "
                   "query]\n"
                   "   └─ awsdatacatalog.sales.orders.status  (column) [aggregation, condition; 1 "
                   "query]\n"
                   "3 nodes, 3 edges, 2 queries\n");

  // A view is shown as a view, and a table reached twice is expanded once.
  auto store = store::testing::opened_store(store::Store::open(db_, store::StoreOptions{}));
  ASSERT_NE(store, nullptr);
  std::vector<store::AnalyzedQuery> b;
  b.push_back(test_db::make("v1", model::QueryState::kSucceeded, test_db::kDay15, 0, "eve", 50,
                            {test_db::kOrders, test_db::kDaily}, {"awsdatacatalog.mart.v"}));
  b.back().facts.statement_kinds = {athena::lineage::StatementKind::kCreateView};
  b.back().facts.is_usage = false;
  const model::TableName view = athena::testing::tn("awsdatacatalog.mart.v");
  b.back().facts.table_edges = {{athena::testing::tn(test_db::kOrders), view},
                                {athena::testing::tn(test_db::kDaily), view}};
  store::InsertStats stats;
  ASSERT_TRUE(store::testing::is_ok(store->insert_batch(b, &stats)));
  ASSERT_TRUE(store::testing::is_ok(store->refresh_aggregates()));
  store.reset();
  auto v = graph("--upstream mart.v --depth 2");
  ASSERT_EQ(v.exit_code, 0) << v.err;
  EXPECT_EQ(v.out, "upstream of awsdatacatalog.mart.v  (view)\n"
                   "├─ awsdatacatalog.mart.daily  (table) [1 query]\n"
                   "│  └─ awsdatacatalog.sales.orders  (table) [1 query]\n"
                   "│     └─ awsdatacatalog.mart.summary  (table) [1 query]\n"
                   "└─ awsdatacatalog.sales.orders  (table) [1 query] (repeat: expanded above)\n"
                   "3 nodes, 4 edges, 3 queries\n");
}

TEST_F(GraphCli, JsonDownstreamOfAColumn) {
  auto r = graph("--columns --downstream --format json awsdatacatalog.sales.orders.amount");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  simdjson::dom::parser parser;
  simdjson::dom::element root;
  ASSERT_EQ(parser.parse(r.out).get(root), simdjson::SUCCESS) << r.out;
  EXPECT_EQ(std::string_view(root["direction"]), "downstream");
  simdjson::dom::array nodes = root["nodes"];
  ASSERT_EQ(nodes.size(), 3u);
  EXPECT_EQ(std::string_view(nodes.at(1)["name"]), "awsdatacatalog.mart.daily.total");
  EXPECT_EQ(std::string_view(nodes.at(2)["name"]), "awsdatacatalog.mart.summary.total");
  EXPECT_EQ(std::string_view(nodes.at(2)["kind"]), "column");
  simdjson::dom::array edges = root["edges"];
  ASSERT_EQ(edges.size(), 2u);
  // Edges sorted by (from, to): daily.total -> summary.total (q3), then orders.amount (q2).
  EXPECT_EQ(std::string_view(edges.at(0)["first_seen"]), "2025-01-16T09:00:00.000Z");
  EXPECT_EQ(std::string_view(edges.at(1)["from"]), "awsdatacatalog.sales.orders.amount");
  EXPECT_EQ(std::string_view(edges.at(1)["first_seen"]), "2025-01-15T11:00:00.000Z");
  EXPECT_EQ(std::string_view(edges.at(1)["transforms"].at(0)), "aggregation");
}

TEST_F(GraphCli, DotUpstream) {
  auto r = graph("--upstream --format dot awsdatacatalog.mart.daily");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out.rfind("digraph lineage {", 0), 0u);
  EXPECT_NE(r.out.find("\"awsdatacatalog.sales.orders\""), std::string::npos) << r.out;
}

TEST_F(GraphCli, ErrorsExitWithTwo) {
  auto r = graph("sales.nope");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err,
            "athena-lineage: error: table 'awsdatacatalog.sales.nope' is not in the database\n");
  r = graph("--format svg sales.orders");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("unknown --format 'svg'"), std::string::npos) << r.err;
  r = graph("--upstream --downstream sales.orders");
  EXPECT_EQ(r.exit_code, 2) << r.err; // CLI11 rejects the pair
  const auto bin = athena::testing::binary_dir() / "athena-lineage";
  r = run_shell(shell_quote(bin.string()) + " graph --db " +
                shell_quote((dir_.path() / "missing.db").string()) + " sales.orders");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("does not exist"), std::string::npos) << r.err;
}

} // namespace
} // namespace athena::report
