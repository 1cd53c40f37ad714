// GET /api/graph.svg's layout on the hand-made database of report_test_db.h: which nodes and
// edges are drawn for a depth, expansions and collapses, their data attributes, column mode's
// transform and condition marking, escaping, and the errors.
#include <regex>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "src/serve/graph_svg.h"
#include "tests/app/report_test_db.h"
#include "tests/support/test_support.h"

namespace athena::serve {
namespace {

using namespace report::test_db;

class GraphSvgTest : public ::testing::Test {
protected:
  void SetUp() override {
    store_ = build(dir_.path() / "g.db");
    ASSERT_NE(store_, nullptr);
    reader_ = std::make_unique<store::ExplorerReader>((dir_.path() / "g.db").string());
  }
  GraphSvgResult run(const std::multimap<std::string, std::string>& params) {
    const util::Result<GraphSvgRequest> request = parse_graph_request(params);
    if (!request) return {400, "", request.error()};
    return graph_svg(*reader_, *request);
  }
  /// "name kind in/out" per node, in the SVG's order.
  static std::vector<std::string> nodes(const std::string& svg) {
    static const std::regex re("<g id=\"n\\d+\" class=\"node\" data-name=\"([^\"]*)\" "
                               "data-kind=\"(\\w+)\" data-queries-in=\"(\\d+)\" "
                               "data-queries-out=\"(\\d+)\" data-table=\"[^\"]*\">");
    std::vector<std::string> out;
    for (std::sregex_iterator it(svg.begin(), svg.end(), re), end; it != end; ++it)
      out.push_back((*it)[1].str() + " " + (*it)[2].str() + " " + (*it)[3].str() + "/" +
                    (*it)[4].str());
    return out;
  }
  /// "from>to queries transforms condition last-seen" per edge.
  static std::vector<std::string> edges(const std::string& svg) {
    static const std::regex re("<g id=\"e\\d+\" class=\"edge\" data-from=\"([^\"]*)\" "
                               "data-to=\"([^\"]*)\" data-queries=\"(\\d+)\" "
                               "data-transforms=\"([^\"]*)\" data-condition=\"(\\w+)\" "
                               "data-last-seen=\"([^\"]*)\">");
    std::vector<std::string> out;
    for (std::sregex_iterator it(svg.begin(), svg.end(), re), end; it != end; ++it)
      out.push_back((*it)[1].str() + ">" + (*it)[2].str() + " " + (*it)[3].str() + " [" +
                    (*it)[4].str() + "] " + (*it)[5].str() + " " + (*it)[6].str());
    return out;
  }

