#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "src/store/store.h"
#include "src/util/result.h"

namespace athena::store {

/// Which stored executions `for_each_lineage_run` reads: data statements (and CREATE VIEW) in a
/// final state (SUCCEEDED, FAILED, CANCELLED).
struct LineageRunSelection {
  std::optional<int64_t> since_ms; ///< only those submitted at or after this time
  /// When set, skip executions whose events `ol_outbox` already holds for this target.
  std::optional<std::string> skip_recorded_for;
};

/// A column as the store holds it: its table's name and its own name, read as parts (a quoted
/// part may contain dots, so a column's text is never split again).
struct RunColumn {
  std::string table;
  std::string column;
  friend bool operator==(const RunColumn&, const RunColumn&) = default;
  // NOLINTNEXTLINE(modernize-use-nullptr): clang-tidy sees the defaulted <=>'s 0
  friend auto operator<=>(const RunColumn&, const RunColumn&) = default;
};

/// A column edge of one execution.
struct RunColumnEdge {
  RunColumn source;
  RunColumn target;
  std::string transform;
  bool condition = false;
  friend bool operator==(const RunColumnEdge&, const RunColumnEdge&) = default;
  // NOLINTNEXTLINE(modernize-use-nullptr): clang-tidy sees the defaulted <=>'s 0
  friend auto operator<=>(const RunColumnEdge&, const RunColumnEdge&) = default;
};

/// A column one execution read, with the clause it was read in.
struct RunColumnRead {
  RunColumn column;
  std::string clause;
  friend bool operator==(const RunColumnRead&, const RunColumnRead&) = default;
  // NOLINTNEXTLINE(modernize-use-nullptr): clang-tidy sees the defaulted <=>'s 0
  friend auto operator<=>(const RunColumnRead&, const RunColumnRead&) = default;
};

/// One stored execution with what OpenLineage events need (SCHEMA.md, "queries").
struct LineageRun {
  std::string id;
  std::string state; ///< SUCCEEDED, FAILED or CANCELLED
  std::optional<int64_t> submitted_ms, completed_ms;
  std::string statement_kind, catalog, database, workgroup;
  std::string engine_version, selected_engine_version;
  std::string state_change_reason, error_message;
  uint64_t fingerprint = 0;
  std::string tool, dbt_model;
  std::string query;
  std::vector<std::string> reads;  ///< tables read, by name
  std::vector<std::string> writes; ///< tables written and edge targets (S3 locations), by name
  std::vector<RunColumnEdge> column_edges; ///< sorted
  std::vector<RunColumnRead> column_reads; ///< sorted
};

/// Calls `fn` for every selected execution in submission order (then id); `fn` returns false
/// to stop. The error is SQLite's when it fails.
util::Status for_each_lineage_run(Store& store, const LineageRunSelection& selection,
                                  const std::function<bool(LineageRun&&)>& fn);

/// Columns (name, type) of a table, in table order.
using TableColumns = std::vector<std::pair<std::string, std::string>>;

/// Columns known per table name (`catalog.schema.table`, lowercase): the catalog metadata
/// cached by `pull` (typed), else the columns stored queries named (type "").
util::Result<std::map<std::string, TableColumns>> known_table_columns(Store& store);

} // namespace athena::store
