#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace athena::lineage {

/// Appends `s` to `out` as a JSON string literal (quotes included). Control characters are
/// escaped; bytes that are not valid UTF-8 become U+FFFD so the output is always valid JSON.
void append_json_string(std::string& out, std::string_view s);

/// `s` as a JSON string literal.
std::string json_string(std::string_view s);

/// Epoch milliseconds as ISO-8601 UTC with millisecond precision: `2025-01-15T09:30:00.000Z`.
std::string iso8601_utc(int64_t epoch_ms);

} // namespace athena::lineage
