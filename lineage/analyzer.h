#pragma once

// Internal to lineage/: the statement analyzer shared by expr_lineage.cpp,
// query_lineage.cpp and statement_analyzer.cpp. Not part of the library's interface.

#include <array>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "lineage/lineage.h"
#include "parser/ast.h"

namespace athena::lineage::detail {

/// Per-statement id of a base column (`table.column`, or `table.*` for an unexpanded star).
using ColId = uint32_t;
/// Per-statement id of a base table or S3 location.
using TableId = uint32_t;

/// How a value was derived, ordered so that combining two derivations takes the larger.
enum class Derivation : uint8_t { kNone, kIdentity, kExpression, kAggregation, kWindow };

/// Sorted, duplicate-free set of column ids. Most sets hold one or two ids, so the first few
/// live inline and only larger sets allocate.
class ColSet {
public:
  void add(ColId id);
  void add_all(const ColSet& other);
  bool empty() const { return size() == 0; }
  size_t size() const { return heap_.empty() ? inline_size_ : heap_.size(); }
  std::span<const ColId> ids() const {
    return heap_.empty() ? std::span<const ColId>(inline_.data(), inline_size_)
                         : std::span<const ColId>(heap_);
  }

private:
  static constexpr size_t kInline = 3;
  std::array<ColId, kInline> inline_{};
  uint32_t inline_size_ = 0;
  std::vector<ColId> heap_; // used instead of inline_ once non-empty
};

/// Where a value comes from: its value sources, its condition-only sources, and how.
struct Deriv {
  ColSet values;
  ColSet conditions;
  Derivation how = Derivation::kNone;

  /// Adds `other` as part of this value (values stay values).
  void merge(const Deriv& other);
  /// Adds every source of `other` as a condition.
  void merge_as_condition(const Deriv& other);
};

/// A column of a relation in scope.
struct RelColumn {
  std::string name; ///< lowercase; "" for unnamed columns
  Deriv deriv;
  std::string type; ///< declared type when known (for UNNEST of maps/rows)
};

/// Output of a query or query body: its columns in order.
struct RelationShape {
  std::vector<RelColumn> columns;
  /// Output contains an unexpanded star (a table whose columns are unknown): positions and
  /// names after it are unknown. `star_deriv` holds the star's sources.
  bool has_unknown_star = false;
  Deriv star_deriv;
};

/// A relation visible in a FROM scope.
struct Binding {
  std::string alias; ///< lowercase name it is referred to by ("" for none)
  /// For base tables: the table's name parts (lowercase) to match qualified references.
  std::string catalog, schema, table;
  bool base_table = false;
  TableId table_id = 0;
  /// False when the relation may have columns beyond `columns` (a table with no known schema,
  /// or a derived table over `SELECT *` of one); such names resolve through `star`.
  bool columns_known = true;
  Deriv star;           ///< sources of the unknown columns (`table.*` ids)
  bool aliased = false; ///< written with an alias: the table name no longer qualifies columns
  /// Columns shared with the analyzer's per-table cache or a CTE's shape (not owned), or null
  /// when `columns` holds them. Read through cols(); change through mutable_cols().
  const std::vector<RelColumn>* shared = nullptr;
  std::vector<RelColumn> columns;

  const std::vector<RelColumn>& cols() const { return shared != nullptr ? *shared : columns; }
  std::vector<RelColumn>& mutable_cols() {
    if (shared != nullptr) {
      columns = *shared;
      shared = nullptr;
    }
    return columns;
  }
  /// Columns hidden from unqualified lookup and `*` (the right side of a USING column).
  std::vector<std::string> using_hidden;
};

/// A name scope: the FROM bindings of one query level, linked to the enclosing level.
struct Scope {
  const Scope* parent = nullptr;
  std::vector<Binding> bindings;
  /// USING-merged columns (name -> deriv), visible unqualified before the bindings.
  std::vector<RelColumn> merged;
  /// Output columns visible to ORDER BY (set while resolving ORDER BY only).
  const RelationShape* order_by_outputs = nullptr;
};

/// A CTE binding: name -> its shape; chained to the enclosing WITH.
struct CteEnv {
  const CteEnv* parent = nullptr;
  std::vector<std::pair<std::string, const RelationShape*>> ctes;
  const RelationShape* find(std::string_view name) const;
};

/// The clause an expression is evaluated in, for read statistics.
struct ExprContext {
  Clause clause = Clause::kSelect;
  const CteEnv* ctes = nullptr;
  /// Named windows of the current SELECT (WINDOW w AS (...)).
  const sql::List<sql::WindowDef*>* windows = nullptr;
  /// Set while analyzing the top-level conjuncts of a join or WHERE condition: equalities
  /// between columns of different tables are recorded as joins of this type.
  std::string_view join_type;
};

/// Analyzes one statement. One instance per statement; not thread-safe, cheap to create.
class Analyzer {
public:
  Analyzer(std::string_view source, const LineageOptions& options, const SchemaCatalog& catalog)
      : source_(source), options_(options), catalog_(catalog) {}

