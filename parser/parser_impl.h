#pragma once

// Internal: the recursive-descent parser shared by parse_*.cpp. Not part of the public API.

#include <new>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "parser/arena.h"
#include "parser/ast.h"
#include "parser/parser.h"
#include "parser/token.h"
#include "parser/token_stream.h"

namespace athena::sql::detail {

/// Thrown inside the parser only; parse() turns it into a Diagnostic.
struct ParseError {
  uint32_t offset;
  std::string message;
};

/// Reusable buffers for building lists without a heap allocation per list.
struct Scratch {
  std::vector<void*> nodes;
  std::vector<Identifier> idents;
  std::vector<std::string_view> views;
};

/// Binding power of operators: ONE table for the whole expression grammar (see infix_info).
enum class Prec : uint8_t {
  kLowest,
  kOr,
  kAnd,
  kNot,
  kPredicate,
  kConcat,
  kAdditive,
  kMultiplicative,
  kUnary,
  kAtTimeZone,
};

class Parser {
public:
  Parser(std::string_view source, TokenStream& tokens, Arena& arena, Scratch& scratch,
         uint32_t max_depth)
      : src_(source), toks_(tokens), arena_(arena), scratch_(scratch), max_depth_(max_depth) {
    cur_ = toks_.at(0);
  }
  Parser(const Parser&) = delete;
  Parser& operator=(const Parser&) = delete;

  /// statement EOF
  Statement* parse_single_statement();
  /// expression EOF
  Expr* parse_standalone_expression();

  // ---- statements (parse_statement.cpp, parse_ddl.cpp, parse_alter.cpp)
  Statement* parse_statement();
  Statement* parse_insert();
  Statement* parse_create();
  Statement* parse_create_table(uint32_t begin, bool or_replace, bool external);
  Statement* parse_create_view(uint32_t begin, bool or_replace, bool materialized);
  Statement* parse_create_schema(uint32_t begin);
  Statement* parse_drop();
  Statement* parse_alter();
  Statement* parse_alter_table(uint32_t begin);
  AlterAction* parse_alter_action();
  Statement* parse_merge();
  Statement* parse_update();
  Statement* parse_delete();
  Statement* parse_unload();
  Statement* parse_explain();
  Statement* parse_describe();
  Statement* parse_show();
  Statement* parse_utility();
  Statement* parse_grant(); ///< GRANT, REVOKE, DENY (parse_grant.cpp)
  Principal parse_principal(bool grantor);
  /// CREATE ROLE / CREATE CATALOG (after CREATE), DROP ROLE (after DROP), SET ROLE (after SET):
  /// Trino's administration statements (parse_grant.cpp).
  Statement* parse_create_role_or_catalog(uint32_t begin);
  Statement* parse_drop_role(uint32_t begin);
  Statement* parse_set_role(uint32_t begin);
  /// Fails unless the dialect runs Trino's administration statements.
  void require_trino_admin(uint32_t begin, std::string_view statement) const;
  Statement* parse_using_external_function();
  List<Property*> parse_properties(); ///< `( name = value, ... )`
  List<Property*> parse_property_assignments();
  List<Property*> parse_string_properties(); ///< Hive `( 'k' = 'v', ... )`
  PartitionSpec* parse_partition_spec();
  ColumnDef* parse_column_def(bool hive);
  RowFormat* parse_row_format();

  // ---- routines (parse_routine.cpp)
  RoutineDef* parse_function_spec(); ///< after FUNCTION
  RoutineStmt* parse_control_statement();
  List<RoutineStmt*> parse_statement_list(); ///< (controlStatement ';')+
  RoutineParam* parse_routine_param();

  // ---- queries (parse_query.cpp)
  Query* parse_root_query(); ///< with WITH FUNCTION / WITH SESSION prefixes
  Query* parse_query();
  QueryBody* parse_query_term(int min_prec);
  QueryBody* parse_query_primary();
  Select* parse_select();
  SelectItem* parse_select_item();
  GroupBy* parse_group_by();
  List<SortItem*> parse_sort_items();
  SortItem* parse_sort_item();
  WindowSpec* parse_window_spec(); ///< inside the parentheses
  With* parse_with();

