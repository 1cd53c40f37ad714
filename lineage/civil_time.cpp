#include "lineage/civil_time.h"

#include <chrono>
#include <cstdio>

namespace athena::lineage {

namespace {

// chrono::year spans +-32767 years: dates are moved by whole 400-year Gregorian cycles (146097
// days each, the calendar repeats exactly) into its range and the cycles added back.
constexpr int64_t kDaysPer400Years = 146097;

} // namespace

int64_t floor_div(int64_t a, int64_t b) {
  return a / b - ((a % b != 0) && ((a < 0) != (b < 0)) ? 1 : 0);
}

int64_t days_from_civil(int64_t year, unsigned month, unsigned day) {
  using namespace std::chrono;
  const int64_t cycles = floor_div(year, 400);
  const year_month_day first{std::chrono::year{static_cast<int>(year - cycles * 400)},
                             std::chrono::month{month}, std::chrono::day{1}};
  const sys_days date = sys_days{first} + days{int64_t{day} - 1};
  return date.time_since_epoch().count() + cycles * kDaysPer400Years;
}

CivilDate civil_from_days(int64_t days) {
  using namespace std::chrono;
  const int64_t cycles = floor_div(days, kDaysPer400Years);
  const year_month_day ymd{sys_days{std::chrono::days{days - cycles * kDaysPer400Years}}};
  return CivilDate{static_cast<int>(ymd.year()) + cycles * 400, static_cast<unsigned>(ymd.month()),
                   static_cast<unsigned>(ymd.day())};
}

CivilTime civil_time(int64_t epoch_ms) {
  // Remainders rather than products, so that nothing leaves int64 at its ends.
  const int64_t secs = floor_div(epoch_ms, 1000);
  const int64_t days = floor_div(secs, 86400);
  const auto ms = static_cast<unsigned>((epoch_ms % 1000 + 1000) % 1000);
  const auto sod = static_cast<unsigned>((secs % 86400 + 86400) % 86400);
  return CivilTime{civil_from_days(days), sod / 3600, sod / 60 % 60, sod % 60, ms};
}

bool is_valid_date(int64_t year, unsigned month, unsigned day) {
  using namespace std::chrono;
  if (month < 1 || month > 12 || day < 1 || day > 31) return false;
  const int64_t cycles = floor_div(year, 400);
  return year_month_day{std::chrono::year{static_cast<int>(year - cycles * 400)},
                        std::chrono::month{month}, std::chrono::day{day}}
      .ok();
}

std::string format_date(int64_t days) {
  const CivilDate c = civil_from_days(days);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04lld-%02u-%02u", static_cast<long long>(c.year), c.month,
                c.day);
  return buf;
}

std::string format_date_compact(int64_t days) {
  const CivilDate c = civil_from_days(days);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04lld%02u%02u", static_cast<long long>(c.year), c.month, c.day);
  return buf;
}

} // namespace athena::lineage
