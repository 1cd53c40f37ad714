#pragma once

#include <string>

#include "src/store/prune.h"

namespace athena::cli {

/// What a prune did (or would do), in both summary forms, with its exit status (CONTRACT.md:
/// 0 done, 1 something old enough was kept back, 2 the database failed).
struct PruneOutcome {
  int exit_code = 0;
  std::string error; ///< the database failed (exit 2)
  std::string text;
  std::string json;
};

/// Runs store::prune on `store` (the caller holds the ingest lock) and describes the result.
PruneOutcome run_prune_step(store::Store& store, const store::PruneOptions& options);

/// The JSON summary of a prune (`prune --json`, `run --json`'s "retention"): `{"dry_run":...,
/// "cutoff_day":...,...,"kept_back":[{"queries":N,"reason":...}]}`.
std::string prune_json(const store::PruneResult& r, bool dry_run);
/// The JSON summary of a prune the database failed: `{"error":...}`.
std::string prune_error_json(const std::string& error);

/// The date `prune` counts from: the clock, or ATHENA_LINEAGE_TODAY (YYYY-MM-DD, for tests and
/// for replaying a past day) at 00:00 UTC. 0 (the clock) when unset; -1 when it is malformed.
int64_t prune_now_ms();

} // namespace athena::cli