  StatementLineage run(const sql::Statement& statement);

  // --- names and ids (statement_analyzer.cpp) ---
  /// The qualified name a table reference denotes with the defaults applied.
  QualifiedName qualify(const sql::QualifiedName& name) const;
  TableId table_id(const std::string& printed);
  ColId column_id(TableId table, std::string_view column);
  void error(uint32_t offset, std::string message);

  // --- queries (query_lineage.cpp) ---
  RelationShape analyze_query(const sql::Query& query, const Scope* outer, const CteEnv* ctes);
  RelationShape analyze_body(const sql::QueryBody& body, const Scope* outer, const CteEnv* ctes);
  /// A SELECT, with the ORDER BY of its query (which sees output names and the FROM scope).
  RelationShape analyze_select(const sql::Select& select, const Scope* outer, const CteEnv* ctes,
                               const sql::List<sql::SortItem*>* order_by);
  /// Binds a FROM item into `scope` (its columns visible to later items and the query).
  void bind_relation(const sql::Relation& relation, Scope& scope, const CteEnv* ctes,
                     const Scope* outer);
  /// A base table (or CTE) reference as a binding.
  Binding bind_table(const sql::QualifiedName& name, const CteEnv* ctes, bool* is_cte);

  // --- expressions (expr_lineage.cpp) ---
  Deriv analyze_expr(const sql::Expr* expr, const Scope& scope, const ExprContext& ctx);
  /// Resolves a column reference; returns false (and reports) when it cannot.
  bool resolve_name(const sql::NameRef& ref, const Scope& scope, const ExprContext& ctx,
                    Deriv& out);
  /// Records `left = right` as a join pair when both are columns of different base tables.
  void note_join(const sql::Expr* left, const Deriv& ld, const sql::Expr* right, const Deriv& rd,
                 std::string_view join_type);
  void record_reads(const Deriv& deriv, Clause clause);
  void record_function(const sql::QualifiedName& name);

  /// The name Trino gives an unaliased select item (`_colN` when not a column reference).
  static std::string output_name(const sql::SelectItem& item, size_t index);

private:
  std::string_view source_;
  const LineageOptions& options_;
  const SchemaCatalog& catalog_;

  // Interning tables for this statement.
  std::vector<std::string> tables_; // printed names
  std::unordered_map<std::string, TableId> table_ids_;
  std::vector<std::pair<TableId, std::string>> columns_;
  struct StringHash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>()(s); }
  };
  // Per table: column name -> id.
  std::vector<std::unordered_map<std::string, ColId, StringHash, std::equal_to<>>> column_ids_;
  // Per table with a known schema: its columns as a relation, built once per statement.
  std::unordered_map<TableId, std::unique_ptr<std::vector<RelColumn>>> base_columns_;

public:
  // Facts collected while walking (read by statement_analyzer.cpp).
  std::vector<bool> table_read_; // indexed by TableId
  std::vector<std::pair<ColId, Clause>> reads_;
  struct RawJoin {
    ColId left;
    ColId right;
    std::string type;
  };
  std::vector<RawJoin> joins_;
  std::vector<std::string> functions_;
  std::vector<LineageError> errors_;
  bool complete_ = true;
  int depth_ = 0;                          // recursion guard for pathological nesting
  bool quiet_ = false;                     // resolving again (join pairs): report nothing
  std::vector<std::string> lambda_params_; // lambda parameters in effect, innermost last

  const std::string& table_name(TableId id) const { return tables_[id]; }
  const std::pair<TableId, std::string>& column(ColId id) const { return columns_[id]; }
  std::string column_name(ColId id) const;
  const LineageOptions& options() const { return options_; }
  const SchemaCatalog& catalog() const { return catalog_; }
  std::string_view source() const { return source_; }
};

/// True for Trino's aggregate functions (lowercase name).
bool is_aggregate_function(std::string_view name);
/// True for window-only functions (row_number, rank, lag, ...).
bool is_window_function(std::string_view name);

} // namespace athena::lineage::detail
