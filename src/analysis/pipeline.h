#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "lineage/schema_catalog.h"
#include "src/analysis/stage_times.h"
#include "src/readers/log_reader.h"
#include "src/store/store.h"

namespace athena::analysis {

struct PipelineOptions {
  readers::ReadOptions read;
  std::string default_catalog = "awsdatacatalog";
  unsigned threads = 0;     ///< analysis threads; 0: one per core
  size_t batch_size = 2048; ///< records per analysis batch and store transaction
  bool progress = true;     ///< progress on stderr
  bool quiet_diagnostics = false;
  bool stage_times = false; ///< fill PipelineSummary::times (a few clock reads per query)
  /// Applied to each query's facts after analysis, before they are stored (the entity
  /// filters of `pull`); none by default.
  std::function<void(model::QueryFacts&)> fact_filter;
  /// Definitions the catalog metadata holds but the history may not (views' SQL from Glue,
  /// src/pull/catalog_views.h): replayed and analyzed before the history's records, like them.
  std::vector<model::QueryRecord> catalog_records;
  /// Derive again the stored queries of earlier runs that this run's definitions change
  /// (src/analysis/late_definitions.h); off for `reanalyze`, which derives them all.
  bool rederive_late = true;
};

struct PipelineSummary {
  readers::ReadSummary read;
  uint64_t analyzed = 0;       ///< records analyzed in this run
  uint64_t parse_failed = 0;   ///< of those, with a statement that did not parse
  uint64_t already_stored = 0; ///< skipped: stored in a final state by an earlier run
  uint64_t rederived = 0;      ///< stored queries derived again for this run's definitions
  store::InsertStats stored;
  uint64_t schema_statements = 0;               ///< DDL/PREPARE statements replayed for schemas
  std::vector<readers::Diagnostic> diagnostics; ///< every bad record, in order (capped)
  uint64_t diagnostics_dropped = 0;
  std::string error; ///< set when the run could not finish (store failure)
  StageTimes times;  ///< with PipelineOptions::stage_times
};

/// The `analyze` job: reads the logs (CloudTrail first), replays their DDL and PREPAREs in
/// submission order to learn schemas, analyzes every query in parallel and stores the facts
/// in `store` in batches, then refreshes the aggregates. `catalog` holds the known schemas
/// (`--schema`); DDL found in the logs is added to it.
PipelineSummary run_pipeline(const std::vector<std::filesystem::path>& logs,
                             const PipelineOptions& options, lineage::SchemaCatalog& catalog,
                             store::Store& store);

/// Feeds records to `sink` in order. Called twice: `schema_pass` true for the pass that
/// replays DDL and PREPAREs, then false for the records to analyze.
using RecordReplay =
    std::function<void(bool schema_pass, const std::function<void(model::QueryRecord&&)>& sink)>;

/// The same job as run_pipeline over records that are not in log files (`pull` analyzes the
/// raw executions it stored): the same schema pass, analysis and storage code. Diagnostics
/// about bad records are the caller's; `summary.read` stays empty.
PipelineSummary run_pipeline_records(const RecordReplay& replay, const PipelineOptions& options,
                                     lineage::SchemaCatalog& catalog, store::Store& store);

} // namespace athena::analysis
