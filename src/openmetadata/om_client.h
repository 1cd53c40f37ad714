#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "src/config/workflow_config.h"
#include "src/http/http_client.h"
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
  bool ok() const { return status >= 200 && status < 300; }
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
OmClientOptions client_options(const config::OpenMetadataServerConfig& server,
                               const config::OpenMetadataSinkOptions& sink);

/// An OpenMetadata REST connection over the shared libcurl event loop: Bearer JWT (never
/// logged), JSON bodies, no redirects followed, TLS verification on, retries with full-jitter
/// exponential backoff on 429, 5xx and network errors; an additive request only where it
/// cannot have been applied (429, no connection), and every write on a connection of its own
/// so libcurl never re-sends it by itself. Single-threaded like http::HttpClient:
/// callbacks run inside run().
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
  OmResponse call(OmRequest request);

  /// Total HTTP attempts made and retries among them.
  long attempts() const { return attempts_; }
  long retries() const { return retries_; }

private:
  void attempt(std::shared_ptr<OmRequest> request, int number, std::shared_ptr<Callback> done);

  OmClientOptions options_;
  http::HttpClient http_;
  std::mt19937_64 rng_;
  long attempts_ = 0;
  long retries_ = 0;
};

/// "METHOD path: status message" for error lists (never contains headers or the token).
std::string describe_failure(const OmRequest& request, const OmResponse& response);

} // namespace athena::openmetadata
