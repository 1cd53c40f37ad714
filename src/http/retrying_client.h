#pragma once

#include <functional>
#include <memory>
#include <random>

#include "src/http/http_client.h"
#include "src/http/retry.h"

namespace athena::http {

/// How a RetryingClient retries: up to `max_attempts` tries (the first included), waiting a
/// full-jitter exponential backoff between them, but never less than `min_jitter` of the step
/// (a 429 deserves a pause).
struct RetrySettings {
  int max_attempts = 5;
  double base_seconds = 1.0;
  double max_backoff_seconds = 30.0;
  double min_jitter = 0.1;
};

/// An HttpClient that sends a request again after a 429, a 5xx, a timeout or a connection
/// failure (http::classify_attempt), until it succeeds, fails for good or runs out of
/// attempts. Same threading rule as HttpClient: callbacks run inside run().
class RetryingClient {
public:
  /// Whether a retryable failure may be sent again (e.g. only when it cannot have been
  /// applied); unset means always.
  using MayResend = std::function<bool(const HttpResponse&)>;
  /// The last attempt's response and the number of attempts made.
  using Done = std::function<void(HttpResponse&&, int attempts)>;

  RetryingClient(HttpOptions http, RetrySettings retry);

  /// Queues `request`; `done` runs inside run() after a 2xx, an answer not worth retrying, or
  /// the last attempt. Each attempt sends a copy of `request` (its on_send hook included).
  void send(HttpRequest request, Done done, MayResend may_resend = {});
  /// Drives everything queued until nothing is left.
  void run() { http_.run(); }
  /// One blocking call (not from inside a callback).
  [[nodiscard]] HttpResponse call(HttpRequest request, int* attempts = nullptr);

  [[nodiscard]] HttpClient& http() { return http_; }
  [[nodiscard]] const HttpOptions& options() const { return http_.options(); }
  /// Total HTTP attempts made and retries among them.
  [[nodiscard]] long attempts() const { return attempts_; }
  [[nodiscard]] long retries() const { return retries_; }

private:
  struct Call;
  void attempt(const std::shared_ptr<Call>& call);

  HttpClient http_;
  RetrySettings retry_;
  std::mt19937_64 rng_;
  long attempts_ = 0;
  long retries_ = 0;
};

} // namespace athena::http
