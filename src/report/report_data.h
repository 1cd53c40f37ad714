#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "src/report/dbt_compare.h"
#include "src/store/report_reader.h"
#include "src/store/store.h"
#include "src/util/result.h"

namespace athena::report {

/// ReportOptions::top for "every row".
inline constexpr size_t kAllRows = static_cast<size_t>(INT64_MAX);

/// What `athena-lineage report` was asked for.
struct ReportOptions {
  store::DayWindow window; ///< inclusive days "YYYY-MM-DD"; empty = unbounded
  size_t top = 10;         ///< length of every ranked list
  /// Tables known to exist (from `--schema`), lowercase `catalog.schema.table`. When empty,
  /// "unused" is judged against every table the database has seen.
  std::vector<std::string> schema_tables;
  std::string database; ///< the database file, printed in the report's header
};

/// One query shape (fingerprint: the text with literals masked) and what its runs cost.
struct QueryShape {
  std::string fingerprint; ///< 16 hex digits
  std::string text;        ///< masked text ("" when not stored)
  int64_t queries = 0;     ///< every execution in the window
  int64_t succeeded = 0;
  int64_t failures = 0;
  int64_t bytes_scanned = 0;
  double cost_usd = 0;
  std::string example_query_id;
};

/// FAILED and CANCELLED queries sharing one error message.
using FailureGroup = store::FailureGroup;

/// Lineage coverage: of the SUCCEEDED data statements in the window (plus those that failed
/// to parse, whose kind is unknown), how many have complete column lineage.
struct Coverage {
  int64_t statements = 0;
  int64_t complete = 0;
  int64_t parse_failed = 0;
  double share = 0; ///< complete / statements (0 when there are none)
};

/// What one user (or workgroup) ran in the window: SUCCEEDED data statements.
using Spender = store::Spender;

/// Everything the report shows, gathered once and rendered by every format.
struct ReportData {
  ReportOptions options;
  store::QueryCounts queries;
  std::vector<store::TableUsage> tables_by_queries;
  std::vector<store::TableUsage> tables_by_users;
  std::vector<store::TableUsage> tables_by_bytes;
  std::vector<store::TableUsage> tables_by_cost;
  std::vector<store::DayUsage> daily;
  std::vector<store::JoinUsage> joins;
  /// Tables known to exist with no read by a SUCCEEDED data statement in the window, sorted.
  std::vector<std::string> unused_tables;
  bool unused_from_schema = false; ///< judged against --schema rather than the database
  /// Where the known tables come from: "schema files", else "succeeded statements" and, when
  /// the database holds any, "catalog metadata".
  std::vector<std::string> unused_sources;
  std::vector<QueryShape> expensive_shapes;
  std::vector<FailureGroup> failures;
  Coverage coverage;
  /// Table edges touching the most-queried tables (the HTML lineage view), sorted.
  std::vector<store::TableEdge> lineage;
  /// Column edges into each of the most-queried tables (the HTML's per-table details).
  std::map<std::string, std::vector<store::ColumnEdge>> column_lineage;
  std::vector<Spender> top_users;      ///< by cost, then queries
  std::vector<Spender> top_workgroups; ///< by cost, then queries
  /// `--dbt-manifest`: the project's declared lineage against the history.
  std::optional<DbtComparison> dbt;
};

/// Reads the report from the store (refreshing stale aggregates first), or the database error.
util::Result<ReportData> gather_report(store::Store& store, const ReportOptions& options);

/// True for "YYYY-MM-DD" naming a real calendar day.
bool is_valid_day(std::string_view day);

} // namespace athena::report
