#pragma once

// AST nodes for expressions and types. See parser/ast.h for the ownership rules.

#include "parser/ast_node.h"

namespace athena::sql {

// ---------------------------------------------------------------------------------------------
// Expressions

struct NameRef;

/// The parts of a NameRef, as Identifiers made on access (by value).
class NameParts {
public:
  explicit NameParts(const NameRef& ref) : ref_(&ref) {}
  [[nodiscard]] size_t size() const;
  [[nodiscard]] bool empty() const { return size() == 0; }
  Identifier operator[](size_t i) const;

  class Iterator {
  public:
    using value_type = Identifier;
    using difference_type = std::ptrdiff_t;
    Iterator() = default;
    Iterator(const NameParts* parts, size_t i) : parts_(parts), i_(i) {}
    Identifier operator*() const { return (*parts_)[i_]; }
    Iterator& operator++() {
      ++i_;
      return *this;
    }
    Iterator operator++(int) {
      Iterator old = *this;
      ++i_;
      return old;
    }
    friend bool operator==(const Iterator& a, const Iterator& b) { return a.i_ == b.i_; }

  private:
    const NameParts* parts_ = nullptr;
    size_t i_ = 0;
  };
  /// The standard library's name for it.
  using iterator = Iterator;
  [[nodiscard]] Iterator begin() const { return {this, 0}; }
  [[nodiscard]] Iterator end() const { return {this, size()}; }

private:
  const NameRef* ref_;
};

/// `a`, `t.a`, `s.t.a`: a column or a dotted path starting with an identifier. Which part is the
/// column (or a struct field) is for name resolution to decide. In 16 bytes, and 8 more for each
/// part after the first: the other parts' spans follow the node (only the parser makes it); the
/// first part spans [span.begin, first_end). Tokens are in the source text (`source`).
struct NameRef : Expr {
  ATHENA_SQL_NODE(NameRef)
  static constexpr size_t kMaxParts = UINT16_MAX;
  uint16_t count = 0;
  uint32_t first_end = 0;
  SourceRef source;

  [[nodiscard]] NameParts parts() const { return NameParts(*this); }
};
static_assert(sizeof(NameRef) == 20, "NameRef's tail starts 4-byte aligned");

inline size_t NameParts::size() const {
  return ref_->count;
}

inline Identifier NameParts::operator[](size_t i) const {
  Identifier id;
  if (i == 0) {
    id.span = {ref_->span.begin, ref_->first_end};
  } else {
    std::memcpy(&id.span, reinterpret_cast<const Span*>(ref_ + 1) + (i - 1), sizeof(Span));
  }
  id.token = ref_->source.text() + id.span.begin;
  return id;
}

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

/// A literal in 16 bytes: its kind and span; its token starts the span, in the source text
/// (`source`), and its length follows from the span (which, for
/// `U&'...' UESCAPE 'c'`, also covers the UESCAPE clause). Only valid in its arena: a copy
/// elsewhere could not find its text, so literals are not copied.
struct Literal : Expr {
  ATHENA_SQL_NODE(Literal)
  LiteralKind literal = LiteralKind::kNull;
  char uescape = 0; ///< the escape character given by `U&'...' UESCAPE 'c'`, else 0
  SourceRef source;

  Literal() = default;
  Literal(const Literal&) = delete;
  Literal& operator=(const Literal&) = delete;

  /// The token's first byte.
  [[nodiscard]] const char* token() const { return source.text() + span.begin; }

  /// The token as written (quotes included for strings).
  [[nodiscard]] std::string_view text() const;
  /// For string literals: the value with quotes removed and '' unescaped (U& escapes kept).
  [[nodiscard]] std::string value() const;
};

/// `DATE '2020-01-01'`, `DECIMAL '1.2'`, `JSON '{}'`: any `identifier 'string'`, and
/// `DOUBLE PRECISION 'string'` (then type_name() is `DOUBLE`). In 28 bytes: the string is held
/// in place and the type name, which starts the node's span, by its length.
struct TypedLiteral : Expr {
  ATHENA_SQL_NODE(TypedLiteral)
  bool double_precision = false;
  uint16_t type_length = 0; ///< bytes of the type name's token
  Literal value;

