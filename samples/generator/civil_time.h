#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "lineage/civil_time.h"

namespace athena::samplegen {

// The project's calendar (lineage/civil_time.h).
using lineage::days_from_civil;
using lineage::format_date;
using lineage::format_date_compact;
using lineage::kMillisPerDay;

/// Parses YYYY-MM-DD strictly (valid month and day); nullopt otherwise.
std::optional<int64_t> parse_date(std::string_view text);

/// "YYYY-MM-DDTHH:MM:SSZ" (CloudTrail's eventTime) of epoch milliseconds.
std::string format_iso_seconds(int64_t epoch_ms);

/// Epoch seconds with a three-digit millisecond fraction, as Athena's JSON numbers:
/// "1736934312.482".
std::string format_epoch_seconds(int64_t epoch_ms);

/// 0 = Monday ... 6 = Sunday.
int weekday(int64_t days);

} // namespace athena::samplegen