  // ---- relations (parse_relation.cpp)
  Relation* parse_relation();
  Relation* parse_join_tail(Relation* left);
  Relation* parse_lateral_view(Relation* left); ///< Hive's LATERAL VIEW, as a cross join
  Identifier parse_set_target();                ///< UPDATE/MERGE SET column (Hive: qualified)
  Relation* parse_sampled_relation();
  Relation* parse_aliased_relation();
  Relation* parse_relation_primary();
  Relation* parse_match_recognize(Relation* input);
  RowPattern* parse_row_pattern();
  // Row pattern recognition pieces shared by MATCH_RECOGNIZE and window frames.
  List<Measure*> parse_measures();                   ///< after MEASURES
  void parse_skip_to(SkipTo& skip, Identifier& var); ///< after AFTER MATCH SKIP
  List<SubsetDef*> parse_subsets();                  ///< after SUBSET
  List<VariableDef*> parse_defines();                ///< after DEFINE
  RowPattern* parse_row_pattern_concat();
  RowPattern* parse_row_pattern_primary();

  // ---- expressions (parse_expr.cpp, parse_expr_special.cpp)
  Expr* parse_expr(Prec min = Prec::kLowest);
  Expr* parse_value_expr() { return parse_expr(Prec::kConcat); }
  Expr* parse_predicate(Expr* left);
  Expr* parse_primary();
  /// Subscripts and field accesses after a primary that starts at `begin` (its `(`, if any).
  Expr* parse_postfix(Expr* base, uint32_t begin);
  Expr* parse_identifier_expression();
  Expr* parse_function_call(uint32_t begin, List<Identifier> name, ProcessingMode mode);
  void parse_call_suffix(FunctionCall* call);
  Expr* parse_call_argument();
  Expr* parse_special_form(); ///< CAST, EXTRACT, TRIM, ... or nullptr when not one
  Expr* parse_case();
  Expr* parse_interval();
  Expr* parse_json_function(JsonFunctionKind kind);
  /// The clauses after a JSON path invocation (and RETURNING): wrapper, quotes, ON EMPTY, ON ERROR.
  struct JsonBehaviors {
    std::string_view wrapper, quotes, on_empty, on_error;
    Expr* on_empty_default = nullptr;
    Expr* on_error_default = nullptr;
  };
  JsonBehaviors parse_json_behaviors(JsonFunctionKind kind);
  /// `input [FORMAT ...], 'path' [AS name] [PASSING ...]`
  void parse_json_path_invocation(Ref<Expr>& input, std::string_view& format, Ref<Literal>& path,
                                  Identifier& path_name, RList<JsonArgument*>& passing);
  // ---- JSON_TABLE (parse_json_table.cpp)
  Relation* parse_json_table();
  JsonTableColumn* parse_json_table_column();
  void parse_json_table_plan(); ///< jsonTableSpecificPlan, validated only
  void parse_json_plan_primary();
  Expr* parse_json_object();
  Expr* parse_json_array();
  Expr* parse_listagg(uint32_t begin);
  Literal* parse_string_literal(); ///< 'x' or U&'x' [UESCAPE 'c']
  /// A string in Hive DDL: 'x', or "x" where the dialect has Hive DDL (AWS's examples use it).
  Literal* parse_hive_string();
  /// A Hive property value: a string (either quote) or a number.
  Literal* parse_hive_value();
  void string_literal_into(Literal& l); ///< the same, into a literal held by another node
  Literal* parse_literal_token();
  Expr* parse_row_count(); ///< LIMIT/OFFSET/FETCH value: integer or ?
  WindowFrame* parse_window_frame();
  FrameBound* parse_frame_bound();
  void parse_frame_pattern(WindowFrame& frame); ///< row pattern clauses after a frame
  void parse_over(FunctionCall* call);          ///< `OVER w` / `OVER (...)` onto the call
  std::string_view parse_json_format();         ///< [FORMAT JSON [ENCODING x]] as source text

  // ---- types (parse_type.cpp)
  TypeExpr* parse_type();
  TypeExpr* parse_base_type();
  TypeExpr* parse_hive_struct(uint32_t begin, Identifier keyword);
  IntervalField parse_interval_field(std::string_view* text);

