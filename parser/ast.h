#pragma once

// The AST of Athena SQL (Trino engine v3 plus Hive DDL).
//
// Ownership (what outlives what):
//   | object                          | valid while                                        |
//   |---------------------------------|----------------------------------------------------|
//   | source text given to parse()    | the caller keeps it alive; every view points in it |
//   | ParseResult (parser/parser.h)   | owns the Arena holding every node and List below   |
//   | Node*, List<T>, Identifier      | the ParseResult and the source text are both alive |
//   | std::string from name()/value() | independent copies                                 |
//
// Every node has an exact byte span [begin, end) into the source text. Nodes are plain
// aggregates: walk them by switching on `kind` and casting with `as<T>()` / `dyn<T>()`.
// Optional children are nullptr when absent; optional lists are empty.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace athena::sql {

/// A half-open byte range [begin, end) in the source text.
struct Span {
  uint32_t begin = 0;
  uint32_t end = 0;
};

/// An array living in the parse result's arena.
template <class T> struct List {
  T* data = nullptr;
  uint32_t count = 0;

  T* begin() const { return data; }
  T* end() const { return data + count; }
  size_t size() const { return count; }
  bool empty() const { return count == 0; }
  T& operator[](size_t i) const { return data[i]; }
};

/// How an identifier was written.
enum class QuoteStyle : uint8_t { kNone, kDouble, kBacktick };

/// An identifier: a view of its text in the source, without the quotes (escapes kept), and its
/// span (quotes included). Absent identifiers are empty (zero-length span).
struct Identifier {
  std::string_view text;
  Span span;

  bool empty() const { return span.end == span.begin && text.empty(); }
  /// How it was quoted: the span is wider than the text exactly when quotes surround it.
  QuoteStyle quote() const {
    if (span.end - span.begin == text.size()) return QuoteStyle::kNone;
    return text.data()[-1] == '`' ? QuoteStyle::kBacktick : QuoteStyle::kDouble;
  }
  bool quoted() const { return quote() != QuoteStyle::kNone; }
  /// The name as Athena compares it: quotes removed, doubled quotes unescaped, lowercased.
  std::string name() const;
  /// The identifier as written, with its quotes.
  std::string sql() const;
};

/// A dotted name such as `catalog.schema.table`.
struct QualifiedName {
  List<Identifier> parts;
  Span span;

  bool empty() const { return parts.empty(); }
  /// The parts' name()s joined with '.'.
  std::string name() const;
};

#define ATHENA_SQL_NODE_KINDS(X)                                                                   \
  /* expressions */                                                                                \
  X(NameRef)                                                                                       \
  X(Literal)                                                                                       \
  X(TypedLiteral)                                                                                  \
  X(IntervalLiteral)                                                                               \
  X(Parameter)                                                                                     \
  X(Unary)                                                                                         \
  X(Binary)                                                                                        \
  X(IsNull)                                                                                        \
  X(IsDistinctFrom)                                                                                \
  X(Between)                                                                                       \
  X(InList)                                                                                        \
  X(InSubquery)                                                                                    \
  X(Like)                                                                                          \
  X(Exists)                                                                                        \
  X(QuantifiedComparison)                                                                          \
  X(SubqueryExpr)                                                                                  \
  X(Case)                                                                                          \
  X(WhenClause)                                                                                    \
  X(Cast)                                                                                          \
  X(Extract)                                                                                       \
  X(AtTimeZone)                                                                                    \
  X(Subscript)                                                                                     \
  X(FieldAccess)                                                                                   \
  X(Lambda)                                                                                        \
  X(FunctionCall)                                                                                  \
  X(ArrayConstructor)                                                                              \
  X(RowConstructor)                                                                                \
  X(SpecialValue)                                                                                  \
  X(Position)                                                                                      \
  X(Trim)                                                                                          \
  X(Substring)                                                                                     \
  X(Normalize)                                                                                     \
  X(JsonFunction)                                                                                  \
  X(JsonObject)                                                                                    \
  X(JsonArray)                                                                                     \
  X(GroupingOperation)                                                                             \
  /* parts of expressions */                                                                       \
  X(SortItem)                                                                                      \
  X(WindowSpec)                                                                                    \
  X(WindowFrame)                                                                                   \
  X(FrameBound)                                                                                    \
  X(JsonArgument)                                                                                  \
  X(JsonObjectMember)                                                                              \
  X(NamedArgument)                                                                                 \
  /* types */                                                                                      \
  X(TypeExpr)                                                                                      \
  X(RowField)                                                                                      \
  /* queries */                                                                                    \
  X(Query)                                                                                         \
  X(With)                                                                                          \
  X(Cte)                                                                                           \
  X(Select)                                                                                        \
  X(SetOperation)                                                                                  \
  X(Values)                                                                                        \
  X(TableBody)                                                                                     \
  X(ParenQuery)                                                                                    \
  X(SelectItem)                                                                                    \
  X(GroupBy)                                                                                       \
  X(GroupingElement)                                                                               \
  X(WindowDef)                                                                                     \
  /* relations */                                                                                  \
  X(TableRef)                                                                                      \
  X(SubqueryRelation)                                                                              \
  X(Lateral)                                                                                       \
  X(Unnest)                                                                                        \
  X(TableFunction)                                                                                 \
  X(Join)                                                                                          \
  X(AliasedRelation)                                                                               \
  X(SampledRelation)                                                                               \
  X(PatternRecognition)                                                                            \
  X(Measure)                                                                                       \
  X(SubsetDef)                                                                                     \
  X(VariableDef)                                                                                   \
  X(RowPattern)                                                                                    \
  /* routines (WITH FUNCTION, CREATE FUNCTION, USING EXTERNAL FUNCTION) */                         \
  X(RoutineDef)                                                                                    \
  X(RoutineParam)                                                                                  \
  X(RoutineStmt)                                                                                   \
  X(VarDecl)                                                                                       \
  X(CaseStmtWhen)                                                                                  \
  /* statement parts */                                                                            \
  X(Property)                                                                                      \
  X(ColumnDef)                                                                                     \
  X(Assignment)                                                                                    \
  X(MergeCase)                                                                                     \
  X(PartitionSpec)                                                                                 \
  X(RowFormat)                                                                                     \
  X(AlterAction)                                                                                   \
  /* statements */                                                                                 \
  X(QueryStatement)                                                                                \
  X(Insert)                                                                                        \
  X(CreateTableAs)                                                                                 \
  X(CreateTable)                                                                                   \
  X(CreateView)                                                                                    \
  X(CreateSchema)                                                                                  \
  X(CreateFunction)                                                                                \
  X(Drop)                                                                                          \
  X(AlterTable)                                                                                    \
  X(AlterSchema)                                                                                   \
  X(AlterView)                                                                                     \
  X(Merge)                                                                                         \
  X(Update)                                                                                        \
  X(Delete)                                                                                        \
  X(Unload)                                                                                        \
  X(Explain)                                                                                       \
  X(Prepare)                                                                                       \
  X(Execute)                                                                                       \
  X(Deallocate)                                                                                    \
  X(Describe)                                                                                      \
  X(Show)                                                                                          \
  X(Use)                                                                                           \
  X(TableMaintenance)                                                                              \
  X(Utility)

