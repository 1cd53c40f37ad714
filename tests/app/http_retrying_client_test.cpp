// The HTTP layer under the Athena, OpenMetadata and OpenLineage clients: retries with backoff,
// a caller's veto on re-sending, the on_send hook, and secrets masked in error text.
#include <atomic>
#include <string>
#include <thread>

#include <gtest/gtest.h>
#include <httplib.h>

#include "src/http/redact.h"
#include "src/http/retrying_client.h"

namespace athena::testing {
namespace {

/// A loopback server: /flaky answers 503 to its first `failures` requests, then 200;
/// /refused always 400 with a body that echoes a bearer token.
class FlakyServer {
public:
  explicit FlakyServer(int failures) : failures_(failures) {
    server_.Post("/flaky", [this](const httplib::Request&, httplib::Response& res) {
      const int n = ++hits_;
      res.status = n <= failures_ ? 503 : 200;
      res.set_content(n <= failures_ ? R"({"message":"busy"})" : R"({"ok":true})",
                      "application/json");
    });
    server_.Post("/refused", [this](const httplib::Request&, httplib::Response& res) {
      ++hits_;
      res.status = 400;
      res.set_content(R"({"message":"bad header Authorization: Bearer abc.def-ghi"})",
                      "application/json");
    });
    port_ = server_.bind_to_any_port("127.0.0.1");
    thread_ = std::thread([this] { server_.listen_after_bind(); });
  }
  ~FlakyServer() {
    server_.stop();
    thread_.join();
  }
  FlakyServer(const FlakyServer&) = delete;
  FlakyServer& operator=(const FlakyServer&) = delete;

  std::string url(const std::string& path) const {
    return "http://127.0.0.1:" + std::to_string(port_) + path;
  }
  int hits() const { return hits_; }

private:
  httplib::Server server_;
  std::thread thread_;
  std::atomic<int> hits_{0};
  int failures_;
  int port_ = 0;
};

http::RetryingClient fast_client(int max_attempts) {
  return http::RetryingClient(http::HttpOptions{},
                              http::RetrySettings{max_attempts, 0.001, 0.002, 0.1});
}

TEST(HttpRetryingClient, RetriesA503UntilItSucceeds) {
  FlakyServer server(2);
  auto client = fast_client(5);
  http::HttpRequest req;
  req.url = server.url("/flaky");
  int attempts = 0;
  const http::HttpResponse r = client.call(req, &attempts);
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, R"({"ok":true})");
  EXPECT_EQ(attempts, 3);
  EXPECT_EQ(server.hits(), 3);
  EXPECT_EQ(client.attempts(), 3);
  EXPECT_EQ(client.retries(), 2);
}

TEST(HttpRetryingClient, StopsAtTheLastAttemptAndWhereTheCallerForbidsResending) {
  FlakyServer server(10);
  auto client = fast_client(3);
  http::HttpRequest req;
  req.url = server.url("/flaky");
  int attempts = 0;
  EXPECT_EQ(client.call(req, &attempts).status, 503);
  EXPECT_EQ(attempts, 3);

  http::HttpResponse got;
  client.send(
      req,
      [&](http::HttpResponse&& r, int n) {
        got = std::move(r);
        attempts = n;
      },
      [](const http::HttpResponse& r) { return r.never_sent(); });
  client.run();
  EXPECT_EQ(got.status, 503);
  EXPECT_EQ(attempts, 1);
  EXPECT_EQ(server.hits(), 4);
}

TEST(HttpRetryingClient, ARefusalIsNotRetried) {
  FlakyServer server(0);
  auto client = fast_client(5);
  http::HttpRequest req;
  req.url = server.url("/refused");
  int attempts = 0;
  EXPECT_EQ(client.call(req, &attempts).status, 400);
  EXPECT_EQ(attempts, 1);
}

TEST(HttpRetryingClient, OnSendRunsBeforeEachAttemptAndAFailureCancelsItUnsent) {
  FlakyServer server(1);
  auto client = fast_client(5);
  int calls = 0;
  http::HttpRequest req;
  req.url = server.url("/flaky");
  req.on_send = [&calls]() -> util::Status {
    ++calls;
    return {};
  };
  EXPECT_EQ(client.call(req).status, 200);
  EXPECT_EQ(calls, 2);

  req.on_send = []() -> util::Status { return util::Error{"outbox: disk full"}; };
  int attempts = 0;
  const http::HttpResponse r = client.call(req, &attempts);
  EXPECT_EQ(r.status, 0);
  EXPECT_TRUE(r.never_sent());
  EXPECT_EQ(r.transport_message, "outbox: disk full");
  EXPECT_EQ(attempts, 1);
  EXPECT_EQ(server.hits(), 2);
}

TEST(HttpRedact, MasksSecretValuesAndBearerTokens) {
  const std::vector<util::Secret> secrets = {util::Secret("s3cr3t"), util::Secret()};
  EXPECT_EQ(http::redact("token s3cr3t and s3cr3ts", secrets), "token **** and ****s");
  EXPECT_EQ(http::redact("bad header Authorization: Bearer abc.def-ghi\"}", {}),
            "bad header Authorization: Bearer ****\"}");
  EXPECT_EQ(http::redact("Bearer  x", {}), "Bearer  x");
  EXPECT_EQ(http::redact("nothing here", secrets), "nothing here");
}

} // namespace
} // namespace athena::testing