  // ---- names and tokens (parser.cpp)
  // The statement is lexed whole (TokenStream); the current token is kept in cur_.
  const Token& tok() const { return cur_; }
  const Token& peek(size_t k = 1) const { return toks_.at(pos_ + k); }
  /// The token at statement position i (Tok::kEnd past the end).
  const Token& token_at(size_t i) const { return toks_.at(i); }
  std::string_view text(const Token& t) const { return t.text(src_); }
  void advance() {
    if (cur_.type != Tok::kEnd) cur_ = toks_.at(++pos_);
  }
  bool at(Tok t) const { return tok().type == t; }
  bool at_kw(Kw k) const { return tok().kw == k && tok().type == Tok::kIdent; }
  bool peek_kw(size_t k, Kw kw) const { return peek(k).kw == kw && peek(k).type == Tok::kIdent; }
  bool accept(Tok t) {
    if (!at(t)) return false;
    advance();
    return true;
  }
  bool accept_kw(Kw k) {
    if (!at_kw(k)) return false;
    advance();
    return true;
  }
  void expect(Tok t);
  void expect_kw(Kw k);
  [[noreturn]] void fail_expected(std::string_view what) const;
  [[noreturn]] void fail_at(uint32_t offset, std::string message) const;
  /// A token that can be an identifier: a bare non-reserved word or a quoted name.
  bool is_identifier(const Token& t) const {
    return t.type == Tok::kQuotedIdent || t.type == Tok::kBackquotedIdent ||
           (t.type == Tok::kIdent && (t.kw == Kw::kNone || hive_names_ || !is_reserved(t.kw)));
  }
  /// While alive, Trino's reserved words are names too: Hive DDL does not reserve them.
  struct HiveNames {
    explicit HiveNames(Parser& parser) : p(parser), saved(parser.hive_names_) {
      p.hive_names_ = true;
    }
    HiveNames(const HiveNames&) = delete;
    HiveNames& operator=(const HiveNames&) = delete;
    ~HiveNames() { p.hive_names_ = saved; }
    Parser& p;
    bool saved;
  };
  bool at_identifier() const { return is_identifier(tok()); }
  Identifier parse_identifier();
  Identifier ident_from(const Token& t) const;
  List<Identifier> parse_qualified_name();
  /// Parses a dotted name onto scratch_.idents; returns the mark where it starts.
  size_t scan_qualified_name();
  /// A NameRef of the idents from `mark` on (its span from the first to the previous token).
  NameRef* make_name_ref(size_t mark);
  List<Identifier> parse_identifier_list(); ///< `( a, b )`
  /// May the current word be an alias written without AS? (Excludes clause words.)
  bool at_implicit_alias() const;
  /// Is the `(` at token index i the start of a subquery rather than an expression/relation?
  bool paren_starts_query(size_t i);
  bool is_query_keyword(const Token& t) const {
    return t.type == Tok::kIdent &&
           (t.kw == Kw::kSelect || t.kw == Kw::kWith || t.kw == Kw::kValues || t.kw == Kw::kTable);
  }
  /// The parenthesised group opened by the `(` at position i: whether it is closed, and the
  /// token after its `)` (Tok::kEnd when the statement ends first).
  struct ParenGroup {
    bool closed = false;
    Token after;
  };
  ParenGroup paren_group(size_t i);
  /// Source text from token index `first` to the previous token's end.
  std::string_view slice_from(uint32_t begin) const {
    return src_.substr(begin, prev_end() - begin);
  }
  uint32_t prev_end() const { return pos_ > 0 ? toks_.at(pos_ - 1).end() : tok().begin; }
  const Token& prev_token() const { return toks_.at(pos_ - 1); }
  size_t position() const { return pos_; }
  /// A position to come back to.
  struct Backtrack {
    Parser& p;
    size_t pos;
    explicit Backtrack(Parser& parser) : p(parser), pos(parser.pos_) {}
    Backtrack(const Backtrack&) = delete;
    Backtrack& operator=(const Backtrack&) = delete;
    void rewind() {
      p.pos_ = pos;
      p.cur_ = p.toks_.at(pos);
    }
  };

