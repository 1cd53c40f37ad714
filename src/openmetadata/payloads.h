#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace athena::openmetadata {

/// One entry of `lineageDetails.columnsLineage`.
struct ColumnMapping {
  std::vector<std::string> from_columns; ///< column FQNs, sorted
  std::string to_column;                 ///< column FQN
  std::string function;                  ///< our transform (identity, aggregation, ...) or ""
};

/// `AddLineageRequest` (addLineage.json) for one table edge.
std::string lineage_body(const std::string& from_id, const std::string& to_id,
                         const std::string& source, const std::string& sql_query,
                         const std::vector<ColumnMapping>& columns);

/// Our AddLineageRequest merged with the edge OM already stores (the body of
/// `GET /v1/lineage/getLineageEdge/{from}/{to}`): column mappings are united (key: sorted
/// fromColumns + toColumn; a stored mapping keeps its function unless it has none), the stored
/// pipeline and descriptions are kept, and a `Manual` edge keeps its source and SQL. nullopt
/// when either text is not the expected JSON.
std::optional<std::string> merge_lineage(const std::string& ours, const std::string& stored);

/// `{"date": day, "count": n}` (dailyCount.json).
std::string usage_body(const std::string& day, int64_t count);

/// `tableJoins` of one table and day (table.json).
struct JoinedWith {
  std::string fqn;
  int64_t count = 0;
};
struct ColumnJoin {
  std::string column_name; ///< local name in this table
  std::vector<JoinedWith> joined_with;
};
std::string joins_body(const std::string& day, const std::vector<ColumnJoin>& columns,
                       const std::vector<JoinedWith>& tables);

/// `CreateQueryRequest` (createQuery.json): one query shape.
struct QueryEntity {
  std::string query; ///< literals masked
  std::string service;
  int64_t query_date_ms = 0;
  std::optional<int64_t> duration_ms;
  std::vector<std::string> table_ids; ///< sorted
  std::vector<std::string> used_by;   ///< sorted principals
};
std::string query_body(const QueryEntity& q);

/// Lower-case hex MD5 of `text` (OpenMetadata names a query by the MD5 of its text).
std::string md5_hex(std::string_view text);

} // namespace athena::openmetadata
