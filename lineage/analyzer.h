#pragma once

// Internal to lineage/: the statement analyzer shared by expr_lineage.cpp,
// query_lineage.cpp and the statement_*.cpp files. Not part of the library's interface.

#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <memory_resource>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "lineage/derivation.h"
#include "lineage/lineage.h"
#include "lineage/table_columns.h"
#include "parser/ast.h"

namespace athena::lineage::detail {

// Names in the structures below are views that live as long as the statement's Analyzer: into
// the statement's source text, into the SchemaCatalog (unchanged while a statement is
// analyzed), or into strings the Analyzer keeps (Analyzer::keep).

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
  /// Columns shared with a known table's prepared list or a CTE's shape (not owned), or null
  /// when `columns` holds them. Read through cols() and deriv(); change through mutable_cols().
  const std::vector<RelColumn>* shared = nullptr;
  /// Set when `shared` is a known table's prepared list: its ids are relative to `id_base`.
  const TableColumns* table_columns = nullptr;
  ColId id_base = 0;
  std::vector<RelColumn> columns;

  [[nodiscard]] const std::vector<RelColumn>& cols() const {
    return shared != nullptr ? *shared : columns;
  }
  /// The lineage of `c`, one of cols(), in this statement's ids.
  [[nodiscard]] Deriv deriv(const RelColumn& c) const {
    Deriv d = c.deriv;
    if (id_base != 0) d.values.offset(id_base);
    return d;
  }
  /// Index in cols() of the first column named `name` (whose name_hash() is `hash`), or
  /// kNoColumn.
  [[nodiscard]] size_t find_column(std::string_view name, uint64_t hash) const {
    if (table_columns != nullptr) {
      const uint32_t i = table_columns->find(name, hash);
      return i == TableColumns::kNotFound ? kNoColumn : i;
    }
    const auto& cs = cols();
    for (size_t i = 0; i < cs.size(); ++i) {
      if (same_name(cs[i].name, name)) return i;
    }
    return kNoColumn;
  }
  static constexpr size_t kNoColumn = SIZE_MAX;
  std::vector<RelColumn>& mutable_cols();
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

/// One CTE binding, chained to the CTEs before it and to the enclosing WITH. A CTE is analyzed
/// when first referenced (Analyzer::cte_shape), so a WITH query nothing references reads
/// nothing, as the engine never scans it.
struct CteEnv {
  const CteEnv* parent = nullptr;
  std::string_view name;
  const sql::Cte* cte = nullptr;
  const Scope* outer = nullptr; ///< the scope the WITH's query is correlated with
  mutable bool analyzed = false;
  mutable RelationShape shape;
  /// The nearest CTE named `cte_name`, or nullptr.
  const CteEnv* find(std::string_view cte_name) const;
};

/// The clause an expression is evaluated in, for read statistics.
struct ExprContext {
  Clause clause = Clause::kSelect;
  const CteEnv* ctes = nullptr;
  /// Named windows of the current SELECT (WINDOW w AS (...)).
  const sql::RList<sql::WindowDef*>* windows = nullptr;
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

  // --- statements, one analyzer per kind (statement_writes.cpp, statement_dml.cpp,
  // statement_ddl.cpp); each returns the statement's finished lineage ---
  StatementLineage analyze_query_statement(const sql::QueryStatement& q);
  StatementLineage analyze_insert(const sql::Insert& ins);
  StatementLineage analyze_create_table_as(const sql::CreateTableAs& c);
  StatementLineage analyze_create_view(const sql::CreateView& v);
  StatementLineage analyze_unload(const sql::Unload& u);
  StatementLineage analyze_merge(const sql::Merge& m);
  StatementLineage analyze_update(const sql::Update& u);
  StatementLineage analyze_delete(const sql::Delete& d);
  StatementLineage analyze_create_table(const sql::CreateTable& c);
  StatementLineage analyze_drop(const sql::Drop& d);
  StatementLineage analyze_alter_table(const sql::AlterTable& a);
  /// A statement with no lineage of its own: its kind, and the table it names, if any.
  StatementLineage without_lineage(StatementKind kind, const sql::QualifiedName* table);