/// The concrete type of a node.
enum class NodeKind : uint8_t {
#define ATHENA_SQL_ENUM(name) k##name,
  ATHENA_SQL_NODE_KINDS(ATHENA_SQL_ENUM)
#undef ATHENA_SQL_ENUM
};

/// "Select", "FunctionCall", ...
std::string_view node_kind_name(NodeKind kind);

/// Common header of every node.
struct Node {
  NodeKind kind{};
  Span span;

  /// Unchecked downcast; asserts the kind in debug builds.
  template <class T> T* as() { return static_cast<T*>(this); }
  template <class T> const T* as() const { return static_cast<const T*>(this); }
  /// Checked downcast: nullptr when this node is not a T.
  template <class T> T* dyn() { return kind == T::kKind ? static_cast<T*>(this) : nullptr; }
  template <class T> const T* dyn() const {
    return kind == T::kKind ? static_cast<const T*>(this) : nullptr;
  }
};

// Nodes are created only by the parser (Parser::make sets `kind`, and `stmt` for statements).
#define ATHENA_SQL_NODE(name) static constexpr NodeKind kKind = NodeKind::k##name;

struct Expr : Node {};
struct Literal;
struct Query;
struct TypeExpr;
struct Relation : Node {};
struct QueryBody : Node {};
struct Statement;

// ---------------------------------------------------------------------------------------------
// Expressions

/// `a`, `t.a`, `s.t.a`: a column or a dotted path starting with an identifier. Which part is the
/// column (or a struct field) is for name resolution to decide.
struct NameRef : Expr {
  ATHENA_SQL_NODE(NameRef)
  List<Identifier> parts;
};

enum class LiteralKind : uint8_t {
  kNull,
  kTrue,
  kFalse,
  kInteger,
  kDecimal,
  kDouble,
  kString,
  kUnicodeString,
  kBinary,
};

/// A literal; `text` is the token as written (quotes included for strings).
struct Literal : Expr {
  ATHENA_SQL_NODE(Literal)
  LiteralKind literal = LiteralKind::kNull;
  char uescape = 0; ///< the escape character given by `U&'...' UESCAPE 'c'`, else 0
  std::string_view text;
  /// For string literals: the value with quotes removed and '' unescaped (U& escapes kept).
  std::string value() const;
};

/// `DATE '2020-01-01'`, `DECIMAL '1.2'`, `JSON '{}'`: any `type 'string'`.
struct TypedLiteral : Expr {
  ATHENA_SQL_NODE(TypedLiteral)
  TypeExpr* type = nullptr;
  Literal* value = nullptr;
};

enum class IntervalField : uint8_t { kNone, kYear, kMonth, kDay, kHour, kMinute, kSecond };

/// `INTERVAL [+|-] '1' DAY [TO SECOND]`; `unit_text` keeps the unit as written (`days`).
struct IntervalLiteral : Expr {
  ATHENA_SQL_NODE(IntervalLiteral)
  char sign = 0; ///< '+', '-' or 0
  Literal* value = nullptr;
  IntervalField from = IntervalField::kNone;
  IntervalField to = IntervalField::kNone;
  std::string_view from_text;
};

/// `?`; `index` is its 0-based position in the statement.
struct Parameter : Expr {
  ATHENA_SQL_NODE(Parameter)
  uint32_t index = 0;
};

enum class UnaryOp : uint8_t { kNot, kMinus, kPlus };

struct Unary : Expr {
  ATHENA_SQL_NODE(Unary)
  UnaryOp op = UnaryOp::kNot;
  Expr* operand = nullptr;
};

enum class BinaryOp : uint8_t {
  kOr,
  kAnd,
  kEq,
  kNe,
  kLt,
  kLe,
  kGt,
  kGe,
  kConcat,
  kAdd,
  kSub,
  kMul,
  kDiv,
  kMod,
};

/// "OR", "=", "+", ...
std::string_view binary_op_sql(BinaryOp op);

