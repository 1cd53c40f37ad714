#pragma once

#include "src/readers/diagnostics.h"
#include "src/readers/input.h"

namespace athena::readers {

/// DataHub's `sql-queries` source file: JSON Lines, one object per query with `query`
/// (required), `timestamp` (seconds since the epoch as DataHub writes it; milliseconds when
/// the number is too large to be seconds; or ISO-8601 text), `user`, `operation_type`,
/// `session_id`, `upstream_tables`, `downstream_tables` (the last three are DataHub's own
/// hints and are not needed: we parse the SQL). The recipe-level `default_db` /
/// `default_schema` may also appear per line: `default_schema` is the Athena database and
/// `default_db` the catalog; `default_db` alone is taken as the database.
/// The id is a stable hash of the line's content ("h-...").
ReadStats read_datahub_jsonl(Input& in, const RecordSink& sink, const DiagnosticSink& diag,
                             size_t max_record_bytes = kDefaultMaxRecordBytes);

} // namespace athena::readers
