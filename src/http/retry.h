#pragma once

#include <chrono>
#include <mutex>

namespace athena::http {

/// How a failed attempt is treated by the standard retry mode (spec §6.1).
enum class RetryClass {
  kNone, ///< success, nothing to retry
  kThrottling,
  kTransient, ///< 5xx, a service's RequestTimeout-like codes, connection-level failures
  kTimeout,   ///< connect/read timeout: transient, but costs more retry quota
  kFatal,     ///< any other error: never retried
};

/// Classifies an attempt from its HTTP status (0 when the transfer failed) and libcurl code:
/// 429 is throttling, 500/502/503/504 and connection failures are transient.
[[nodiscard]] RetryClass classify_attempt(long http_status, int curl_code);

/// True for the classes worth another attempt (throttling, transient, timeout).
[[nodiscard]] bool is_retryable(RetryClass cls);

struct RetryPolicy {
  int max_attempts = 3;      ///< first try included
  double base_seconds = 1.0; ///< backoff base (spec §6.3)
  double max_backoff_seconds = 20.0;
  int quota_capacity = 500;
  int retry_cost = 5;
  int timeout_retry_cost = 10;
  int no_retry_refund = 1;
};

/// Full-jitter exponential backoff before retry number `retry` (1-based):
/// rand01 × min(base × 2^(retry−1), cap).
[[nodiscard]] std::chrono::microseconds backoff_delay(const RetryPolicy& policy, int retry,
                                                      double rand01);

/// The client-side retry quota (spec §6.4): a bucket of capacity units; a retry takes its cost,
/// a success gives back one unit (or what its last retry took). Thread-safe.
class RetryQuota {
public:
  explicit RetryQuota(const RetryPolicy& policy);
  /// Takes the cost of one retry of class `cls`; false (and nothing taken) when the quota is
  /// exhausted. Returns the units taken through `taken`.
  [[nodiscard]] bool acquire(RetryClass cls, int& taken);
  /// After a 2xx: `last_retry_cost` is 0 for a call that needed no retry.
  void on_success(int last_retry_cost);
  [[nodiscard]] int available() const;

private:
  RetryPolicy policy_;
  mutable std::mutex mutex_;
  int units_;
};

} // namespace athena::http
