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

/// What came back, after retries.
struct OmResponse {
  long status = 0;   ///< HTTP status; 0 when no response arrived
  std::string body;  ///< response body
  std::string error; ///< transport error or the server's `message`, "" on 2xx
  int attempts = 0;  ///< tries made
  /// An additive request that may or may not have been applied (no reply, a timeout, a 5xx
  /// after the body went out): read back what the server holds before sending anything.
  bool unknown = false;
  /// The request went out and the origin did not answer it (no reply, a timeout, a gateway's
  /// 502/504): it may still be applied later (http::RetriedResponse::may_apply_later).
  bool may_apply_later = false;
  [[nodiscard]] bool ok() const { return status >= 200 && status < 300; }
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
