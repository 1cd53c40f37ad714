#include "src/pull/pull_window.h"

#include <algorithm>
#include <cstdio>

namespace athena::pull {
namespace {

// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
int64_t days_from_civil(int64_t y, unsigned m, unsigned d) {
  y -= m <= 2 ? 1 : 0;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

bool is_leap(int64_t y) {
  return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

} // namespace

std::optional<int64_t> parse_date_ms(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  auto digits = [&](size_t from, size_t n) -> std::optional<int> {
    int v = 0;
    for (size_t i = from; i < from + n; ++i) {
      if (text[i] < '0' || text[i] > '9') return std::nullopt;
      v = v * 10 + (text[i] - '0');
    }
    return v;
  };
  auto y = digits(0, 4);
  auto m = digits(5, 2);
  auto d = digits(8, 2);
  if (!y || !m || !d || *m < 1 || *m > 12 || *d < 1) return std::nullopt;
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const int max_day = kDays[*m - 1] + (*m == 2 && is_leap(*y) ? 1 : 0);
  if (*d > max_day) return std::nullopt;
  return days_from_civil(*y, static_cast<unsigned>(*m), static_cast<unsigned>(*d)) * kDayMs;
}

std::string format_time_ms(int64_t ms) {
  int64_t secs = ms >= 0 ? ms / 1000 : (ms - 999) / 1000;
  int64_t days = secs >= 0 ? secs / 86400 : (secs - 86399) / 86400;
  int64_t rem = secs - days * 86400;
  // civil_from_days (Howard Hinnant).
  days += 719468;
  const int64_t era = (days >= 0 ? days : days - 146096) / 146097;
  const auto doe = static_cast<unsigned>(days - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  int64_t y = static_cast<int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  if (m <= 2) ++y;
  const auto secs_of_day = static_cast<unsigned>(rem); // 0..86399
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04lld-%02u-%02uT%02u:%02u:%02uZ", static_cast<long long>(y), m,
                d, secs_of_day / 3600, secs_of_day / 60 % 60, secs_of_day % 60);
  return buf;
}

std::string validate_window(const WindowRequest& request) {
  if (!request.since.empty() && !parse_date_ms(request.since)) {
    return "--since: expected a date YYYY-MM-DD, found '" + request.since + "'";
  }
  if (!request.since.empty() && request.days) return "--since and --days exclude each other";
  if (request.days && (*request.days < 1 || *request.days > kMaxHistoryDays)) {
    return "--days: must be between 1 and 45 (Athena keeps 45 days of history), found " +
           std::to_string(*request.days);
  }
  return "";
}

PullWindow pull_window(const config::WorkflowConfig& config, const WindowRequest& request,
                       const std::optional<store::PullWatermark>& watermark,
                       std::optional<int64_t> oldest_open_ms, int64_t now_ms) {
  PullWindow w;
  if (auto since = parse_date_ms(request.since)) {
    w = {*since, "--since " + request.since};
  } else if (request.days) {
    w = {now_ms - *request.days * kDayMs, "--days " + std::to_string(*request.days)};
  } else if (watermark) {
    int64_t from = watermark->newest_ms;
    w.reason = "after the last complete pull";
    if (oldest_open_ms && *oldest_open_ms < from) {
      from = *oldest_open_ms;
      w.reason = "from the oldest QUEUED/RUNNING execution stored";
    }
    w.cutoff_ms = from - kWatermarkOverlapMs;
  } else if (auto since_cfg = parse_date_ms(config.lineage.since)) {
    w = {*since_cfg, "athenaLineage.since " + config.lineage.since};
  } else if (config.lineage.days) {
    w = {now_ms - *config.lineage.days * kDayMs,
         "athenaLineage.days " + std::to_string(*config.lineage.days)};
  } else if (config.query_log_duration > 0) {
    const int days = std::min(config.query_log_duration, kMaxHistoryDays);
    w = {now_ms - days * kDayMs, "queryLogDuration " + std::to_string(days)};
  } else {
    w = {now_ms - kMaxHistoryDays * kDayMs, "all of Athena's history"};
  }
  const int64_t oldest = now_ms - kMaxHistoryDays * kDayMs;
  if (w.cutoff_ms < oldest) {
    w.cutoff_ms = oldest;
    w.reason += ", limited to Athena's 45 days";
  }
  return w;
}

} // namespace athena::pull
