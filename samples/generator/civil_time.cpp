#include "samples/generator/civil_time.h"

#include <cstdio>

namespace athena::samplegen {

std::optional<int64_t> parse_date(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  int64_t parts[3] = {0, 0, 0};
  const size_t starts[3] = {0, 5, 8};
  const size_t lens[3] = {4, 2, 2};
  for (int i = 0; i < 3; ++i) {
    for (size_t k = 0; k < lens[i]; ++k) {
      const char c = text[starts[i] + k];
      if (c < '0' || c > '9') return std::nullopt;
      parts[i] = parts[i] * 10 + (c - '0');
    }
  }
  const auto month = static_cast<unsigned>(parts[1]);
  const auto day = static_cast<unsigned>(parts[2]);
  if (parts[0] < 1970 || !lineage::is_valid_date(parts[0], month, day)) return std::nullopt;
  return days_from_civil(parts[0], month, day);
}

std::string format_iso_seconds(int64_t epoch_ms) {
  const lineage::CivilTime t = lineage::civil_time(epoch_ms);
  char buf[48];
  std::snprintf(buf, sizeof buf, "%04lld-%02u-%02uT%02u:%02u:%02uZ",
                static_cast<long long>(t.date.year), t.date.month, t.date.day, t.hour, t.minute,
                t.second);
  return buf;
}

std::string format_epoch_seconds(int64_t epoch_ms) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%lld.%03lld", static_cast<long long>(epoch_ms / 1000),
                static_cast<long long>(epoch_ms % 1000));
  return buf;
}

int weekday(int64_t days) {
  // 1970-01-01 was a Thursday (3 when Monday is 0).
  const int64_t w = (days + 3) % 7;
  return static_cast<int>(w < 0 ? w + 7 : w);
}

} // namespace athena::samplegen
