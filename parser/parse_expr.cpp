// Expressions: precedence climbing over ONE operator table, predicates, primaries, postfix.
#include "parser/parser_impl.h"

namespace athena::sql::detail {
namespace {

struct InfixInfo {
  Prec prec = Prec::kLowest; ///< kLowest: not an infix operator
  BinaryOp op = BinaryOp::kAnd;
};

// The one precedence table (Trino's SqlBase.g4, tightest last):
//   OR < AND < NOT < predicates (= <> < <= > >= IS BETWEEN IN LIKE) < || < + - < * / %
//   < unary + - < AT TIME ZONE
InfixInfo infix_info(const Token& t, const Token& next) {
  switch (t.type) {
  case Tok::kEq:
    return {Prec::kPredicate, BinaryOp::kEq};
  case Tok::kNe:
    return {Prec::kPredicate, BinaryOp::kNe};
  case Tok::kLt:
    return {Prec::kPredicate, BinaryOp::kLt};
  case Tok::kLe:
    return {Prec::kPredicate, BinaryOp::kLe};
  case Tok::kGt:
    return {Prec::kPredicate, BinaryOp::kGt};
  case Tok::kGe:
    return {Prec::kPredicate, BinaryOp::kGe};
  case Tok::kConcat:
    return {Prec::kConcat, BinaryOp::kConcat};
  case Tok::kPlus:
    return {Prec::kAdditive, BinaryOp::kAdd};
  case Tok::kMinus:
    return {Prec::kAdditive, BinaryOp::kSub};
  case Tok::kStar:
    return {Prec::kMultiplicative, BinaryOp::kMul};
  case Tok::kSlash:
    return {Prec::kMultiplicative, BinaryOp::kDiv};
  case Tok::kPercent:
    return {Prec::kMultiplicative, BinaryOp::kMod};
  case Tok::kIdent:
    switch (t.kw) {
    case Kw::kOr:
      return {Prec::kOr, BinaryOp::kOr};
    case Kw::kAnd:
      return {Prec::kAnd, BinaryOp::kAnd};
    case Kw::kIs:
    case Kw::kBetween:
    case Kw::kIn:
    case Kw::kLike:
      return {Prec::kPredicate, BinaryOp::kEq};
    case Kw::kNot:
      if (next.type == Tok::kIdent &&
          (next.kw == Kw::kBetween || next.kw == Kw::kIn || next.kw == Kw::kLike)) {
        return {Prec::kPredicate, BinaryOp::kEq};
      }
      return {};
    case Kw::kAt:
      return {Prec::kAtTimeZone, BinaryOp::kEq};
    default:
      return {};
    }
  default:
    return {};
  }
}

Prec next_prec(Prec p) {
  return static_cast<Prec>(static_cast<int>(p) + 1);
}

} // namespace

Expr* Parser::parse_expr(Prec min) {
  DepthGuard guard(*this);
  const uint32_t begin = tok().begin;
  Expr* left = nullptr;
  if (at_kw(Kw::kNot) && min <= Prec::kNot) {
    advance();
    auto* u = make<Unary>(begin);
    u->op = UnaryOp::kNot;
    u->operand = parse_expr(Prec::kNot);
    left = finish(u);
  } else if ((at(Tok::kMinus) || at(Tok::kPlus)) && min <= Prec::kUnary) {
    auto* u = make<Unary>(begin);
    u->op = at(Tok::kMinus) ? UnaryOp::kMinus : UnaryOp::kPlus;
    advance();
    u->operand = parse_expr(Prec::kUnary);
    left = finish(u);
  } else {
    const uint32_t primary_begin = tok().begin;
    left = parse_postfix(parse_primary(), primary_begin);
  }
  bool predicate_done = false;
  while (true) {
    InfixInfo info = infix_info(tok(), peek());
    if (info.prec == Prec::kLowest || info.prec < min) break;
    if (info.prec == Prec::kPredicate) {
      // Predicates do not chain: `a = b = c` is an error, as in Trino.
      if (predicate_done) break;
      left = parse_predicate(left);
      predicate_done = true;
      continue;
    }
    if (info.prec == Prec::kAtTimeZone) {
      // valueExpression AT (TIME ZONE (interval | string) | LOCAL)
      advance();
      auto* a = make<AtTimeZone>(left->span.begin);
      a->value = left;
      if (!accept_kw(Kw::kLocal)) {
        expect_kw(Kw::kTime);
        expect_kw(Kw::kZone);
        if (at_kw(Kw::kInterval)) {
          a->zone = parse_interval();
        } else {
          a->zone = parse_string_literal();
        }
      }
      left = finish(a);
      continue;
    }
    advance();
    auto* b = make<Binary>(left->span.begin);
    b->op = info.op;
    b->left = left;
    b->right = parse_expr(next_prec(info.prec));
    left = finish(b);
  }
  return left;
}

// predicate
//   : comparisonOperator right=valueExpression
//   | comparisonOperator comparisonQuantifier '(' query ')'
//   | NOT? BETWEEN lower=valueExpression AND upper=valueExpression
//   | NOT? IN '(' expression (',' expression)* ')' | NOT? IN '(' query ')'
//   | NOT? LIKE pattern=valueExpression (ESCAPE escape=valueExpression)?
//   | IS NOT? NULL | IS NOT? DISTINCT FROM right=valueExpression
Expr* Parser::parse_predicate(Expr* left) {
  const uint32_t begin = left->span.begin;
  InfixInfo info = infix_info(tok(), peek());
  if (tok().type != Tok::kIdent) {
    advance();
    // Quantified comparison: `= ANY (SELECT ...)`.
    if ((at_kw(Kw::kAll) || at_kw(Kw::kAny) || at_kw(Kw::kSome)) && peek().type == Tok::kLParen &&
        paren_starts_query(position() + 1)) {
      auto* q = make<QuantifiedComparison>(begin);
      q->op = info.op;
      q->value = left;
      q->quantifier = at_kw(Kw::kAll)   ? Quantifier::kAll
                      : at_kw(Kw::kAny) ? Quantifier::kAny
                                        : Quantifier::kSome;
      advance();
      expect(Tok::kLParen);
      q->query = parse_query();
      expect(Tok::kRParen);
      return finish(q);
    }
    auto* b = make<Binary>(begin);
    b->op = info.op;
    b->left = left;
    b->right = parse_value_expr();
    return finish(b);
  }
  if (accept_kw(Kw::kIs)) {
    bool negated = accept_kw(Kw::kNot);
    if (accept_kw(Kw::kNull)) {
      auto* n = make<IsNull>(begin);
      n->value = left;
      n->negated = negated;
      return finish(n);
    }
    if (accept_kw(Kw::kDistinct)) {
      expect_kw(Kw::kFrom);
      auto* d = make<IsDistinctFrom>(begin);
      d->left = left;
      d->negated = negated;
      d->right = parse_value_expr();
      return finish(d);
    }
    fail_expected("'NULL' or 'DISTINCT FROM'");
  }
  bool negated = accept_kw(Kw::kNot);
  if (accept_kw(Kw::kBetween)) {
    auto* b = make<Between>(begin);
    b->value = left;
    b->negated = negated;
    b->low = parse_value_expr();
    expect_kw(Kw::kAnd);
    b->high = parse_value_expr();
    return finish(b);
  }
  if (accept_kw(Kw::kLike)) {
    auto* l = make<Like>(begin);
    l->value = left;
    l->negated = negated;
    l->pattern = parse_value_expr();
    if (accept_kw(Kw::kEscape)) l->escape = parse_value_expr();
    return finish(l);
  }
  expect_kw(Kw::kIn);
  if (!at(Tok::kLParen)) fail_expected("'('");
  if (paren_starts_query(position())) {
    advance();
    auto* s = make<InSubquery>(begin);
    s->value = left;
    s->negated = negated;
    s->query = parse_query();
    expect(Tok::kRParen);
    return finish(s);
  }
  advance();
  auto* in = make<InList>(begin);
  in->value = left;
  in->negated = negated;
  size_t m = mark();
  do {
    push(parse_expr());
  } while (accept(Tok::kComma));
  expect(Tok::kRParen);
  in->items = take<Expr>(m);
  return finish(in);
}

// Subscripts `a[i]` and field access `a.b` after a primary.
Expr* Parser::parse_postfix(Expr* base, uint32_t begin) {
  while (true) {
    if (at(Tok::kLBracket)) {
      advance();
      auto* s = make<Subscript>(begin);
      s->base = base;
      s->index = parse_value_expr();
      expect(Tok::kRBracket);
      base = finish(s);
    } else if (at(Tok::kDot) && is_identifier(peek())) {
      // Keep dotted names together: `t.addr.city` stays one NameRef for name resolution; but
      // `(x).y` dereferences the value x, so a parenthesised name is not extended.
      auto* n = base->span.end == prev_end() ? base->dyn<NameRef>() : nullptr;
      advance();
      if (n != nullptr) {
        size_t m = ident_mark();
        for (const auto& p : n->parts())
          scratch_.idents.push_back(p);
        scratch_.idents.push_back(parse_identifier());
        base = make_name_ref(m);
        continue;
      }
      auto* f = make<FieldAccess>(begin);
      f->base = base;
      f->field = parse_identifier();
      base = finish(f);
    } else {
      return base;
    }
  }
}

Literal* Parser::parse_literal_token() {
  auto* l = make<Literal>(tok().begin);
  switch (tok().type) {
  case Tok::kInteger:
    l->literal = LiteralKind::kInteger;
    break;
  case Tok::kDecimal:
    l->literal = LiteralKind::kDecimal;
    break;
  case Tok::kDouble:
    l->literal = LiteralKind::kDouble;
    break;
  case Tok::kString:
    l->literal = LiteralKind::kString;
    break;
  case Tok::kBinaryString:
    l->literal = LiteralKind::kBinary;
    break;
  default:
    fail_expected("literal");
  }
  advance();
  return finish(l);
}

Literal* Parser::parse_string_literal() {
  if (at(Tok::kString)) return parse_literal_token();
  auto* l = make<Literal>(tok().begin);
  string_literal_into(*l);
  return l;
}

void Parser::string_literal_into(Literal& l) {
  if (!at(Tok::kString) && !at(Tok::kUnicodeString)) fail_expected("string");
  l.kind = NodeKind::kLiteral;
  l.source = arena_.header();
  l.span.begin = tok().begin;
  l.literal = at(Tok::kString) ? LiteralKind::kString : LiteralKind::kUnicodeString;
  advance();
  if (l.literal == LiteralKind::kUnicodeString && accept_kw(Kw::kUescape)) {
    // UESCAPE takes a one-character string: 'c', or '''' for a quote.
    std::string_view e = at(Tok::kString) ? text(tok()) : std::string_view();
    if (e.size() == 3) {
      l.uescape = e[1];
    } else if (e == "''''") {
      l.uescape = '\'';
    } else {
      fail_expected("one-character string");
    }
    advance();
  }
  l.span.end = prev_end();
}

Expr* Parser::parse_row_count() {
  if (at(Tok::kInteger)) return parse_literal_token();
  if (at(Tok::kQuestion)) {
    auto* p = make<Parameter>(tok().begin);
    p->index = parameters_++;
    advance();
    return finish(p);
  }
  fail_expected("integer or '?'");
}

Expr* Parser::parse_primary() {
  const Token t = tok();
  const uint32_t begin = t.begin;
  switch (t.type) {
  case Tok::kInteger:
  case Tok::kDecimal:
  case Tok::kDouble:
  case Tok::kString:
  case Tok::kBinaryString:
    return parse_literal_token();
  case Tok::kUnicodeString:
    return parse_string_literal();
  case Tok::kQuestion: {
    auto* p = make<Parameter>(begin);
    p->index = parameters_++;
    advance();
    return finish(p);
  }
  case Tok::kLParen: {
    // Lambda `(a, b) -> body` / `() -> body`: identifiers and commas up to `)` then `->`.
    {
      size_t k = position() + 1;
      bool params_ok = true;
      if (token_at(k).type != Tok::kRParen) {
        while (true) {
          if (!is_identifier(token_at(k))) {
            params_ok = false;
            break;
          }
          ++k;
          if (token_at(k).type == Tok::kComma) {
            ++k;
            continue;
          }
          break;
        }
      }
      params_ok =
          params_ok && token_at(k).type == Tok::kRParen && token_at(k + 1).type == Tok::kArrow;
      if (params_ok) {
        advance();
        auto* l = make<Lambda>(begin);
        l->parenthesized = true;
        size_t m = ident_mark();
        if (!at(Tok::kRParen)) {
          do {
            scratch_.idents.push_back(parse_identifier());
          } while (accept(Tok::kComma));
        }
        expect(Tok::kRParen);
        expect(Tok::kArrow);
        l->params = take_idents(m);
        l->body = parse_expr();
        return finish(l);
      }
    }
    if (paren_starts_query(position())) {
      advance();
      auto* s = make<SubqueryExpr>(begin);
      s->query = parse_query();
      expect(Tok::kRParen);
      return finish(s);
    }
    advance();
    Expr* first = parse_expr();
    if (accept(Tok::kRParen)) return first; // parentheses are not a node
    auto* row = make<RowConstructor>(begin);
    size_t m = mark();
    push(first);
    while (accept(Tok::kComma))
      push(parse_expr());
    expect(Tok::kRParen);
    row->items = take<Expr>(m);
    return finish(row);
  }
  case Tok::kIdent:
  case Tok::kQuotedIdent:
  case Tok::kBackquotedIdent: {
    if (t.type == Tok::kIdent && t.kw != Kw::kNone) {
      if (Expr* special = parse_special_form()) return special;
    }
    return parse_identifier_expression();
  }
  default:
    break;
  }
  fail_expected("expression");
}

// identifier string (typed literal) | identifier '->' expression | qualifiedName '(' ... ')'
// | qualifiedName (column reference)
Expr* Parser::parse_identifier_expression() {
  const uint32_t begin = tok().begin;
  if (!at_identifier()) fail_expected("expression");
  const Token& next = peek();
  if (next.type == Tok::kString || next.type == Tok::kUnicodeString) {
    auto* lit = make<TypedLiteral>(begin);
    if (tok().length > UINT16_MAX) fail_at(begin, "type name is longer than 65535 bytes");
    lit->type_length = static_cast<uint16_t>(tok().length);
    advance();
    string_literal_into(lit->value);
    return finish(lit);
  }
  if (next.type == Tok::kArrow) {
    auto* l = make<Lambda>(begin);
    size_t m = ident_mark();
    scratch_.idents.push_back(parse_identifier());
    l->params = take_idents(m);
    advance();
    l->body = parse_expr();
    return finish(l);
  }
  ProcessingMode mode = ProcessingMode::kDefault;
  if ((at_kw(Kw::kRunning) || at_kw(Kw::kFinal)) && is_identifier(next)) {
    mode = at_kw(Kw::kRunning) ? ProcessingMode::kRunning : ProcessingMode::kFinal;
    advance();
  }
  const size_t m = scan_qualified_name();
  if (at(Tok::kLParen)) {
    return parse_function_call(begin, take_idents(m), mode);
  }
  if (mode != ProcessingMode::kDefault) fail_expected("'('");
  // A row pattern measure: `m OVER w` / `m OVER (...)`.
  if (scratch_.idents.size() == m + 1 && at_kw(Kw::kOver) &&
      (peek().type == Tok::kLParen || is_identifier(peek()))) {
    auto* call = make<FunctionCall>(begin);
    call->name = take_idents(m);
    call_extras(call).measure = true;
    parse_over(call);
    return finish(call);
  }
  return make_name_ref(m);
}

Expr* Parser::parse_call_argument() {
  if (is_identifier(tok()) && peek().type == Tok::kFatArrow) {
    auto* n = make<NamedArgument>(tok().begin);
    n->name = parse_identifier();
    advance();
    n->value = parse_expr();
    return finish(n);
  }
  return parse_expr();
}

// qualifiedName '(' [(label '.')? '*' | setQuantifier? expression (',' expression)*
//   (ORDER BY sortItem (',' sortItem)*)?] ')' filter? (nullTreatment? over)?
Expr* Parser::parse_function_call(uint32_t begin, List<Identifier> name, ProcessingMode mode) {
  auto* call = make<FunctionCall>(begin);
  call->name = name;
  call->mode = mode;
  expect(Tok::kLParen);
  if (at(Tok::kStar)) {
    advance();
    call->star = true;
  } else if (is_identifier(tok()) && peek().type == Tok::kDot && peek(2).type == Tok::kStar) {
    call->star = true;
    call_extras(call).star_label = parse_identifier();
    advance();
    advance();
  } else if (!at(Tok::kRParen)) {
    if (accept_kw(Kw::kDistinct)) {
      call->quantifier = SetQuantifier::kDistinct;
    } else if (at_kw(Kw::kAll) && !(peek().type == Tok::kRParen || peek().type == Tok::kComma ||
                                    peek().type == Tok::kDot)) {
      advance();
      call->quantifier = SetQuantifier::kAll;
    }
    size_t m = mark();
    do {
      push(parse_call_argument());
    } while (accept(Tok::kComma));
    call->args = take<Expr>(m);
    if (accept_kw(Kw::kOrder)) {
      expect_kw(Kw::kBy);
      call_extras(call).order_by = parse_sort_items();
    }
  }
  expect(Tok::kRParen);
  parse_call_suffix(call);
  return finish(call);
}

void Parser::parse_call_suffix(FunctionCall* call) {
  if (at_kw(Kw::kWithin) && peek_kw(1, Kw::kGroup)) {
    advance();
    advance();
    expect(Tok::kLParen);
    expect_kw(Kw::kOrder);
    expect_kw(Kw::kBy);
    call_extras(call).within_group = parse_sort_items();
    expect(Tok::kRParen);
  }
  if (at_kw(Kw::kFilter) && peek().type == Tok::kLParen) {
    advance();
    advance();
    expect_kw(Kw::kWhere);
    call_extras(call).filter = parse_expr();
    expect(Tok::kRParen);
  }
  if ((at_kw(Kw::kIgnore) || at_kw(Kw::kRespect)) && peek_kw(1, Kw::kNulls)) {
    call->nulls = at_kw(Kw::kIgnore) ? NullTreatment::kIgnore : NullTreatment::kRespect;
    advance();
    advance();
    if (!at_kw(Kw::kOver)) fail_expected("'OVER'");
  }
  if (at_kw(Kw::kOver)) parse_over(call);
}

// over: OVER (windowName | '(' windowSpecification ')')
void Parser::parse_over(FunctionCall* call) {
  expect_kw(Kw::kOver);
  if (accept(Tok::kLParen)) {
    call_extras(call).window = parse_window_spec();
    expect(Tok::kRParen);
  } else {
    call_extras(call).window_name = parse_identifier();
  }
}

// windowSpecification: existingWindowName? (PARTITION BY ...)? (ORDER BY ...)? windowFrame?
WindowSpec* Parser::parse_window_spec() {
  auto* w = make<WindowSpec>(tok().begin);
  bool clause_word = (at_kw(Kw::kPartition) || at_kw(Kw::kOrder)) && peek_kw(1, Kw::kBy);
  bool frame_word =
      ((at_kw(Kw::kRows) || at_kw(Kw::kRange) || at_kw(Kw::kGroups)) &&
       (peek_kw(1, Kw::kBetween) || peek_kw(1, Kw::kUnbounded) || peek_kw(1, Kw::kCurrent) ||
        !is_identifier(peek()) || peek().type == Tok::kInteger)) ||
      (at_kw(Kw::kMeasures) && peek().type != Tok::kRParen && !peek_kw(1, Kw::kPartition) &&
       !peek_kw(1, Kw::kOrder) && !peek_kw(1, Kw::kRows) && !peek_kw(1, Kw::kRange) &&
       !peek_kw(1, Kw::kGroups));
  if (at_identifier() && !clause_word && !frame_word) w->existing = parse_identifier();
  if (at_kw(Kw::kPartition) && peek_kw(1, Kw::kBy)) {
    advance();
    advance();
    size_t m = mark();
    do {
      push(parse_expr());
    } while (accept(Tok::kComma));
    w->partition_by = take<Expr>(m);
  }
  if (at_kw(Kw::kOrder)) {
    advance();
    expect_kw(Kw::kBy);
    w->order_by = parse_sort_items();
  }
  if (at_kw(Kw::kRows) || at_kw(Kw::kRange) || at_kw(Kw::kGroups) || at_kw(Kw::kMeasures))
    w->frame = parse_window_frame();
  return finish(w);
}

// windowFrame: (MEASURES measure (',' measure)*)? frameExtent (AFTER MATCH skipTo)?
//   (INITIAL | SEEK)? (PATTERN '(' rowPattern ')')? (SUBSET subset (',' subset)*)?
//   (DEFINE variable (',' variable)*)?
WindowFrame* Parser::parse_window_frame() {
  auto* f = make<WindowFrame>(tok().begin);
  if (accept_kw(Kw::kMeasures)) {
    f->measures = parse_measures();
  }
  if (!at_kw(Kw::kRows) && !at_kw(Kw::kRange) && !at_kw(Kw::kGroups)) {
    fail_expected("'ROWS', 'RANGE' or 'GROUPS'");
  }
  f->type = at_kw(Kw::kRows)    ? FrameType::kRows
            : at_kw(Kw::kRange) ? FrameType::kRange
                                : FrameType::kGroups;
  advance();
  if (accept_kw(Kw::kBetween)) {
    f->start = parse_frame_bound();
    expect_kw(Kw::kAnd);
    f->end = parse_frame_bound();
  } else {
    f->start = parse_frame_bound();
  }
  parse_frame_pattern(*f);
  return finish(f);
}

// (AFTER MATCH skipTo)? (INITIAL | SEEK)? (PATTERN '(' rowPattern ')')?
//   (SUBSET subsetDefinition (',' ...)*)? (DEFINE variableDefinition (',' ...)*)?
// skipTo: SKIP TO NEXT ROW | SKIP PAST LAST ROW | SKIP TO (FIRST | LAST)? identifier
void Parser::parse_frame_pattern(WindowFrame& f) {
  if (at_kw(Kw::kAfter) && peek_kw(1, Kw::kMatch)) {
    advance();
    advance();
    expect_kw(Kw::kSkip);
    parse_skip_to(f.skip, f.skip_variable);
  }
  if (accept_kw(Kw::kInitial)) {
    f.initial = true;
  } else if (accept_kw(Kw::kSeek)) {
    f.seek = true;
  }
  if (at_kw(Kw::kPattern) && peek().type == Tok::kLParen) {
    advance();
    advance();
    f.pattern = parse_row_pattern();
    expect(Tok::kRParen);
  }
  if (accept_kw(Kw::kSubset)) f.subsets = parse_subsets();
  if (accept_kw(Kw::kDefine)) f.defines = parse_defines();
}

// measureDefinition (',' measureDefinition)*; measureDefinition: expression AS identifier
List<Measure*> Parser::parse_measures() {
  size_t m = mark();
  do {
    auto* me = make<Measure>(tok().begin);
    me->value = parse_expr();
    expect_kw(Kw::kAs);
    me->name = parse_identifier();
    push(finish(me));
  } while (accept(Tok::kComma));
  return take<Measure>(m);
}

// skipTo (after AFTER MATCH SKIP): PAST LAST ROW | TO NEXT ROW | TO (FIRST | LAST)? identifier
void Parser::parse_skip_to(SkipTo& skip, Identifier& var) {
  if (accept_kw(Kw::kPast)) {
    expect_kw(Kw::kLast);
    expect_kw(Kw::kRow);
    skip = SkipTo::kPastLastRow;
    return;
  }
  expect_kw(Kw::kTo);
  if (at_kw(Kw::kNext) && peek_kw(1, Kw::kRow)) {
    advance();
    advance();
    skip = SkipTo::kNextRow;
  } else if ((at_kw(Kw::kFirst) || at_kw(Kw::kLast)) && is_identifier(peek())) {
    skip = at_kw(Kw::kFirst) ? SkipTo::kFirst : SkipTo::kLast;
    advance();
    var = parse_identifier();
  } else {
    skip = SkipTo::kVariable;
    var = parse_identifier();
  }
}

// subsetDefinition (',' ...)*; subsetDefinition: identifier '=' '(' identifier (',' ...)* ')'
List<SubsetDef*> Parser::parse_subsets() {
  size_t m = mark();
  do {
    auto* s = make<SubsetDef>(tok().begin);
    s->name = parse_identifier();
    expect(Tok::kEq);
    s->variables = parse_identifier_list();
    push(finish(s));
  } while (accept(Tok::kComma));
  return take<SubsetDef>(m);
}

// variableDefinition (',' ...)*; variableDefinition: identifier AS expression
List<VariableDef*> Parser::parse_defines() {
  size_t m = mark();
  do {
    auto* d = make<VariableDef>(tok().begin);
    d->name = parse_identifier();
    expect_kw(Kw::kAs);
    d->condition = parse_expr();
    push(finish(d));
  } while (accept(Tok::kComma));
  return take<VariableDef>(m);
}

FrameBound* Parser::parse_frame_bound() {
  auto* b = make<FrameBound>(tok().begin);
  if (at_kw(Kw::kUnbounded)) {
    advance();
    if (accept_kw(Kw::kPreceding)) {
      b->type = BoundType::kUnboundedPreceding;
    } else {
      expect_kw(Kw::kFollowing);
      b->type = BoundType::kUnboundedFollowing;
    }
  } else if (at_kw(Kw::kCurrent) && peek_kw(1, Kw::kRow)) {
    advance();
    advance();
    b->type = BoundType::kCurrentRow;
  } else {
    b->offset = parse_value_expr();
    if (accept_kw(Kw::kPreceding)) {
      b->type = BoundType::kPreceding;
    } else {
      expect_kw(Kw::kFollowing);
      b->type = BoundType::kFollowing;
    }
  }
  return finish(b);
}

List<SortItem*> Parser::parse_sort_items() {
  size_t m = mark();
  do {
    push(parse_sort_item());
  } while (accept(Tok::kComma));
  return take<SortItem>(m);
}

SortItem* Parser::parse_sort_item() {
  auto* s = make<SortItem>(tok().begin);
  s->value = parse_expr();
  if (accept_kw(Kw::kAsc)) {
    s->ordering = Ordering::kAsc;
  } else if (accept_kw(Kw::kDesc)) {
    s->ordering = Ordering::kDesc;
  }
  if (accept_kw(Kw::kNulls)) {
    if (accept_kw(Kw::kFirst)) {
      s->nulls = NullOrdering::kFirst;
    } else {
      expect_kw(Kw::kLast);
      s->nulls = NullOrdering::kLast;
    }
  }
  return finish(s);
}

} // namespace athena::sql::detail
