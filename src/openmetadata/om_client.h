#pragma once

#include <chrono>
#include <functional>
#include <string>
#include <vector>

#include "src/config/workflow_config.h"
#include "src/http/retrying_client.h"
#include "src/util/result.h"
#include "src/util/secret.h"

namespace athena::openmetadata {

/// One REST call, path relative to `<hostPort>/v1` (e.g. "/lineage").
struct OmRequest {
  std::string method = "GET";
  std::string path;
  std::string body; ///< JSON; empty for GET and DELETE
  /// Applying it twice changes the result (a usage POST/PUT adds to the schema's and
  /// database's day): never re-sent when it may have been applied; see OmResponse::unknown.
  bool additive = false;
  /// Runs just before each attempt is handed to the network (http::HttpRequest::on_send); a
  /// failure cancels the attempt unsent.
  std::function<util::Status()> on_send = {};
};

/// True when a failed attempt of a request may have been applied and sending it again could
/// apply it twice: a failure worth retrying (http::classify_attempt) other than a 429 (refused
/// before any work) that went out (a connection was made). For an additive request this is the
/// one rule: such an attempt is never re-sent, and the call's outcome is unknown.
[[nodiscard]] bool may_have_applied(const http::HttpResponse& attempt);

/// What came back, after retries: the HTTP layer's answer and what it means for an
/// OpenMetadata call.
struct OmResponse {
  http::RetriedResponse http; ///< the last attempt's response and the attempts made
  /// The server's `message` or the transport error, secrets masked; "" on 2xx.
  std::string error;
  bool additive = false; ///< the request's OmRequest::additive

  /// HTTP status; 0 when no response arrived.
  [[nodiscard]] long status() const { return http.response.status; }
  [[nodiscard]] const std::string& body() const { return http.response.body; }
  [[nodiscard]] int attempts() const { return http.attempts; }
  [[nodiscard]] bool ok() const { return status() >= 200 && status() < 300; }
  /// An additive request that may or may not have been applied (no reply, a timeout, a 5xx
  /// after the body went out): read back what the server holds before sending anything.
  [[nodiscard]] bool unknown() const { return additive && may_have_applied(http.response); }
  /// The request went out and the origin did not answer it (no reply, a timeout, a gateway's
  /// 502/504): it may still be applied later.
  [[nodiscard]] bool may_apply_later() const { return http.may_apply_later(); }
  /// Settles the call as `status` with `message` ("" for a success): the caller's reading of
  /// an answer (a 2xx whose body makes no sense is a failure, a 404 for a delete already done
  /// a success). The attempts made are kept.
  void settle(long status, std::string message = {}) {
    http.response.status = status;
    error = std::move(message);
  }
};

struct OmClientOptions {
  std::string host_port; ///< base URL including /api
  bool bearer = false;   ///< authProvider openmetadata
  util::Secret jwt;
  std::string ca_bundle;
  std::vector<std::pair<std::string, std::string>> extra_headers;
  int max_attempts = 5;
  double retry_base_seconds = 1.0;
  double max_backoff_seconds = 30.0;
  std::size_t max_parallel = 8;
  std::chrono::milliseconds connect_timeout{10000};
  std::chrono::milliseconds total_timeout{60000};
};

/// The options from a workflow config's openMetadataServerConfig and athenaLineage.openMetadata.
[[nodiscard]] OmClientOptions client_options(const config::OpenMetadataServerConfig& server,
                                             const config::OpenMetadataSinkOptions& sink);

/// An OpenMetadata REST connection over the shared HTTP layer (http::RetryingClient): Bearer
/// JWT (never logged, masked in error messages), JSON bodies, no redirects followed, TLS
/// verification on, kept-alive connections for reads, retries with full-jitter exponential
/// backoff on 429, 5xx and network errors; an additive request only where it cannot have been
/// applied (429, no connection), and every write on a connection of its own so libcurl never
/// re-sends it by itself. Single-threaded like http::HttpClient: callbacks run inside run().
class OmClient {
public:
  using Callback = std::function<void(OmResponse&&)>;

  explicit OmClient(OmClientOptions options);

  /// Queues `request`; `done` runs inside run() after a 2xx, a non-retryable answer, or the
  /// last attempt.
  void send(OmRequest request, Callback done);
  /// Drives everything queued until nothing is left.
  void run() { http_.run(); }
  /// One blocking call (not from inside a callback).
  [[nodiscard]] OmResponse call(OmRequest request);
  /// Runs `task` inside run() once `when` has passed.
  void schedule(http::SteadyTime when, std::function<void()> task) {
    http_.http().schedule(when, std::move(task));
  }

  [[nodiscard]] const OmClientOptions& options() const { return options_; }
  /// Total HTTP attempts made and retries among them.
  [[nodiscard]] long attempts() const { return http_.attempts(); }
  [[nodiscard]] long retries() const { return http_.retries(); }

private:
  OmClientOptions options_;
  std::vector<util::Secret> secrets_; ///< masked in error messages
  http::RetryingClient http_;
};

/// "METHOD path: status message" for error lists (never contains headers or the token).
[[nodiscard]] std::string describe_failure(const OmRequest& request, const OmResponse& response);

} // namespace athena::openmetadata
