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
  List<Identifier> columns;
  Query* query = nullptr;
};

struct With : Node {
  ATHENA_SQL_NODE(With)
  bool recursive = false;
  List<Cte*> ctes;
};

struct RoutineDef;
struct Property;

/// The parts of a query few have, kept out of line so that a query takes 56 bytes.
struct QueryExtras {
  List<RoutineDef*> functions; ///< `WITH FUNCTION ...` (only on a statement's root query)
  List<Property*> session;     ///< `WITH SESSION a = b` (only on a root query)
  Expr* offset = nullptr;
};

/// A query: `[WITH FUNCTION ...] [WITH ...] body [ORDER BY] [OFFSET] [LIMIT|FETCH]`.
struct Query : Node {
  ATHENA_SQL_NODE(Query)
  bool offset_rows = false; ///< `OFFSET n ROWS` spelt with ROW(S)
  bool limit_all = false;   ///< `LIMIT ALL`
  bool fetch_first = false; ///< `FETCH FIRST [n] ROWS`
  bool with_ties = false;
  With* with = nullptr;
  QueryBody* body = nullptr;
  List<SortItem*> order_by;
  Expr* row_count = nullptr;     ///< n of `LIMIT n` or of `FETCH FIRST n ROWS` (fetch_first set)
  QueryExtras* extras = nullptr; ///< the rare parts, null when there are none

  List<RoutineDef*> functions() const { return extras ? extras->functions : List<RoutineDef*>(); }
  List<Property*> session() const { return extras ? extras->session : List<Property*>(); }
  Expr* offset() const { return extras ? extras->offset : nullptr; }
  Expr* limit() const { return fetch_first ? nullptr : row_count; } ///< `LIMIT n`
  Expr* fetch() const { return fetch_first ? row_count : nullptr; } ///< may be absent
};

/// `*`, `t.*` / `expr.*` [AS (cols)], or `expr [AS] alias`.
struct SelectItem : Node {
  ATHENA_SQL_NODE(SelectItem)
  bool star = false;
  Expr* value = nullptr; ///< null for a bare `*`; the prefix of `prefix.*`
  Identifier alias;
  List<Identifier> star_aliases; ///< `t.* AS (a, b)`
};

enum class GroupingKind : uint8_t { kExpr, kRollup, kCube, kGroupingSets };

/// One GROUP BY element; sets are expressions where `(a, b)` is a RowConstructor and `()` an
/// empty one.
struct GroupingElement : Node {
  ATHENA_SQL_NODE(GroupingElement)
  GroupingKind grouping = GroupingKind::kExpr;
  List<Expr*> items;
};

struct GroupBy : Node {
  ATHENA_SQL_NODE(GroupBy)
  SetQuantifier quantifier = SetQuantifier::kDefault;
  List<GroupingElement*> elements;
};

/// `WINDOW name AS (spec)`
struct WindowDef : Node {
  ATHENA_SQL_NODE(WindowDef)
  Identifier name;
  WindowSpec* spec = nullptr;
};

/// `SELECT ... FROM ... WHERE ... GROUP BY ... HAVING ... WINDOW ...`
struct Select : QueryBody {
  ATHENA_SQL_NODE(Select)
  SetQuantifier quantifier = SetQuantifier::kDefault;
  List<SelectItem*> items;
  List<Relation*> from;
  Expr* where = nullptr;
  GroupBy* group_by = nullptr;
  Expr* having = nullptr;
  List<WindowDef*> windows;
};

enum class SetOp : uint8_t { kUnion, kIntersect, kExcept };

struct SetOperation : QueryBody {
  ATHENA_SQL_NODE(SetOperation)
  SetOp op = SetOp::kUnion;
  SetQuantifier quantifier = SetQuantifier::kDefault;
  QueryBody* left = nullptr;
  QueryBody* right = nullptr;
};

/// `VALUES row, row`; each row is an expression (RowConstructor for `(a, b)`).
struct Values : QueryBody {
  ATHENA_SQL_NODE(Values)
  List<Expr*> rows;
};

/// `TABLE name`
struct TableBody : QueryBody {
  ATHENA_SQL_NODE(TableBody)
  QualifiedName name;
};

/// A parenthesised query used as a set-operation operand: `(SELECT ... ORDER BY ...)`.
struct ParenQuery : QueryBody {
  ATHENA_SQL_NODE(ParenQuery)
  Query* query = nullptr;
};

// ---------------------------------------------------------------------------------------------
// Relations

enum class VersionKind : uint8_t { kNone, kTimestamp, kVersion };

/// A table or view name, with `FOR TIMESTAMP|VERSION AS OF x`.
struct TableRef : Relation {
  ATHENA_SQL_NODE(TableRef)
  VersionKind version = VersionKind::kNone;
  QualifiedName name;
  Expr* version_value = nullptr;
};

/// `(query)` in FROM.
struct SubqueryRelation : Relation {
  ATHENA_SQL_NODE(SubqueryRelation)
  Query* query = nullptr;
};

/// `LATERAL (query)`
struct Lateral : Relation {
  ATHENA_SQL_NODE(Lateral)
  Query* query = nullptr;
};

/// `UNNEST(a, b) [WITH ORDINALITY]`
struct Unnest : Relation {
  ATHENA_SQL_NODE(Unnest)
  List<Expr*> args;
  bool with_ordinality = false;
};

