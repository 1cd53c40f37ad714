// query_graph() on the hand-made database of report_test_db.h: upstream, downstream, depth,
// the cycle orders -> daily -> summary -> orders, columns, and unknown names.
#include <string>

#include <gtest/gtest.h>
#include <simdjson.h>

#include "src/report/graph_query.h"
#include "tests/app/report_test_db.h"
#include "tests/support/test_support.h"

namespace athena::report {
namespace {

using namespace test_db;

class GraphQueryTest : public ::testing::Test {
protected:
  void SetUp() override {
    store_ = build(dir_.path() / "g.db");
    ASSERT_NE(store_, nullptr);
  }
  GraphTraversals run(const std::string& name, bool up, bool down, int depth = -1,
                      bool columns = false) {
    GraphQuery q;
    q.name = qualify_graph_name(name, columns);
    q.upstream = up;
    q.downstream = down;
    q.depth = depth;
    q.columns = columns;
    util::Result<GraphTraversals> r = query_graph(*store_, q);
    EXPECT_TRUE(r) << r.error();
    return r ? std::move(*r) : GraphTraversals{};
  }
  static std::vector<std::string> nodes(const lineage::Subgraph& g) {
    std::vector<std::string> out;
    for (const auto& n : g.nodes)
      out.push_back(n.name + "@" + std::to_string(n.depth));
    return out;
  }

