#include "src/http/retry.h"

#include <algorithm>
#include <cmath>

#include <curl/curl.h>

namespace athena::http {

RetryClass classify_attempt(long http_status, int curl_code) {
  if (curl_code != 0) {
    switch (static_cast<CURLcode>(curl_code)) {
    case CURLE_OPERATION_TIMEDOUT:
      return RetryClass::kTimeout;
    case CURLE_COULDNT_CONNECT:
    case CURLE_RECV_ERROR:
    case CURLE_SEND_ERROR:
    case CURLE_GOT_NOTHING:
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_PARTIAL_FILE:
      return RetryClass::kTransient;
    default:
      return RetryClass::kFatal;
    }
  }
  if (http_status >= 200 && http_status < 300) return RetryClass::kNone;
  if (http_status == 429) return RetryClass::kThrottling;
  if (http_status == 500 || http_status == 502 || http_status == 503 || http_status == 504) {
    return RetryClass::kTransient;
  }
  return RetryClass::kFatal;
}

bool is_retryable(RetryClass cls) {
  return cls == RetryClass::kThrottling || cls == RetryClass::kTransient ||
         cls == RetryClass::kTimeout;
}

std::chrono::microseconds backoff_delay(const RetryPolicy& policy, int retry, double rand01) {
  const double exp = policy.base_seconds * std::pow(2.0, std::max(retry - 1, 0));
  const double seconds = std::clamp(rand01, 0.0, 1.0) * std::min(exp, policy.max_backoff_seconds);
  return std::chrono::microseconds(static_cast<long long>(seconds * 1e6));
}

RetryQuota::RetryQuota(const RetryPolicy& policy)
    : policy_(policy), units_(policy.quota_capacity) {}

bool RetryQuota::acquire(RetryClass cls, int& taken) {
  const int cost = cls == RetryClass::kTimeout ? policy_.timeout_retry_cost : policy_.retry_cost;
  std::lock_guard lock(mutex_);
  if (units_ < cost) {
    taken = 0;
    return false;
  }
  units_ -= cost;
  taken = cost;
  return true;
}

void RetryQuota::on_success(int last_retry_cost) {
  std::lock_guard lock(mutex_);
  units_ = std::min(policy_.quota_capacity,
                    units_ + (last_retry_cost > 0 ? last_retry_cost : policy_.no_retry_refund));
}

int RetryQuota::available() const {
  std::lock_guard lock(mutex_);
  return units_;
}

} // namespace athena::http
