#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "src/openmetadata/table_index.h"
#include "src/store/outbox.h"
#include "src/store/push_reader.h"
#include "src/store/store.h"
#include "src/util/result.h"

namespace athena::openmetadata {

/// What the store holds, as the requests that would make OpenMetadata hold the same.
struct PlanOptions {
  std::string service;
  std::string today; ///< YYYY-MM-DD (UTC): joins and usage only for the 30 days to it
  std::string since; ///< YYYY-MM-DD or "": nothing older
  bool query_entities = true;
  /// Usage of this day and later ones is not settled yet ("" = every day is).
  std::string usage_waiting_from;
};

/// A table of the store OpenMetadata has no table for, and why.
struct SkippedTable {
  std::string name;
  std::string reason;
  int64_t usage = 0; ///< its usage in the window (queries, summed over days)
};

struct Plan {
  /// In send order: lineage, queries, joins, usage (day ascending). Usage rows carry the
  /// day's absolute count as `value` with a POST body (the outbox stage may turn it into a
  /// PUT of the increase).
  std::vector<store::OutboxRow> rows;
  std::vector<SkippedTable> skipped_tables; ///< tables (not S3 locations), sorted by name
  std::vector<std::string> s3_locations;    ///< S3 nodes of edges (never OM tables)
  int64_t edges = 0;                        ///< table-to-table edges in the store (window)
  int64_t edges_skipped = 0;                ///< an end is not an OM table
  int64_t column_mappings = 0;              ///< column mappings sent
  int64_t columns_skipped = 0;              ///< column edges whose column OM does not know
  int64_t usage_rows_skipped = 0;           ///< table-days of unknown tables
  int64_t days_outside_window = 0;          ///< joins/usage table-days older than 30 days
  int64_t queries_skipped = 0;              ///< query shapes touching no OM table
  int64_t usage_waiting_table_days = 0;     ///< usage table-days not settled yet
  std::set<std::string> usage_waiting_days; ///< their days
};

/// Every table the plan may need, with its parts (for TableIndex::load).
util::Result<std::vector<store::StoredTable>> plan_tables(store::Store& store);

/// Builds the plan from the store, or the database error. Tables are resolved by the parts the
/// store keeps with their names (a quoted part may contain dots).
util::Result<Plan> build_plan(store::Store& store, const TableIndex& index,
                              const PlanOptions& options);

/// The first day of the usage/joins window: max(since, today - 29 days).
std::string window_start(const std::string& today, const std::string& since);

} // namespace athena::openmetadata