  [[nodiscard]] Identifier type_name() const {
    Identifier id;
    id.token = value.source.text() + span.begin;
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
  Ref<Expr> operand;
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
  Ref<Expr> left;
  Ref<Expr> right;
};

/// `x IS [NOT] NULL`
struct IsNull : Expr {
  ATHENA_SQL_NODE(IsNull)
  bool negated = false;
  Ref<Expr> value;
};

/// `x IS [NOT] DISTINCT FROM y`
struct IsDistinctFrom : Expr {
  ATHENA_SQL_NODE(IsDistinctFrom)
  bool negated = false;
  Ref<Expr> left;
  Ref<Expr> right;
};

/// `x [NOT] BETWEEN low AND high`
struct Between : Expr {
  ATHENA_SQL_NODE(Between)
  bool negated = false;
  Ref<Expr> value;
  Ref<Expr> low;
  Ref<Expr> high;
};

/// `x [NOT] IN (a, b)`
struct InList : Expr {
  ATHENA_SQL_NODE(InList)
  bool negated = false;
  Ref<Expr> value;
  RList<Expr*> items;
};

/// `x [NOT] IN (query)`
struct InSubquery : Expr {
  ATHENA_SQL_NODE(InSubquery)
  bool negated = false;
  Ref<Expr> value;
  Ref<Query> query;
};

/// `x [NOT] LIKE pattern [ESCAPE e]`
struct Like : Expr {
  ATHENA_SQL_NODE(Like)
  bool negated = false;
  Ref<Expr> value;
  Ref<Expr> pattern;
  Ref<Expr> escape;
};

/// `EXISTS (query)`
struct Exists : Expr {
  ATHENA_SQL_NODE(Exists)
  Ref<Query> query;
};

enum class Quantifier : uint8_t { kAll, kAny, kSome };

/// `x = ANY (query)`
struct QuantifiedComparison : Expr {
  ATHENA_SQL_NODE(QuantifiedComparison)
  BinaryOp op = BinaryOp::kEq;
  Quantifier quantifier = Quantifier::kAny;
  Ref<Expr> value;
  Ref<Query> query;
};

/// `(query)` used as a value.
struct SubqueryExpr : Expr {
  ATHENA_SQL_NODE(SubqueryExpr)
  Ref<Query> query;
};

/// `WHEN condition THEN result`
struct WhenClause : Node {
  ATHENA_SQL_NODE(WhenClause)
  Ref<Expr> condition;
  Ref<Expr> result;
};

/// Simple (`operand` set) or searched CASE.
struct Case : Expr {
  ATHENA_SQL_NODE(Case)
  Ref<Expr> operand;
  RList<WhenClause*> whens;
  Ref<Expr> else_result;
};

/// `CAST(x AS type)` / `TRY_CAST(x AS type)`
struct Cast : Expr {
  ATHENA_SQL_NODE(Cast)
  bool is_try = false;
  Ref<Expr> value;
  Ref<TypeExpr> type;
};

/// `EXTRACT(field FROM x)`
struct Extract : Expr {
  ATHENA_SQL_NODE(Extract)
  Identifier field;
  Ref<Expr> value;
};

/// `x AT TIME ZONE zone` (zone is a string or interval literal) or `x AT LOCAL` (zone null).
struct AtTimeZone : Expr {
  ATHENA_SQL_NODE(AtTimeZone)
  Ref<Expr> value;
  Ref<Expr> zone;
};

/// `base[index]`
struct Subscript : Expr {
  ATHENA_SQL_NODE(Subscript)
  Ref<Expr> base;
  Ref<Expr> index;
};

/// `base.field` where base is not a plain name (`f(x).a`, `a[1].b`, `(r).c`).
struct FieldAccess : Expr {
  ATHENA_SQL_NODE(FieldAccess)
  Ref<Expr> base;
  Identifier field;
};

/// `x -> body`, `(x, y) -> body`
struct Lambda : Expr {
  ATHENA_SQL_NODE(Lambda)
  bool parenthesized = false;
  RList<Identifier> params;
  Ref<Expr> body;
};

/// `ORDER BY` item.
enum class Ordering : uint8_t { kDefault, kAsc, kDesc };
enum class NullOrdering : uint8_t { kDefault, kFirst, kLast };

struct SortItem : Node {
  ATHENA_SQL_NODE(SortItem)
  Ordering ordering = Ordering::kDefault;
  NullOrdering nulls = NullOrdering::kDefault;
  Ref<Expr> value;
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
  Ref<Expr> offset;
};

/// `ROWS|RANGE|GROUPS [BETWEEN] start [AND end]`
struct Measure;
struct RowPattern;
struct SubsetDef;
struct VariableDef;
enum class SkipTo : uint8_t; // ast_query.h

/// A frame, with Trino's row pattern recognition around it: `[MEASURES e AS m, ...] frame
/// [AFTER MATCH skip] [INITIAL | SEEK] [PATTERN (p)] [SUBSET s = (a, b), ...]
/// [DEFINE v AS cond, ...]`, in the nodes MATCH_RECOGNIZE uses (ast_query.h).
struct WindowFrame : Node {
  ATHENA_SQL_NODE(WindowFrame)
  FrameType type = FrameType::kRows;
  SkipTo skip{}; ///< SkipTo::kDefault without AFTER MATCH
  bool initial = false;
  bool seek = false;
  Ref<FrameBound> start;
  Ref<FrameBound> end; ///< null without BETWEEN
  RList<Measure*> measures;
  Identifier skip_variable;
  Ref<RowPattern> pattern; ///< null without PATTERN
  RList<SubsetDef*> subsets;
  RList<VariableDef*> defines;
};

/// `[existing] [PARTITION BY ...] [ORDER BY ...] [frame]`
struct WindowSpec : Node {
  ATHENA_SQL_NODE(WindowSpec)
  Identifier existing;
  RList<Expr*> partition_by;
  RList<SortItem*> order_by;
  Ref<WindowFrame> frame;
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
  Ref<Expr> value;
};

/// The less common parts of a function call, kept out of line so that plain calls take 48 bytes.
struct FunctionCallExtras {
  RList<SortItem*> order_by;     ///< `f(x ORDER BY y)`
  RList<SortItem*> within_group; ///< `WITHIN GROUP (ORDER BY ...)`
  Ref<Expr> filter;              ///< `FILTER (WHERE ...)`
  Identifier window_name;        ///< `OVER w`
  Ref<WindowSpec> window;        ///< `OVER (...)`
  Identifier star_label;         ///< `t` of `count(t.*)`
  bool is_listagg = false;
  ListaggOverflow overflow = ListaggOverflow::kDefault;
  bool overflow_with_count = false;
  Ref<Literal> overflow_filler; ///< `TRUNCATE '...'`
  bool measure = false;         ///< `m OVER w`: a row pattern measure, written without `()`
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
  RList<Expr*> args;
  Ref<FunctionCallExtras> extras;

