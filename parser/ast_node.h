#pragma once

// The AST of Athena SQL: spans, lists, identifiers, node kinds and the Node base. The node
// types are in ast_expr.h, ast_query.h and ast_statement.h; parser/ast.h includes them all.
//
// Ownership (what outlives what):
//   | object                          | valid while                                        |
//   |---------------------------------|----------------------------------------------------|
//   | source text given to parse()    | the caller keeps it alive; every view points in it |
//   | ParseResult (parser/parser.h)   | owns the Arena holding every node and List below   |
//   | Node*, List<T>, Identifier      | the ParseResult and the source text are both alive |
//   | std::string from name()/value() | independent copies                                 |
//
// Every node has an exact byte span [begin, end) into the source text. Nodes are plain structs:
// walk them by switching on `kind` and casting with `as<T>()` / `dyn<T>()`. Optional children
// are nullptr when absent; optional lists are empty.
//
// Memory: a node refers to its children by 32-bit offsets (Ref<T>, RList<T>), read as T* and
// List<T>; literals and name references find their text through a Ref to their arena's header
// (SourceRef). So nodes stay where the parser put them: they cannot be copied out of their arena.

#include <cassert>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

#include "parser/arena.h"

namespace athena::sql {

/// A half-open byte range [begin, end) in the source text.
struct Span {
  uint32_t begin = 0;
  uint32_t end = 0;
};

/// A view of an array living in the parse result's arena, in one word. Elements are 8-byte
/// aligned, which leaves the pointer's low 3 bits free: they hold a count of 1 to 7; longer lists
/// (tag 0) keep their count in the 4 bytes right before the first element. An empty list is a
/// null pointer. Nodes store lists as RList (4 bytes); List is how they are read.
template <class T> class List {
public:
  [[nodiscard]] T* begin() const { return address_to_pointer<T>(bits_ & ~kTagMask); }
  [[nodiscard]] T* end() const { return begin() + size(); }
  [[nodiscard]] size_t size() const {
    if (bits_ == 0) return 0;
    if ((bits_ & kTagMask) != 0) return bits_ & kTagMask;
    uint32_t n;
    std::memcpy(&n, address_to_pointer<const char>(bits_) - sizeof n, sizeof n);
    return n;
  }
  [[nodiscard]] bool empty() const { return bits_ == 0; }
  T& operator[](size_t i) const { return begin()[i]; }

  /// A list of `n` uninitialised elements, storage from `allocate(bytes, align)`.
  template <class Alloc> static List make(size_t n, Alloc&& allocate) {
    static_assert(alignof(T) <= kHeader);
    List out;
    if (n == 0) return out;
    if (n <= kInlineCount) {
      out.bits_ = reinterpret_cast<uintptr_t>(allocate(kElementSize * n, kHeader)) | n;
      return out;
    }
    char* p = static_cast<char*>(allocate(kHeader + kElementSize * n, kHeader));
    const auto count = static_cast<uint32_t>(n);
    std::memcpy(p + kHeader - sizeof count, &count, sizeof count);
    out.bits_ = reinterpret_cast<uintptr_t>(p + kHeader);
    return out;
  }
  /// A list over `n` elements stored elsewhere (8-byte aligned); when n > 7 the 4 bytes right
  /// before `first` must hold n, as a node's count field placed just before its trailing
  /// elements does.
  static List adopt(const T* first, size_t n) {
    List out;
    if (n != 0) out.bits_ = reinterpret_cast<uintptr_t>(first) | (n <= kTagMask ? n : 0);
    return out;
  }

private:
  template <class> friend class RList;
  static constexpr uintptr_t kTagMask = 7;
  static constexpr size_t kHeader = 8;
  // NOLINTNEXTLINE(bugprone-sizeof-expression): lists of node pointers store the pointers.
  static constexpr size_t kElementSize = sizeof(T);
  // Lists made here keep their count before the elements from 4 elements on, as RList needs.
  static constexpr size_t kInlineCount = 3;
  uintptr_t bits_ = 0;
};

namespace arena_offset {
/// The signed distance from `from` to `to` (both in one arena, so it fits in 32 bits).
inline int32_t between(const void* from, const void* to) {
  return static_cast<int32_t>(reinterpret_cast<intptr_t>(to) - reinterpret_cast<intptr_t>(from));
}
/// The address `offset` bytes from `from`.
template <class T> T* apply(const void* from, int32_t offset) {
  return address_to_pointer<T>(static_cast<uintptr_t>(reinterpret_cast<intptr_t>(from) + offset));
}
} // namespace arena_offset

/// A pointer to another object of the same arena, in 4 bytes: the signed distance from the Ref
/// itself to its target, 0 for null. Every arena is one contiguous reservation of at most
/// 2 GiB (parser/arena.h), so the distance always fits. Node fields are Refs; read one as the
/// T* it converts to. A Ref cannot be copied: a copy placed elsewhere would point elsewhere.
template <class T> class Ref {
public:
  Ref() = default;
  Ref(const Ref&) = delete;
  Ref& operator=(const Ref& other) { return *this = other.get(); }
  Ref& operator=(T* p) {
    off_ = p == nullptr ? 0 : arena_offset::between(this, p);
    return *this;
  }
  [[nodiscard]] T* get() const { return off_ == 0 ? nullptr : arena_offset::apply<T>(this, off_); }
  operator T*() const { return get(); }
  T* operator->() const { return get(); }

private:
  int32_t off_ = 0;
};

/// A list stored in a node, in 4 bytes: the signed distance to its first element, whose low 2
/// bits (free, as elements and RLists are 4-byte aligned) hold a count of 1 to 3; longer lists
/// keep their count before the elements, as List::make places it. Read it as a List.
template <class T> class RList {
public:
  RList() = default;
  RList(const RList&) = delete;
  RList& operator=(const RList& other) { return *this = other.view(); }
  RList& operator=(List<T> list) {
    const size_t n = list.size();
    if (n == 0) {
      bits_ = 0;
      return *this;
    }
    bits_ = arena_offset::between(this, list.begin()) | static_cast<int32_t>(n <= kTagMask ? n : 0);
    return *this;
  }
  [[nodiscard]] List<T> view() const {
    if (bits_ == 0) return {};
    const T* first = arena_offset::apply<const T>(this, bits_ & ~kTagMask);
    auto n = static_cast<size_t>(bits_ & kTagMask);
    if (n == 0) {
      uint32_t count;
      std::memcpy(&count, reinterpret_cast<const char*>(first) - sizeof count, sizeof count);
      n = count;
    }
    return List<T>::adopt(first, n);
  }
  operator List<T>() const { return view(); }
  [[nodiscard]] T* begin() const { return view().begin(); }
  [[nodiscard]] T* end() const { return view().end(); }
  [[nodiscard]] size_t size() const { return view().size(); }
  [[nodiscard]] bool empty() const { return bits_ == 0; }
  T& operator[](size_t i) const { return view().begin()[i]; }

private:
  static constexpr int32_t kTagMask = 3;
  int32_t bits_ = 0;
};

/// A node's way to its source text, in 4 bytes: a Ref to its arena's header.
class SourceRef {
public:
  SourceRef& operator=(const ArenaHeader* header) {
    header_ = header;
    return *this;
  }
  /// The source text's first byte.
  [[nodiscard]] const char* text() const { return header_.get()->source; }

private:
  Ref<const ArenaHeader> header_;
};

/// How an identifier was written.
enum class QuoteStyle : uint8_t { kNone, kDouble, kBacktick };

/// An identifier in 16 bytes: where its token starts in the source, and its span (quotes
/// included). text() is the name as written without the quotes (escapes kept). Absent
/// identifiers are empty (no token, zero-length span).
struct Identifier {
  const char* token = nullptr; ///< the token's first byte: its opening quote when quoted
  Span span;