  // ---- node construction
  template <class T> T* make(uint32_t begin) { return init(arena_.make<T>(), begin); }
  template <class T> T* init(T* n, uint32_t begin) {
    n->kind = T::kKind;
    if constexpr (requires { T::kStatementKind; }) n->stmt = T::kStatementKind;
    if constexpr (requires { n->source = arena_.header(); }) n->source = arena_.header();
    n->span.begin = begin;
    n->span.end = begin;
    return n;
  }
  /// A node followed by a `Tail` (value-initialised) in one allocation.
  template <class T, class Tail> std::pair<T*, Tail*> make_with_tail(uint32_t begin) {
    static_assert(sizeof(T) % alignof(Tail) == 0, "the tail must start aligned");
    constexpr size_t kAlign = alignof(T) > alignof(Tail) ? alignof(T) : alignof(Tail);
    void* p = arena_.allocate(sizeof(T) + sizeof(Tail), kAlign);
    T* n = init(new (p) T(), begin);
    return {n, new (n + 1) Tail()};
  }
  /// The query's out-of-line parts, made on first use.
  QueryExtras& query_extras(Query* q) {
    if (q->extras == nullptr) q->extras = arena_.make<QueryExtras>();
    return *q->extras;
  }
  /// The call's out-of-line parts, made on first use.
  FunctionCallExtras& call_extras(FunctionCall* call) {
    if (call->extras == nullptr) call->extras = arena_.make<FunctionCallExtras>();
    return *call->extras;
  }
  template <class T> T* finish(T* n) {
    n->span.end = prev_end();
    return n;
  }
  size_t mark() const { return scratch_.nodes.size(); }
  void push(void* n) { scratch_.nodes.push_back(n); }
  /// An arena list of `from[mark, end)`.
  template <class T> List<T> copy_list(const std::vector<T>& from, size_t mark) {
    size_t n = from.size() - mark;
    if (n == 0) return {};
    auto out =
        List<T>::make(n, [&](size_t bytes, size_t align) { return arena_.allocate(bytes, align); });
    for (size_t i = 0; i < n; ++i)
      new (&out.begin()[i]) T(from[mark + i]);
    return out;
  }
  template <class T> List<T*> take(size_t mark) {
    size_t n = scratch_.nodes.size() - mark;
    if (n == 0) return {};
    auto out = List<T*>::make(
        n, [&](size_t bytes, size_t align) { return arena_.allocate(bytes, align); });
    T** data = out.begin();
    for (size_t i = 0; i < n; ++i)
      data[i] = static_cast<T*>(scratch_.nodes[mark + i]);
    scratch_.nodes.resize(mark);
    return out;
  }
  size_t ident_mark() const { return scratch_.idents.size(); }
  List<Identifier> take_idents(size_t mark);
  size_t view_mark() const { return scratch_.views.size(); }
  List<std::string_view> take_views(size_t mark);

  /// Counts nesting; throws past max_depth so hostile input cannot overflow the stack.
  struct DepthGuard {
    Parser& p;
    explicit DepthGuard(Parser& parser) : p(parser) {
      if (++p.depth_ > p.max_depth_) p.fail_at(p.tok().begin, "nesting is too deep");
    }
    ~DepthGuard() { --p.depth_; }
    DepthGuard(const DepthGuard&) = delete;
    DepthGuard& operator=(const DepthGuard&) = delete;
  };

  DialectCaps caps_; ///< set by parse() from ParseOptions::dialect
  /// A Hive/Spark form at `offset`: recorded when the dialect accepts Hive DML, else rejected
  /// with a message naming `construct`.
  void hive_form(uint32_t offset, std::string_view construct);
  std::vector<ParseError> hive_forms_; ///< the Hive forms of this statement
  /// The first backquoted identifier of the statement (UINT32_MAX: none). Athena accepts them
  /// in the Hive DDL it runs, not in the statements its Trino engine runs (DML).
  mutable uint32_t first_backquote_ = UINT32_MAX;
  /// Rejects or records the statement's backquoted identifiers when `s` is DML.
  void check_backquotes(const Statement* s);
  /// Set for the statement-level query that starts with WITH: an INSERT may follow its CTEs.
  bool with_may_precede_insert_ = false;
  /// Whether `t` is the bare word `word` (uppercase ASCII), case-insensitively.
  bool is_word(const Token& t, std::string_view word) const {
    const std::string_view s = text(t);
    if (t.type != Tok::kIdent || s.size() != word.size()) return false;
    for (size_t i = 0; i < s.size(); ++i) {
      const char c = s[i] >= 'a' && s[i] <= 'z' ? static_cast<char>(s[i] - 'a' + 'A') : s[i];
      if (c != word[i]) return false;
    }
    return true;
  }
  std::string_view src_;
  TokenStream& toks_;
  Arena& arena_;
  Scratch& scratch_;
  uint32_t max_depth_;
  uint32_t depth_ = 0;
  bool hive_names_ = false; ///< set by HiveNames
  size_t pos_ = 0;
  Token cur_; ///< the token at pos_
  uint32_t parameters_ = 0;
  std::unordered_map<uint32_t, ParenGroup> groups_; ///< by the byte offset of their '('
};

/// How a token is named in "found ..." messages: `'select'`, `end of input`.
std::string describe_token(std::string_view source, const Token& t);

} // namespace athena::sql::detail
