#pragma once

#include <string_view>

#include "src/config/filter_pattern.h"
#include "src/model/query_facts.h"

namespace athena::pull {

/// True when a table name of the facts (`catalog.schema.table`, lowercase) passes the
/// databaseFilterPattern (catalog), schemaFilterPattern (schema) and tableFilterPattern
/// (table). S3 locations and names whose catalog or schema is unknown are always kept: the
/// filters name catalog entities, and those are not.
bool table_passes(const config::EntityFilters& filters, std::string_view table);

/// Removes every fact that names a table the filters exclude: the table from tables_read and
/// tables_written, its column reads, joins with it on either side, and table or column edges
/// from or to it. The query itself (state, text, bytes, statement kind, errors) is kept.
void filter_facts(const config::EntityFilters& filters, model::QueryFacts& facts);

} // namespace athena::pull
