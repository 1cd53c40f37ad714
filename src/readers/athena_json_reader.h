#pragma once

#include "src/readers/diagnostics.h"
#include "src/readers/input.h"

namespace athena::readers {

/// The AWS CLI's `batch-get-query-execution` output (`{"QueryExecutions": [...], ...}`) or a
/// bare JSON array of QueryExecution objects, streamed element by element: a file larger
/// than memory is fine, and a malformed element is reported as "FILE#record N" and skipped.
ReadStats read_athena_json(Input& in, const RecordSink& sink, const DiagnosticSink& diag,
                           size_t max_record_bytes = kDefaultMaxRecordBytes);

/// JSON Lines of QueryExecution objects (one per line, blank lines ignored; a line may also
/// hold a `get-query-execution` answer, `{"QueryExecution": {...}}`, or a whole
/// `batch-get-query-execution` answer, whose records are then "FILE:LINE[i]").
/// Lines `pass_over` rejects are not read (ReadStats::passed_over).
ReadStats read_athena_jsonl(Input& in, const RecordSink& sink, const DiagnosticSink& diag,
                            size_t max_record_bytes = kDefaultMaxRecordBytes,
                            const LinePassOver& pass_over = {});

} // namespace athena::readers