  [[nodiscard]] bool empty() const { return span.end == span.begin; }
  /// How it was quoted: an unquoted identifier never starts with a quote character.
  [[nodiscard]] QuoteStyle quote() const {
    if (empty()) return QuoteStyle::kNone;
    return *token == '"'   ? QuoteStyle::kDouble
           : *token == '`' ? QuoteStyle::kBacktick
                           : QuoteStyle::kNone;
  }
  [[nodiscard]] bool quoted() const { return quote() != QuoteStyle::kNone; }
  /// The text between the quotes (or the whole token when unquoted), escapes kept.
  [[nodiscard]] std::string_view text() const {
    if (empty()) return {};
    const size_t n = span.end - span.begin;
    return quoted() ? std::string_view(token + 1, n - 2) : std::string_view(token, n);
  }
  /// The name as Athena compares it: quotes removed, doubled quotes unescaped, lowercased.
  [[nodiscard]] std::string name() const;
  /// The identifier as written, with its quotes.
  [[nodiscard]] std::string sql() const;
};

/// A dotted name such as `catalog.schema.table`, as nodes store it.
struct QualifiedName {
  RList<Identifier> parts;

  QualifiedName& operator=(List<Identifier> list) {
    parts = list;
    return *this;
  }

  [[nodiscard]] bool empty() const { return parts.empty(); }
  /// From the first part's start to the last part's end.
  [[nodiscard]] Span span() const {
    return empty() ? Span{} : Span{parts[0].span.begin, parts[parts.size() - 1].span.end};
  }
  /// The parts' name()s joined with '.'.
  [[nodiscard]] std::string name() const;
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
  X(JsonTable)                                                                                     \
  X(JsonTableColumn)                                                                               \
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
  X(Grant)                                                                                         \
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
  // Declared (not an aggregate, so not "POD for layout"): a node type's first small fields
  // then fill the 3 bytes after `kind` instead of padding.
  Node() = default;
  Span span;
  NodeKind kind{};

  /// Unchecked downcast; asserts the kind in builds with assertions (Debug, Checked). Bases
  /// without a kind of their own (Expr, Statement, ...) are not checked.
  template <class T> [[nodiscard]] T* as() {
    if constexpr (requires { T::kKind; }) assert(kind == T::kKind);
    return static_cast<T*>(this);
  }
  template <class T> [[nodiscard]] const T* as() const {
    if constexpr (requires { T::kKind; }) assert(kind == T::kKind);
    return static_cast<const T*>(this);
  }
  /// Checked downcast: nullptr when this node is not a T.
  template <class T> [[nodiscard]] T* dyn() {
    return kind == T::kKind ? static_cast<T*>(this) : nullptr;
  }
  template <class T> [[nodiscard]] const T* dyn() const {
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

} // namespace athena::sql
