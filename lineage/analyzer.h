#pragma once

// Internal to lineage/: the statement analyzer shared by expr_lineage.cpp,
// query_lineage.cpp and statement_analyzer.cpp. Not part of the library's interface.

#include <array>
#include <cstdint>
#include <forward_list>
#include <memory>
#include <optional>
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

/// Name equality, inline: compared names mostly differ in length or in their first
/// characters, where a call to memcmp costs more than the comparison itself.
inline bool same_name(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (a[i] != b[i]) return false;
  }
  return true;
}

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

// Names in the structures below are views that live as long as the statement's Analyzer: into
// the statement's source text, into the SchemaCatalog (unchanged while a statement is
// analyzed), or into strings the Analyzer keeps (Analyzer::keep).

/// A column of a relation in scope.
struct RelColumn {
  std::string_view name; ///< lowercase; "" for unnamed columns
  Deriv deriv;
  std::string_view type; ///< declared type when known (for UNNEST of maps/rows)
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
  std::string_view alias; ///< lowercase name it is referred to by ("" for none)
  /// For base tables: the table's name parts (lowercase) to match qualified references.
  std::string_view catalog, schema, table;
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
  std::vector<std::string_view> using_hidden;
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
  std::vector<std::pair<std::string_view, const RelationShape*>> ctes;
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

/// Name -> id for names that outlive the index: a linear scan while small (the usual case),
/// a hash map once large, so pathological statements stay linear-time.
class NameIndex {
public:
  std::optional<uint32_t> find(std::string_view name) const;
  void add(std::string_view name, uint32_t id);

private:
  static constexpr size_t kLinear = 16;
  std::vector<std::pair<std::string_view, uint32_t>> small_;
  std::unordered_map<std::string_view, uint32_t> large_;
};

/// Analyzes one statement. One instance per statement; not thread-safe, cheap to create.
class Analyzer {
public:
  Analyzer(std::string_view source, const LineageOptions& options, const SchemaCatalog& catalog);

  StatementLineage run(const sql::Statement& statement);

  // --- names and ids (statement_analyzer.cpp) ---
  /// The qualified name a table reference denotes with the defaults applied.
  QualifiedName qualify(const sql::QualifiedName& name);
  /// An identifier's name as Athena compares it (quotes removed, lowercase), as a view: the
  /// source text itself when it already is that name, else a kept copy.
  std::string_view ident(const sql::Identifier& id);
  /// Keeps `s` for the Analyzer's lifetime and returns a view of it.
  std::string_view keep(std::string s);
  /// The id of base table `catalog.schema.table` (lowercase parts, defaults applied).
  TableId table_id(std::string_view catalog, std::string_view schema, std::string_view table);
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
  std::string_view output_name(const sql::SelectItem& item, size_t index);

  /// A column: its table and its name within the table.
  struct ColumnEntry {
    TableId table;
    std::string_view name;
  };

private:
  /// A base table of this statement.
  struct TableInfo {
    std::string_view name; ///< printed `catalog.schema.table`
    bool read = false;
    /// Columns of a known schema, built on the table's first binding (ids `base`...), or
    /// null when the schema is unknown; `looked_up` once the catalog was asked.
    std::unique_ptr<std::vector<RelColumn>> columns;
    bool looked_up = false;
    NameIndex extra; ///< columns named outside a known schema (unknown tables, `*`)
  };

  std::string_view source_;
  const LineageOptions& options_;
  const SchemaCatalog& catalog_;
  std::string_view default_catalog_; ///< lowercase, never empty
  std::string_view default_schema_;  ///< lowercase

  std::forward_list<std::string> kept_; // stable storage behind keep()
  std::string scratch_;                 // reused buffer for printed table names
  std::vector<TableInfo> tables_;
  NameIndex table_index_; // printed name -> TableId
  std::vector<ColumnEntry> columns_;
  // `table.column` per ColId, built on demand for the output (empty until then).
  std::vector<std::string> full_names_;

public:
  // Facts collected while walking (read by statement_analyzer.cpp).
  std::vector<std::pair<ColId, Clause>> reads_;
  struct RawJoin {
    ColId left;
    ColId right;
    std::string_view type;
  };
  std::vector<RawJoin> joins_;
  std::vector<std::string_view> functions_;
  std::vector<LineageError> errors_;
  bool complete_ = true;
  int depth_ = 0;                               // recursion guard for pathological nesting
  bool quiet_ = false;                          // resolving again (join pairs): report nothing
  std::vector<std::string_view> lambda_params_; // lambda parameters in effect, innermost last

  size_t table_count() const { return tables_.size(); }
  std::string_view table_name(TableId id) const { return tables_[id].name; }
  bool table_read(TableId id) const { return tables_[id].read; }
  void mark_read(TableId id) { tables_[id].read = true; }
  const ColumnEntry& column(ColId id) const { return columns_[id]; }
  /// `table.column` of `id`. The reference stays valid until a new column id is created.
  const std::string& column_name(ColId id);
  /// Makes column_name() of every existing id stable (no reallocation) until a new id.
  void reserve_column_names() { full_names_.resize(columns_.size()); }
  const LineageOptions& options() const { return options_; }
  const SchemaCatalog& catalog() const { return catalog_; }
  std::string_view source() const { return source_; }
};

/// True for Trino's aggregate functions (lowercase name).
bool is_aggregate_function(std::string_view name);
/// True for window-only functions (row_number, rank, lag, ...).
bool is_window_function(std::string_view name);

} // namespace athena::lineage::detail
