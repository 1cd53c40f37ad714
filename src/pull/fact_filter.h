#pragma once

#include <string_view>

#include "src/config/filter_pattern.h"
#include "src/model/query_facts.h"

namespace athena::pull {

/// True when a table of the facts (lowercase parts) passes the databaseFilterPattern
/// (catalog), schemaFilterPattern (schema) and tableFilterPattern (table), each matched
/// against its own part (a quoted part may contain dots). S3 locations and names whose
/// catalog or schema is unknown are always kept: the filters name catalog entities, and
/// those are not.
bool table_passes(const config::EntityFilters& filters, const model::TableName& table);

/// Removes every fact that names a table the filters exclude: the table from tables_read and
/// tables_written, its column reads, joins with it on either side, and table or column edges
/// from or to it. The query itself (state, text, bytes, statement kind, errors) is kept.
void filter_facts(const config::EntityFilters& filters, model::QueryFacts& facts);

} // namespace athena::pull
