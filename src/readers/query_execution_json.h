#pragma once

#include <string>
#include <string_view>

#include <simdjson.h>

#include "src/model/query_record.h"
#include "src/util/result.h"

namespace athena::readers {

/// Converts one Athena `QueryExecution` object (spec/athena-api.md §2.5, as the API,
/// `aws athena batch-get-query-execution` and `get-query-execution` give it) into `out`.
/// Every member QueryRecord has a field for is kept; unknown members are ignored; missing
/// optional members and structures (QueryExecutionContext, Statistics, EngineVersion, ...)
/// are fine. Timestamps may be any JSON number (exponent form too).
///
/// Fails with why the record cannot be used, with the JSON path of the member at fault
/// ("Status.SubmissionDateTime: expected a number, found string"; "Query: empty query text"). A
/// missing QueryExecutionId gets a synthetic one ("h-" + hash of the record's query, context and
/// submission time). `out.origin` is left to the caller.
util::Status query_execution_from_json(simdjson::dom::element element, model::QueryRecord& out);

/// Same, from JSON text (parsed with `parser`, which may be reused across calls).
util::Status query_execution_from_json(simdjson::dom::parser& parser, std::string_view json,
                                       model::QueryRecord& out);

} // namespace athena::readers
