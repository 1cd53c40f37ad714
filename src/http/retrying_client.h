#pragma once

#include <functional>
#include <memory>
#include <random>

#include "src/http/http_client.h"
#include "src/http/retry.h"

namespace athena::http {

/// How a RetryingClient retries: up to `max_attempts` tries (the first included), waiting a
/// full-jitter exponential backoff between them, but never less than `min_jitter` of the step
/// (a 429 deserves a pause). A base of 0 retries at once; a min_jitter of 1 with
/// max_backoff_seconds equal to the base waits exactly the base every time.
struct RetrySettings {
  int max_attempts = 5;
  double base_seconds = 1.0;
  double max_backoff_seconds = 30.0;
  double min_jitter = 0.1;
  /// Which answers are worth another attempt; unset means the retryable classes of
  /// http::classify_attempt (429, 500/502/503/504, timeouts, connection failures). For a
  /// service whose own protocol says more (an error code in a 400's body, an empty 200).
  std::function<bool(const HttpResponse&)> retry_when = {};
};

/// What a RetryingClient delivers: the last attempt's response and how many attempts were made,
/// with what that response says about the request's fate on the server.
struct RetriedResponse {
  HttpResponse response; ///< the last attempt's
  int attempts = 0;      ///< tries made, the first included

  /// True when the origin server itself answered the last attempt: any status except 0 (no
  /// response) and 502/504 (a gateway's answer: the origin may still be working on it).
  [[nodiscard]] bool origin_answered() const;
  /// True when the last attempt's body may still be applied by the origin later: it went out
  /// (a connection was made) and the origin did not answer (no response, a timeout, 502, 504).
  /// Whatever the origin answered itself (2xx, 500, 503, ...) is settled when the answer comes.
  [[nodiscard]] bool may_apply_later() const;
};

/// An HttpClient that sends a request again after a 429, a 5xx, a timeout or a connection
/// failure (http::classify_attempt), until it succeeds, fails for good or runs out of
/// attempts. Same threading rule as HttpClient: callbacks run inside run().
class RetryingClient {
public:
  /// Whether a retryable failure may be sent again (e.g. only when it cannot have been
  /// applied); unset means always.
  using MayResend = std::function<bool(const HttpResponse&)>;
  /// Receives the last attempt's response.
  using Done = std::function<void(RetriedResponse&&)>;

  RetryingClient(HttpOptions http, RetrySettings retry);

  /// Queues `request`; `done` runs inside run() after a 2xx, an answer not worth retrying, or
  /// the last attempt. Each attempt sends a copy of `request` (its on_send hook included).
  void send(HttpRequest request, Done done, MayResend may_resend = {});
  /// Drives everything queued until nothing is left.
  void run() { http_.run(); }
  /// One blocking call (not from inside a callback).
  [[nodiscard]] RetriedResponse call(HttpRequest request);

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