struct Binary : Expr {
  ATHENA_SQL_NODE(Binary)
  BinaryOp op = BinaryOp::kAnd;
  Expr* left = nullptr;
  Expr* right = nullptr;
};

/// `x IS [NOT] NULL`
struct IsNull : Expr {
  ATHENA_SQL_NODE(IsNull)
  Expr* value = nullptr;
  bool negated = false;
};

/// `x IS [NOT] DISTINCT FROM y`
struct IsDistinctFrom : Expr {
  ATHENA_SQL_NODE(IsDistinctFrom)
  Expr* left = nullptr;
  Expr* right = nullptr;
  bool negated = false;
};

/// `x [NOT] BETWEEN low AND high`
struct Between : Expr {
  ATHENA_SQL_NODE(Between)
  Expr* value = nullptr;
  Expr* low = nullptr;
  Expr* high = nullptr;
  bool negated = false;
};

/// `x [NOT] IN (a, b)`
struct InList : Expr {
  ATHENA_SQL_NODE(InList)
  Expr* value = nullptr;
  List<Expr*> items;
  bool negated = false;
};

/// `x [NOT] IN (query)`
struct InSubquery : Expr {
  ATHENA_SQL_NODE(InSubquery)
  Expr* value = nullptr;
  Query* query = nullptr;
  bool negated = false;
};

/// `x [NOT] LIKE pattern [ESCAPE e]`
struct Like : Expr {
  ATHENA_SQL_NODE(Like)
  Expr* value = nullptr;
  Expr* pattern = nullptr;
  Expr* escape = nullptr;
  bool negated = false;
};

/// `EXISTS (query)`
struct Exists : Expr {
  ATHENA_SQL_NODE(Exists)
  Query* query = nullptr;
};

enum class Quantifier : uint8_t { kAll, kAny, kSome };

/// `x = ANY (query)`
struct QuantifiedComparison : Expr {
  ATHENA_SQL_NODE(QuantifiedComparison)
  BinaryOp op = BinaryOp::kEq;
  Quantifier quantifier = Quantifier::kAny;
  Expr* value = nullptr;
  Query* query = nullptr;
};

/// `(query)` used as a value.
struct SubqueryExpr : Expr {
  ATHENA_SQL_NODE(SubqueryExpr)
  Query* query = nullptr;
};

/// `WHEN condition THEN result`
struct WhenClause : Node {
  ATHENA_SQL_NODE(WhenClause)
  Expr* condition = nullptr;
  Expr* result = nullptr;
};

/// Simple (`operand` set) or searched CASE.
struct Case : Expr {
  ATHENA_SQL_NODE(Case)
  Expr* operand = nullptr;
  List<WhenClause*> whens;
  Expr* else_result = nullptr;
};

/// `CAST(x AS type)` / `TRY_CAST(x AS type)`
struct Cast : Expr {
  ATHENA_SQL_NODE(Cast)
  Expr* value = nullptr;
  TypeExpr* type = nullptr;
  bool is_try = false;
};

/// `EXTRACT(field FROM x)`
struct Extract : Expr {
  ATHENA_SQL_NODE(Extract)
  Identifier field;
  Expr* value = nullptr;
};

/// `x AT TIME ZONE zone` (zone is a string or interval literal) or `x AT LOCAL` (zone null).
struct AtTimeZone : Expr {
  ATHENA_SQL_NODE(AtTimeZone)
  Expr* value = nullptr;
  Expr* zone = nullptr;
};

/// `base[index]`
struct Subscript : Expr {
  ATHENA_SQL_NODE(Subscript)
  Expr* base = nullptr;
  Expr* index = nullptr;
};

/// `base.field` where base is not a plain name (`f(x).a`, `a[1].b`, `(r).c`).
struct FieldAccess : Expr {
  ATHENA_SQL_NODE(FieldAccess)
  Expr* base = nullptr;
  Identifier field;
};

/// `x -> body`, `(x, y) -> body`
struct Lambda : Expr {
  ATHENA_SQL_NODE(Lambda)
  List<Identifier> params;
  Expr* body = nullptr;
  bool parenthesized = false;
};

/// `ORDER BY` item.
enum class Ordering : uint8_t { kDefault, kAsc, kDesc };
enum class NullOrdering : uint8_t { kDefault, kFirst, kLast };

struct SortItem : Node {
  ATHENA_SQL_NODE(SortItem)
  Expr* value = nullptr;
  Ordering ordering = Ordering::kDefault;
  NullOrdering nulls = NullOrdering::kDefault;
};

enum class FrameType : uint8_t { kRows, kRange, kGroups };
enum class BoundType : uint8_t {
  kUnboundedPreceding,
  kPreceding,
  kCurrentRow,
  kFollowing,
  kUnboundedFollowing,
};

struct FrameBound : Node {
  ATHENA_SQL_NODE(FrameBound)
  BoundType type = BoundType::kCurrentRow;
  Expr* offset = nullptr;
};

/// `ROWS|RANGE|GROUPS [BETWEEN] start [AND end]`
struct WindowFrame : Node {
  ATHENA_SQL_NODE(WindowFrame)
  FrameType type = FrameType::kRows;
  FrameBound* start = nullptr;
  FrameBound* end = nullptr; ///< null without BETWEEN
};

/// `[existing] [PARTITION BY ...] [ORDER BY ...] [frame]`
struct WindowSpec : Node {
  ATHENA_SQL_NODE(WindowSpec)
  Identifier existing;
  List<Expr*> partition_by;
  List<SortItem*> order_by;
  WindowFrame* frame = nullptr;
};

