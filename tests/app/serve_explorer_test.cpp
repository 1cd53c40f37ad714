// Hostile names in the explorer graph's SVG, and the page's assets embedded in the binary.
#include <fstream>
#include <sstream>
#include <string>

#include <gtest/gtest.h>

#include "src/serve/embedded_files.h"
#include "src/serve/graph_svg.h"
#include "tests/app/report_test_db.h"
#include "tests/app/store_test_access.h"
#include "tests/support/test_support.h"

namespace athena::serve {
namespace {

using namespace report::test_db;

TEST(ExplorerGraphSvg, HostileNamesStayTextInTheSvg) {
  athena::testing::TempDir dir;
  auto store =
      store::testing::opened_store(store::Store::open(dir.path() / "h.db", store::StoreOptions{}));
  ASSERT_NE(store, nullptr);
  const std::string evil = "awsdatacatalog.evil.<script>alert(1)</script>";
  const std::string quote = "awsdatacatalog.raw.a\"b'c&amp;<img src=x onerror=alert(2)>";
  std::vector<store::AnalyzedQuery> batch{
      make("q1", model::QueryState::kSucceeded, kDay15, 0, "<b>x</b>", 1, {quote}, {evil})};
  batch.back().facts.table_edges = {{athena::testing::tn(quote), athena::testing::tn(evil)}};
  store::InsertStats stats;
  ASSERT_TRUE(store::testing::is_ok(store->insert_batch(batch, &stats)));
  store::ExplorerReader reader((dir.path() / "h.db").string());
  const util::Result<GraphSvgRequest> request = parse_graph_request({{"name", evil}});
  ASSERT_TRUE(request.ok()) << request.error();
  auto r = graph_svg(reader, *request);
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
