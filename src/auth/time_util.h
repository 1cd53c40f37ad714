#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "src/auth/credentials.h"

namespace athena::aws {

/// Parses ISO-8601 UTC timestamps as AWS sends them: `2026-11-21T11:09:47Z`, with optional
/// fractional seconds and a `Z` or `±HH:MM` offset. nullopt when malformed.
std::optional<SystemTime> parse_iso8601(std::string_view text);
/// `2026-11-21T11:09:47Z`.
std::string format_iso8601(SystemTime time);

/// Whole seconds since the epoch of `time`.
int64_t utc_seconds(SystemTime time);

} // namespace athena::aws
