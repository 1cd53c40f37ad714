#include "src/http/rate_limiter.h"

#include <algorithm>

namespace athena::http {

RateLimiter::RateLimiter(double rate_per_second, double burst)
    : rate_(rate_per_second), burst_(std::max(burst, 1.0)) {}

RateLimiter::Clock::time_point RateLimiter::reserve(Clock::time_point now) {
  if (rate_ <= 0) return now;
  const auto interval =
      std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(1.0 / rate_));
  const auto tolerance = std::chrono::duration_cast<Clock::duration>(interval * (burst_ - 1.0));
  std::lock_guard lock(mutex_);
  const auto tat = std::max(tat_, now);
  const auto send_at = std::max(now, tat - tolerance);
  tat_ = tat + interval;
  return send_at;
}

} // namespace athena::http