enum class NullTreatment : uint8_t { kDefault, kIgnore, kRespect };
enum class SetQuantifier : uint8_t { kDefault, kDistinct, kAll };
enum class ProcessingMode : uint8_t { kDefault, kRunning, kFinal };

/// LISTAGG's `ON OVERFLOW` clause.
enum class ListaggOverflow : uint8_t { kDefault, kError, kTruncate };

/// `name => value` argument of a table function or CALL.
struct NamedArgument : Expr {
  ATHENA_SQL_NODE(NamedArgument)
  Identifier name;
  Expr* value = nullptr;
};

/// The rare parts of a function call, kept out of line so calls stay small.
struct FunctionCallExtras {
  Identifier star_label; ///< `t` of `count(t.*)`
  bool is_listagg = false;
  ListaggOverflow overflow = ListaggOverflow::kDefault;
  Literal* overflow_filler = nullptr; ///< `TRUNCATE '...'`
  bool overflow_with_count = false;
};

/// A function call with everything Trino allows around it. `star` marks `count(*)` /
/// `count(t.*)` (then `extras->star_label` holds `t`).
struct FunctionCall : Expr {
  ATHENA_SQL_NODE(FunctionCall)
  ProcessingMode mode = ProcessingMode::kDefault;
  SetQuantifier quantifier = SetQuantifier::kDefault;
  NullTreatment nulls = NullTreatment::kDefault;
  bool star = false;
  QualifiedName name;
  List<Expr*> args;
  List<SortItem*> order_by;             ///< `f(x ORDER BY y)`
  List<SortItem*> within_group;         ///< `WITHIN GROUP (ORDER BY ...)`
  Expr* filter = nullptr;               ///< `FILTER (WHERE ...)`
  Identifier window_name;               ///< `OVER w`
  WindowSpec* window = nullptr;         ///< `OVER (...)`
  FunctionCallExtras* extras = nullptr; ///< rare parts: `count(t.*)`, LISTAGG's ON OVERFLOW
  /// True when the call has an OVER clause.
  bool is_window() const { return window != nullptr || !window_name.empty(); }
};

/// `ARRAY[a, b]`
struct ArrayConstructor : Expr {
  ATHENA_SQL_NODE(ArrayConstructor)
  List<Expr*> items;
};

/// `ROW(a, b)` (explicit) or `(a, b)`.
struct RowConstructor : Expr {
  ATHENA_SQL_NODE(RowConstructor)
  List<Expr*> items;
  bool explicit_row = false;
};

enum class SpecialValueKind : uint8_t {
  kCurrentDate,
  kCurrentTime,
  kCurrentTimestamp,
  kLocalTime,
  kLocalTimestamp,
  kCurrentUser,
  kCurrentCatalog,
  kCurrentSchema,
  kCurrentPath,
};

/// `CURRENT_DATE`, `CURRENT_TIMESTAMP(3)`, `CURRENT_USER`, ...
struct SpecialValue : Expr {
  ATHENA_SQL_NODE(SpecialValue)
  SpecialValueKind value = SpecialValueKind::kCurrentDate;
  std::string_view precision; ///< integer token text, empty when absent
};

/// `POSITION(needle IN haystack)`
struct Position : Expr {
  ATHENA_SQL_NODE(Position)
  Expr* needle = nullptr;
  Expr* haystack = nullptr;
};

enum class TrimSpec : uint8_t { kDefault, kBoth, kLeading, kTrailing };

/// `TRIM([spec] [chars] FROM source)` or `TRIM(source, chars)` (comma_form).
struct Trim : Expr {
  ATHENA_SQL_NODE(Trim)
  TrimSpec spec = TrimSpec::kDefault;
  Expr* chars = nullptr;
  Expr* source = nullptr;
  bool comma_form = false;
  bool has_from = false;
};

/// `SUBSTRING(x FROM a [FOR b])` (the comma form is a plain FunctionCall).
struct Substring : Expr {
  ATHENA_SQL_NODE(Substring)
  Expr* value = nullptr;
  Expr* from = nullptr;
  Expr* length = nullptr;
};

/// `NORMALIZE(x [, form])`
struct Normalize : Expr {
  ATHENA_SQL_NODE(Normalize)
  Expr* value = nullptr;
  Identifier form;
};

/// `expr [FORMAT JSON [ENCODING e]] AS name` in PASSING.
struct JsonArgument : Node {
  ATHENA_SQL_NODE(JsonArgument)
  Expr* value = nullptr;
  std::string_view format; ///< "JSON", "JSON ENCODING UTF8", ... canonical; empty when absent
  Identifier name;
};

enum class JsonFunctionKind : uint8_t { kQuery, kValue, kExists };

/// JSON_QUERY / JSON_VALUE / JSON_EXISTS. The clauses are kept as canonical keyword text
/// (`WITH CONDITIONAL ARRAY`, `OMIT QUOTES ON SCALAR STRING`, `NULL`, `EMPTY ARRAY`).
struct JsonFunction : Expr {
  ATHENA_SQL_NODE(JsonFunction)
  JsonFunctionKind function = JsonFunctionKind::kQuery;
  Expr* input = nullptr;
  std::string_view input_format;
  Literal* path = nullptr;
  Identifier path_name;
  List<JsonArgument*> passing;
  TypeExpr* returning = nullptr;
  std::string_view returning_format;
  std::string_view wrapper;  ///< e.g. "WITH ARRAY"
  std::string_view quotes;   ///< e.g. "OMIT QUOTES ON SCALAR STRING"
  std::string_view on_empty; ///< "NULL", "ERROR", "EMPTY ARRAY", "EMPTY OBJECT", "DEFAULT"
  Expr* on_empty_default = nullptr;
  std::string_view on_error; ///< as on_empty, or TRUE/FALSE/UNKNOWN for JSON_EXISTS
  Expr* on_error_default = nullptr;
};

