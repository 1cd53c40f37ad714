#pragma once

#include <string>
#include <string_view>

namespace athena::openlineage {

/// True for the 8-4-4-4-12 hex form of a UUID (either case).
bool is_uuid(std::string_view text);

/// RFC 4122 version-5 (SHA-1, name-based) UUID of `name` in the namespace `ns` (a UUID in text
/// form), lowercase.
std::string uuid_v5(std::string_view ns, std::string_view name);

/// `run.runId` of a query execution: its QueryExecutionId when that is a UUID (Athena's are),
/// lowercased; else uuid_v5(NAMESPACE_URL, "athena-lineage:query:" + id), so every run of the
/// export gives the same id.
std::string run_id_for(std::string_view query_id);

} // namespace athena::openlineage
