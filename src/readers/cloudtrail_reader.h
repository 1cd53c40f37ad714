#pragma once

#include <string>

#include "src/model/query_record.h"
#include "src/readers/cloudtrail_users.h"
#include "src/readers/diagnostics.h"
#include "src/readers/input.h"

namespace athena::readers {

/// Reads CloudTrail logs: `{"Records": [...]}` (as CloudTrail writes them to S3, gzip too,
/// streamed), a bare array of events, or JSON Lines of events (or of `{"Records": [...]}`
/// objects). Athena `StartQueryExecution` events that carry a
/// `responseElements.queryExecutionId` add the caller to `users`: an IAMUser's `userName`;
/// for an AssumedRole the session name (the `arn` after its last '/'); otherwise the `arn`
/// (else `principalId`). Other events are counted in `ignored`; malformed ones are reported.
/// `records` counts the ids learned.
ReadStats read_cloudtrail(Input& in, CloudTrailUsers& users, const DiagnosticSink& diag,
                          size_t max_record_bytes = kDefaultMaxRecordBytes);

/// Fills `record.user` from `users` when the record has no user yet. True when it did.
bool apply_cloudtrail_user(const CloudTrailUsers& users, model::QueryRecord& record);

} // namespace athena::readers
