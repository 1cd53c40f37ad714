#pragma once

// The project's one calendar: proleptic Gregorian dates and UTC times of day, on C++20 <chrono>
// calendar types, for any int64 day or millisecond count. Used by lineage/, src/ and the
// sample generator.

#include <cstdint>
#include <string>

namespace athena::lineage {

constexpr int64_t kMillisPerDay = 86'400'000;

/// A proleptic Gregorian date.
struct CivilDate {
  int64_t year = 1970;
  unsigned month = 1; ///< 1..12
  unsigned day = 1;   ///< 1..31
};

/// A UTC instant broken down to the millisecond.
struct CivilTime {
  CivilDate date;
  unsigned hour = 0;
  unsigned minute = 0;
  unsigned second = 0;
  unsigned millisecond = 0;
};

/// `a / b` rounded toward negative infinity (b > 0).
int64_t floor_div(int64_t a, int64_t b);

/// Days since 1970-01-01 of a date with month 1..12; a day past the month's end counts on into
/// the next month.
int64_t days_from_civil(int64_t year, unsigned month, unsigned day);

/// The date of a day number (days since 1970-01-01).
CivilDate civil_from_days(int64_t days);

/// The UTC date and time of epoch milliseconds.
CivilTime civil_time(int64_t epoch_ms);

/// True when `month` is 1..12 and `day` is within that month of `year`.
bool is_valid_date(int64_t year, unsigned month, unsigned day);

/// "YYYY-MM-DD" of a day number.
std::string format_date(int64_t days);

/// "YYYYMMDD" of a day number.
std::string format_date_compact(int64_t days);

} // namespace athena::lineage
