#pragma once

// AST nodes for expressions and types. See parser/ast.h for the ownership rules.

#include "parser/ast_node.h"

namespace athena::sql {

// ---------------------------------------------------------------------------------------------
// Expressions

/// `a`, `t.a`, `s.t.a`: a column or a dotted path starting with an identifier. Which part is the
/// column (or a struct field) is for name resolution to decide. The parts are stored right after
/// the node (made only by the parser), their count right before them.
struct NameRef : Expr {
  ATHENA_SQL_NODE(NameRef)
  uint32_t count = 0;

  List<Identifier> parts() const {
    return List<Identifier>::adopt(reinterpret_cast<const Identifier*>(this + 1), count);
  }
};
static_assert(sizeof(NameRef) == 16, "NameRef's count must sit right before its parts");

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

/// A literal in 24 bytes: its kind and where its token starts; the token's length follows from
/// the span (which, for `U&'...' UESCAPE 'c'`, also covers the UESCAPE clause).
struct Literal : Expr {
  ATHENA_SQL_NODE(Literal)
  LiteralKind literal = LiteralKind::kNull;
  char uescape = 0;            ///< the escape character given by `U&'...' UESCAPE 'c'`, else 0
  const char* token = nullptr; ///< the token's first byte

  /// The token as written (quotes included for strings).
  std::string_view text() const;
  /// For string literals: the value with quotes removed and '' unescaped (U& escapes kept).
  std::string value() const;
};

/// `DATE '2020-01-01'`, `DECIMAL '1.2'`, `JSON '{}'`: any `identifier 'string'`, and
/// `DOUBLE PRECISION 'string'` (then type_name() is `DOUBLE`). In 40 bytes: the string is held
/// in place and the type name, which starts the node's span, by its length.
struct TypedLiteral : Expr {
  ATHENA_SQL_NODE(TypedLiteral)
  bool double_precision = false;
  uint16_t type_length = 0; ///< bytes of the type name's token
  Literal value;

  Identifier type_name() const {
    Identifier id;
    id.token = value.token - (value.span.begin - span.begin);
    id.span = {span.begin, span.begin + type_length};
    return id;
  }
};

enum class IntervalField : uint8_t { kNone, kYear, kMonth, kDay, kHour, kMinute, kSecond };

/// `INTERVAL [+|-] '1' DAY [TO SECOND]` (`from` is kNone for `INTERVAL '1 day'`); the string is
/// held in place.
struct IntervalLiteral : Expr {
  ATHENA_SQL_NODE(IntervalLiteral)
  char sign = 0; ///< '+', '-' or 0
  IntervalField from = IntervalField::kNone;
  IntervalField to = IntervalField::kNone;
  Literal value;
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

/// The less common parts of a function call, kept out of line so that plain calls take 48 bytes.
struct FunctionCallExtras {
  List<SortItem*> order_by;     ///< `f(x ORDER BY y)`
  List<SortItem*> within_group; ///< `WITHIN GROUP (ORDER BY ...)`
  Expr* filter = nullptr;       ///< `FILTER (WHERE ...)`
  Identifier window_name;       ///< `OVER w`
  WindowSpec* window = nullptr; ///< `OVER (...)`
  Identifier star_label;        ///< `t` of `count(t.*)`
  bool is_listagg = false;
  ListaggOverflow overflow = ListaggOverflow::kDefault;
  bool overflow_with_count = false;
  Literal* overflow_filler = nullptr; ///< `TRUNCATE '...'`
};

/// A function call with everything Trino allows around it. `star` marks `count(*)` /
/// `count(t.*)` (then `star_label()` is `t`). Everything after the arguments is in `extras`,
/// null when the call has none of it; read it through the accessors.
struct FunctionCall : Expr {
  ATHENA_SQL_NODE(FunctionCall)
  ProcessingMode mode = ProcessingMode::kDefault;
  SetQuantifier quantifier = SetQuantifier::kDefault;
  NullTreatment nulls = NullTreatment::kDefault;
  bool star = false;
  QualifiedName name;
  List<Expr*> args;
  FunctionCallExtras* extras = nullptr;

  List<SortItem*> order_by() const { return extras ? extras->order_by : List<SortItem*>(); }
  List<SortItem*> within_group() const { return extras ? extras->within_group : List<SortItem*>(); }
  Expr* filter() const { return extras ? extras->filter : nullptr; }
  Identifier window_name() const { return extras ? extras->window_name : Identifier(); }
  WindowSpec* window() const { return extras ? extras->window : nullptr; }
  Identifier star_label() const { return extras ? extras->star_label : Identifier(); }
  /// True when the call has an OVER clause.
  bool is_window() const {
    return extras != nullptr && (extras->window != nullptr || !extras->window_name.empty());
  }
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

/// A type. Parameters of kNamed are integer tokens (`numbers`) or types (`params`).
struct TypeExpr : Node {
  ATHENA_SQL_NODE(TypeExpr)
  TypeKind type = TypeKind::kNamed;
  IntervalField from = IntervalField::kNone; ///< kInterval
  IntervalField to = IntervalField::kNone;
  TimeZoneSpec zone = TimeZoneSpec::kDefault; ///< kTimestamp/kTime
  Identifier name;        ///< kNamed; also the keyword of kArray/kMap/kRow as written
  List<TypeExpr*> params; ///< kNamed type parameters that are types; else nullptr
  /// kNamed: parallel to params, the integer text where params[i] is null. kTimestamp/kTime:
  /// the precision, if given. Postfix kArray: the bound of `T ARRAY[n]`, if given.
  List<std::string_view> numbers;
  TypeExpr* element = nullptr; ///< kArray
  TypeExpr* key = nullptr;     ///< kMap
  TypeExpr* value = nullptr;   ///< kMap
  List<RowField*> fields;      ///< kRow
  bool angle = false;          ///< written with <...> (Hive style)
  bool postfix_array = false;  ///< `T ARRAY`

  /// kTimestamp/kTime: the precision as written, empty when absent.
  std::string_view precision() const {
    return (type == TypeKind::kTimestamp || type == TypeKind::kTime) && !numbers.empty()
               ? numbers[0]
               : std::string_view();
  }
  /// Postfix kArray: the bound of `T ARRAY[n]`, empty when absent.
  std::string_view array_bound() const {
    return type == TypeKind::kArray && !numbers.empty() ? numbers[0] : std::string_view();
  }
};

} // namespace athena::sql
