#include "src/readers/time_text.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "lineage/civil_time.h"

namespace athena::readers {

namespace {

bool digits(std::string_view s, size_t pos, size_t n, int& out) {
  if (pos + n > s.size()) return false;
  int v = 0;
  for (size_t i = pos; i < pos + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    v = v * 10 + (s[i] - '0');
  }
  out = v;
  return true;
}

} // namespace

std::string format_day(int64_t ms, int utc_offset_minutes) {
  return lineage::format_date(
      lineage::floor_div(ms + int64_t{utc_offset_minutes} * 60000, lineage::kMillisPerDay));
}

std::optional<int64_t> parse_datetime_ms(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
    s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t'))
    s.remove_suffix(1);
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, sec = 0;
  if (!digits(s, 0, 4, y) || s.size() < 10 || s[4] != '-' || !digits(s, 5, 2, mo) || s[7] != '-' ||
      !digits(s, 8, 2, d)) {
    return std::nullopt;
  }
  if (!lineage::is_valid_date(y, static_cast<unsigned>(mo), static_cast<unsigned>(d))) {
    return std::nullopt;
  }
  size_t pos = 10;
  int64_t frac_ms = 0;
  int offset_min = 0;
  if (pos < s.size()) {
    if (s[pos] != ' ' && s[pos] != 'T') return std::nullopt;
    if (!digits(s, pos + 1, 2, h) || pos + 3 >= s.size() || s[pos + 3] != ':' ||
        !digits(s, pos + 4, 2, mi)) {
      return std::nullopt;
    }
    pos += 6;
    if (pos < s.size() && s[pos] == ':') {
      if (!digits(s, pos + 1, 2, sec)) return std::nullopt;
      pos += 3;
    }
    if (h > 23 || mi > 59 || sec > 60) return std::nullopt;
    if (pos < s.size() && (s[pos] == '.' || s[pos] == ',')) {
      size_t start = ++pos;
      int scale = 100;
      while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') {
        frac_ms += int64_t{s[pos] - '0'} * scale;
        scale /= 10;
        ++pos;
      }
      if (pos == start || pos - start > 9) return std::nullopt;
    }
    std::string_view zone = s.substr(pos);
    if (zone.starts_with(' ')) zone.remove_prefix(1);
    if (zone.empty() || zone == "Z" || zone == "z" || zone == "UTC" || zone == "+00:00") {
      // UTC
    } else if (zone[0] == '+' || zone[0] == '-') {
      int zh = 0, zm = 0;
      if (!digits(zone, 1, 2, zh)) return std::nullopt;
      std::string_view rest = zone.substr(3);
      if (rest.starts_with(':')) rest.remove_prefix(1);
      if (!rest.empty() && (!digits(rest, 0, 2, zm) || rest.size() != 2)) return std::nullopt;
      if (zh > 23 || zm > 59) return std::nullopt;
      offset_min = (zh * 60 + zm) * (zone[0] == '-' ? -1 : 1);
    } else {
      return std::nullopt;
    }
  }
  int64_t days = days_from_civil(y, static_cast<unsigned>(mo), static_cast<unsigned>(d));
  int64_t secs =
      days * 86400 + int64_t{h} * 3600 + int64_t{mi} * 60 + sec - int64_t{offset_min} * 60;
  return secs * 1000 + frac_ms;
}

std::optional<int64_t> epoch_seconds_to_ms(double seconds) {
  if (!std::isfinite(seconds)) return std::nullopt;
  const double ms = std::round(seconds * 1000.0);
  // 2^63 is exactly representable; anything at or beyond it does not fit.
  if (ms >= 9223372036854775808.0 || ms < -9223372036854775808.0) return std::nullopt;
  return static_cast<int64_t>(ms);
}

std::optional<int64_t> parse_timestamp_text_ms(std::string_view text) {
  if (auto ms = parse_datetime_ms(text)) return ms;
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t'))
    text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t'))
    text.remove_suffix(1);
  // Plain decimal seconds only: no hex, inf/nan or stray text (strtod would take those).
  if (text.empty() || text.size() > 40) return std::nullopt;
  size_t i = text.front() == '-' ? 1 : 0;
  bool digit = false;
  bool dot = false;
  for (; i < text.size(); ++i) {
    const char c = text[i];
    if (c >= '0' && c <= '9') {
      digit = true;
    } else if (c == '.' && !dot) {
      dot = true;
    } else if ((c == 'e' || c == 'E') && digit) {
      break; // exponent form (1.73E9): checked by strtod below
    } else {
      return std::nullopt;
    }
  }
  if (!digit) return std::nullopt;
  const std::string copy(text);
  char* end = nullptr;
  const double seconds = std::strtod(copy.c_str(), &end);
  if (end != copy.c_str() + copy.size()) return std::nullopt;
  return epoch_seconds_to_ms(seconds);
}

} // namespace athena::readers
