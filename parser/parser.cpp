// The parser's driver: statement loop, token helpers and diagnostics.
#include "parser/parser.h"

#include <algorithm>

#include "parser/lexer.h"
#include "parser/parser_impl.h"
#include "parser/source_location.h"

namespace athena::sql {
namespace detail {

std::string describe_token(std::string_view source, const Token& t) {
  if (t.type == Tok::kEnd) return "end of input";
  std::string_view s = t.text(source);
  constexpr size_t kMax = 40;
  std::string out = "'";
  out.append(s.substr(0, kMax));
  if (s.size() > kMax) out += "...";
  out += "'";
  return out;
}

void Parser::fail_at(uint32_t offset, std::string message) const {
  throw ParseError{offset, std::move(message)};
}

void Parser::fail_expected(std::string_view what) const {
  const Token t = tok();
  if (t.type == Tok::kError) {
    switch (t.error) {
    case LexError::kUnterminatedString:
      fail_at(t.begin, "unterminated string literal");
    case LexError::kUnterminatedIdentifier:
      fail_at(t.begin, "unterminated quoted identifier");
    case LexError::kUnterminatedComment:
      fail_at(t.begin, "unterminated comment");
    case LexError::kUnexpectedCharacter:
    case LexError::kNone:
      break;
    }
    fail_at(t.begin, "unexpected character " + describe_token(src_, t));
  }
  std::string msg = "expected ";
  msg += what;
  msg += ", found ";
  msg += describe_token(src_, t);
  fail_at(t.begin, std::move(msg));
}

void Parser::expect(Tok t) {
  if (!accept(t)) fail_expected(token_type_name(t));
}

void Parser::expect_kw(Kw k) {
  if (accept_kw(k)) return;
  std::string what = "'";
  what += keyword_text(k);
  what += "'";
  fail_expected(what);
}

Identifier Parser::ident_from(const Token& t) const {
  if (t.type == Tok::kBackquotedIdent && !caps_.backquoted_identifiers) {
    fail_at(t.begin, "backquoted identifiers are Hive syntax, not Trino; quote with \"...\"");
  }
  if (t.type == Tok::kBackquotedIdent) first_backquote_ = std::min(first_backquote_, t.begin);
  Identifier id;
  id.token = src_.data() + t.begin;
  id.span = {t.begin, t.end()};
  return id;
}

Identifier Parser::parse_identifier() {
  if (!at_identifier()) fail_expected("identifier");
  Identifier id = ident_from(tok());
  advance();
  return id;
}

List<Identifier> Parser::take_idents(size_t mark) {
  List<Identifier> out = copy_list(scratch_.idents, mark);
  scratch_.idents.resize(mark);
  return out;
}

List<std::string_view> Parser::take_views(size_t mark) {
  List<std::string_view> out = copy_list(scratch_.views, mark);
  scratch_.views.resize(mark);
  return out;
}

size_t Parser::scan_qualified_name() {
  size_t m = ident_mark();
  scratch_.idents.push_back(parse_identifier());
  while (at(Tok::kDot) && is_identifier(peek())) {
    advance();
    scratch_.idents.push_back(parse_identifier());
  }
  return m;
}

List<Identifier> Parser::parse_qualified_name() {
  return take_idents(scan_qualified_name());
}

NameRef* Parser::make_name_ref(size_t mark) {
  const size_t n = scratch_.idents.size() - mark;
  const Identifier* ids = scratch_.idents.data() + mark;
  if (n > NameRef::kMaxParts) {
    fail_at(ids[NameRef::kMaxParts].span.begin, "a dotted name has too many parts");
  }
  void* p = arena_.allocate(sizeof(NameRef) + (n - 1) * sizeof(Span), alignof(NameRef));
  auto* ref = init(new (p) NameRef(), ids[0].span.begin);
  ref->count = static_cast<uint16_t>(n);
  ref->first_end = ids[0].span.end;
  auto* tail = reinterpret_cast<Span*>(ref + 1);
  for (size_t i = 1; i < n; ++i)
    new (&tail[i - 1]) Span(ids[i].span);
  scratch_.idents.resize(mark);
  return finish(ref);
}

List<Identifier> Parser::parse_identifier_list() {
  expect(Tok::kLParen);
  size_t m = ident_mark();
  do {
    scratch_.idents.push_back(parse_identifier());
  } while (accept(Tok::kComma));
  expect(Tok::kRParen);
  return take_idents(m);
}

bool Parser::at_implicit_alias() const {
  const Token t = tok();
  if (!is_identifier(t)) return false;
  if (t.type != Tok::kIdent) return true;
  switch (t.kw) {
  // Non-reserved words that start a clause where an alias could stand.
  case Kw::kLimit:
  case Kw::kOffset:
  case Kw::kFetch:
  case Kw::kWindow:
  case Kw::kTablesample:
  case Kw::kMatchRecognize:
    return false;
  case Kw::kLateral: // Hive's `LATERAL VIEW`
    return !(peek(1).type == Tok::kIdent && peek(1).kw == Kw::kView);
  default:
    return true;
  }
}

void Parser::hive_form(uint32_t offset, std::string_view construct) {
  if (!caps_.hive_dml) {
    fail_at(offset, std::string(construct) +
                        " is Hive SQL, which this dialect does not accept (use --dialect hive)");
  }
  hive_forms_.push_back(
      ParseError{offset, std::string(construct) + " is Hive SQL, not Athena or Trino SQL"});
}

Parser::ParenGroup Parser::paren_group(size_t i) {
  const uint32_t at = token_at(i).begin;
  if (auto it = groups_.find(at); it != groups_.end()) return it->second;
  // The scan records every group it passes, so nested lookups never scan again (hostile
  // nesting stays linear).
  std::vector<uint32_t> open;
  uint32_t just_closed = 0;
  bool pending = false;
  for (size_t k = i;; ++k) {
    const Token& t = token_at(k);
    if (pending) {
      groups_[just_closed] = ParenGroup{true, t};
      pending = false;
      if (open.empty()) break;
    }
    if (t.type == Tok::kEnd) {
      for (uint32_t o : open)
        groups_[o] = ParenGroup{false, t};
      break;
    }
    if (t.type == Tok::kLParen) {
      open.push_back(t.begin);
    } else if (t.type == Tok::kRParen && !open.empty()) {
      just_closed = open.back();
      open.pop_back();
      pending = true;
    }
  }
  return groups_[at];
}

bool Parser::paren_starts_query(size_t i) {
  // `(` SELECT|WITH|VALUES|TABLE is a query. `((...) UNION ...)` is too: walk into nested
  // parentheses and look at what follows the innermost group that starts a query.
  size_t k = i + 1;
  while (token_at(k).type == Tok::kLParen)
    ++k;
  if (!is_query_keyword(token_at(k))) return false;
  if (k == i + 1) return true;
  const Token after = paren_group(i + 1).after;
  if (after.type == Tok::kRParen) return true;
  if (after.type != Tok::kIdent) return false;
  switch (after.kw) {
  case Kw::kUnion:
  case Kw::kExcept:
  case Kw::kIntersect:
  case Kw::kOrder:
  case Kw::kLimit:
  case Kw::kOffset:
  case Kw::kFetch:
    return true;
  default:
    return false;
  }
}

Statement* Parser::parse_single_statement() {
  Statement* s = parse_statement();
  if (!at(Tok::kEnd)) fail_expected("end of statement");
  check_backquotes(s);
  return s;
}

namespace {

// Whether Athena runs `s` on its Trino engine (DML, views, CTAS), not as Hive DDL.
bool runs_as_dml(const Statement* s) {
  switch (s->stmt) {
  case StatementKind::kQuery:
  case StatementKind::kInsert:
  case StatementKind::kCreateTableAsSelect:
  case StatementKind::kCreateView:
  case StatementKind::kCreateMaterializedView:
  case StatementKind::kMerge:
  case StatementKind::kUpdate:
  case StatementKind::kDelete:
  case StatementKind::kUnload:
    return true;
  case StatementKind::kExplain:
    return runs_as_dml(s->as<Explain>()->statement);
  case StatementKind::kPrepare:
    return runs_as_dml(s->as<Prepare>()->statement);
  default:
    return false;
  }
}

} // namespace

void Parser::check_backquotes(const Statement* s) {
  if (first_backquote_ == UINT32_MAX || !runs_as_dml(s)) return;
  if (!caps_.hive_dml) {
    fail_at(first_backquote_, "backquoted identifier in DML is Hive SQL, which this dialect does "
                              "not accept (quote with \"...\" or use --dialect hive)");
  }
  constexpr std::string_view kMessage = "backquoted identifier in DML is Hive SQL, not Athena or "
                                        "Trino SQL";
  // In source order among the statement's other Hive forms.
  auto at = std::find_if(hive_forms_.begin(), hive_forms_.end(),
                         [&](const ParseError& e) { return e.offset > first_backquote_; });
  hive_forms_.insert(at, ParseError{first_backquote_, std::string(kMessage)});
}

Expr* Parser::parse_standalone_expression() {
  Expr* e = parse_expr();
  if (!at(Tok::kEnd)) fail_expected("end of expression");
  return e;
}

namespace {

// The statement kind a failed statement most likely had, from its first words.
StatementKind guess_kind(const TokenStream& toks) {
  Kw a = toks.leading_keyword(0);
  Kw b = toks.leading_keyword(1);
  switch (a) {
  case Kw::kSelect:
  case Kw::kWith:
  case Kw::kValues:
  case Kw::kTable:
    return StatementKind::kQuery;
  case Kw::kInsert:
    return StatementKind::kInsert;
  case Kw::kMerge:
    return StatementKind::kMerge;
  case Kw::kUpdate:
    return StatementKind::kUpdate;
  case Kw::kDelete:
    return StatementKind::kDelete;
  case Kw::kUnload:
    return StatementKind::kUnload;
  case Kw::kDrop:
    return StatementKind::kDrop;
  case Kw::kAlter:
    return StatementKind::kAlterTable;
  case Kw::kExplain:
    return StatementKind::kExplain;
  case Kw::kShow:
    return StatementKind::kShow;
  case Kw::kDescribe:
  case Kw::kDesc:
    return StatementKind::kDescribe;
  case Kw::kMsck:
    return StatementKind::kMsckRepair;
  case Kw::kCreate:
    if (b == Kw::kExternal) return StatementKind::kCreateExternalTable;
    if (b == Kw::kView) return StatementKind::kCreateView;
    return StatementKind::kCreateTable;
  default:
    return StatementKind::kOther;
  }
}

Diagnostic make_diagnostic(const LineIndex& lines, const ParseError& e) {
  Diagnostic d;
  d.message = e.message;
  d.offset = e.offset;
  LineCol lc = lines.at(e.offset);
  d.line = lc.line;
  d.col = lc.col;
  return d;
}

} // namespace
} // namespace detail

DialectCaps dialect_caps(Dialect dialect) {
  DialectCaps caps;
  if (dialect == Dialect::kTrino) {
    caps.backquoted_identifiers = false;
    caps.hive_ddl = false;
    caps.trino_admin = true;
  }
  caps.hive_dml = dialect == Dialect::kHive;
  return caps;
}

size_t ParseResult::failed() const {
  size_t n = 0;
  for (const auto& s : statements_)
    n += s.ok() ? 0 : 1;
  return n;
}

ParseResult parse(std::string_view source, const ParseOptions& options) {
  ParseResult result;
  result.source_ = source;
  result.arena_->set_source(source.data());
  if (source.size() >= UINT32_MAX) {
    ParsedStatement st;
    st.error = Diagnostic{"input is larger than 4 GiB", 0, 1, 1};
    result.statements_.push_back(std::move(st));
    return result;
  }
  TokenStream tokens(source);
  detail::Scratch scratch;
  std::optional<LineIndex> lines; // built on the first error only
  while (tokens.next_statement()) {
    ParsedStatement st;
    detail::Parser parser(source, tokens, *result.arena_, scratch, options.max_depth);
    parser.caps_ = dialect_caps(options.dialect);
    auto fail = [&](const detail::ParseError& e) {
      if (!lines) lines.emplace(source);
      st.error = detail::make_diagnostic(*lines, e);
      st.kind = detail::guess_kind(tokens);
      scratch.nodes.clear();
      scratch.idents.clear();
      scratch.views.clear();
    };
    try {
      st.ast = parser.parse_single_statement();
      st.kind = st.ast->stmt;
      if (!parser.hive_forms_.empty()) {
        if (!lines) lines.emplace(source);
        for (const auto& f : parser.hive_forms_)
          st.hive_forms.push_back(detail::make_diagnostic(*lines, f));
      }
    } catch (const detail::ParseError& e) {
      fail(e);
    } catch (const Arena::ArenaFull& e) {
      fail(detail::ParseError{tokens.begin(), e.what()});
    }
    st.span = {tokens.begin(), tokens.end()};
    result.statements_.push_back(std::move(st));
  }
  result.token_bytes_ = tokens.peak_bytes();
  return result;
}

ExpressionResult parse_expression(std::string_view source, const ParseOptions& options) {
  ExpressionResult result;
  result.arena->set_source(source.data());
  TokenStream tokens(source, /*split=*/false);
  tokens.next_statement();
  detail::Scratch scratch;
  detail::Parser parser(source, tokens, *result.arena, scratch, options.max_depth);
  parser.caps_ = dialect_caps(options.dialect);
  try {
    result.expr = parser.parse_standalone_expression();
  } catch (const detail::ParseError& e) {
    result.error = detail::make_diagnostic(LineIndex(source), e);
  } catch (const Arena::ArenaFull& e) {
    result.error = detail::make_diagnostic(LineIndex(source), detail::ParseError{0, e.what()});
  }
  return result;
}

} // namespace athena::sql
