#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "src/analysis/pipeline.h"
#include "src/config/workflow_config.h"
#include "src/pull/catalog_metadata.h"
#include "src/pull/pull_window.h"
#include "src/store/store.h"

namespace athena::pull {

struct PullJobOptions {
  WindowRequest window;                ///< --since / --days; empty: per-workgroup default
  std::vector<std::string> workgroups; ///< --workgroup; empty: config, else every enabled one
  int64_t now_ms = 0;                  ///< "now" for windows and the metadata cache; 0: clock
  unsigned threads = 0;                ///< analysis threads; 0: one per core
  bool progress = false;               ///< analysis progress on stderr
  bool metadata = true;                ///< fetch catalog metadata (ListTableMetadata & co.)
  /// Tables known before the pull (`--schema`, athenaLineage.schemaFiles); catalog metadata
  /// fetched or cached for the same table replaces them. Null: none.
  const lineage::SchemaCatalog* schemas = nullptr;
  /// Warnings as they happen (also collected in the summary).
  std::function<void(const std::string&)> warn;
};

struct WorkgroupSummary {
  std::string name;
  PullWindow window;
  bool complete = false;
  std::string error;
  std::size_t listed = 0;
  std::size_t fetched = 0;
  std::size_t skipped_known = 0;
  /// Fetched with GetQueryExecution because BatchGetQueryExecution refused a whole call.
  std::size_t fetched_one_by_one = 0;
  std::optional<int64_t> watermark_ms; ///< the new watermark, when the pull completed
};

struct PullSummary {
  /// Set when nothing could be done: configuration, credentials, endpoint, workgroups
  /// (exit status 2).
  std::string fatal_error;
  std::string credentials_provider; ///< e.g. "env"; never a secret
  std::string region;
  std::string endpoint;
  std::vector<WorkgroupSummary> workgroups;
  std::size_t fetched = 0;       ///< executions fetched and stored raw in this run
  std::size_t stored_raw = 0;    ///< of those, committed to raw_executions
  std::string store_error;       ///< storing raw executions failed (the pull stopped short)
  MetadataSummary metadata;      ///< catalog metadata calls and cache
  std::size_t schemas_known = 0; ///< tables with columns loaded for analysis
  std::size_t queued = 0;        ///< raw executions analyzed in this run
  std::size_t bad_records = 0;   ///< raw executions that are not usable query records
  analysis::PipelineSummary analysis;
  std::vector<std::string> warnings;

  [[nodiscard]] bool complete() const;
  /// CONTRACT.md: 0 all done, 1 finished with something skipped or failed, 2 nothing done.
  [[nodiscard]] int exit_code() const;
};

/// `athena-lineage pull` as a function (the `run` command calls it too): resolves
/// credentials, region and endpoint from the config; picks the workgroups; computes each
/// one's window (pull_window); lists and fetches the executions not stored yet in a
/// terminal state, storing each batch of raw QueryExecutions in `store` (one transaction per
/// batch) before anything is analyzed; advances a workgroup's watermark only when its pull
/// completed; refreshes the catalog metadata the history touches; then analyzes every
/// queued raw execution through the `analyze` pipeline, with the config's filters applied
/// to the facts (fact_filter.h), and empties the queue.
///
/// Killed at any point, the store holds committed batches and their queue entries and no
/// watermark beyond them, so the next run fetches what is missing and analyzes what is
/// queued: no duplicates, no gaps. Secrets never reach the summary, the warnings or the
/// store.
PullSummary run_pull(const config::WorkflowConfig& config, const PullJobOptions& options,
                     store::Store& store);

} // namespace athena::pull
