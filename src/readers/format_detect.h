#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "src/util/result.h"

namespace athena::readers {

/// The log formats `analyze --input-format` names.
enum class InputFormat { kAuto, kAthenaJson, kJsonl, kOmCsv, kDatahubJsonl, kCloudTrail };

/// "auto", "athena-json", "jsonl", "om-csv", "datahub-jsonl", "cloudtrail".
std::string_view to_string(InputFormat format);
/// Inverse of to_string(); nullopt for anything else.
std::optional<InputFormat> parse_input_format(std::string_view name);

/// How many leading (decompressed) bytes detection looks at.
inline constexpr size_t kDetectBytes = size_t{1} << 20;

/// Detects the format from the first bytes of a (decompressed) file:
/// - `[` → a JSON array: CloudTrail when its first element has `eventSource`/`eventName`,
///   else Athena QueryExecutions;
/// - `{` whose first line is a whole JSON object → JSON Lines, classified by its keys
///   (`QueryExecutionId`/`Query`/`QueryExecution`/`QueryExecutions` → jsonl, `Records`/
///   `eventName` → cloudtrail, `query` → datahub-jsonl);
/// - `{` otherwise (a pretty-printed document) → athena-json or cloudtrail by which of
///   `"QueryExecutions"` / `"QueryExecution"` (get-query-execution output) / `"Records"`
///   comes first;
/// - a first line naming the `query_text` column → om-csv.
/// Fails, saying what was found, when none fits.
[[nodiscard]] util::Result<InputFormat> detect_format(std::string_view prefix);

/// True when `prefix` starts with a line holding one whole JSON object, or with one object
/// longer than the prefix whose first key is not `QueryExecutions`/`Records` (so the file is
/// read as JSON Lines; a wrapping document or a pretty-printed one is streamed instead).
bool looks_like_json_lines(std::string_view prefix);

} // namespace athena::readers
