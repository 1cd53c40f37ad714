// `serve`'s JSON API end to end over loopback: every endpoint on a database built by `analyze`
// (exact bodies in testdata/serve/api.golden), errors, the bearer token, concurrent clients,
// data committed after the server started, and a read-only database.
#include <atomic>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>
#include <httplib.h>
#include <simdjson.h>

#include "src/serve/api_routes.h"
#include "src/serve/openapi.h"
#include "src/serve/server.h"
#include "tests/app/serve_fixture.h"
#include "tests/support/test_support.h"

namespace athena::serve {
namespace {

using athena::testing::source_dir;

/// A Server on 127.0.0.1 with an ephemeral port, run on its own thread.
class RunningServer {
public:
  explicit RunningServer(ServeOptions options) : server_(std::move(options)) {
    const util::Status bound = server_.bind();
    bound_ = bound.ok();
    if (!bound) error_ = bound.error();
    if (bound_) thread_ = std::thread([this] { server_.run(); });
  }
  ~RunningServer() {
    server_.stop();
    if (thread_.joinable()) thread_.join();
  }
  bool ok() const { return bound_; }
  const std::string& error() const { return error_; }
  httplib::Client client() const {
    httplib::Client c("127.0.0.1", server_.port());
    c.set_connection_timeout(5);
    c.set_read_timeout(10);
    return c;
  }

private:
  Server server_;
  bool bound_ = false;
  std::string error_;
  std::thread thread_;
};

ServeOptions options_for(const std::filesystem::path& db, const std::string& token = "") {
  ServeOptions o;
  o.db_path = db.string();
  o.port = 0;
  o.token = token;
  o.threads = 8;
  return o;
}

class ServeApi : public ::testing::Test {
protected:
  static void SetUpTestSuite() {
    dir_ = new athena::testing::TempDir();
    db_ = dir_->path() / "serve.db";
    test::write_history(dir_->path(), test::fixture_queries(), "history");
    setup_error_ = test::analyze(db_, dir_->path(), "history");
    if (setup_error_.empty()) server_ = new RunningServer(options_for(db_));
  }
  static void TearDownTestSuite() {
    delete server_;
    server_ = nullptr;
    delete dir_;
    dir_ = nullptr;
  }
  void SetUp() override {
    ASSERT_EQ(setup_error_, "");
    ASSERT_TRUE(server_->ok()) << server_->error();
  }

  /// "METHOD PATH\nSTATUS [Allow: ...]\nBODY\n\n" for the golden file.
  static std::string exchange(const std::string& method, const std::string& path) {
    auto c = server_->client();
    httplib::Result r = method == "GET"      ? c.Get(path)
                        : method == "POST"   ? c.Post(path, "", "text/plain")
                        : method == "DELETE" ? c.Delete(path)
                                             : c.Head(path);
    if (!r) return method + " " + path + "\nno response\n\n";
    std::string out = method + " " + path + "\n" + std::to_string(r->status);
    if (r->has_header("Allow")) out += " Allow: " + r->get_header_value("Allow");
    out += " " + r->get_header_value("Content-Type") + "\n" + r->body + "\n\n";
    return out;
  }
  static std::string get(const std::string& path, int* status = nullptr) {
    auto r = server_->client().Get(path);
    if (!r) return "no response";
    if (status != nullptr) *status = r->status;
    return r->body;
  }

