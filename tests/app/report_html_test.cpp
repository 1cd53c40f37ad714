// The HTML report rendered by headless Chromium (Debian's `chromium`): the page loads with no
// network and shows its sections. Skipped with a message where Chromium is absent.
#include <string>

#include <gtest/gtest.h>

#include "tests/app/report_test_db.h"
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
        "id=customer_id (1)", "Unused tables (seen in the database, never read in the window)",
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

} // namespace
} // namespace athena::report
