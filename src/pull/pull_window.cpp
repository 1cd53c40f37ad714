#include "src/pull/pull_window.h"

#include <algorithm>
#include <cstdio>

#include "src/readers/time_text.h"

namespace athena::pull {

std::optional<int64_t> parse_date_ms(std::string_view text) {
  // Exactly a day: the shared time parser also takes times and zones.
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  return readers::parse_datetime_ms(text);
}

std::string format_time_ms(int64_t ms) {
  const int64_t ms_of_day = ((ms % kDayMs) + kDayMs) % kDayMs;
  const auto secs = static_cast<unsigned>(ms_of_day / 1000);
  char buf[16];
  std::snprintf(buf, sizeof buf, "T%02u:%02u:%02uZ", secs / 3600, secs / 60 % 60, secs % 60);
  return readers::format_day(ms) + buf;
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
