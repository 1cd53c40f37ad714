#pragma once

#include <cstdint>
#include <string>

#include "src/store/store.h"
#include "src/util/result.h"

namespace athena::openmetadata {

/// When usage days are final enough to send. A UTC day is settled once it has ended, the
/// settle margin has passed since, and no execution submitted that day is still QUEUED or
/// RUNNING in the store. Days are settled in order: a later day never goes before an earlier
/// one still waiting (OpenMetadata cannot take an older day afterwards).
struct SettleState {
  std::string first_waiting_day; ///< this day and later ones wait
  std::string reason;            ///< why that day waits
  int64_t open_executions = 0;   ///< QUEUED/RUNNING executions on or after it
};

/// Reads the store's unfinished executions; the database error when it cannot.
util::Result<SettleState> settle_state(store::Store& store, int64_t now_ms, double settle_hours);

} // namespace athena::openmetadata