/// `[KEY] k VALUE v [FORMAT JSON]` or `k : v`.
struct JsonObjectMember : Node {
  ATHENA_SQL_NODE(JsonObjectMember)
  Expr* key = nullptr;
  Expr* value = nullptr;
  std::string_view format;
  bool colon_form = false;
  bool key_keyword = false;
};

/// JSON_OBJECT(...). `null_clause` is "NULL ON NULL"/"ABSENT ON NULL"; `unique_clause`
/// "WITH UNIQUE KEYS"/"WITHOUT UNIQUE KEYS".
struct JsonObject : Expr {
  ATHENA_SQL_NODE(JsonObject)
  List<JsonObjectMember*> members;
  std::string_view null_clause;
  std::string_view unique_clause;
  TypeExpr* returning = nullptr;
  std::string_view returning_format;
};

/// JSON_ARRAY(...); each element's FORMAT is in `formats` (parallel to `items`).
struct JsonArray : Expr {
  ATHENA_SQL_NODE(JsonArray)
  List<JsonArgument*> items; ///< `name` unused
  std::string_view null_clause;
  TypeExpr* returning = nullptr;
  std::string_view returning_format;
};

/// `GROUPING(a, b)`
struct GroupingOperation : Expr {
  ATHENA_SQL_NODE(GroupingOperation)
  List<QualifiedName*> columns;
};

// ---------------------------------------------------------------------------------------------
// Types

enum class TypeKind : uint8_t {
  kNamed,           ///< `varchar`, `decimal(10, 2)`, `bigint`, `string`, `tdigest`, ...
  kArray,           ///< `ARRAY(T)`, `ARRAY<T>` (angle), `T ARRAY` (postfix)
  kMap,             ///< `MAP(K, V)`, `MAP<K, V>` (angle)
  kRow,             ///< `ROW(a T, ...)`, Hive `STRUCT<a:T, ...>` (angle)
  kInterval,        ///< `INTERVAL YEAR TO MONTH`
  kTimestamp,       ///< `TIMESTAMP[(p)] [WITH|WITHOUT TIME ZONE]`
  kTime,            ///< `TIME[(p)] [WITH|WITHOUT TIME ZONE]`
  kDoublePrecision, ///< `DOUBLE PRECISION`
};

enum class TimeZoneSpec : uint8_t { kDefault, kWith, kWithout };

/// A row/struct field: `name type` (name may be empty in ROW(T)).
struct RowField : Node {
  ATHENA_SQL_NODE(RowField)
  Identifier name;
  TypeExpr* type = nullptr;
  std::string_view comment; ///< Hive `COMMENT 'x'` token, if any
};

/// A type. Parameters of kNamed are integer tokens (`params_text`) or types (`params`).
struct TypeExpr : Node {
  ATHENA_SQL_NODE(TypeExpr)
  TypeKind type = TypeKind::kNamed;
  Identifier name;                ///< kNamed; also the keyword of kArray/kMap/kRow as written
  List<TypeExpr*> params;         ///< kNamed type parameters that are types; else nullptr
  List<std::string_view> numbers; ///< parallel to params: integer text when params[i] null
  TypeExpr* element = nullptr;    ///< kArray
  TypeExpr* key = nullptr;        ///< kMap
  TypeExpr* value = nullptr;      ///< kMap
  List<RowField*> fields;         ///< kRow
  IntervalField from = IntervalField::kNone;
  IntervalField to = IntervalField::kNone;
  std::string_view precision; ///< kTimestamp/kTime
  TimeZoneSpec zone = TimeZoneSpec::kDefault;
  bool angle = false;           ///< written with <...> (Hive style)
  bool postfix_array = false;   ///< `T ARRAY`
  std::string_view array_bound; ///< `T ARRAY[n]`
};

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

