#pragma once

#include <compare>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "lineage/statement_lineage.h"
#include "src/model/names.h"

namespace athena::model {

/// What analysis learned from one query: the contract between the analysis stage (parser +
/// lineage, run in parallel) and the store. Names are typed (TableName, ColumnName) with
/// their parts; their text() follows CONTRACT.md: tables are lowercase
/// `catalog.schema.table`, columns `catalog.schema.table.column`, S3 locations `s3://b/p/`.
/// Every vector is sorted and free of duplicates, so equal inputs give equal facts. Kinds are
/// the lineage library's enums; they become text only where the store and the sinks write
/// (the ordering of facts follows their text, so stored rows keep their order).

/// A table-level edge `source → target` (README, "What counts").
struct TableEdgeFact {
  TableName source;
  TableName target;
  friend bool operator==(const TableEdgeFact&, const TableEdgeFact&) = default;
  // NOLINTNEXTLINE(modernize-use-nullptr): clang-tidy 14 misreads the defaulted <=> (its `!= 0`)
  friend auto operator<=>(const TableEdgeFact&, const TableEdgeFact&) = default;
};

/// A column-level edge: how the target derives from the source (`to_string` gives
/// identity|expression|aggregation|window|constant); `condition` is true when the source
/// reaches the target only through a condition (CASE/IF conditions, FILTER, window
/// PARTITION BY/ORDER BY, MERGE ON/WHEN).
struct ColumnEdgeFact {
  ColumnName source;
  ColumnName target;
  lineage::Transform transform = lineage::Transform::kIdentity;
  bool condition = false;
  friend bool operator==(const ColumnEdgeFact&, const ColumnEdgeFact&) = default;
  friend std::strong_ordering operator<=>(const ColumnEdgeFact& a, const ColumnEdgeFact& b) {
    if (auto c = a.source <=> b.source; std::is_neq(c)) return c;
    if (auto c = a.target <=> b.target; std::is_neq(c)) return c;
    if (auto c = lineage::to_string(a.transform) <=> lineage::to_string(b.transform);
        std::is_neq(c)) {
      return c;
    }
    return a.condition <=> b.condition;
  }
};

/// A column read in a clause (`to_string` gives
/// select|where|join|group_by|having|order_by|window|other).
struct ColumnReadFact {
  ColumnName column;
  lineage::Clause clause = lineage::Clause::kSelect;
  friend bool operator==(const ColumnReadFact&, const ColumnReadFact&) = default;
  friend std::strong_ordering operator<=>(const ColumnReadFact& a, const ColumnReadFact& b) {
    if (auto c = a.column <=> b.column; std::is_neq(c)) return c;
    return lineage::to_string(a.clause) <=> lineage::to_string(b.clause);
  }
};

/// Two tables joined, with the join's column pairs (`left.col=right.col`), left < right.
struct JoinFact {
  TableName left;
  TableName right;
  std::string join_type;            ///< inner|left|right|full|cross|comma|using|natural
  std::vector<std::string> columns; ///< "l_col=r_col" pairs, sorted
  friend bool operator==(const JoinFact&, const JoinFact&) = default;
  // NOLINTNEXTLINE(modernize-use-nullptr): clang-tidy 14 misreads the defaulted <=> (its `!= 0`)
  friend auto operator<=>(const JoinFact&, const JoinFact&) = default;
};

/// What a QueryError is about.
enum class ErrorKind : uint8_t {
  kParse,      ///< the statement does not parse
  kResolution, ///< a name or a statement's shape could not be resolved for lineage
  kDialect,    ///< a Hive/Spark form read for lineage, noted
};

/// "parse", "resolution", "dialect" (the store's `query_errors.kind`).
std::string_view to_string(ErrorKind kind);

/// A parse or resolution problem with its position in the query text (1-based).
struct QueryError {
  std::string message;
  uint32_t line = 0;
  uint32_t col = 0;
  uint32_t offset = 0;
  ErrorKind kind = ErrorKind::kParse;
  friend bool operator==(const QueryError&, const QueryError&) = default;
};

/// A dbt temporary relation the query named, and the model relation it was attributed to
/// (src/analysis/dbt_relations.h). The other facts name the model relation only.
struct TempRelationFact {
  TableName temp;
  TableName base;
  friend bool operator==(const TempRelationFact&, const TempRelationFact&) = default;
  // NOLINTNEXTLINE(modernize-use-nullptr): clang-tidy 14 misreads the defaulted <=> (its `!= 0`)
  friend auto operator<=>(const TempRelationFact&, const TempRelationFact&) = default;
};

struct QueryFacts {
  std::string query_id;
  /// The kind of each statement of the query, in order (statement_kind_text() gives the
  /// stored text).
  std::vector<lineage::StatementKind> statement_kinds;
  bool parsed = false;           ///< every statement parsed
  bool lineage_complete = false; ///< every output column resolved to its sources
  bool is_usage = false;         ///< a data statement (README, "What counts")
  std::vector<TableName> tables_read;
  std::vector<TableName> tables_written;
  std::vector<TableEdgeFact> table_edges;
  std::vector<ColumnEdgeFact> column_edges;
  std::vector<ColumnReadFact> column_reads;
  std::vector<JoinFact> joins;
  std::vector<std::string> functions; ///< lowercase function names called
  std::vector<QueryError> errors;
  uint64_t fingerprint = 0;     ///< hash of the query's shape with literals masked
  std::string fingerprint_text; ///< the masked text (truncated to 1 MiB)
  std::string tool;             ///< e.g. "dbt", from a leading comment; "" when unknown
  std::string dbt_model;        ///< e.g. "model.shop.orders" from dbt's node_id
  std::vector<TempRelationFact> temp_relations; ///< dbt temporary relations attributed
};

/// select|insert|ctas|create_view|merge|update|delete|unload|create_table|ddl|utility|other
/// (CONTRACT.md); for several statements in one query, the kinds joined with '+'.
std::string statement_kind_text(const QueryFacts& facts);

/// True when one of the query's statements is of `kind`.
bool has_statement_kind(const QueryFacts& facts, lineage::StatementKind kind);

} // namespace athena::model
