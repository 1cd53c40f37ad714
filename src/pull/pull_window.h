#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "src/config/workflow_config.h"
#include "src/store/pull_state.h"

namespace athena::pull {

/// Athena keeps 45 days of query history.
inline constexpr int kMaxHistoryDays = 45;
inline constexpr int64_t kDayMs = 86'400'000;
/// How far before the watermark an incremental pull starts listing again. Executions listed
/// twice cost one ListQueryExecutions page, never a fetch (they are known).
inline constexpr int64_t kWatermarkOverlapMs = int64_t{5} * 60'000;

/// The window the command line asks for (both empty: the default).
struct WindowRequest {
  std::string since;       ///< --since YYYY-MM-DD (UTC midnight)
  std::optional<int> days; ///< --days N
};

/// Where a workgroup's pull stops paging: executions submitted before `cutoff_ms` are old.
struct PullWindow {
  int64_t cutoff_ms = 0;
  std::string reason; ///< how it was chosen, for the summary ("--days 3", "watermark", ...)
};

/// Midnight UTC of a "YYYY-MM-DD" date in epoch milliseconds; nullopt when not a valid date.
std::optional<int64_t> parse_date_ms(std::string_view text);
/// "YYYY-MM-DDTHH:MM:SSZ" of an epoch time in milliseconds.
std::string format_time_ms(int64_t ms);

/// Checks --since/--days; "" when fine, else the message naming the option.
std::string validate_window(const WindowRequest& request);

/// The window of one workgroup, first match wins:
///  1. `--since` / `--days`;
///  2. the watermark of its last complete pull, moved back to the oldest QUEUED/RUNNING
///     execution stored for it (so those are fetched again), less kWatermarkOverlapMs;
///  3. athenaLineage.since / athenaLineage.days / sourceConfig queryLogDuration (0: all).
/// Never earlier than kMaxHistoryDays before `now_ms`.
PullWindow pull_window(const config::WorkflowConfig& config, const WindowRequest& request,
                       const std::optional<store::PullWatermark>& watermark,
                       std::optional<int64_t> oldest_open_ms, int64_t now_ms);

} // namespace athena::pull
