// The HTTP layer under the Athena, OpenMetadata, OpenLineage clients and the credential
// providers: retries with backoff, a settings rule for what is retried, a caller's veto on
// re-sending, the on_send hook, and secrets masked in error text.
#include <atomic>
#include <chrono>
#include <string>
#include <thread>

#include <gtest/gtest.h>
#include <httplib.h>

#include "src/http/redact.h"
#include "src/http/retrying_client.h"

namespace athena::testing {
namespace {

/// A loopback server: /flaky answers 503 to its first `failures` requests, then 200;
/// /refused always 400 with a body that echoes a bearer token; /status/N always N; /slow 200
/// after 0.3 seconds.
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
    server_.Post(R"(/status/(\d+))", [this](const httplib::Request& req, httplib::Response& res) {
      ++hits_;
      res.status = std::stoi(req.matches[1].str());
      res.set_content("{}", "application/json");
    });
    server_.Post("/slow", [this](const httplib::Request&, httplib::Response& res) {
      ++hits_;
      std::this_thread::sleep_for(std::chrono::milliseconds(300));
      res.set_content("{}", "application/json");
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
  const http::RetriedResponse r = client.call(req);
  EXPECT_EQ(r.response.status, 200);
  EXPECT_EQ(r.response.body, R"({"ok":true})");
  EXPECT_EQ(r.attempts, 3);
  EXPECT_EQ(server.hits(), 3);
  EXPECT_EQ(client.attempts(), 3);
  EXPECT_EQ(client.retries(), 2);
}

TEST(HttpRetryingClient, StopsAtTheLastAttemptAndWhereTheCallerForbidsResending) {
  FlakyServer server(10);
  auto client = fast_client(3);
  http::HttpRequest req;
  req.url = server.url("/flaky");
  const http::RetriedResponse last = client.call(req);
  EXPECT_EQ(last.response.status, 503);
  EXPECT_EQ(last.attempts, 3);

  http::RetriedResponse got;
  client.send(
      req, [&](http::RetriedResponse&& r) { got = std::move(r); },
      [](const http::HttpResponse& r) { return r.never_sent(); });
  client.run();
  EXPECT_EQ(got.response.status, 503);
  EXPECT_EQ(got.attempts, 1);
  EXPECT_EQ(server.hits(), 4);
}

TEST(HttpRetryingClient, ARefusalIsNotRetried) {
  FlakyServer server(0);
  auto client = fast_client(5);
  http::HttpRequest req;
  req.url = server.url("/refused");
  const http::RetriedResponse r = client.call(req);
  EXPECT_EQ(r.response.status, 400);
  EXPECT_EQ(r.attempts, 1);
}

TEST(HttpRetryingClient, ASettingsRuleDecidesWhatIsRetriedInsteadOfTheStatusClasses) {
  FlakyServer server(10);
  http::RetrySettings settings{3, 0.001, 0.002, 0.1};
  // A service whose protocol retries a 400 naming a busy upstream and never a 503.
  settings.retry_when = [](const http::HttpResponse& r) {
    return r.status == 400 && r.body.find("Bearer") != std::string::npos;
  };
  http::RetryingClient client(http::HttpOptions{}, settings);
  http::HttpRequest req;
  req.url = server.url("/refused");
  const http::RetriedResponse refused = client.call(req);
  EXPECT_EQ(refused.response.status, 400);
  EXPECT_EQ(refused.attempts, 3);
  req.url = server.url("/flaky");
  const http::RetriedResponse busy = client.call(req);
  EXPECT_EQ(busy.response.status, 503);
  EXPECT_EQ(busy.attempts, 1);
  EXPECT_EQ(server.hits(), 4);
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
  EXPECT_EQ(client.call(req).response.status, 200);
  EXPECT_EQ(calls, 2);

  req.on_send = []() -> util::Status { return util::Error{"outbox: disk full"}; };
  const http::RetriedResponse r = client.call(req);
  EXPECT_EQ(r.response.status, 0);
  EXPECT_TRUE(r.response.never_sent());
  EXPECT_EQ(r.response.transport_message, "outbox: disk full");
  EXPECT_EQ(r.attempts, 1);
  EXPECT_FALSE(r.origin_answered());
  EXPECT_FALSE(r.may_apply_later()); // cancelled unsent
  EXPECT_EQ(server.hits(), 2);
}

// Whether the origin answered, and whether a body sent may still be applied later: the HTTP
// layer's decision an additive write (OpenMetadata usage) waits on before reading back.
TEST(HttpRetryingClient, SaysWhetherTheOriginAnsweredAndTheBodyMayStillBeAppliedLater) {
  FlakyServer server(0);
  auto client = fast_client(1);
  struct Case {
    long status;
    bool origin_answered;
    bool may_apply_later;
  };
  // 500 and 503 are the origin's own answers; 502 and 504 are a gateway's, the origin may still
  // be working on the request behind it.
  for (const Case c : {Case{200, true, false}, Case{500, true, false}, Case{502, false, true},
                       Case{503, true, false}, Case{504, false, true}}) {
    http::HttpRequest req;
    req.url = server.url("/status/" + std::to_string(c.status));
    const http::RetriedResponse r = client.call(req);
    EXPECT_EQ(r.response.status, c.status);
    EXPECT_EQ(r.origin_answered(), c.origin_answered) << c.status;
    EXPECT_EQ(r.may_apply_later(), c.may_apply_later) << c.status;
  }

  // A timeout: the request went out and no answer came (status 0).
  http::HttpRequest slow;
  slow.url = server.url("/slow");
  slow.total_timeout = std::chrono::milliseconds(100);
  const http::RetriedResponse timed_out = client.call(slow);
  EXPECT_EQ(timed_out.response.status, 0);
  EXPECT_TRUE(timed_out.response.transport_failed());
  EXPECT_FALSE(timed_out.response.never_sent());
  EXPECT_FALSE(timed_out.origin_answered());
  EXPECT_TRUE(timed_out.may_apply_later());

  // Status 0 without a connection: nothing reached any server, nothing can be applied.
  http::RetriedResponse refused;
  refused.response.status = 0;
  refused.response.transport_error = 7; // CURLE_COULDNT_CONNECT
  EXPECT_TRUE(refused.response.never_sent());
  EXPECT_FALSE(refused.origin_answered());
  EXPECT_FALSE(refused.may_apply_later());
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
