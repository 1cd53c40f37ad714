#include "src/auth/time_util.h"

#include <charconv>
#include <cstdio>
#include <ctime>

#include "lineage/civil_time.h"

namespace athena::aws {
namespace {

bool read_int(std::string_view s, size_t pos, size_t len, int& out) {
  if (pos + len > s.size()) return false;
  for (size_t i = pos; i < pos + len; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
  }
  auto res = std::from_chars(s.data() + pos, s.data() + pos + len, out);
  return res.ec == std::errc{};
}

} // namespace

std::optional<SystemTime> parse_iso8601(std::string_view s) {
  int year = 0, mon = 0, day = 0, hour = 0, min = 0, sec = 0;
  if (!read_int(s, 0, 4, year) || s.size() < 19 || s[4] != '-' || !read_int(s, 5, 2, mon) ||
      s[7] != '-' || !read_int(s, 8, 2, day) || (s[10] != 'T' && s[10] != ' ') ||
      !read_int(s, 11, 2, hour) || s[13] != ':' || !read_int(s, 14, 2, min) || s[16] != ':' ||
      !read_int(s, 17, 2, sec)) {
    return std::nullopt;
  }
  if (mon < 1 || mon > 12 || day < 1 || day > 31 || hour > 23 || min > 59 || sec > 60) {
    return std::nullopt;
  }
  size_t pos = 19;
  if (pos < s.size() && s[pos] == '.') {
    ++pos;
    while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9')
      ++pos;
  }
  long offset_seconds = 0;
  if (pos < s.size() && (s[pos] == 'Z' || s[pos] == 'z')) {
    ++pos;
  } else if (pos < s.size() && (s[pos] == '+' || s[pos] == '-')) {
    int oh = 0, om = 0;
    if (!read_int(s, pos + 1, 2, oh) || pos + 3 >= s.size() || s[pos + 3] != ':' ||
        !read_int(s, pos + 4, 2, om)) {
      return std::nullopt;
    }
    offset_seconds = (s[pos] == '+' ? 1 : -1) * (oh * 3600L + om * 60L);
    pos += 6;
  }
  if (pos != s.size()) return std::nullopt;
  // A day past the month's end counts on into the next month, as timegm() did.
  const int64_t days =
      lineage::days_from_civil(year, static_cast<unsigned>(mon), static_cast<unsigned>(day));
  const auto t = static_cast<std::time_t>(days * 86400 + int64_t{hour} * 3600 + int64_t{min} * 60 +
                                          sec - offset_seconds);
  return std::chrono::system_clock::from_time_t(t);
}

std::string format_iso8601(SystemTime time) {
  const lineage::CivilTime t = lineage::civil_time(utc_seconds(time) * 1000);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04lld-%02u-%02uT%02u:%02u:%02uZ",
                static_cast<long long>(t.date.year), t.date.month, t.date.day, t.hour, t.minute,
                t.second);
  return buf;
}

int64_t utc_seconds(SystemTime time) {
  // Truncated toward zero, as std::chrono::system_clock::to_time_t.
  return std::chrono::duration_cast<std::chrono::seconds>(time.time_since_epoch()).count();
}

} // namespace athena::aws
