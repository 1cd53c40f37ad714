#pragma once

#include "src/readers/diagnostics.h"
#include "src/readers/input.h"

namespace athena::readers {

/// OpenMetadata's query-log CSV (spec/openmetadata.md §1.4): a header row naming the columns
/// in any order (`query_text` required; `user_name`, `start_time`, `end_time`, `duration`,
/// `cost`, `aborted`, `database_name`, `schema_name` optional; others ignored), RFC 4180
/// quoting with multi-line fields.
///
/// Mapping: `start_time` ("YYYY-MM-DD HH:MM:SS" with or without fraction, 'T' or zone too)
/// → submission time, `end_time` → completion time when it parses, `duration` (ms) → total
/// time, `cost` → stated cost, `aborted` true → CANCELLED else SUCCEEDED. The Athena
/// database is `schema_name`, with `database_name` as the catalog; when only
/// `database_name` is given it is the Athena database. The id is a stable hash of the row's
/// fields ("h-..."), so the same row read twice is the same query.
///
/// A row with the wrong number of columns, an empty or non-UTF-8 query, or a bad time or
/// number is reported as "FILE:LINE" (with the column) and skipped.
ReadStats read_om_csv(Input& in, const RecordSink& sink, const DiagnosticSink& diag,
                      size_t max_record_bytes = kDefaultMaxRecordBytes);

} // namespace athena::readers
