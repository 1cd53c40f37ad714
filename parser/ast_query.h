#pragma once

// AST nodes for queries, relations and SQL routines. See parser/ast.h for the ownership rules.

#include "parser/ast_expr.h"

namespace athena::sql {

// ---------------------------------------------------------------------------------------------
// Queries

/// One `name [(cols)] AS (query)` of a WITH clause.
struct Cte : Node {
  ATHENA_SQL_NODE(Cte)
  Identifier name;
  RList<Identifier> columns;
  Ref<Query> query;
};

struct With : Node {
  ATHENA_SQL_NODE(With)
  bool recursive = false;
  RList<Cte*> ctes;
};

struct RoutineDef;
struct Property;

/// The parts of a query few have, kept out of line so that a query takes 56 bytes.
struct QueryExtras {
  RList<RoutineDef*> functions; ///< `WITH FUNCTION ...` (only on a statement's root query)
  RList<Property*> session;     ///< `WITH SESSION a = b` (only on a root query)
  Ref<Expr> offset;
};

/// A query: `[WITH FUNCTION ...] [WITH ...] body [ORDER BY] [OFFSET] [LIMIT|FETCH]`.
struct Query : Node {
  ATHENA_SQL_NODE(Query)
  bool offset_rows = false; ///< `OFFSET n ROWS` spelt with ROW(S)
  bool limit_all = false;   ///< `LIMIT ALL`
  bool fetch_first = false; ///< `FETCH FIRST [n] ROWS`
  bool with_ties = false;
  Ref<With> with;
  Ref<QueryBody> body;
  RList<SortItem*> order_by;
  Ref<Expr> row_count;     ///< n of `LIMIT n` or of `FETCH FIRST n ROWS` (fetch_first set)
  Ref<QueryExtras> extras; ///< the rare parts, null when there are none

  /// The root query's `WITH FUNCTION` routines and `WITH SESSION` properties.
  [[nodiscard]] List<RoutineDef*> functions() const {
    return extras ? extras->functions : List<RoutineDef*>();
  }
  [[nodiscard]] List<Property*> session() const {
    return extras ? extras->session : List<Property*>();
  }
  /// `OFFSET n`
  [[nodiscard]] Expr* offset() const { return extras ? extras->offset.get() : nullptr; }
  /// `LIMIT n`
  [[nodiscard]] Expr* limit() const { return fetch_first ? nullptr : row_count.get(); }
  /// `FETCH FIRST n ROWS`; n may be absent
  [[nodiscard]] Expr* fetch() const { return fetch_first ? row_count.get() : nullptr; }
};

/// `*`, `t.*` / `expr.*` [AS (cols)], or `expr [AS] alias`.
/// In 16 bytes: an alias (Identifier) or the star's column aliases (RList<Identifier>) follow
/// the node when present, which `tail` says (only the parser makes select items).
struct SelectItem : Node {
  ATHENA_SQL_NODE(SelectItem)
  static constexpr uint8_t kAliasTail = 1;
  static constexpr uint8_t kStarAliasesTail = 2;
  bool star = false;
  uint8_t tail = 0;
  Ref<Expr> value; ///< null for a bare `*`; the prefix of `prefix.*`

