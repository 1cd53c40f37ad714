#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "lineage/schema_catalog.h"
#include "src/analysis/stage_times.h"
#include "src/model/query_facts.h"
#include "src/model/query_record.h"

namespace athena::analysis {

/// What analysis of a single query may rely on. Shared read-only by every analysis thread.
struct AnalysisContext {
  /// Table schemas for star expansion and column checks (`--schema`, DDL in the history,
  /// catalog metadata).
  const lineage::SchemaCatalog* catalog = nullptr;
  /// Catalog for records whose QueryExecutionContext names none.
  std::string default_catalog = "awsdatacatalog";
  /// The text of the statement prepared as `name` in `workgroup` most recently before
  /// `time_ms`, for EXECUTE; nullopt when unknown.
  std::function<std::optional<std::string>(std::string_view workgroup, std::string_view name,
                                           int64_t time_ms)>
      prepared;
  /// True when statement `index` (from 0) of query `id` is a `CREATE ... IF NOT EXISTS` that
  /// found its table and so did nothing (lineage::skip_existing()); unset: none did.
  std::function<bool(std::string_view id, size_t index)> skipped_create;
};

/// Parses one query and computes its lineage and usage facts (src/model/query_facts.h).
/// Thread-safe for distinct records; never throws for bad SQL (problems become `errors`).
/// With `times`, the wall time of each phase is added to it.
model::QueryFacts analyze_query(const model::QueryRecord& record, const AnalysisContext& context,
                                QueryPhaseTimes* times = nullptr);

} // namespace athena::analysis