  [[nodiscard]] List<SortItem*> order_by() const {
    return extras ? extras->order_by : List<SortItem*>();
  }
  [[nodiscard]] List<SortItem*> within_group() const {
    return extras ? extras->within_group : List<SortItem*>();
  }
  [[nodiscard]] Expr* filter() const { return extras ? extras->filter.get() : nullptr; }
  [[nodiscard]] Identifier window_name() const {
    return extras ? extras->window_name : Identifier();
  }
  [[nodiscard]] WindowSpec* window() const { return extras ? extras->window.get() : nullptr; }
  [[nodiscard]] Identifier star_label() const { return extras ? extras->star_label : Identifier(); }
  /// True when the call has an OVER clause.
  [[nodiscard]] bool is_window() const {
    return extras != nullptr && (extras->window != nullptr || !extras->window_name.empty());
  }
};

/// `ARRAY[a, b]`
struct ArrayConstructor : Expr {
  ATHENA_SQL_NODE(ArrayConstructor)
  RList<Expr*> items;
};

/// `ROW(a, b)` (explicit) or `(a, b)`.
struct RowConstructor : Expr {
  ATHENA_SQL_NODE(RowConstructor)
  bool explicit_row = false;
  RList<Expr*> items;
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
  Ref<Expr> needle;
  Ref<Expr> haystack;
};

enum class TrimSpec : uint8_t { kDefault, kBoth, kLeading, kTrailing };

/// `TRIM([spec] [chars] FROM source)` or `TRIM(source, chars)` (comma_form).
struct Trim : Expr {
  ATHENA_SQL_NODE(Trim)
  TrimSpec spec = TrimSpec::kDefault;
  bool comma_form = false;
  bool has_from = false;
  Ref<Expr> chars;
  Ref<Expr> source;
};

/// `SUBSTRING(x FROM a [FOR b])` (the comma form is a plain FunctionCall).
struct Substring : Expr {
  ATHENA_SQL_NODE(Substring)
  Ref<Expr> value;
  Ref<Expr> from;
  Ref<Expr> length;
};

/// `NORMALIZE(x [, form])`
struct Normalize : Expr {
  ATHENA_SQL_NODE(Normalize)
  Ref<Expr> value;
  Identifier form;
};

/// `expr [FORMAT JSON [ENCODING e]] AS name` in PASSING.
struct JsonArgument : Node {
  ATHENA_SQL_NODE(JsonArgument)
  Ref<Expr> value;
  std::string_view format; ///< "JSON", "JSON ENCODING UTF8", ... canonical; empty when absent
  Identifier name;
};

enum class JsonFunctionKind : uint8_t { kQuery, kValue, kExists };

/// JSON_QUERY / JSON_VALUE / JSON_EXISTS. The clauses are kept as canonical keyword text
/// (`WITH CONDITIONAL ARRAY`, `OMIT QUOTES ON SCALAR STRING`, `NULL`, `EMPTY ARRAY`).
struct JsonFunction : Expr {
  ATHENA_SQL_NODE(JsonFunction)
  JsonFunctionKind function = JsonFunctionKind::kQuery;
  Ref<Expr> input;
  std::string_view input_format;
  Ref<Literal> path;
  Identifier path_name;
  RList<JsonArgument*> passing;
  Ref<TypeExpr> returning;
  std::string_view returning_format;
  std::string_view wrapper;  ///< e.g. "WITH ARRAY"
  std::string_view quotes;   ///< e.g. "OMIT QUOTES ON SCALAR STRING"
  std::string_view on_empty; ///< "NULL", "ERROR", "EMPTY ARRAY", "EMPTY OBJECT", "DEFAULT"
  Ref<Expr> on_empty_default;
  std::string_view on_error; ///< as on_empty, or TRUE/FALSE/UNKNOWN for JSON_EXISTS
  Ref<Expr> on_error_default;
};

/// `[KEY] k VALUE v [FORMAT JSON]` or `k : v`.
struct JsonObjectMember : Node {
  ATHENA_SQL_NODE(JsonObjectMember)
  bool colon_form = false;
  bool key_keyword = false;
  Ref<Expr> key;
  Ref<Expr> value;
  std::string_view format;
};

/// JSON_OBJECT(...). `null_clause` is "NULL ON NULL"/"ABSENT ON NULL"; `unique_clause`
/// "WITH UNIQUE KEYS"/"WITHOUT UNIQUE KEYS".
struct JsonObject : Expr {
  ATHENA_SQL_NODE(JsonObject)
  RList<JsonObjectMember*> members;
  std::string_view null_clause;
  std::string_view unique_clause;
  Ref<TypeExpr> returning;
  std::string_view returning_format;
};

/// JSON_ARRAY(...); each element's FORMAT is in `formats` (parallel to `items`).
struct JsonArray : Expr {
  ATHENA_SQL_NODE(JsonArray)
  RList<JsonArgument*> items; ///< `name` unused
  std::string_view null_clause;
  Ref<TypeExpr> returning;
  std::string_view returning_format;
};

/// `GROUPING(a, b)`
struct GroupingOperation : Expr {
  ATHENA_SQL_NODE(GroupingOperation)
  RList<QualifiedName*> columns;
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
  Ref<TypeExpr> type;
  std::string_view comment; ///< Hive `COMMENT 'x'` token, if any
};

/// A type. Parameters of kNamed are integer tokens (`numbers`) or types (`params`).
struct TypeExpr : Node {
  ATHENA_SQL_NODE(TypeExpr)
  TypeKind type = TypeKind::kNamed;
  IntervalField from = IntervalField::kNone; ///< kInterval
  IntervalField to = IntervalField::kNone;
  TimeZoneSpec zone = TimeZoneSpec::kDefault; ///< kTimestamp/kTime
  bool angle = false;                         ///< written with <...> (Hive style)
  bool postfix_array = false;                 ///< `T ARRAY`
  Identifier name;         ///< kNamed; also the keyword of kArray/kMap/kRow as written
  RList<TypeExpr*> params; ///< kNamed type parameters that are types; else nullptr
  /// kNamed: parallel to params, the integer text where params[i] is null. kTimestamp/kTime:
  /// the precision, if given. Postfix kArray: the bound of `T ARRAY[n]`, if given.
  RList<std::string_view> numbers;
  Ref<TypeExpr> element;   ///< kArray
  Ref<TypeExpr> key;       ///< kMap
  Ref<TypeExpr> value;     ///< kMap
  RList<RowField*> fields; ///< kRow

  /// kTimestamp/kTime: the precision as written, empty when absent.
  [[nodiscard]] std::string_view precision() const {
    return (type == TypeKind::kTimestamp || type == TypeKind::kTime) && !numbers.empty()
               ? numbers[0]
               : std::string_view();
  }
  /// Postfix kArray: the bound of `T ARRAY[n]`, empty when absent.
  [[nodiscard]] std::string_view array_bound() const {
    return type == TypeKind::kArray && !numbers.empty() ? numbers[0] : std::string_view();
  }
};

} // namespace athena::sql
