#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace athena::samplegen {

constexpr int64_t kMillisPerDay = 86'400'000;

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
int64_t days_from_civil(int64_t y, unsigned m, unsigned d);

/// Parses YYYY-MM-DD strictly (valid month and day); nullopt otherwise.
std::optional<int64_t> parse_date(std::string_view text);

/// "YYYY-MM-DD" of a day number (days since the epoch).
std::string format_date(int64_t days);

/// "YYYYMMDD" of a day number.
std::string format_date_compact(int64_t days);

/// "YYYY-MM-DDTHH:MM:SSZ" (CloudTrail's eventTime) of epoch milliseconds.
std::string format_iso_seconds(int64_t epoch_ms);

/// Epoch seconds with a three-digit millisecond fraction, as Athena's JSON numbers:
/// "1736934312.482".
std::string format_epoch_seconds(int64_t epoch_ms);

/// 0 = Monday ... 6 = Sunday.
int weekday(int64_t days);

} // namespace athena::samplegen
