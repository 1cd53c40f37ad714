#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "lineage/schema_catalog.h"

namespace athena::lineage {

/// What a statement is, as CONTRACT.md names it.
enum class StatementKind {
  kSelect,
  kInsert,
  kCtas,
  kCreateView,
  kMerge,
  kUpdate,
  kDelete,
  kUnload,
  kCreateTable,
  kDdl,
  kUtility,
  kOther,
};

/// "select", "insert", "ctas", ... (CONTRACT.md).
std::string_view to_string(StatementKind kind);

/// True for statements that read or write data (README, "What counts").
bool is_data_statement(StatementKind kind);

/// How a column's value was derived (CONTRACT.md), ordered so that combining two derivations
/// takes the larger: a constant, then a column as it is, a function of it, an aggregate, a
/// window function. While a value is resolved, kConstant also stands for "no step yet": a value
/// with sources but no step recorded is an expression (lineage/statement_builder.cpp).
enum class Transform : uint8_t { kConstant, kIdentity, kExpression, kAggregation, kWindow };

/// "identity", "expression", "aggregation", "window", "constant".
std::string_view to_string(Transform transform);

/// How an INSERT's query column was matched to its target column (CONTRACT.md `mapped`).
enum class Mapped : uint8_t {
  kNone,     ///< not an INSERT without a column list
  kPosition, ///< by position onto the target's known columns
  kName,     ///< named after the query's output (the target's columns are unknown)
};

/// "", "position", "name".
std::string_view to_string(Mapped mapped);

/// The lineage of one output or target column.
struct ColumnLineage {
  std::string target; ///< `table.column`, or the output name for a SELECT
  /// Length of the target table's name at the start of `target` (`table` of `table.column`);
  /// 0 for an output name, which is never split at its dots.
  uint32_t table_size = 0;
  std::vector<std::string> sources;    ///< value sources, sorted, distinct
  std::vector<std::string> conditions; ///< condition-only sources, sorted, distinct
  Transform transform = Transform::kIdentity;
  Mapped mapped = Mapped::kNone;
  /// A column reference of its value could not be resolved (the statement's errors say where).
  bool unresolved = false;
  friend bool operator==(const ColumnLineage&, const ColumnLineage&) = default;
};

/// The clause a column is read in, for usage statistics.
enum class Clause { kSelect, kWhere, kJoin, kGroupBy, kHaving, kOrderBy, kWindow, kOther };

/// "select", "where", "join", "group_by", "having", "order_by", "window", "other".
std::string_view to_string(Clause clause);

struct ColumnRead {
  std::string column; ///< `catalog.schema.table.column`
  Clause clause = Clause::kSelect;
  friend bool operator==(const ColumnRead&, const ColumnRead&) = default;
  friend auto operator<=>(const ColumnRead&, const ColumnRead&) = default;
};

/// Two base tables joined, and the column pairs the join compares (left < right by name).
struct JoinPair {
  std::string left;
  std::string right;
  std::string join_type; ///< inner|left|right|full|cross|comma|natural
  std::vector<std::pair<std::string, std::string>> columns; ///< (left column, right column)
  friend bool operator==(const JoinPair&, const JoinPair&) = default;
};

/// A table-level edge, including S3 locations (README, "What counts").
struct TableEdge {
  std::string source;
  std::string target;
  friend bool operator==(const TableEdge&, const TableEdge&) = default;
  // NOLINTNEXTLINE(modernize-use-nullptr): clang-tidy 14 sees a 0 in the defaulted <=>.
  friend auto operator<=>(const TableEdge&, const TableEdge&) = default;
};

/// A name that could not be resolved, or any other problem: never a guess.
struct LineageError {
  std::string message;
  uint32_t offset = 0; ///< byte offset in the statement's source text
  friend bool operator==(const LineageError&, const LineageError&) = default;
};

/// Everything lineage learned from one statement.
struct StatementLineage {
  StatementKind kind = StatementKind::kOther;
  std::vector<std::string> targets; ///< tables or S3 locations written, sorted
  std::vector<std::string> sources; ///< tables read, sorted
  std::vector<ColumnLineage> columns;
  std::vector<ColumnRead> reads;      ///< sorted, distinct
  std::vector<JoinPair> joins;        ///< sorted
  std::vector<std::string> functions; ///< lowercase names, sorted, distinct
  std::vector<TableEdge> table_edges; ///< sorted, distinct
  /// Schema-only edges: the target took the source's columns, no data (Hive `CREATE TABLE t
  /// LIKE s`). Not data lineage: kept apart from `table_edges`.
  std::vector<TableEdge> schema_edges;
  std::vector<LineageError> errors;
  /// Every table named in `targets`, `sources`, `reads`, `joins` and `table_edges`, by its
  /// parts (a quoted part may contain dots): the targets, then the tables the statement
  /// resolved, in that order (a target may appear twice), to look names up by their text.
  std::vector<QualifiedName> tables;
  /// The S3 locations in `targets` and `table_edges`: what the SQL names as a location
  /// (LOCATION, external_location, UNLOAD ... TO), never a table.
  std::vector<std::string> locations;
  /// Every output column resolved to its sources (no unknown columns, no unexpanded star).
  bool complete = true;
  /// A table or view this statement defines, with its columns when known, for later
  /// statements' star expansion (CREATE TABLE/EXTERNAL TABLE/CTAS/VIEW).
  std::optional<TableSchema> defines;
  /// A table this statement drops.
  std::optional<QualifiedName> drops;
  /// For `CREATE [EXTERNAL] TABLE IF NOT EXISTS` and `CREATE TABLE IF NOT EXISTS ... AS`: the
  /// table it creates only when no table of that name exists. The facts above are those of the
  /// create; when the table exists, skip_existing() turns them into what the statement did.
  std::optional<QualifiedName> if_absent;
};

/// The lineage of `lineage`, an IF NOT EXISTS create (`if_absent` set), when its table already
/// exists: the statement does nothing, so it defines no schema (the existing one stays); a CTAS
/// does not run its query, so it reads nothing and has no edges, column lineage or errors, and
/// names its target only. A CREATE TABLE keeps its other facts (its LOCATION edge).
void skip_existing(StatementLineage& lineage);

} // namespace athena::lineage
