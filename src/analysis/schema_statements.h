#pragma once

// Which queries the schema pass of `analyze` replays: those that may define a schema or a
// prepared statement, told from their first word, and from the raw text of a JSON line.

#include <string_view>

namespace athena::analysis {

/// True when the query's first keyword (after spaces and comments) is CREATE, ALTER, DROP or
/// PREPARE: the statements that may define a schema or a prepared statement.
bool may_define_schema(std::string_view sql);

/// True when a line of Athena JSON Lines surely holds one query that may_define_schema
/// rejects, told from its raw text without parsing the JSON: its one "Query" key, written
/// plainly, has a value whose first token is none of those words. On any doubt (escapes in a
/// key, several records, spacing around the key, a \u escape) it answers false.
bool line_cannot_define_schema(std::string_view line);

} // namespace athena::analysis
