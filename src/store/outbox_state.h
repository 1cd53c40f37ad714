#pragma once

// What the two outboxes (outbox.h for OpenMetadata, ol_outbox.h for OpenLineage) share: the
// delivery states they count, the clock they stamp and how a failed attempt is recorded.

#include <cstdint>
#include <string>

namespace athena::store {

class Statement;

/// How many entries of an outbox are in each delivery state.
struct OutboxCounts {
  int64_t pending = 0;
  int64_t failed = 0;
  int64_t done = 0;
};

/// The counts of the `(state, count)` rows `st` selects.
OutboxCounts read_outbox_counts(Statement& st);

/// The outboxes' clock: milliseconds since the epoch.
int64_t outbox_now_ms();

/// Binds a failed attempt to an UPDATE's first five parameters: the new state (`failed` when
/// `permanent`, else `pending` to be sent again), the attempts to add, the HTTP status, the
/// error message and the time of the attempt.
Statement& bind_failed_attempt(Statement& update, int attempts, long status,
                               const std::string& message, bool permanent);

} // namespace athena::store
