// Each report format rendered from the hand-made database: text, markdown and CSV against
// golden files (UPDATE_GOLDENS=1 rewrites them), JSON parsed back with simdjson, HTML checked
// for being self-contained.
#include <string>

#include <gtest/gtest.h>
#include <simdjson.h>

#include "src/report/report_render.h"
#include "src/report/report_sections.h"
#include "tests/app/report_test_db.h"
#include "tests/app/store_test_access.h"
#include "tests/support/test_support.h"

namespace athena::report {
namespace {

using namespace test_db;

class ReportFormats : public ::testing::Test {
protected:
  void SetUp() override {
    store_ = build(dir_.path() / "r.db");
    ASSERT_NE(store_, nullptr);
    auto data = gather_report(*store_, ReportOptions{});
    ASSERT_TRUE(data) << data.error();
    data_ = std::move(*data);
  }
  static std::filesystem::path golden(const std::string& name) {
    return athena::testing::source_dir() / "tests/app/testdata/report" / name;
  }

  athena::testing::TempDir dir_;
  std::unique_ptr<store::Store> store_;
  ReportData data_;
};

TEST_F(ReportFormats, TextMatchesGolden) {
  athena::testing::expect_golden(golden("report.txt"), render_text(data_));
}

TEST_F(ReportFormats, MarkdownMatchesGolden) {
  athena::testing::expect_golden(golden("report.md"), render_markdown(data_));
}

TEST_F(ReportFormats, CsvMatchesGolden) {
  athena::testing::expect_golden(golden("report.csv"), render_csv(data_));
}

TEST_F(ReportFormats, JsonMatchesGolden) {
  athena::testing::expect_golden(golden("report.json"), render_json(data_));
}

TEST_F(ReportFormats, JsonCarriesTheContractFields) {
  const std::string json = render_json(data_);
  simdjson::dom::parser parser;
  simdjson::dom::element root;
  ASSERT_EQ(parser.parse(json).get(root), simdjson::SUCCESS) << json;

  simdjson::dom::object queries = root["queries"];
  EXPECT_EQ(int64_t(queries["total"]), 10);
  EXPECT_EQ(int64_t(queries["analyzed"]), 9);
  EXPECT_EQ(int64_t(queries["parse_failed"]), 1);
  EXPECT_EQ(int64_t(queries["by_state"]["SUCCEEDED"]), 7);
  EXPECT_EQ(int64_t(queries["by_state"]["FAILED"]), 2);
  EXPECT_EQ(int64_t(queries["by_state"]["CANCELLED"]), 1);

  simdjson::dom::array tables = root["tables"];
  ASSERT_EQ(tables.size(), 4u);
  simdjson::dom::element orders = tables.at(1);
  EXPECT_EQ(std::string_view(orders["name"]), kOrders);
  EXPECT_EQ(int64_t(orders["queries"]), 3);
  EXPECT_EQ(int64_t(orders["users"]), 3);
  EXPECT_EQ(int64_t(orders["bytes_scanned"]), kTb);
  EXPECT_DOUBLE_EQ(double(orders["cost_usd"]), 5.0);
  EXPECT_EQ(std::string_view(orders["first_seen"]), "2025-01-15");
  EXPECT_EQ(std::string_view(orders["last_seen"]), "2025-01-17");
  EXPECT_EQ(std::string_view(root["tables_by_cost"].at(0)["name"]), kOrders);

  simdjson::dom::array joins = root["joins"];
  ASSERT_EQ(joins.size(), 1u);
  EXPECT_EQ(std::string_view(joins.at(0)["left"]), kCustomers);
  EXPECT_EQ(std::string_view(joins.at(0)["right"]), kOrders);
  EXPECT_EQ(int64_t(joins.at(0)["count"]), 1);
  EXPECT_EQ(std::string_view(joins.at(0)["columns"].at(0)["keys"]), "id=customer_id");
  EXPECT_EQ(int64_t(joins.at(0)["columns"].at(0)["count"]), 1);

  simdjson::dom::array failures = root["failures"];
  ASSERT_EQ(failures.size(), 2u);
  EXPECT_EQ(int64_t(failures.at(0)["count"]), 2);
  EXPECT_EQ(std::string_view(failures.at(1)["error"]), "Query cancelled by user");

  EXPECT_EQ(int64_t(root["coverage"]["statements"]), 6);
  EXPECT_EQ(int64_t(root["coverage"]["complete"]), 4);
  EXPECT_NEAR(double(root["coverage"]["share"]), 4.0 / 6.0, 1e-6);

  EXPECT_EQ(std::string_view(root["unused"]["from"]), "database");
  EXPECT_EQ(root["unused"]["tables"].get_array().size(), 1u);
  EXPECT_EQ(root["daily"].get_array().size(), 3u);
  EXPECT_EQ(int64_t(root["daily"].at(0)["bytes_scanned"]), kTb + kTb / 2);
  EXPECT_EQ(root["shapes"].get_array().size(), 8u);
  EXPECT_EQ(std::string_view(root["shapes"].at(0)["fingerprint"]), "0000000000000001");
  EXPECT_EQ(root["lineage"].get_array().size(), 4u);
  EXPECT_TRUE(root["window"]["since"].is_null());
}

TEST_F(ReportFormats, JsonOfAnEmptyDatabaseIsValid) {
  athena::testing::TempDir dir;
  auto empty =
      store::testing::opened_store(store::Store::open(dir.path() / "e.db", store::StoreOptions{}));
  ASSERT_NE(empty, nullptr);
  auto data = gather_report(*empty, ReportOptions{});
  ASSERT_TRUE(data) << data.error();
  simdjson::dom::parser parser;
  simdjson::dom::element root;
  ASSERT_EQ(parser.parse(render_json(*data)).get(root), simdjson::SUCCESS);
  EXPECT_EQ(int64_t(root["queries"]["total"]), 0);
  EXPECT_EQ(root["tables"].get_array().size(), 0u);
  EXPECT_DOUBLE_EQ(double(root["coverage"]["share"]), 0.0);
  // Every other format copes with no rows too.
  EXPECT_NE(render_text(*data).find("(no table was used in the window)"), std::string::npos);
  EXPECT_NE(render_html(*data).find("no query in the window"), std::string::npos);
}

TEST_F(ReportFormats, HtmlIsSelfContained) {
  const std::string html = render_html(data_);
  EXPECT_EQ(html.rfind("<!DOCTYPE html>", 0), 0u);
  EXPECT_EQ(html.find("<script"), std::string::npos);
  EXPECT_EQ(html.find("src="), std::string::npos);
  EXPECT_EQ(html.find("href="), std::string::npos);
  EXPECT_EQ(html.find("@import"), std::string::npos);
  EXPECT_EQ(html.find("https:"), std::string::npos);
  // Three inline charts: the trend, cost by table, the lineage view.
  size_t svgs = 0;
  for (size_t p = html.find("<svg"); p != std::string::npos; p = html.find("<svg", p + 1))
    ++svgs;
  EXPECT_EQ(svgs, 3u);
  EXPECT_NE(html.find("TABLE_NOT_FOUND: Table awsdatacatalog.sales.x does not exist"),
            std::string::npos);
}

TEST_F(ReportFormats, HtmlEscapesNames) {
  data_.unused_tables = {"awsdatacatalog.x.<b>&\"q\""};
  const std::string html = render_html(data_);
  EXPECT_NE(html.find("awsdatacatalog.x.&lt;b&gt;&amp;&quot;q&quot;"), std::string::npos);
  EXPECT_EQ(html.find("<b>&"), std::string::npos);
}

TEST(ReportFormatting, NumbersForPeople) {
  EXPECT_EQ(format_bytes(512), "512 B");
  EXPECT_EQ(format_bytes(1536), "1.50 KiB");
  EXPECT_EQ(format_bytes(static_cast<double>(kTb)), "1.00 TiB");
  EXPECT_EQ(format_usd(5), "$5.00");
  EXPECT_EQ(format_usd(0.00048), "$0.00048");
  EXPECT_EQ(format_usd(0), "$0.00");
  EXPECT_EQ(format_usd_raw(0.04883), "0.04883");
  EXPECT_EQ(format_percent(2.0 / 3.0), "66.7%");
  EXPECT_EQ(one_line("SELECT a,\n   b\tFROM t", 100), "SELECT a, b FROM t");
  EXPECT_EQ(one_line("abcdefghij", 8), "abcde...");
  EXPECT_EQ(one_line("a\xc3\xa9\xc3\xa9"
                     "b",
                     5),
            "a..."); // never cuts inside "é"
  EXPECT_EQ(window_text({"2025-01-01", ""}), "since 2025-01-01");
  EXPECT_EQ(window_text({"2025-01-01", "2025-01-31"}), "2025-01-01 to 2025-01-31");
  EXPECT_EQ(parse_format("html"), Format::kHtml);
  EXPECT_EQ(parse_format("xml"), std::nullopt);
}

} // namespace
} // namespace athena::report
