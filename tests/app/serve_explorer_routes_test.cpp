// The explorer's routes over loopback: the page and its assets with their content types and
// Content-Security-Policy, GET /api/graph.svg and its errors as the API's JSON.
#include <thread>

#include <gtest/gtest.h>

#include "src/http/http_client.h"
#include "src/serve/server.h"
#include "tests/app/report_test_db.h"
#include "tests/app/store_test_access.h"
#include "tests/support/test_support.h"

namespace athena::serve {
namespace {

class ExplorerRoutesTest : public ::testing::Test {
protected:
  void SetUp() override {
    ASSERT_NE(report::test_db::build(dir_.path() / "r.db"), nullptr);
    ServeOptions options;
    options.db_path = (dir_.path() / "r.db").string();
    options.port = 0;
    options.threads = 2;
    server_ = std::make_unique<Server>(options);
    const util::Status bound = server_->bind();
    ASSERT_TRUE(bound.ok()) << bound.error();
    thread_ = std::thread([this] { server_->run(); });
  }
  void TearDown() override {
    if (server_ != nullptr) server_->stop();
    if (thread_.joinable()) thread_.join();
  }
  http::HttpResponse get(const std::string& path) {
    http::HttpClient client;
    http::HttpRequest req;
    req.method = "GET";
    req.url = "http://127.0.0.1:" + std::to_string(server_->port()) + path;
    return client.perform(req);
  }

  athena::testing::TempDir dir_;
  std::unique_ptr<Server> server_;
  std::thread thread_;
};

TEST_F(ExplorerRoutesTest, PageAndAssetsWithTheirTypesAndPolicy) {
  const std::string policy = "default-src 'none'; script-src 'self'; style-src 'self'; "
                             "img-src 'self' data:; connect-src 'self'; base-uri 'none'; "
                             "form-action 'none'; frame-ancestors 'none'";
  auto page = get("/");
  ASSERT_EQ(page.status, 200) << page.body;
  EXPECT_EQ(page.header("Content-Type"), "text/html; charset=utf-8");
  EXPECT_EQ(page.header("Content-Security-Policy"), policy);
  EXPECT_EQ(page.header("X-Content-Type-Options"), "nosniff");
  EXPECT_EQ(page.body.rfind("<!doctype html>", 0), 0u);
  auto js = get("/assets/explorer.js");
  EXPECT_EQ(js.status, 200);
  EXPECT_EQ(js.header("Content-Type"), "text/javascript; charset=utf-8");
  auto css = get("/assets/explorer.css");
  EXPECT_EQ(css.status, 200);
  EXPECT_EQ(css.header("Content-Type"), "text/css; charset=utf-8");
  auto missing = get("/assets/nope.js");
  EXPECT_EQ(missing.status, 404);
  EXPECT_EQ(missing.body, "{\"error\":{\"status\":404,\"message\":\"no asset 'nope.js'\"}}");
}

TEST_F(ExplorerRoutesTest, GraphSvgAndItsErrors) {
  auto svg = get("/api/graph.svg?name=mart.daily&direction=up&depth=2");
  ASSERT_EQ(svg.status, 200) << svg.body;
  EXPECT_EQ(svg.header("Content-Type"), "image/svg+xml; charset=utf-8");
  EXPECT_EQ(svg.header("Content-Security-Policy"), "default-src 'none'; style-src 'unsafe-inline'");
  EXPECT_EQ(svg.body.rfind("<svg", 0), 0u);
  EXPECT_NE(svg.body.find("data-name=\"awsdatacatalog.mart.summary\""), std::string::npos);
  auto bad = get("/api/graph.svg?name=mart.daily&depth=deep");
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(bad.body, "{\"error\":{\"status\":400,\"message\":\"parameter 'depth': expected a "
                      "whole number from 0 to 10, found 'deep'\"}}");
  auto unknown = get("/api/graph.svg?name=mart.nope");
  EXPECT_EQ(unknown.status, 404);
  EXPECT_EQ(unknown.body, "{\"error\":{\"status\":404,\"message\":\"table "
                          "'awsdatacatalog.mart.nope' is not in the database\"}}");
}

TEST_F(ExplorerRoutesTest, GraphSvgSeesWhatAWriterCommitsAfterItWasCached) {
  const std::string path = "/api/graph.svg?name=mart.summary&direction=down";
  auto before = get(path);
  ASSERT_EQ(before.status, 200) << before.body;
  EXPECT_EQ(before.body.find("awsdatacatalog.mart.weekly"), std::string::npos);
  EXPECT_EQ(get(path).body, before.body); // from the cache
  auto writer =
      store::testing::opened_store(store::Store::open(dir_.path() / "r.db", store::StoreOptions{}));
  ASSERT_NE(writer, nullptr);
  using namespace report::test_db;
  const std::string weekly = "awsdatacatalog.mart.weekly";
  std::vector<store::AnalyzedQuery> batch{make("q11", model::QueryState::kSucceeded,
                                               kDay15 + 70 * kHour, 0, "erin", 9, {kSummary},
                                               {weekly})};
  batch.back().facts.table_edges = {{athena::testing::tn(kSummary), athena::testing::tn(weekly)}};
  store::InsertStats stats;
  ASSERT_TRUE(store::testing::is_ok(writer->insert_batch(batch, &stats)));
  auto after = get(path);
  ASSERT_EQ(after.status, 200) << after.body;
  EXPECT_NE(after.body.find("data-name=\"awsdatacatalog.mart.weekly\""), std::string::npos);
}

} // namespace
} // namespace athena::serve
