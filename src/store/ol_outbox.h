#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "src/store/outbox_state.h"
#include "src/store/store.h"
#include "src/util/result.h"

namespace athena::store {

/// One OpenLineage event as recorded in `ol_outbox` (SCHEMA.md, "OpenLineage outbox").
struct OlEvent {
  int64_t seq = 0;
  std::string query_id;   ///< the QueryExecutionId
  std::string run_id;     ///< run.runId
  std::string event_type; ///< START, COMPLETE, FAIL, ABORT
  std::string event_time;
  std::string body;              ///< the event JSON exactly as sent (never a header or the API key)
  std::string state = "pending"; ///< pending, done, failed
  int attempts = 0;
};

using OlOutboxCounts = OutboxCounts;

/// The OpenLineage delivery state of one target (the endpoint URL without credentials): an
/// event is recorded before it is sent and marked done after a 2xx, keyed by (target, runId,
/// eventType), so a run killed at any point re-sends only what is still pending, with the
/// same bytes. A SQLite failure is the returned error.
class OlOutbox {
public:
  OlOutbox(Store& store, std::string target) : store_(store), target_(std::move(target)) {}

  /// Records events as pending in one transaction; an event already recorded for this target
  /// (same runId and eventType) keeps its row and bytes.
  util::Status enqueue(const std::vector<OlEvent>& events);
  /// Pending events (and failed ones when `include_failed`), by seq.
  util::Result<std::vector<OlEvent>> pending(bool include_failed);
  util::Status mark_done(const OlEvent& event, int attempts, long status);
  /// After the last attempt failed: `permanent` (a 4xx) makes it failed, else it stays pending.
  util::Status mark_failed(const OlEvent& event, int attempts, long status,
                           const std::string& message, bool permanent);
  util::Result<OlOutboxCounts> counts();

private:
  Store& store_;
  std::string target_;
};

} // namespace athena::store
