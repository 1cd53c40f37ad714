// The explorer's own JSON routes (impact, the queries of one edge) on the hand-made database
// of report_test_db.h, hostile names in the graph's SVG, and the embedded page assets.
#include <fstream>
#include <sstream>
#include <string>

#include <gtest/gtest.h>

#include "src/serve/embedded_files.h"
#include "src/serve/explorer_json.h"
#include "src/serve/graph_svg.h"
#include "tests/app/report_test_db.h"
#include "tests/support/test_support.h"

namespace athena::serve {
namespace {

using namespace report::test_db;

class ExplorerJsonTest : public ::testing::Test {
protected:
  void SetUp() override {
    store_ = build(dir_.path() / "e.db");
    ASSERT_NE(store_, nullptr);
  }
  athena::testing::TempDir dir_;
  std::unique_ptr<store::Store> store_;
};

TEST_F(ExplorerJsonTest, ImpactListsEveryDownstreamTableAndColumnWithLastSeen) {
  auto a = impact_json(*store_, "sales.orders", {});
  ASSERT_EQ(a.status, 200) << a.error;
  EXPECT_EQ(a.body,
            "{\"name\":\"awsdatacatalog.sales.orders\",\"kind\":\"table\",\"tables\":["
            "{\"name\":\"awsdatacatalog.mart.daily\",\"depth\":1,\"queries\":1,"
            "\"last_seen\":\"2025-01-15T11:00:00.000Z\"},"
            "{\"name\":\"awsdatacatalog.mart.summary\",\"depth\":2,\"queries\":1,"
            "\"last_seen\":\"2025-01-16T09:00:00.000Z\"},"
            "{\"name\":\"s3://bucket/export/\",\"depth\":2,\"queries\":1,"
            "\"last_seen\":\"2025-01-17T11:00:00.000Z\"},"
            "{\"name\":\"awsdatacatalog.raw.unused_tbl\",\"depth\":3,\"queries\":1,"
            "\"last_seen\":\"2025-01-17T10:00:00.000Z\"}],\"columns\":["
            "{\"name\":\"awsdatacatalog.mart.daily.total\",\"table\":\"awsdatacatalog.mart.daily\","
            "\"depth\":1,\"queries\":2,\"last_seen\":\"2025-01-15T11:00:00.000Z\"},"
            "{\"name\":\"awsdatacatalog.mart.summary.total\",\"table\":"
            "\"awsdatacatalog.mart.summary\",\"depth\":2,\"queries\":1,"
            "\"last_seen\":\"2025-01-16T09:00:00.000Z\"}],\"truncated\":false}");
  auto c = impact_json(*store_, "sales.orders.status", {{"columns", "true"}});
  ASSERT_EQ(c.status, 200) << c.error;
  EXPECT_EQ(c.body, "{\"name\":\"awsdatacatalog.sales.orders.status\",\"kind\":\"column\","
                    "\"tables\":[{\"name\":\"awsdatacatalog.mart.daily\",\"depth\":1,\"queries\":"
                    "1,\"last_seen\":\"2025-01-15T11:00:00.000Z\"},{\"name\":"
                    "\"awsdatacatalog.mart.summary\",\"depth\":2,\"queries\":1,\"last_seen\":"
                    "\"2025-01-16T09:00:00.000Z\"}],\"columns\":[{\"name\":"
                    "\"awsdatacatalog.mart.daily.total\",\"table\":\"awsdatacatalog.mart.daily\","
                    "\"depth\":1,\"queries\":1,\"last_seen\":\"2025-01-15T11:00:00.000Z\"},{"
                    "\"name\":\"awsdatacatalog.mart.summary.total\",\"table\":"
                    "\"awsdatacatalog.mart.summary\",\"depth\":2,\"queries\":1,\"last_seen\":"
                    "\"2025-01-16T09:00:00.000Z\"}],\"truncated\":false}");
  EXPECT_EQ(impact_json(*store_, "sales.nope", {}).status, 404);
  EXPECT_EQ(impact_json(*store_, "sales.orders", {{"columns", "yes"}}).error,
            "parameter 'columns': expected true or false, found 'yes'");
  EXPECT_EQ(impact_json(*store_, "sales.orders", {{"depth", "1"}}).error,
            "unknown parameter 'depth'");
}

TEST_F(ExplorerJsonTest, EdgeQueriesGiveIdsTimesUsersAndSql) {
  auto a = edge_queries_json(*store_, {{"from", kOrders}, {"to", kDaily}});
  ASSERT_EQ(a.status, 200) << a.error;
  EXPECT_EQ(a.body,
            "{\"from\":\"awsdatacatalog.sales.orders\",\"to\":"
            "\"awsdatacatalog.mart.daily\",\"columns\":false,\"total\":1,\"queries\":[{"
            "\"id\":\"q2\",\"submitted\":\"2025-01-15T11:00:00.000Z\",\"user\":\"bob\","
            "\"workgroup\":\"\",\"transform\":\"\",\"condition\":false,\"sql\":\"-- q2\"}]}");
  auto c = edge_queries_json(
      *store_, {{"from", kOrders + ".status"}, {"to", kDaily + ".total"}, {"columns", "true"}});
  ASSERT_EQ(c.status, 200) << c.error;
  EXPECT_NE(c.body.find("\"transform\":\"aggregation\",\"condition\":true"), std::string::npos)
      << c.body;
  EXPECT_EQ(edge_queries_json(*store_, {{"from", kOrders}, {"to", kSummary}}).status, 404);
  EXPECT_EQ(edge_queries_json(*store_, {{"from", kOrders}}).error, "parameter 'to' is required");
  EXPECT_EQ(edge_queries_json(*store_, {{"from", kOrders}, {"to", kDaily}, {"limit", "0"}}).error,
            "parameter 'limit': expected a whole number from 1 to 1000, found '0'");
}

TEST(ExplorerGraphSvg, HostileNamesStayTextInTheSvg) {
  athena::testing::TempDir dir;
  std::string error;
  auto store = store::Store::open(dir.path() / "h.db", store::StoreOptions{}, &error);
  ASSERT_NE(store, nullptr) << error;
  const std::string evil = "awsdatacatalog.evil.<script>alert(1)</script>";
  const std::string quote = "awsdatacatalog.raw.a\"b'c&amp;<img src=x onerror=alert(2)>";
  std::vector<store::AnalyzedQuery> batch{
      make("q1", model::QueryState::kSucceeded, kDay15, 0, "<b>x</b>", 1, {quote}, {evil})};
  batch.back().facts.table_edges = {{athena::testing::tn(quote), athena::testing::tn(evil)}};
  store::InsertStats stats;
  ASSERT_TRUE(store->insert_batch(batch, &stats, &error)) << error;
  auto kinds = store::table_kinds(*store, &error);
  ASSERT_TRUE(kinds) << error;
  GraphSvgRequest request;
  ASSERT_TRUE(parse_graph_request({{"name", evil}}, &request, &error)) << error;
  auto r = graph_svg(*store, *kinds, request);
  ASSERT_EQ(r.status, 200) << r.error;
  EXPECT_EQ(r.svg.find("<script"), std::string::npos);
  EXPECT_EQ(r.svg.find("<img"), std::string::npos);
  EXPECT_NE(r.svg.find("data-name=\"awsdatacatalog.evil.&lt;script&gt;alert(1)&lt;/script&gt;\""),
            std::string::npos);
  EXPECT_NE(r.svg.find("data-from=\"awsdatacatalog.raw.a&quot;b&#39;c&amp;amp;&lt;img src=x "
                       "onerror=alert(2)&gt;\""),
            std::string::npos);
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

TEST(ExplorerAssets, EveryAssetIsEmbeddedByteForByte) {
  const std::string dir = (athena::testing::source_dir() / "src/serve/assets/").string();
  size_t found = 0;
  for (const auto& f : embedded_files()) {
    EXPECT_EQ(f.body, read_file(dir + std::string(f.path))) << f.path;
    ++found;
  }
  EXPECT_EQ(found, 3u);
  std::string index;
  for (const auto& f : embedded_files()) {
    if (f.path == "index.html") index = f.body;
  }
  // The page loads only its own files: no inline script or style, nothing from elsewhere.
  EXPECT_NE(index.find("<script src=\"/assets/explorer.js\" defer></script>"), std::string::npos);
  EXPECT_NE(index.find("<link rel=\"stylesheet\" href=\"/assets/explorer.css\">"),
            std::string::npos);
  EXPECT_EQ(index.find("<style"), std::string::npos);
  EXPECT_EQ(index.find("style="), std::string::npos);
  EXPECT_EQ(index.find("http"), std::string::npos);
}

} // namespace
} // namespace athena::serve
