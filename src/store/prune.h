#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "src/store/store.h"
#include "src/util/result.h"

namespace athena::store {

/// What `prune` (and `run` with athenaLineage.retention) removes (SCHEMA.md, "Retention").
struct PruneOptions {
  std::optional<int> keep_days;     ///< per-query facts and texts of older days are removed
  std::optional<int> keep_raw_days; ///< raw API records older than this; default keep_days
  bool dry_run = false;             ///< count what would go, change nothing
  int64_t now_ms = 0;               ///< "today" in ms since the epoch; 0: the clock
};

/// Something old enough to go that prune kept, and why.
struct PruneHold {
  std::string reason;
  int64_t queries = 0;
};

struct PruneResult {
  std::string cutoff_day;      ///< queries of days before it go ("" when not pruning them)
  std::string raw_cutoff_day;  ///< raw records submitted before it go ("" when not pruning)
  int64_t days = 0;            ///< days whose queries were removed or trimmed
  int64_t queries_removed = 0; ///< queries removed with every per-query row
  int64_t queries_trimmed = 0; ///< kept as lineage evidence, their text and reads removed
  int64_t texts_removed = 0;   ///< SQL texts removed
  int64_t raw_removed = 0;     ///< raw API records removed
  std::vector<PruneHold> held; ///< kept back (the exit status says so)
  int64_t pages_before = 0;    ///< file pages before
  int64_t pages_after = 0;     ///< after removing and incremental vacuum (= before: dry run)
  int64_t page_size = 0;
};

/// Removes per-query rows older than `keep_days` and raw records older than `keep_raw_days`,
/// keeping every aggregate, the edges, the evidence `graph` and `push` name (the queries that
/// wrote a table, one SUCCEEDED query per table, each edge's last query with its text), days
/// with QUEUED/RUNNING queries, and what a sink has not delivered (OpenMetadata's 30-day push
/// window and unfinished pushes; OpenLineage executions without a delivered event for a target
/// it sent to). One transaction per day and per chunk of raw records, then an incremental
/// vacuum. Days before the cutoff are closed: Store::insert_batch skips records of them that are
/// not stored. The error is the database's (what was committed stays).
util::Result<PruneResult> prune(Store& store, const PruneOptions& options);

/// The first day still open for new records ("" when nothing was ever pruned).
std::string retention_horizon(Db& db);

} // namespace athena::store