/// `TABLE(fn(args))`; table arguments `TABLE(t)` appear as NameRef/SubqueryExpr args wrapped
/// in a FunctionCall named TABLE, descriptors as a FunctionCall named DESCRIPTOR.
struct TableFunction : Relation {
  ATHENA_SQL_NODE(TableFunction)
  FunctionCall* call = nullptr;
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
  TypeExpr* type = nullptr;
  std::string_view format; ///< "JSON", "JSON ENCODING UTF8", ... (kQuery)
  Literal* path = nullptr;
  std::string_view wrapper;
  std::string_view quotes;
  std::string_view on_empty;
  Expr* on_empty_default = nullptr;
  std::string_view on_error;
  Expr* on_error_default = nullptr;
  List<JsonTableColumn*> columns; ///< kNested
};

/// `JSON_TABLE(input [FORMAT ...], 'path' [AS name] [PASSING ...] COLUMNS (...)
/// [PLAN (...) | PLAN DEFAULT (...)] [ERROR|EMPTY ON ERROR])`. The plan is kept as written
/// (validated), from PLAN to its closing parenthesis.
struct JsonTable : Relation {
  ATHENA_SQL_NODE(JsonTable)
  Expr* input = nullptr;
  std::string_view input_format;
  Literal* path = nullptr;
  Identifier path_name;
  List<JsonArgument*> passing;
  List<JsonTableColumn*> columns;
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
  Relation* left = nullptr;
  Relation* right = nullptr;
  Expr* on = nullptr;
  List<Identifier> using_columns;
};

/// `relation [AS] alias [(cols)]`
struct AliasedRelation : Relation {
  ATHENA_SQL_NODE(AliasedRelation)
  bool has_as = false;
  Relation* relation = nullptr;
  Identifier alias;
  List<Identifier> columns;
};

/// `relation TABLESAMPLE BERNOULLI|SYSTEM (percent)`
struct SampledRelation : Relation {
  ATHENA_SQL_NODE(SampledRelation)
  Relation* relation = nullptr;
  bool system = false;
  Expr* percentage = nullptr;
};

/// `expr AS name` in MEASURES.
struct Measure : Node {
  ATHENA_SQL_NODE(Measure)
  Expr* value = nullptr;
  Identifier name;
};

/// `name = (a, b)` in SUBSET.
struct SubsetDef : Node {
  ATHENA_SQL_NODE(SubsetDef)
  Identifier name;
  List<Identifier> variables;
};

/// `name AS condition` in DEFINE.
struct VariableDef : Node {
  ATHENA_SQL_NODE(VariableDef)
  Identifier name;
  Expr* condition = nullptr;
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
  Identifier variable;
  List<RowPattern*> items; ///< concat/alternation/permute operands; group/exclusion/quantified: 1
  std::string_view quantifier_op; ///< `*`, `+`, `?`, or `{` for ranges
  std::string_view min;           ///< range bounds (integer text)
  std::string_view max;
  bool range_comma = false;
  bool reluctant = false;
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
  Relation* relation = nullptr;
  List<Expr*> partition_by;
  List<SortItem*> order_by;
  List<Measure*> measures;
  RowsPerMatch rows_per_match = RowsPerMatch::kDefault;
  SkipTo skip = SkipTo::kDefault;
  Identifier skip_variable;
  bool initial = false;
  bool seek = false;
  RowPattern* pattern = nullptr;
  List<SubsetDef*> subsets;
  List<VariableDef*> defines;
};

// ---------------------------------------------------------------------------------------------
// Routines: `[CREATE] FUNCTION f(x T) RETURNS T ... body` and Athena's
// `USING EXTERNAL FUNCTION f(x T) RETURNS T LAMBDA 'name'`.

struct RoutineParam : Node {
  ATHENA_SQL_NODE(RoutineParam)
  Identifier name;
  TypeExpr* type = nullptr;
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
  List<Identifier> names;
  TypeExpr* type = nullptr;
  Expr* default_value = nullptr;
};

struct RoutineStmt;

/// `WHEN cond THEN stmts` of a CASE statement, or `ELSEIF cond THEN stmts` of IF.
struct CaseStmtWhen : Node {
  ATHENA_SQL_NODE(CaseStmtWhen)
  Expr* condition = nullptr;
  List<RoutineStmt*> body;
};

/// A control statement of a SQL routine body.
struct RoutineStmt : Node {
  ATHENA_SQL_NODE(RoutineStmt)
  RoutineStmtKind stmt = RoutineStmtKind::kReturn;
  Identifier label;          ///< loop label, or ITERATE/LEAVE target
  Identifier target;         ///< SET target
  Expr* value = nullptr;     ///< RETURN/SET value, CASE operand, IF/WHILE/REPEAT condition
  List<CaseStmtWhen*> whens; ///< CASE whens, or IF's ELSEIFs
  List<VarDecl*> decls;      ///< BEGIN's DECLAREs
  List<RoutineStmt*> body;   ///< IF THEN / loop / BEGIN statements
  List<RoutineStmt*> else_body;
  bool has_else = false;
};

/// A routine definition. Characteristics are kept as canonical text items
/// (`LANGUAGE SQL`, `NOT DETERMINISTIC`, `COMMENT 'x'`, ...) in written order.
struct RoutineDef : Node {
  ATHENA_SQL_NODE(RoutineDef)
  QualifiedName name;
  List<RoutineParam*> params;
  TypeExpr* returns = nullptr;
  List<std::string_view> characteristics;
  List<Property*> properties; ///< `WITH (weight = 42)` characteristic
  bool properties_given = false;
  uint32_t properties_position = 0; ///< index in characteristics before which WITH appears
  RoutineStmt* body = nullptr;
  bool external = false;     ///< USING EXTERNAL FUNCTION
  Literal* lambda = nullptr; ///< external: LAMBDA 'name'
};

} // namespace athena::sql
