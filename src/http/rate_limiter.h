#pragma once

#include <chrono>
#include <mutex>

namespace athena::http {

/// A token bucket (in its GCRA form): `rate` sends per second on average with bursts of up to
/// `burst` back to back. reserve() books the next slot and says when it is; callers wait until
/// then (the HTTP loop schedules a timer) instead of blocking. A rate of 0 means no limit.
class RateLimiter {
public:
  using Clock = std::chrono::steady_clock;

  RateLimiter(double rate_per_second = 0, double burst = 1);
  /// Books one send and returns the earliest time it may happen (>= now).
  [[nodiscard]] Clock::time_point reserve(Clock::time_point now = Clock::now());
  [[nodiscard]] double rate() const { return rate_; }

private:
  double rate_;
  double burst_;
  std::mutex mutex_;
  Clock::time_point tat_{}; // theoretical arrival time of the next send
};

} // namespace athena::http