  athena::testing::TempDir dir_;
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<store::ExplorerReader> reader_;
};

TEST_F(GraphSvgTest, DepthOneBothWaysDrawsTheNeighboursWithDataAttributes) {
  auto r = run({{"name", "mart.daily"}});
  ASSERT_EQ(r.status, 200) << r.error;
  EXPECT_EQ(r.svg.rfind("<svg", 0), 0u);
  EXPECT_EQ(nodes(r.svg), (std::vector<std::string>{kDaily + " table 1/2", kSummary + " table 1/0",
                                                    kExport + " s3 1/0", kOrders + " table 0/1"}));
  EXPECT_EQ(edges(r.svg), (std::vector<std::string>{
                              kDaily + ">" + kSummary + " 1 [] false 2025-01-16T09:00:00.000Z",
                              kDaily + ">" + kExport + " 1 [] false 2025-01-17T11:00:00.000Z",
                              kOrders + ">" + kDaily + " 1 [] false 2025-01-15T11:00:00.000Z"}));
}

TEST_F(GraphSvgTest, ExpandingUpstreamTwiceAndCollapsing) {
  auto r = run({{"name", "mart.daily"}, {"direction", "up"}, {"depth", "0"}});
  ASSERT_EQ(r.status, 200) << r.error;
  EXPECT_EQ(nodes(r.svg), (std::vector<std::string>{kDaily + " table 0/0"}));
  r = run({{"name", "mart.daily"}, {"direction", "up"}, {"depth", "0"}, {"up", kDaily}});
  EXPECT_EQ(nodes(r.svg),
            (std::vector<std::string>{kDaily + " table 1/0", kOrders + " table 0/1"}));
  r = run({{"name", "mart.daily"},
           {"direction", "up"},
           {"depth", "0"},
           {"up", kDaily},
           {"up", kOrders}});
  EXPECT_EQ(nodes(r.svg), (std::vector<std::string>{kDaily + " table 1/0", kOrders + " table 1/1",
                                                    kSummary + " table 0/1"}));
  r = run({{"name", "mart.daily"},
           {"direction", "up"},
           {"depth", "0"},
           {"up", kDaily},
           {"up", kOrders},
           {"collapse", kOrders}});
  EXPECT_EQ(nodes(r.svg),
            (std::vector<std::string>{kDaily + " table 1/0", kOrders + " table 0/1"}));
}

TEST_F(GraphSvgTest, ColumnModeMarksTransformsAndConditions) {
  auto r = run({{"name", "mart.daily.total"}, {"columns", "true"}, {"direction", "up"}});
  ASSERT_EQ(r.status, 200) << r.error;
  EXPECT_EQ(nodes(r.svg),
            (std::vector<std::string>{kDaily + ".total column 2/0", kOrders + ".amount column 0/1",
                                      kOrders + ".status column 0/1"}));
  EXPECT_EQ(edges(r.svg), (std::vector<std::string>{
                              kOrders + ".amount>" + kDaily + ".total 1 [aggregation] false " +
                                  "2025-01-15T11:00:00.000Z",
                              kOrders + ".status>" + kDaily + ".total 1 [aggregation] true " +
                                  "2025-01-15T11:00:00.000Z"}));
  EXPECT_NE(r.svg.find(">aggregation (condition)</text>"), std::string::npos);
  EXPECT_NE(r.svg.find("stroke-dasharray"), std::string::npos); // the condition edge
}

TEST_F(GraphSvgTest, ColumnModeFromATableStartsFromItsColumnsGroupedByTable) {
  auto r = run({{"name", "mart.daily"}, {"columns", "true"}, {"direction", "up"}});
  ASSERT_EQ(r.status, 200) << r.error;
  EXPECT_EQ(nodes(r.svg),
            (std::vector<std::string>{kDaily + ".total column 2/0", kOrders + ".amount column 0/1",
                                      kOrders + ".status column 0/1"}));
  // One box per table, labelled with its name; the columns by their own names.
  EXPECT_NE(r.svg.find("<g id=\"clust1\" class=\"cluster\">"), std::string::npos);
  EXPECT_NE(r.svg.find(">awsdatacatalog.sales.orders</text>"), std::string::npos);
  EXPECT_NE(r.svg.find(">amount</text>"), std::string::npos);
  EXPECT_EQ(run({{"name", "mart.nope"}, {"columns", "true"}}).error,
            "column or table 'mart.nope' is not in the database");
}

TEST_F(GraphSvgTest, BadParametersAndUnknownNames) {
  EXPECT_EQ(run({}).error, "parameter 'name' is required");
  EXPECT_EQ(run({{"name", "a.b"}, {"depth", "x"}}).error,
            "parameter 'depth': expected a whole number from 0 to 10, found 'x'");
  EXPECT_EQ(run({{"name", "a.b"}, {"depth", "11"}}).status, 400);
  EXPECT_EQ(run({{"name", "a.b"}, {"direction", "sideways"}}).error,
            "parameter 'direction': expected up, down or both, found 'sideways'");
  EXPECT_EQ(run({{"name", "a.b"}, {"columns", "maybe"}}).error,
            "parameter 'columns': expected true or false, found 'maybe'");
  EXPECT_EQ(run({{"name", "a.b"}, {"color", "red"}}).status, 400);
  auto r = run({{"name", "sales.nope"}});
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(r.error, "table 'awsdatacatalog.sales.nope' is not in the database");
}

} // namespace
} // namespace athena::serve