  athena::testing::TempDir dir_;
  std::unique_ptr<store::Store> store_;
};

TEST_F(GraphQueryTest, DownstreamFollowsTheCycleOnce) {
  auto r = run("sales.orders", false, true);
  ASSERT_FALSE(r.unknown_name) << *r.unknown_name;
  ASSERT_EQ(r.views.size(), 1u);
  const auto& g = r.views[0];
  EXPECT_EQ(g.direction, lineage::Direction::kDownstream);
  EXPECT_EQ(nodes(g), (std::vector<std::string>{kOrders + "@0", kDaily + "@1", kSummary + "@2",
                                                kExport + "@2", kUnused + "@3"}));
  EXPECT_EQ(g.queries, (std::vector<std::string>{"q2", "q3", "q4", "q8", "q9"}));
  EXPECT_EQ(render_graph(r.views, "text"),
            "downstream of awsdatacatalog.sales.orders  (table)\n"
            "└─ awsdatacatalog.mart.daily  (table) [1 query]\n"
            "   ├─ awsdatacatalog.mart.summary  (table) [1 query]\n"
            "   │  └─ awsdatacatalog.sales.orders  (table) [1 query] (repeat: expanded above)\n"
            "   └─ s3://bucket/export/  (location) [1 query]\n"
            "      └─ awsdatacatalog.raw.unused_tbl  (table) [1 query]\n"
            "4 nodes, 5 edges, 5 queries\n");
}

TEST_F(GraphQueryTest, UpstreamWithDepth) {
  auto r = run("awsdatacatalog.mart.summary", true, false, 1);
  ASSERT_FALSE(r.unknown_name) << *r.unknown_name;
  ASSERT_EQ(r.views.size(), 1u);
  EXPECT_EQ(nodes(r.views[0]), (std::vector<std::string>{kSummary + "@0", kDaily + "@1"}));
  EXPECT_EQ(r.views[0].queries, (std::vector<std::string>{"q3"}));

  auto all = run("awsdatacatalog.mart.summary", true, false);
  ASSERT_EQ(all.views.size(), 1u);
  EXPECT_EQ(nodes(all.views[0]),
            (std::vector<std::string>{kSummary + "@0", kDaily + "@1", kOrders + "@2"}));

  auto zero = run("awsdatacatalog.mart.summary", true, false, 0);
  ASSERT_EQ(zero.views.size(), 1u);
  EXPECT_EQ(nodes(zero.views[0]), (std::vector<std::string>{kSummary + "@0"}));
  EXPECT_TRUE(zero.views[0].edges.empty());
}

TEST_F(GraphQueryTest, BothDirectionsUpstreamFirst) {
  auto r = run("s3://bucket/export", true, true);
  ASSERT_FALSE(r.unknown_name) << *r.unknown_name;
  ASSERT_EQ(r.views.size(), 2u);
  EXPECT_EQ(r.views[0].start, kExport);
  EXPECT_EQ(nodes(r.views[0]), (std::vector<std::string>{kExport + "@0", kDaily + "@1",
                                                         kOrders + "@2", kSummary + "@3"}));
  EXPECT_EQ(nodes(r.views[1]), (std::vector<std::string>{kExport + "@0", kUnused + "@1"}));
  EXPECT_EQ(r.views[1].nodes[0].kind, lineage::NodeKind::kLocation);

  simdjson::dom::parser parser;
  simdjson::dom::element root;
  ASSERT_EQ(parser.parse(render_graph(r.views, "json")).get(root), simdjson::SUCCESS);
  EXPECT_EQ(std::string_view(root["start"]), kExport);
  EXPECT_EQ(std::string_view(root["upstream"]["direction"]), "upstream");
  EXPECT_EQ(root["downstream"]["nodes"].get_array().size(), 2u);

  const std::string dot = render_graph(r.views, "dot");
  EXPECT_EQ(dot.rfind("digraph lineage {", 0), 0u);
  EXPECT_NE(dot.find("label=\"s3://bucket/export/\", shape=folder, style=bold"), std::string::npos)
      << dot;
  EXPECT_NE(dot.find("label=\"awsdatacatalog.raw.unused_tbl\", shape=box"), std::string::npos);
}

TEST_F(GraphQueryTest, ColumnLineageWithTransformsAndConditions) {
  auto r = run("mart.summary.total", true, false, -1, true);
  ASSERT_FALSE(r.unknown_name) << *r.unknown_name;
  ASSERT_EQ(r.views.size(), 1u);
  const auto& g = r.views[0];
  EXPECT_EQ(nodes(g), (std::vector<std::string>{kSummary + ".total@0", kDaily + ".total@1",
                                                kOrders + ".amount@2", kOrders + ".status@2"}));
  ASSERT_EQ(g.edges.size(), 3u);
  for (const auto& e : g.edges) {
    if (e.from == kOrders + ".status") {
      EXPECT_TRUE(e.condition_only);
      EXPECT_EQ(e.transforms, (std::vector<std::string>{"aggregation"}));
      EXPECT_EQ(e.queries, (std::vector<std::string>{"q2"}));
      EXPECT_EQ(e.first_seen_ms, kDay15 + 11 * kHour);
    }
  }
  const std::string dot = render_graph(r.views, "dot");
  EXPECT_NE(dot.find("[label=\"aggregation\", style=dashed]"), std::string::npos) << dot;
}

TEST_F(GraphQueryTest, UnknownNamesAreReported) {
  auto r = run("sales.nope", true, true);
  EXPECT_EQ(r.unknown_name.value_or("(known)"),
            "table 'awsdatacatalog.sales.nope' is not in the database");
  EXPECT_TRUE(r.views.empty());
  auto col = run("sales.orders.amount", true, true);
  EXPECT_EQ(
      col.unknown_name.value_or("(known)"),
      "table 'sales.orders.amount' is not in the database (it names a column: add --columns)");
  auto known_no_edges = run("sales.customers", true, true);
  ASSERT_FALSE(known_no_edges.unknown_name);
  ASSERT_EQ(known_no_edges.views.size(), 2u);
  EXPECT_EQ(nodes(known_no_edges.views[0]), (std::vector<std::string>{kCustomers + "@0"}));
}

TEST(GraphNames, QualifiedWithTheDefaultCatalog) {
  EXPECT_EQ(qualify_graph_name("Sales.Orders", false), "awsdatacatalog.sales.orders");
  EXPECT_EQ(qualify_graph_name("other.sales.orders", false), "other.sales.orders");
  EXPECT_EQ(qualify_graph_name("sales.orders.amount", true), "awsdatacatalog.sales.orders.amount");
  EXPECT_EQ(qualify_graph_name("c.sales.orders.amount", true), "c.sales.orders.amount");
  EXPECT_EQ(qualify_graph_name("S3://bucket/Key", false), "s3://bucket/Key/");
  EXPECT_EQ(qualify_graph_name("s3://bucket/x/", false), "s3://bucket/x/");
  EXPECT_EQ(qualify_graph_name("orders", false), "orders");
}

} // namespace
} // namespace athena::report
