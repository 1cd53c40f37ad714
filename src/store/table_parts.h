#pragma once

#include <string_view>

#include "src/model/names.h"

namespace athena::store {

/// The parts of a table name stored before the store kept them (schema version 13): the
/// catalog and schema are the text's first two dot-separated parts and the table the rest, as
/// push assumed. A name with fewer parts keeps what it has (`schema.table`, `table`), and a
/// name starting with a scheme (`x://...`, a dot only after it) is kept whole as its table
/// part. Never used for names lineage resolved: those travel with their parts.
model::TableName split_stored_table_name(std::string_view name);

} // namespace athena::store