  /// `expr [AS] alias`; empty when there is none.
  [[nodiscard]] Identifier alias() const {
    return tail == kAliasTail ? *reinterpret_cast<const Identifier*>(this + 1) : Identifier();
  }
  /// `t.* AS (a, b)`
  [[nodiscard]] List<Identifier> star_aliases() const {
    return tail == kStarAliasesTail ? reinterpret_cast<const RList<Identifier>*>(this + 1)->view()
                                    : List<Identifier>();
  }
};
static_assert(sizeof(SelectItem) == 16, "a select item's tail starts 8-byte aligned");

enum class GroupingKind : uint8_t { kExpr, kRollup, kCube, kGroupingSets };

/// One GROUP BY element; sets are expressions where `(a, b)` is a RowConstructor and `()` an
/// empty one.
struct GroupingElement : Node {
  ATHENA_SQL_NODE(GroupingElement)
  GroupingKind grouping = GroupingKind::kExpr;
  RList<Expr*> items;
};

struct GroupBy : Node {
  ATHENA_SQL_NODE(GroupBy)
  SetQuantifier quantifier = SetQuantifier::kDefault;
  RList<GroupingElement*> elements;
};

/// `WINDOW name AS (spec)`
struct WindowDef : Node {
  ATHENA_SQL_NODE(WindowDef)
  Identifier name;
  Ref<WindowSpec> spec;
};

/// `SELECT ... FROM ... WHERE ... GROUP BY ... HAVING ... WINDOW ...`
struct Select : QueryBody {
  ATHENA_SQL_NODE(Select)
  SetQuantifier quantifier = SetQuantifier::kDefault;
  RList<SelectItem*> items;
  RList<Relation*> from;
  Ref<Expr> where;
  Ref<GroupBy> group_by;
  Ref<Expr> having;
  RList<WindowDef*> windows;
};

enum class SetOp : uint8_t { kUnion, kIntersect, kExcept };

struct SetOperation : QueryBody {
  ATHENA_SQL_NODE(SetOperation)
  SetOp op = SetOp::kUnion;
  SetQuantifier quantifier = SetQuantifier::kDefault;
  Ref<QueryBody> left;
  Ref<QueryBody> right;
};

/// `VALUES row, row`; each row is an expression (RowConstructor for `(a, b)`).
struct Values : QueryBody {
  ATHENA_SQL_NODE(Values)
  RList<Expr*> rows;
};

/// `TABLE name`
struct TableBody : QueryBody {
  ATHENA_SQL_NODE(TableBody)
  QualifiedName name;
};

/// A parenthesised query used as a set-operation operand: `(SELECT ... ORDER BY ...)`.
struct ParenQuery : QueryBody {
  ATHENA_SQL_NODE(ParenQuery)
  Ref<Query> query;
};

// ---------------------------------------------------------------------------------------------
// Relations

enum class VersionKind : uint8_t { kNone, kTimestamp, kVersion };

/// A table or view name, with `FOR TIMESTAMP|VERSION AS OF x`.
struct TableRef : Relation {
  ATHENA_SQL_NODE(TableRef)
  VersionKind version = VersionKind::kNone;
  QualifiedName name;
  Ref<Expr> version_value;
};

/// `(query)` in FROM.
struct SubqueryRelation : Relation {
  ATHENA_SQL_NODE(SubqueryRelation)
  Ref<Query> query;
};

/// `LATERAL (query)`
struct Lateral : Relation {
  ATHENA_SQL_NODE(Lateral)
  Ref<Query> query;
};

/// `UNNEST(a, b) [WITH ORDINALITY]`
struct Unnest : Relation {
  ATHENA_SQL_NODE(Unnest)
  bool with_ordinality = false;
  RList<Expr*> args;
};

/// `TABLE(fn(args))`; table arguments `TABLE(t)` appear as NameRef/SubqueryExpr args wrapped
/// in a FunctionCall named TABLE, descriptors as a FunctionCall named DESCRIPTOR.
struct TableFunction : Relation {
  ATHENA_SQL_NODE(TableFunction)
  Ref<FunctionCall> call;
};

enum class JsonTableColumnKind : uint8_t { kOrdinality, kValue, kQuery, kNested };

/// A JSON_TABLE column: `name FOR ORDINALITY`; `name type [PATH p] [behaviors]` (kValue);
/// `name type FORMAT JSON [PATH p] [wrapper] [quotes] [behaviors]` (kQuery); or
/// `NESTED [PATH] p [AS name] COLUMNS (...)`. Behaviors are canonical text as in JsonFunction.
struct JsonTableColumn : Node {
  ATHENA_SQL_NODE(JsonTableColumn)
  JsonTableColumnKind column = JsonTableColumnKind::kValue;
  bool nested_path_keyword = false; ///< `NESTED PATH 'p'` rather than `NESTED 'p'`
  Identifier name;                  ///< the column; a nested path's AS name
  Ref<TypeExpr> type;
  std::string_view format; ///< "JSON", "JSON ENCODING UTF8", ... (kQuery)
  Ref<Literal> path;
  std::string_view wrapper;
  std::string_view quotes;
  std::string_view on_empty;
  Ref<Expr> on_empty_default;
  std::string_view on_error;
  Ref<Expr> on_error_default;
  RList<JsonTableColumn*> columns; ///< kNested
};

/// `JSON_TABLE(input [FORMAT ...], 'path' [AS name] [PASSING ...] COLUMNS (...)
/// [PLAN (...) | PLAN DEFAULT (...)] [ERROR|EMPTY ON ERROR])`. The plan is kept as written
/// (validated), from PLAN to its closing parenthesis.
struct JsonTable : Relation {
  ATHENA_SQL_NODE(JsonTable)
  Ref<Expr> input;
  std::string_view input_format;
  Ref<Literal> path;
  Identifier path_name;
  RList<JsonArgument*> passing;
  RList<JsonTableColumn*> columns;
  std::string_view plan;
  std::string_view on_error; ///< "ERROR" or "EMPTY"
};

enum class JoinType : uint8_t { kCross, kInner, kLeft, kRight, kFull, kImplicit };

/// `left [NATURAL] type JOIN right [ON cond | USING (cols)]`. kImplicit is never produced (comma
/// joins stay separate FROM items).
struct Join : Relation {
  ATHENA_SQL_NODE(Join)
  JoinType join = JoinType::kInner;
  bool natural = false;
  bool explicit_inner = false; ///< written `INNER JOIN`
  bool outer = false;          ///< written with OUTER
  /// Hive `LEFT SEMI JOIN` (join kInner) / `LEFT ANTI JOIN` (join kLeft): only the left
  /// side's rows, and columns, come out.
  bool semi = false;
  bool anti = false;
  Ref<Relation> left;
  Ref<Relation> right;
  Ref<Expr> on;
  RList<Identifier> using_columns;
};

/// `relation [AS] alias [(cols)]`
struct AliasedRelation : Relation {
  ATHENA_SQL_NODE(AliasedRelation)
  bool has_as = false;
  Ref<Relation> relation;
  Identifier alias;
  RList<Identifier> columns;
};

/// `relation TABLESAMPLE BERNOULLI|SYSTEM (percent)`
struct SampledRelation : Relation {
  ATHENA_SQL_NODE(SampledRelation)
  bool system = false;
  Ref<Relation> relation;
  Ref<Expr> percentage;
};

/// `expr AS name` in MEASURES.
struct Measure : Node {
  ATHENA_SQL_NODE(Measure)
  Ref<Expr> value;
  Identifier name;
};

/// `name = (a, b)` in SUBSET.
struct SubsetDef : Node {
  ATHENA_SQL_NODE(SubsetDef)
  Identifier name;
  RList<Identifier> variables;
};

/// `name AS condition` in DEFINE.
struct VariableDef : Node {
  ATHENA_SQL_NODE(VariableDef)
  Identifier name;
  Ref<Expr> condition;
};

enum class RowPatternKind : uint8_t {
  kVariable,
  kEmpty,
  kPermute,
  kGroup,
  kStart,
  kEnd,
  kExclusion,
  kQuantified,
  kConcat,
  kAlternation,
};

/// A MATCH_RECOGNIZE row pattern. `quantifier` holds the canonical text (`*`, `+?`, `{2,}`).
struct RowPattern : Node {
  ATHENA_SQL_NODE(RowPattern)
  RowPatternKind pattern = RowPatternKind::kVariable;
  bool range_comma = false;
  bool reluctant = false;
  Identifier variable;
  RList<RowPattern*> items; ///< concat/alternation/permute operands; group/exclusion/quantified: 1
  std::string_view quantifier_op; ///< `*`, `+`, `?`, or `{` for ranges
  std::string_view min;           ///< range bounds (integer text)
  std::string_view max;
};

enum class RowsPerMatch : uint8_t {
  kDefault,
  kOne,
  kAll,
  kAllShowEmpty,
  kAllOmitEmpty,
  kAllWithUnmatched,
};
enum class SkipTo : uint8_t { kDefault, kNextRow, kPastLastRow, kFirst, kLast, kVariable };

/// `relation MATCH_RECOGNIZE (...) [[AS] alias [(cols)]]`
struct PatternRecognition : Relation {
  ATHENA_SQL_NODE(PatternRecognition)
  RowsPerMatch rows_per_match = RowsPerMatch::kDefault;
  SkipTo skip = SkipTo::kDefault;
  bool initial = false;
  bool seek = false;
  Ref<Relation> relation;
  RList<Expr*> partition_by;
  RList<SortItem*> order_by;
  RList<Measure*> measures;
  Identifier skip_variable;
  Ref<RowPattern> pattern;
  RList<SubsetDef*> subsets;
  RList<VariableDef*> defines;
};

// ---------------------------------------------------------------------------------------------
// Routines: `[CREATE] FUNCTION f(x T) RETURNS T ... body` and Athena's
// `USING EXTERNAL FUNCTION f(x T) RETURNS T LAMBDA 'name'`.

struct RoutineParam : Node {
  ATHENA_SQL_NODE(RoutineParam)
  Identifier name;
  Ref<TypeExpr> type;
};

enum class RoutineStmtKind : uint8_t {
  kReturn,
  kAssign,
  kCase,
  kIf,
  kIterate,
  kLeave,
  kCompound,
  kLoop,
  kWhile,
  kRepeat,
};

/// `DECLARE a, b T [DEFAULT x]`
struct VarDecl : Node {
  ATHENA_SQL_NODE(VarDecl)
  RList<Identifier> names;
  Ref<TypeExpr> type;
  Ref<Expr> default_value;
};

struct RoutineStmt;

/// `WHEN cond THEN stmts` of a CASE statement, or `ELSEIF cond THEN stmts` of IF.
struct CaseStmtWhen : Node {
  ATHENA_SQL_NODE(CaseStmtWhen)
  Ref<Expr> condition;
  RList<RoutineStmt*> body;
};

/// A control statement of a SQL routine body.
struct RoutineStmt : Node {
  ATHENA_SQL_NODE(RoutineStmt)
  RoutineStmtKind stmt = RoutineStmtKind::kReturn;
  bool has_else = false;
  Identifier label;           ///< loop label, or ITERATE/LEAVE target
  Identifier target;          ///< SET target
  Ref<Expr> value;            ///< RETURN/SET value, CASE operand, IF/WHILE/REPEAT condition
  RList<CaseStmtWhen*> whens; ///< CASE whens, or IF's ELSEIFs
  RList<VarDecl*> decls;      ///< BEGIN's DECLAREs
  RList<RoutineStmt*> body;   ///< IF THEN / loop / BEGIN statements
  RList<RoutineStmt*> else_body;
};

/// A routine definition. Characteristics are kept as canonical text items
/// (`LANGUAGE SQL`, `NOT DETERMINISTIC`, `COMMENT 'x'`, ...) in written order.
struct RoutineDef : Node {
  ATHENA_SQL_NODE(RoutineDef)
  bool properties_given = false;
  bool external = false; ///< USING EXTERNAL FUNCTION
  QualifiedName name;
  RList<RoutineParam*> params;
  Ref<TypeExpr> returns;
  RList<std::string_view> characteristics;
  RList<Property*> properties;      ///< `WITH (weight = 42)` characteristic
  uint32_t properties_position = 0; ///< index in characteristics before which WITH appears
  Ref<RoutineStmt> body;
  Ref<Literal> lambda; ///< external: LAMBDA 'name', or SAGEMAKER 'endpoint' (sagemaker set)
  bool sagemaker = false;
};

} // namespace athena::sql