  // --- names and ids (statement_analyzer.cpp) ---
  /// The qualified name a table reference denotes with the defaults applied.
  QualifiedName qualify(const sql::QualifiedName& name);
  /// An identifier's name as Athena compares it (quotes removed, lowercase), as a view: the
  /// source text itself when it already is that name, else a kept copy.
  std::string_view ident(const sql::Identifier& id);
  /// Per-statement memory, released with the Analyzer.
  std::pmr::memory_resource* arena() { return &arena_; }
  /// Keeps `s` for the Analyzer's lifetime and returns a view of it.
  std::string_view keep(std::string_view s);
  /// The id of base table `catalog.schema.table` (lowercase parts, defaults applied).
  TableId table_id(std::string_view catalog, std::string_view schema, std::string_view table);
  ColId column_id(TableId table, std::string_view column);
  void error(uint32_t offset, std::string message);

  // --- queries (query_lineage.cpp) ---
  RelationShape analyze_query(const sql::Query& query, const Scope* outer, const CteEnv* ctes);
  RelationShape analyze_body(const sql::QueryBody& body, const Scope* outer, const CteEnv* ctes);
  /// A SELECT, with the ORDER BY of its query (which sees output names and the FROM scope).
  RelationShape analyze_select(const sql::Select& select, const Scope* outer, const CteEnv* ctes,
                               const sql::RList<sql::SortItem*>* order_by);
  /// Binds a FROM item into `scope` (its columns visible to later items and the query).
  void bind_relation(const sql::Relation& relation, Scope& scope, const CteEnv* ctes,
                     const Scope* outer);
  /// The shape of a CTE, analyzed on its first reference.
  const RelationShape& cte_shape(const CteEnv& cte);
  /// A base table (or CTE) reference as a binding.
  Binding bind_table(const sql::QualifiedName& name, const CteEnv* ctes, bool* is_cte);

  // --- expressions (expr_lineage.cpp) ---
  Deriv analyze_expr(const sql::Expr* expr, const Scope& scope, const ExprContext& ctx);
  /// Makes `scope` a copy of `input` whose parent, `variables`, binds each pattern variable
  /// (PATTERN, SUBSET and DEFINE names) as an alias of `input`'s single relation
  /// (pattern_lineage.cpp). `variables` must outlive `scope`.
  void bind_pattern_variables(const Scope& input, const sql::RowPattern* pattern,
                              const sql::RList<sql::SubsetDef*>& subsets,
                              const sql::RList<sql::VariableDef*>& defines, Scope& variables,
                              Scope& scope);
  /// MEASURES and DEFINE of a window frame into `d`, the lineage of function `f` over it.
  void window_pattern(const sql::FunctionCall& f, const sql::WindowFrame& frame, const Scope& scope,
                      const ExprContext& ctx, Deriv& d);
  /// The operands of a chain of binary operators, walked without recursion (expr_lineage.cpp).
  Deriv binary_chain(const sql::Binary& root, const Scope& scope, const ExprContext& ctx);
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
    /// Position of the name among the table's known columns by name (equal for equal
    /// names), or kNoRank for a column outside a known schema.
    uint32_t rank = kNoRank;
  };
  static constexpr uint32_t kNoRank = UINT32_MAX;

private:
  /// A base table of this statement.
  struct TableInfo {
    std::string_view name;                   ///< printed `catalog.schema.table`
    std::string_view catalog, schema, table; ///< the name's parts
    bool read = false;
    /// Columns of a known schema (ids `base`... in this statement), or null when the schema
    /// is unknown; `looked_up` once the catalog was asked.
    const TableColumns* columns = nullptr;
    ColId base = 0;
    bool looked_up = false;
    NameIndex extra; ///< columns named outside a known schema (unknown tables, `*`)
  };