  static athena::testing::TempDir* dir_;
  static std::filesystem::path db_;
  static std::string setup_error_;
  static RunningServer* server_;
};

athena::testing::TempDir* ServeApi::dir_ = nullptr;
std::filesystem::path ServeApi::db_;
std::string ServeApi::setup_error_;
RunningServer* ServeApi::server_ = nullptr;

TEST_F(ServeApi, EveryEndpointAnswersExactJson) {
  // The fingerprint of q4/q5's shape, as the table page reports it.
  simdjson::dom::parser parser;
  const std::string page = get("/api/tables/mart.daily");
  auto doc = parser.parse(page);
  ASSERT_FALSE(doc.error()) << page;
  std::string_view fingerprint;
  for (auto q : doc["top_queries"].get_array()) {
    if (std::string_view(q["shape"].get_string()).find("> ?") != std::string_view::npos) {
      fingerprint = q["fingerprint"].get_string();
    }
  }
  ASSERT_EQ(fingerprint.size(), 16u) << page;
  const std::vector<std::string> paths{
      "/api/search?q=daily",
      "/api/search?q=MART.S",
      "/api/search?q=total&limit=3",
      "/api/tables",
      "/api/tables?sort=cost&limit=2&offset=1",
      "/api/tables?sort=users&limit=1",
      "/api/tables/mart.daily",
      "/api/tables/AwsDataCatalog.Mart.V_Summary",
      "/api/tables/s3://bucket/export/",
      "/api/tables/mart.daily/usage",
      "/api/tables/mart.daily/usage?since=2025-01-16&until=2025-01-16",
      "/api/lineage/sales.orders?direction=down&depth=2",
      "/api/lineage/mart.summary",
      "/api/lineage/mart.daily?columns=true&direction=up",
      "/api/lineage/mart.summary.total?columns=true&direction=both&depth=-1",
      "/api/columns/mart.daily.total/lineage",
      "/api/columns/mart.daily.total/lineage?direction=down&depth=1",
      "/api/impact/sales.orders",
      "/api/impact/sales.orders.amount",
      "/api/edges/queries?from=sales.orders&to=mart.daily",
      "/api/edges/queries?from=mart.daily&to=s3://bucket/export/",
      "/api/edges/queries?from=sales.orders.status&to=mart.daily.total&columns=true",
      "/api/edges/queries?from=sales.orders.status&to=mart.daily.total&columns=true&marking=value",
      "/api/edges/queries?from=sales.orders.amount&to=mart.daily.total&columns=true&transform="
      "aggregation&marking=value",
      "/api/queries/" + std::string(fingerprint) + "?limit=1",
      // Names and SQL with HTML and script in them come back as plain JSON strings.
      "/api/search?q=%3Cscript",
      "/api/tables/sales.%3Cscript%3Ealert('x')%3C%2Fscript%3E",
      "/api/lineage/sales.%3Cscript%3Ealert('x')%3C%2Fscript%3E?columns=true",
  };
  std::string all;
  for (const auto& p : paths)
    all += exchange("GET", p);
  athena::testing::expect_golden(source_dir() / "tests/app/testdata/serve/api.golden", all);
}

TEST_F(ServeApi, BadRequestsGetJsonErrors) {
  const std::vector<std::pair<std::string, std::string>> requests{
      {"GET", "/api/search"},
      {"GET", "/api/search?q=x&limit=0"},
      {"GET", "/api/tables?sort=bytes"},
      {"GET", "/api/tables?limit=ten"},
      {"GET", "/api/tables/mart.nope"},
      {"GET", "/api/tables/mart.daily.total"},
      {"GET", "/api/tables/mart.daily/usage?since=2025-13-01"},
      {"GET", "/api/tables/mart.daily/usage?since=2025-01-17&until=2025-01-15"},
      {"GET", "/api/lineage/mart.daily?direction=sideways"},
      {"GET", "/api/lineage/mart.daily?depth=51"},
      {"GET", "/api/lineage/mart.daily?columns=maybe"},
      {"GET", "/api/lineage/mart.nope?columns=true"},
      {"GET", "/api/columns/mart.daily.nope/lineage"},
      {"GET", "/api/impact/mart.nope"},
      {"GET", "/api/queries/xyz"},
      {"GET", "/api/queries/0000000000000000"},
      {"GET", "/api/edges/queries?from=mart.daily"},
      {"GET", "/api/edges/queries?from=mart.summary&to=sales.orders"},
      {"GET", "/api/edges/queries?from=sales.orders.amount&to=mart.daily.total&columns=true&"
              "marking=both"},
      {"GET", "/api/nothing"},
      {"GET", "/api/tables/"},
      {"POST", "/api/tables"},
      {"DELETE", "/api/tables/mart.daily"},
      {"POST", "/nothing"},
  };
  std::string all;
  for (const auto& [method, path] : requests)
    all += exchange(method, path);
  athena::testing::expect_golden(source_dir() / "tests/app/testdata/serve/errors.golden", all);
}

TEST_F(ServeApi, OpenApiDescribesEveryRoute) {
  const std::string body = get("/api/openapi.json");
  EXPECT_EQ(body, std::string(openapi_json()));
  simdjson::dom::parser parser;
  auto doc = parser.parse(body);
  ASSERT_FALSE(doc.error()) << "the OpenAPI description is not JSON";
  EXPECT_EQ(std::string_view(doc["openapi"].get_string()).substr(0, 2), "3.");
  auto paths = doc["paths"].get_object();
  ASSERT_FALSE(paths.error());
  for (const auto& route : api_routes()) {
    auto p = paths.value()[route.openapi_path];
    EXPECT_FALSE(p.error()) << route.openapi_path << " is not in the OpenAPI description";
    EXPECT_FALSE(p["get"]["responses"]["200"].error()) << route.openapi_path;
  }
  // Nothing described that is not served.
  size_t described = 0;
  for (auto field : paths.value()) {
    (void)field;
    ++described;
  }
  // Plus the explorer's one API route (explorer_routes.cpp).
  EXPECT_FALSE(paths.value()["/api/graph.svg"]["get"]["responses"]["200"].error());
  EXPECT_EQ(described, api_routes().size() + 1);
}

TEST_F(ServeApi, ConcurrentClientsGetTheSameAnswers) {
  const std::string table = get("/api/tables/mart.daily");
  const std::string lineage = get("/api/lineage/sales.orders?depth=3");
  std::atomic<int> wrong{0};
  std::vector<std::thread> clients;
  for (int t = 0; t < 8; ++t) {
    clients.emplace_back([&] {
      auto c = server_->client();
      for (int i = 0; i < 10; ++i) {
        auto a = c.Get("/api/tables/mart.daily");
        auto b = c.Get("/api/lineage/sales.orders?depth=3");
        if (!a || a->status != 200 || a->body != table) ++wrong;
        if (!b || b->status != 200 || b->body != lineage) ++wrong;
      }
    });
  }
  for (auto& t : clients)
    t.join();
  EXPECT_EQ(wrong.load(), 0);
}

TEST_F(ServeApi, SeesWhatAWriterCommitsAfterItStarted) {
  int status = 0;
  get("/api/tables/mart.late", &status);
  EXPECT_EQ(status, 404);
  // Answered (and kept by the response cache) before the writer commits.
  const std::string before = get("/api/lineage/mart.summary?direction=down", &status);
  EXPECT_EQ(status, 200);
  EXPECT_EQ(before.find("mart.late"), std::string::npos) << before;
  EXPECT_EQ(get("/api/lineage/mart.summary?direction=down"), before);
  // Another process adds a query while the server runs (and the server holds connections).
  test::write_history(dir_->path(),
                      {{"q9", test::kDay15 + 80 * test::kHour, "erin", "etl", "SUCCEEDED", 10,
                        "CREATE TABLE mart.late AS SELECT total FROM mart.summary"}},
                      "later");
  ASSERT_EQ(test::analyze(db_, dir_->path(), "later"), "");
  const std::string body = get("/api/tables/mart.late", &status);
  EXPECT_EQ(status, 200) << body;
  const std::string up = get("/api/lineage/mart.summary?direction=down", &status);
  EXPECT_NE(up.find("\"to\":\"awsdatacatalog.mart.late\""), std::string::npos) << up;
}

TEST(ServeToken, RequiredOnEveryRequestAndNeverEchoed) {
  athena::testing::TempDir dir;
  const auto db = dir.path() / "t.db";
  test::write_history(dir.path(), {test::fixture_queries()[0]}, "h");
  ASSERT_EQ(test::analyze(db, dir.path(), "h"), "");
  const std::string token = "s3cr3t-token-value";
  RunningServer server(options_for(db, token));
  ASSERT_TRUE(server.ok()) << server.error();
  auto c = server.client();
  for (const char* path : {"/api/tables", "/", "/api/openapi.json", "/api/nothing"}) {
    auto none = c.Get(path);
    ASSERT_TRUE(none);
    EXPECT_EQ(none->status, 401) << path;
    EXPECT_EQ(none->body, "{\"error\":{\"status\":401,\"message\":\"this server requires the "
                          "header 'Authorization: Bearer <token>'\"}}");
    EXPECT_EQ(none->get_header_value("WWW-Authenticate"), "Bearer");
  }
  const std::vector<std::string> wrongs{"Bearer s3cr3t-token-valuX", "Bearer s3cr3t", "Basic abc",
                                        "Bearer " + token + "x", "bearer"};
  for (const std::string& wrong : wrongs) {
    auto r = c.Get("/api/tables", {{"Authorization", wrong}});
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 401) << wrong;
    EXPECT_EQ(r->body.find(token), std::string::npos);
  }
  auto ok = c.Get("/api/tables", {{"Authorization", "Bearer " + token}});
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->status, 200);
  EXPECT_EQ(ok->body.find(token), std::string::npos);
  auto scheme_case = c.Get("/api/tables", {{"Authorization", "bearer " + token}});
  ASSERT_TRUE(scheme_case);
  EXPECT_EQ(scheme_case->status, 200);
  // With the token, a wrong method is 405.
  auto post = c.Post("/api/tables", {{"Authorization", "Bearer " + token}}, "", "text/plain");
  ASSERT_TRUE(post);
  EXPECT_EQ(post->status, 405);
}

TEST(ServeDatabase, UnknownOrDamagedDatabaseFailsToBind) {
  athena::testing::TempDir dir;
  Server missing(options_for(dir.path() / "none.db"));
  const util::Status bound = missing.bind();
  ASSERT_FALSE(bound.ok());
  EXPECT_NE(bound.error().find("none.db"), std::string::npos) << bound.error();
}

} // namespace
} // namespace athena::serve
