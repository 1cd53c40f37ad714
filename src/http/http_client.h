#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "src/http/http_header.h"
#include "src/util/result.h"

namespace athena::http {

using SteadyClock = std::chrono::steady_clock;
using SteadyTime = SteadyClock::time_point;

struct HttpRequest {
  std::string method = "POST"; ///< GET, PUT or POST
  std::string url;
  std::vector<HttpHeader> headers;
  std::string body;
  /// Zero means the client's default.
  std::chrono::milliseconds connect_timeout{0};
  std::chrono::milliseconds total_timeout{0};
  /// Sends on a new connection, closed afterwards. For a request that must not be applied
  /// twice: libcurl re-sends a request on its own when a reused keep-alive connection dies
  /// before any reply ("Connection died, retrying a fresh connect"), which it never does for
  /// a connection it just opened. The caller then alone decides whether to send it again.
  bool fresh_connection = false;
  /// Runs just before the request is handed to libcurl (after any wait for a parallel slot),
  /// once per send: a failure cancels it unsent (the response then has transport_error -1
  /// and the failure's message). Lets a caller record "sent at" for a write it cannot repeat.
  std::function<util::Status()> on_send = {};
};

struct HttpResponse {
  long status = 0;               ///< HTTP status; 0 when the transfer failed
  int transport_error = 0;       ///< CURLcode; 0 when an HTTP response arrived
  std::string transport_message; ///< libcurl's description of transport_error
  std::vector<HttpHeader> headers;
  std::string body;

  [[nodiscard]] bool transport_failed() const { return transport_error != 0; }
  /// True when the request surely did not reach the server: no connection was made (or the
  /// request was cancelled before sending).
  [[nodiscard]] bool never_sent() const;
  /// Value of the first header named `name` (case-insensitive), "" when absent.
  [[nodiscard]] std::string header(std::string_view name) const;
};

struct HttpOptions {
  std::string ca_bundle; ///< PEM file of extra trust roots; TLS verification is always on
  std::size_t max_parallel = 16;
  std::chrono::milliseconds connect_timeout{5000};
  std::chrono::milliseconds total_timeout{60000};
  std::string user_agent = "athena-lineage";
};

/// An event loop over libcurl's multi interface: requests run in parallel over kept-alive
/// connections; timers schedule work (retries, rate-limited sends) for later. Not thread-safe:
/// call everything from the thread running run(), callbacks included.
class HttpClient {
public:
  using Callback = std::function<void(HttpResponse&&)>;

  explicit HttpClient(HttpOptions options = {});
  ~HttpClient();
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;

  /// Starts `request` as soon as a parallel slot is free; `done` runs inside run().
  void start(HttpRequest request, Callback done);
  /// Runs `task` inside run() once `when` has passed.
  void schedule(SteadyTime when, std::function<void()> task);
  /// Drives transfers and timers until nothing is queued, scheduled or in flight.
  void run();
  /// One blocking request (runs its own loop; do not call from a callback of this client).
  [[nodiscard]] HttpResponse perform(HttpRequest request);

  [[nodiscard]] const HttpOptions& options() const { return options_; }

private:
  struct Impl;
  HttpOptions options_;
  std::unique_ptr<Impl> impl_;
};

/// True when `url` starts with http:// or https:// and names a host.
[[nodiscard]] bool is_http_url(std::string_view url);

} // namespace athena::http
