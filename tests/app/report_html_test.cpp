// The HTML report rendered by headless Chromium (Debian's `chromium`): the page loads with no
// network and shows its sections. Skipped with a message where Chromium is absent.
#include <string>

#include <gtest/gtest.h>

#include "tests/app/report_test_db.h"
#include "tests/app/store_test_access.h"
#include "tests/support/test_support.h"

namespace athena::report {
namespace {

using athena::testing::run_shell;
using athena::testing::shell_quote;

std::string chromium_path() {
  auto r = run_shell("command -v chromium || command -v chromium-browser");
  if (r.exit_code != 0) return {};
  std::string path = r.out.substr(0, r.out.find('\n'));
  return path;
}

TEST(ReportHtml, RendersInHeadlessChromium) {
  const std::string chromium = chromium_path();
  if (chromium.empty()) {
    GTEST_SKIP() << "chromium is not installed (apt-get install -y chromium; .ci/run does)";
  }
  athena::testing::TempDir dir;
  const auto db = dir.path() / "r.db";
  ASSERT_NE(test_db::build(db), nullptr);
  const auto page = dir.path() / "report.html";
  const auto bin = athena::testing::binary_dir() / "athena-lineage";
  auto r = run_shell(shell_quote(bin.string()) + " report --db " + shell_quote(db.string()) +
                     " --format html --out " + shell_quote(page.string()));
  ASSERT_EQ(r.exit_code, 0) << r.err;

  const auto profile = dir.path() / "profile";
  r = run_shell(shell_quote(chromium) +
                " --headless --no-sandbox --disable-gpu --disable-quic --no-first-run "
                "--disable-background-networking --disable-component-update --disable-sync "
                "--user-data-dir=" +
                shell_quote(profile.string()) + " --dump-dom " +
                shell_quote("file://" + page.string()) + " 2>/dev/null");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string& dom = r.out;
  ASSERT_NE(dom.find("<h1>athena-lineage report</h1>"), std::string::npos) << dom.substr(0, 500);
  for (const char* expected :
       {"Top tables by queries", "Top tables by cost", "Daily trend", "Most-joined table pairs",
        "id=customer_id (1)",
        "Unused tables (known from succeeded statements, never read in the window)",
        "awsdatacatalog.raw.unused_tbl", "Most expensive query shapes",
        "SELECT * FROM orders o JOIN customers c ON c.id = o.cid", "Failures by error",
        "Query cancelled by user", "Lineage of the most-used tables", "66.7%",
        "s3://bucket/export/"}) {
    EXPECT_NE(dom.find(expected), std::string::npos)
        << "missing in the rendered page: " << expected;
  }
  // The charts survived parsing as SVG: bars, the lineage boxes and edges.
  EXPECT_NE(dom.find("aria-label=\"queries per day\""), std::string::npos);
  EXPECT_NE(dom.find("aria-label=\"cost by table\""), std::string::npos);
  size_t nodes = 0;
  for (size_t p = dom.find("class=\"node\""); p != std::string::npos;
       p = dom.find("class=\"node\"", p + 1))
    ++nodes;
  // mart.daily, mart.summary, sales.orders and s3://bucket/export/ (customers has no edge).
  EXPECT_EQ(nodes, 4u);
}

std::string run_chromium(const std::string& chromium, const std::filesystem::path& profile,
                         const std::string& args) {
  auto r = run_shell(shell_quote(chromium) +
                     " --headless --no-sandbox --disable-gpu --disable-quic --no-first-run "
                     "--disable-background-networking --disable-component-update --disable-sync "
                     "--hide-scrollbars --user-data-dir=" +
                     shell_quote(profile.string()) + " " + args + " 2>/dev/null");
  EXPECT_EQ(r.exit_code, 0);
  return r.out;
}

/// 400 days of history over 50 tables, one of them with a 10 KB name, and four S3 locations
/// whose names differ only at their end.
void build_big_history(const std::filesystem::path& path) {
  auto store = store::testing::opened_store(store::Store::open(path, store::StoreOptions{}));
  ASSERT_NE(store, nullptr);
  std::vector<std::string> tables;
  for (int i = 0; i < 49; ++i)
    tables.push_back("awsdatacatalog.finance_reporting.quarterly_revenue_by_region_" +
                     std::to_string(i));
  tables.push_back("awsdatacatalog.wide." + std::string(10 * 1024, 'w'));
  std::vector<store::AnalyzedQuery> batch;
  for (int day = 0; day < 400; ++day) {
    for (int k = 0; k < 2; ++k) {
      const int t = (day * 2 + k) % 50;
      batch.push_back(test_db::make(
          "d" + std::to_string(day) + "-" + std::to_string(k), model::QueryState::kSucceeded,
          test_db::kDay15 + day * 24 * test_db::kHour, 1 << 30, "user" + std::to_string(t % 7),
          static_cast<uint64_t>(t + 1), {tables[t]}));
    }
  }
  for (int i = 1; i <= 4; ++i) {
    const std::string loc = "s3://acme-exports/finance/daily_sales/2026-01-0" + std::to_string(i) +
                            "/part-0000-of-0004/";
    auto q =
        test_db::make("u" + std::to_string(i), model::QueryState::kSucceeded,
                      test_db::kDay15 + 399 * 24 * test_db::kHour, 0, "etl", 100, {tables[49]});
    q.facts.statement_kinds = {athena::lineage::StatementKind::kUnload};
    q.facts.table_edges = {{athena::testing::tn(tables[49]), model::TableName::of_location(loc)}};
    batch.push_back(std::move(q));
  }
  store::InsertStats stats;
  ASSERT_TRUE(store::testing::is_ok(store->insert_batch(batch, &stats)));
  ASSERT_TRUE(store::testing::is_ok(store->refresh_aggregates()));
}

TEST(ReportHtml, FitsA1400PixelWindowWith400DaysAndLongNames) {
  const std::string chromium = chromium_path();
  if (chromium.empty()) {
    GTEST_SKIP() << "chromium is not installed (apt-get install -y chromium; .ci/run does)";
  }
  athena::testing::TempDir dir;
  const auto db = dir.path() / "big.db";
  build_big_history(db);
  const auto page = dir.path() / "report.html";
  const auto bin = athena::testing::binary_dir() / "athena-lineage";
  auto r = run_shell(shell_quote(bin.string()) + " report --db " + shell_quote(db.string()) +
                     " --top 50 --format html --out " + shell_quote(page.string()));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::string html = athena::testing::read_file(page);
  EXPECT_NE(html.find("aria-label=\"queries per month\""), std::string::npos);
  EXPECT_NE(html.find("One bar per month"), std::string::npos);
  EXPECT_NE(html.find("title=\"awsdatacatalog.wide." + std::string(10 * 1024, 'w') + "\""),
            std::string::npos);

  // The test's own copy measures the laid-out page (the report itself has no script).
  const auto probe = dir.path() / "probe.html";
  html.insert(html.rfind("</body>"), "<script>document.body.setAttribute('data-width', "
                                     "document.documentElement.scrollWidth)</script>");
  athena::testing::write_file(probe, html);
  const std::string dom =
      run_chromium(chromium, dir.path() / "profile",
                   "--window-size=1400,1000 --dump-dom " + shell_quote("file://" + probe.string()));
  const size_t at = dom.find("data-width=\"");
  ASSERT_NE(at, std::string::npos) << dom.substr(0, 300);
  const int width = std::stoi(dom.substr(at + 12));
  // The locations are told apart by their ends, and the full names are in tooltips.
  EXPECT_NE(dom.find("01-03/part-0000-of-0004/</text>"), std::string::npos);
  EXPECT_NE(dom.find("xlink:title=\"s3://acme-exports/finance/daily_sales/2026-01-03/"
                     "part-0000-of-0004/\""),
            std::string::npos);
  EXPECT_LE(width, 1400) << "the page scrolls sideways in a 1,400 px window";

  const auto shot = dir.path() / "shot.png";
  run_chromium(chromium, dir.path() / "profile2",
               "--window-size=1400,1000 --screenshot=" + shell_quote(shot.string()) + " " +
                   shell_quote("file://" + page.string()));
  const std::string png = athena::testing::read_file(shot);
  ASSERT_GT(png.size(), 24u);
  const auto byte = [&](size_t i) { return static_cast<uint32_t>(static_cast<uint8_t>(png[i])); };
  EXPECT_EQ(byte(16) << 24 | byte(17) << 16 | byte(18) << 8 | byte(19), 1400u); // IHDR width
}

} // namespace
} // namespace athena::report