/// A query: `[WITH FUNCTION ...] [WITH ...] body [ORDER BY] [OFFSET] [LIMIT|FETCH]`.
struct Query : Node {
  ATHENA_SQL_NODE(Query)
  bool offset_rows = false; ///< `OFFSET n ROWS` spelt with ROW(S)
  bool limit_all = false;   ///< `LIMIT ALL`
  bool fetch_first = false; ///< `FETCH FIRST [n] ROWS`
  bool with_ties = false;
  List<RoutineDef*> functions; ///< `WITH FUNCTION ...` (only on a statement's root query)
  List<Property*> session;     ///< `WITH SESSION a = b` (only on a root query)
  With* with = nullptr;
  QueryBody* body = nullptr;
  List<SortItem*> order_by;
  Expr* offset = nullptr;
  Expr* limit = nullptr; ///< `LIMIT n`
  Expr* fetch = nullptr; ///< `FETCH FIRST n ROWS`; count may be absent (fetch_first set)
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

// ---------------------------------------------------------------------------------------------
// Statement parts

/// `name = value` (Trino WITH properties; value null means DEFAULT), or Hive `'k' = 'v'`
/// (string_key set).
struct Property : Node {
  ATHENA_SQL_NODE(Property)
  Identifier name;
  Literal* string_key = nullptr;
  Expr* value = nullptr;
};

/// A column definition in CREATE TABLE / ADD COLUMNS.
struct ColumnDef : Node {
  ATHENA_SQL_NODE(ColumnDef)
  QualifiedName name;
  TypeExpr* type = nullptr;
  bool not_null = false;
  Literal* comment = nullptr;
  List<Property*> properties;
  bool like = false; ///< `LIKE other [INCLUDING|EXCLUDING PROPERTIES]` table element (name)
  std::string_view like_option;
};

/// `target = value` in UPDATE and MERGE.
struct Assignment : Node {
  ATHENA_SQL_NODE(Assignment)
  Identifier target;
  Expr* value = nullptr;
};

enum class MergeAction : uint8_t { kUpdate, kDelete, kInsert };

struct MergeCase : Node {
  ATHENA_SQL_NODE(MergeCase)
  bool matched = true;
  Expr* condition = nullptr;
  MergeAction action = MergeAction::kUpdate;
  List<Assignment*> assignments; ///< UPDATE SET
  List<Identifier> columns;      ///< INSERT (cols)
  List<Expr*> values;            ///< INSERT VALUES
};

/// `PARTITION (k = v, ...) [LOCATION 'x']` (values may be null in DROP PARTITION).
struct PartitionSpec : Node {
  ATHENA_SQL_NODE(PartitionSpec)
  List<Property*> values;
  Literal* location = nullptr;
};

/// Hive `ROW FORMAT DELIMITED ...` or `ROW FORMAT SERDE 'x' [WITH SERDEPROPERTIES (...)]`.
/// Delimiter clauses keep their keywords canonically (`FIELDS TERMINATED BY`, ...) in `clauses`
/// parallel to `clause_values`.
struct RowFormat : Node {
  ATHENA_SQL_NODE(RowFormat)
  bool delimited = false;
  Literal* serde = nullptr;
  List<std::string_view> clauses;
  List<Literal*> clause_values;
  List<Literal*> escaped_by; ///< parallel to clauses; `ESCAPED BY` after FIELDS TERMINATED
  List<Property*> serde_properties;
  bool has_serde_properties = false;
};

// ---------------------------------------------------------------------------------------------
// Statements

/// What a statement does; `Statement::stmt` tells which node type it is.
enum class StatementKind : uint8_t {
  kQuery,
  kInsert,
  kCreateTableAsSelect,
  kCreateView,
  kCreateMaterializedView,
  kMerge,
  kUpdate,
  kDelete,
  kUnload,
  kCreateTable,
  kCreateExternalTable,
  kCreateSchema,
  kCreateFunction,
  kDrop,
  kAlterTable,
  kAlterSchema,
  kAlterView,
  kMsckRepair,
  kExplain,
  kPrepare,
  kExecute,
  kDeallocate,
  kDescribe,
  kShow,
  kUse,
  kVacuum,
  kOptimize,
  kAnalyze,
  kRefreshMaterializedView,
  kTruncate,
  kCall,
  kTransaction,
  kSession,
  kOther,
};

/// "query", "insert", "create_table_as_select", ... (snake_case of the enumerator).
std::string_view statement_kind_name(StatementKind kind);

struct Statement : Node {
  StatementKind stmt = StatementKind::kOther;
};

#define ATHENA_SQL_STATEMENT(name, skind)                                                          \
  static constexpr NodeKind kKind = NodeKind::k##name;                                             \
  static constexpr StatementKind kStatementKind = skind;

/// A query used as a statement (SELECT, VALUES, TABLE, WITH ...).
struct QueryStatement : Statement {
  ATHENA_SQL_STATEMENT(QueryStatement, StatementKind::kQuery)
  Query* query = nullptr;
  List<RoutineDef*> external_functions; ///< `USING EXTERNAL FUNCTION ...` prefix
};

/// `INSERT INTO t [(cols)] query`
struct Insert : Statement {
  ATHENA_SQL_STATEMENT(Insert, StatementKind::kInsert)
  QualifiedName target;
  List<Identifier> columns;
  Query* query = nullptr;
};

enum class WithData : uint8_t { kDefault, kWithData, kWithNoData };

/// `CREATE [OR REPLACE] TABLE [IF NOT EXISTS] t [(cols)] [COMMENT c] [WITH (props)] AS query
/// [WITH [NO] DATA]`
struct CreateTableAs : Statement {
  ATHENA_SQL_STATEMENT(CreateTableAs, StatementKind::kCreateTableAsSelect)
  bool or_replace = false;
  bool if_not_exists = false;
  QualifiedName name;
  List<Identifier> columns;
  Literal* comment = nullptr;
  List<Property*> properties;
  bool has_properties = false;
  Query* query = nullptr;
  bool parenthesized_query = false;
  WithData with_data = WithData::kDefault;
};

/// CREATE [EXTERNAL] TABLE with column definitions, Trino properties and/or the Hive clauses.
/// `stmt` is kCreateExternalTable when EXTERNAL was written.
struct CreateTable : Statement {
  ATHENA_SQL_STATEMENT(CreateTable, StatementKind::kCreateTable)
  bool or_replace = false;
  bool external = false;
  bool if_not_exists = false;
  QualifiedName name;
  List<ColumnDef*> columns;
  bool has_columns = false;
  Literal* comment = nullptr;
  List<Property*> properties; ///< `WITH (...)`
  bool has_properties = false;
  List<ColumnDef*> partition_columns; ///< Hive `PARTITIONED BY (c T, ...)`
  List<Expr*> partition_transforms;   ///< Iceberg `PARTITIONED BY (c, bucket(16, id))`
  List<Identifier> clustered_by;
  List<SortItem*> sorted_by;
  std::string_view buckets; ///< integer text of `INTO n BUCKETS`
  List<RowFormat*> row_formats;
  Identifier stored_as; ///< `STORED AS PARQUET`
  Literal* input_format = nullptr;
  Literal* output_format = nullptr;
  Literal* location = nullptr;
  List<Property*> tblproperties;
  bool has_tblproperties = false;
  /// The LOCATION, or the `location`/`external_location` property, as written (string value).
  Literal* effective_location() const;
};

/// `CREATE [OR REPLACE] [MATERIALIZED] VIEW v [COMMENT c] [SECURITY ...] AS query`
struct CreateView : Statement {
  ATHENA_SQL_STATEMENT(CreateView, StatementKind::kCreateView)
  bool or_replace = false;
  bool materialized = false;
  bool if_not_exists = false;
  QualifiedName name;
  Literal* comment = nullptr;
  std::string_view security; ///< "DEFINER", "INVOKER" or empty
  Expr* grace_period = nullptr;
  List<Property*> properties;
  bool has_properties = false;
  Query* query = nullptr;
};

/// `CREATE SCHEMA|DATABASE [IF NOT EXISTS] name ...`
struct CreateSchema : Statement {
  ATHENA_SQL_STATEMENT(CreateSchema, StatementKind::kCreateSchema)
  bool database_keyword = false;
  bool if_not_exists = false;
  QualifiedName name;
  Literal* comment = nullptr;
  Literal* location = nullptr;
  List<Property*> properties; ///< Trino WITH (...)
  bool has_properties = false;
  List<Property*> dbproperties; ///< Hive WITH DBPROPERTIES (...)
  bool has_dbproperties = false;
  Identifier authorization;
};

/// `[CREATE [OR REPLACE]] FUNCTION ...` / `DROP FUNCTION`: see Drop for the latter.
struct CreateFunction : Statement {
  ATHENA_SQL_STATEMENT(CreateFunction, StatementKind::kCreateFunction)
  bool or_replace = false;
  RoutineDef* routine = nullptr;
};

enum class ObjectKind : uint8_t {
  kTable,
  kView,
  kMaterializedView,
  kSchema,
  kDatabase,
  kFunction,
  kCatalog,
};

/// "TABLE", "MATERIALIZED VIEW", ...
std::string_view object_kind_sql(ObjectKind kind);

/// `DROP TABLE|VIEW|MATERIALIZED VIEW|SCHEMA|DATABASE [IF EXISTS] name [CASCADE|RESTRICT]`
struct Drop : Statement {
  ATHENA_SQL_STATEMENT(Drop, StatementKind::kDrop)
  ObjectKind object = ObjectKind::kTable;
  bool if_exists = false;
  QualifiedName name;
  std::string_view behavior;  ///< "CASCADE", "RESTRICT" or empty
  List<RoutineParam*> params; ///< DROP FUNCTION f(T, ...)
};

enum class AlterKind : uint8_t {
  kRenameTo,
  kAddColumn,
  kDropColumn,
  kRenameColumn,
  kSetColumnType,
  kDropNotNull,
  kSetAuthorization,
  kSetProperties,
  kExecute,
  kAddPartitions,
  kDropPartitions,
  kRenamePartition,
  kSetLocation,
  kSetTblProperties,
  kUnsetTblProperties,
  kSetSerdeProperties,
  kSetFileFormat,
  kAddColumns,
  kReplaceColumns,
  kChangeColumn,
};

/// One ALTER action; fields used depend on `action`.
struct AlterAction : Node {
  ATHENA_SQL_NODE(AlterAction)
  AlterKind action = AlterKind::kRenameTo;
  bool if_exists = false;          ///< column IF EXISTS / partition IF EXISTS
  bool if_not_exists = false;      ///< ADD COLUMN/PARTITION IF NOT EXISTS
  QualifiedName new_name;          ///< RENAME TO; RENAME/DROP/ALTER COLUMN's column
  Identifier to_column;            ///< RENAME COLUMN ... TO x; CHANGE COLUMN old new
  List<ColumnDef*> columns;        ///< ADD COLUMN (1) / ADD|REPLACE COLUMNS / CHANGE COLUMN (1)
  TypeExpr* type = nullptr;        ///< SET DATA TYPE
  std::string_view principal_kind; ///< "USER", "ROLE" or empty
  Identifier principal;
  List<Property*> properties; ///< SET PROPERTIES / SET TBLPROPERTIES / SERDEPROPERTIES
  List<PartitionSpec*> partitions;
  Literal* location = nullptr;
  Identifier procedure; ///< EXECUTE procedure
  List<Expr*> args;     ///< EXECUTE arguments (NamedArgument for `a => b`)
  bool has_args = false;
  Expr* where = nullptr;
  Literal* serde = nullptr;
  Identifier file_format;
  bool column_keyword = false; ///< CHANGE [COLUMN]
  bool purge = false;          ///< DROP PARTITION ... PURGE
  List<Literal*> unset_keys;   ///< UNSET TBLPROPERTIES ('a', ...)
};

/// `ALTER TABLE [IF EXISTS] t action[, action...]`
struct AlterTable : Statement {
  ATHENA_SQL_STATEMENT(AlterTable, StatementKind::kAlterTable)
  bool if_exists = false;
  QualifiedName name;
  List<PartitionSpec*> partition; ///< Hive `ALTER TABLE t PARTITION (...) SET LOCATION ...`
  List<AlterAction*> actions;
};

/// `ALTER SCHEMA|DATABASE name action`
struct AlterSchema : Statement {
  ATHENA_SQL_STATEMENT(AlterSchema, StatementKind::kAlterSchema)
  bool database_keyword = false;
  QualifiedName name;
  AlterAction* action = nullptr;
};

/// `ALTER [MATERIALIZED] VIEW name action`
struct AlterView : Statement {
  ATHENA_SQL_STATEMENT(AlterView, StatementKind::kAlterView)
  bool materialized = false;
  bool if_exists = false;
  QualifiedName name;
  AlterAction* action = nullptr;
};

/// `MERGE INTO t [[AS] a] USING relation ON cond WHEN ...`
struct Merge : Statement {
  ATHENA_SQL_STATEMENT(Merge, StatementKind::kMerge)
  QualifiedName target;
  Identifier alias;
  bool alias_as = false;
  Relation* source = nullptr;
  Expr* on = nullptr;
  List<MergeCase*> cases;
};

/// `UPDATE t SET c = e, ... [WHERE cond]`
struct Update : Statement {
  ATHENA_SQL_STATEMENT(Update, StatementKind::kUpdate)
  QualifiedName target;
  List<Assignment*> assignments;
  Expr* where = nullptr;
};

/// `DELETE FROM t [WHERE cond]`
struct Delete : Statement {
  ATHENA_SQL_STATEMENT(Delete, StatementKind::kDelete)
  QualifiedName target;
  Expr* where = nullptr;
};

/// `UNLOAD (query) TO 's3://...' WITH (props)`
struct Unload : Statement {
  ATHENA_SQL_STATEMENT(Unload, StatementKind::kUnload)
  Query* query = nullptr;
  Literal* location = nullptr;
  List<Property*> properties;
  bool has_properties = false;
};

/// `EXPLAIN [ANALYZE [VERBOSE]] [(FORMAT x, TYPE y)] statement`; options as canonical text.
struct Explain : Statement {
  ATHENA_SQL_STATEMENT(Explain, StatementKind::kExplain)
  bool analyze = false;
  bool verbose = false;
  List<std::string_view> option_names; ///< "FORMAT" / "TYPE"
  List<Identifier> option_values;
  Statement* statement = nullptr;
};

/// `PREPARE name FROM statement`
struct Prepare : Statement {
  ATHENA_SQL_STATEMENT(Prepare, StatementKind::kPrepare)
  Identifier name;
  Statement* statement = nullptr;
};

/// `EXECUTE name [USING args]` / `EXECUTE IMMEDIATE 'sql' [USING args]`
struct Execute : Statement {
  ATHENA_SQL_STATEMENT(Execute, StatementKind::kExecute)
  Identifier name;
  Literal* immediate = nullptr;
  List<Expr*> args;
};

/// `DEALLOCATE PREPARE name`
struct Deallocate : Statement {
  ATHENA_SQL_STATEMENT(Deallocate, StatementKind::kDeallocate)
  Identifier name;
};

/// `DESCRIBE|DESC [EXTENDED|FORMATTED] name [PARTITION (...)] [column]` and
/// `DESCRIBE INPUT|OUTPUT name`.
struct Describe : Statement {
  ATHENA_SQL_STATEMENT(Describe, StatementKind::kDescribe)
  std::string_view keyword;  ///< "DESCRIBE" or "DESC"
  std::string_view modifier; ///< "EXTENDED", "FORMATTED", "INPUT", "OUTPUT" or empty
  QualifiedName name;
  PartitionSpec* partition = nullptr;
  QualifiedName column;
};

enum class ShowKind : uint8_t {
  kTables,
  kSchemas,
  kDatabases,
  kCatalogs,
  kColumns,
  kPartitions,
  kCreateTable,
  kCreateView,
  kCreateSchema,
  kCreateMaterializedView,
  kTblProperties,
  kViews,
  kFunctions,
  kSession,
  kStats,
  kGrants,
  kRoles,
};

/// SHOW statements. `target` is the object shown (table for COLUMNS/PARTITIONS/CREATE/STATS),
/// `in_name` the FROM/IN scope; `pattern` a LIKE pattern or Hive's bare pattern string.
struct Show : Statement {
  ATHENA_SQL_STATEMENT(Show, StatementKind::kShow)
  ShowKind show = ShowKind::kTables;
  QualifiedName target;
  QualifiedName in_name;
  bool in_keyword = false; ///< written IN rather than FROM
  Literal* pattern = nullptr;
  bool like_keyword = false;
  Literal* escape = nullptr;
  Literal* property = nullptr; ///< SHOW TBLPROPERTIES t ('key')
  PartitionSpec* partition = nullptr;
  Query* query = nullptr; ///< SHOW STATS FOR (query)
  bool extended = false;
};

/// `USE [catalog.]schema`
struct Use : Statement {
  ATHENA_SQL_STATEMENT(Use, StatementKind::kUse)
  Identifier catalog;
  Identifier schema;
};

/// `MSCK REPAIR TABLE t`, `VACUUM t`, `OPTIMIZE t REWRITE DATA USING BIN_PACK [WHERE ...]`,
/// `ANALYZE t [WITH (...)]`, `REFRESH MATERIALIZED VIEW t`, `TRUNCATE TABLE t`; `stmt` says
/// which.
struct TableMaintenance : Statement {
  ATHENA_SQL_STATEMENT(TableMaintenance, StatementKind::kOther)
  QualifiedName name;
  Expr* where = nullptr;
  List<Property*> properties;
  bool has_properties = false;
};

/// Statements with no tables in them beyond names: transactions, sessions, CALL, COMMENT ON,
/// SET TIME ZONE, ... `words` keeps the canonical leading keywords (`START TRANSACTION`);
/// `name`, `value`, `args` and `modes` their operands.
struct Utility : Statement {
  ATHENA_SQL_STATEMENT(Utility, StatementKind::kOther)
  std::string_view words;
  QualifiedName name;
  Expr* value = nullptr;
  List<Expr*> args;
  List<std::string_view> modes;
};

} // namespace athena::sql