  // Per-statement memory: kept strings and the fact vectors below come from one arena that
  // starts on the Analyzer's own buffer, so a typical statement allocates them nothing.
  std::array<std::byte, 8192> arena_buffer_;
  std::pmr::monotonic_buffer_resource arena_{arena_buffer_.data(), arena_buffer_.size()};

  std::string_view source_;
  const LineageOptions& options_;
  const SchemaCatalog& catalog_;
  std::string_view default_catalog_; ///< lowercase, never empty
  std::string_view default_schema_;  ///< lowercase

  std::string scratch_; // reused buffer for printed table names
  std::vector<TableInfo> tables_;
  NameIndex table_index_; // printed name -> TableId
  std::pmr::vector<ColumnEntry> columns_{&arena_};
  std::vector<uint32_t> table_rank_; // TableId -> position by name (see rank_tables())
  bool ranks_decide_ = false;        // no table name is a prefix of another

public:
  // Facts collected while walking (read by statement_builder.cpp).
  std::pmr::vector<std::pair<ColId, Clause>> reads_{&arena_};
  struct RawJoin {
    ColId left;
    ColId right;
    std::string_view type;
  };
  std::pmr::vector<RawJoin> joins_{&arena_};
  std::pmr::vector<std::string_view> functions_{&arena_};
  std::vector<LineageError> errors_;
  bool complete_ = true;
  int depth_ = 0;                               // recursion guard for pathological nesting
  std::vector<std::string_view> lambda_params_; // lambda parameters in effect, innermost last

  size_t table_count() const { return tables_.size(); }
  std::string_view table_name(TableId id) const { return tables_[id].name; }
  QualifiedName table_parts(TableId id) const {
    const TableInfo& t = tables_[id];
    return QualifiedName{std::string(t.catalog), std::string(t.schema), std::string(t.table)};
  }
  bool table_read(TableId id) const { return tables_[id].read; }
  void mark_read(TableId id) { tables_[id].read = true; }
  const ColumnEntry& column(ColId id) const { return columns_[id]; }
  size_t column_count() const { return columns_.size(); }
  /// `table.column` of `id`, as printed in the output.
  std::string column_name(ColId id) const;
  /// Compares the column_name()s of two ids as strings compare, without building them;
  /// faster after rank_tables() (until a new table id).
  int compare_column_names(ColId a, ColId b) const {
    const ColumnEntry& ca = columns_[a];
    const ColumnEntry& cb = columns_[b];
    if (ca.table == cb.table) {
      if (ca.rank != kNoRank && cb.rank != kNoRank) {
        return ca.rank < cb.rank ? -1 : (ca.rank > cb.rank ? 1 : 0);
      }
    } else if (ranks_decide_ && table_rank_.size() == tables_.size()) {
      // No table name is a prefix of another: `t1.c1` and `t2.c2` first differ within the
      // table names, so their order is the tables' order.
      return table_rank_[ca.table] < table_rank_[cb.table] ? -1 : 1;
    }
    return compare_column_names_slow(a, b);
  }
  int compare_column_names_slow(ColId a, ColId b) const;
  /// Orders the tables by name for compare_column_names() and table_rank().
  void rank_tables();
  /// Position of the table's name among the tables' names (after rank_tables()).
  uint32_t table_rank(TableId id) const { return table_rank_[id]; }
  const LineageOptions& options() const { return options_; }
  const SchemaCatalog& catalog() const { return catalog_; }
  std::string_view source() const { return source_; }
};

/// True for Trino's aggregate functions (lowercase name).
bool is_aggregate_function(std::string_view name);
/// True for window-only functions (row_number, rank, lag, ...).
bool is_window_function(std::string_view name);

} // namespace athena::lineage::detail
