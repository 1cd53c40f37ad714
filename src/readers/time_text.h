#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "lineage/civil_time.h"

namespace athena::readers {

/// Parses "YYYY-MM-DD HH:MM:SS" with an optional fraction (".f" to 9 digits), 'T' instead of
/// the space, and an optional zone ("Z", "+HH:MM", "+HHMM", "+HH", " UTC"); no zone means
/// UTC. A bare "YYYY-MM-DD" is midnight. Returns milliseconds since the epoch, or nullopt
/// when the text is not such a time (fields out of range included).
std::optional<int64_t> parse_datetime_ms(std::string_view text);

/// Any timestamp text AWS tools write: what parse_datetime_ms() takes (ISO 8601 with "Z" or
/// an offset, Python's `str(datetime)`), or seconds since the epoch as decimal text
/// ("1733449538", "1733449538.931"). Returns UTC milliseconds, or nullopt.
std::optional<int64_t> parse_timestamp_text_ms(std::string_view text);

/// Seconds since the epoch (any finite double) → milliseconds, nullopt when out of range.
std::optional<int64_t> epoch_seconds_to_ms(double seconds);

/// Days since 1970-01-01 of a proleptic Gregorian date (lineage/civil_time.h).
using lineage::days_from_civil;

/// "YYYY-MM-DD" of the instant `ms` shifted by `utc_offset_minutes`.
std::string format_day(int64_t ms, int utc_offset_minutes = 0);

} // namespace athena::readers
