// Expression forms introduced by a keyword: literals, CASE, CAST, EXTRACT, TRIM, JSON_*, ...
#include "parser/parser_impl.h"

namespace athena::sql::detail {

Expr* Parser::parse_special_form() {
  const Token t = tok();
  const uint32_t begin = t.begin;
  const bool paren = peek().type == Tok::kLParen;
  switch (t.kw) {
  case Kw::kNull:
  case Kw::kTrue:
  case Kw::kFalse: {
    auto* l = make<Literal>(begin);
    l->literal = t.kw == Kw::kNull   ? LiteralKind::kNull
                 : t.kw == Kw::kTrue ? LiteralKind::kTrue
                                     : LiteralKind::kFalse;
    advance();
    return finish(l);
  }
  case Kw::kInterval:
    if (peek().type == Tok::kString || peek().type == Tok::kUnicodeString ||
        peek().type == Tok::kPlus || peek().type == Tok::kMinus) {
      return parse_interval();
    }
    return nullptr;
  case Kw::kCase:
    return parse_case();
  case Kw::kCast:
  case Kw::kTryCast: {
    if (!paren) {
      if (t.kw == Kw::kCast) fail_expected("'('");
      return nullptr;
    }
    auto* c = make<Cast>(begin);
    c->is_try = t.kw == Kw::kTryCast;
    advance();
    advance();
    c->value = parse_expr();
    expect_kw(Kw::kAs);
    c->type = parse_type();
    expect(Tok::kRParen);
    return finish(c);
  }
  case Kw::kExists: {
    auto* e = make<Exists>(begin);
    advance();
    if (!at(Tok::kLParen)) fail_expected("'('");
    advance();
    e->query = parse_query();
    expect(Tok::kRParen);
    return finish(e);
  }
  case Kw::kExtract: {
    auto* e = make<Extract>(begin);
    advance();
    expect(Tok::kLParen);
    e->field = parse_identifier();
    expect_kw(Kw::kFrom);
    e->value = parse_value_expr();
    expect(Tok::kRParen);
    return finish(e);
  }
  case Kw::kPosition: {
    if (!paren) return nullptr;
    // POSITION(a IN b); a two-argument call `position(a, b)` is an ordinary function.
    Backtrack save(*this);
    advance();
    advance();
    Expr* needle = parse_value_expr();
    if (!accept_kw(Kw::kIn)) {
      save.rewind();
      return nullptr;
    }
    auto* p = make<Position>(begin);
    p->needle = needle;
    p->haystack = parse_value_expr();
    expect(Tok::kRParen);
    return finish(p);
  }
  case Kw::kTrim: {
    // TRIM '(' (trimsSpecification? trimChar=valueExpression? FROM)? trimSource ')'
    // | TRIM '(' trimSource ',' trimChar ')'
    auto* tr = make<Trim>(begin);
    advance();
    expect(Tok::kLParen);
    if (at_kw(Kw::kBoth) || at_kw(Kw::kLeading) || at_kw(Kw::kTrailing)) {
      tr->spec = at_kw(Kw::kBoth)      ? TrimSpec::kBoth
                 : at_kw(Kw::kLeading) ? TrimSpec::kLeading
                                       : TrimSpec::kTrailing;
      advance();
    }
    if (accept_kw(Kw::kFrom)) {
      tr->has_from = true;
      tr->source = parse_value_expr();
    } else {
      Expr* first = parse_value_expr();
      if (accept_kw(Kw::kFrom)) {
        tr->has_from = true;
        tr->chars = first;
        tr->source = parse_value_expr();
      } else if (tr->spec == TrimSpec::kDefault && accept(Tok::kComma)) {
        tr->comma_form = true;
        tr->source = first;
        tr->chars = parse_value_expr();
      } else {
        if (tr->spec != TrimSpec::kDefault) fail_expected("'FROM'");
        tr->source = first;
      }
    }
    expect(Tok::kRParen);
    return finish(tr);
  }
  case Kw::kSubstring: {
    if (!paren) return nullptr;
    Backtrack save(*this);
    advance();
    advance();
    Expr* value = parse_value_expr();
    if (!accept_kw(Kw::kFrom)) {
      save.rewind();
      return nullptr; // substring(x, a, b) is an ordinary call
    }
    auto* s = make<Substring>(begin);
    s->value = value;
    s->from = parse_value_expr();
    if (accept_kw(Kw::kFor)) s->length = parse_value_expr();
    expect(Tok::kRParen);
    return finish(s);
  }
  case Kw::kNormalize: {
    auto* n = make<Normalize>(begin);
    advance();
    expect(Tok::kLParen);
    n->value = parse_value_expr();
    if (accept(Tok::kComma)) n->form = parse_identifier();
    expect(Tok::kRParen);
    return finish(n);
  }
  case Kw::kGrouping: {
    auto* g = make<GroupingOperation>(begin);
    advance();
    expect(Tok::kLParen);
    size_t m = mark();
    if (!at(Tok::kRParen)) {
      do {
        auto* q = arena_.make<QualifiedName>();
        *q = parse_qualified_name();
        push(q);
      } while (accept(Tok::kComma));
    }
    expect(Tok::kRParen);
    g->columns = take<QualifiedName>(m);
    return finish(g);
  }
  case Kw::kJsonQuery:
    return parse_json_function(JsonFunctionKind::kQuery);
  case Kw::kJsonValue:
    return parse_json_function(JsonFunctionKind::kValue);
  case Kw::kJsonExists:
    return parse_json_function(JsonFunctionKind::kExists);
  case Kw::kJsonObject:
    return parse_json_object();
  case Kw::kJsonArray:
    return parse_json_array();
  case Kw::kListagg:
    return parse_listagg(begin);
  case Kw::kArray: {
    if (peek().type != Tok::kLBracket) return nullptr;
    auto* a = make<ArrayConstructor>(begin);
    advance();
    advance();
    size_t m = mark();
    if (!at(Tok::kRBracket)) {
      do {
        push(parse_expr());
      } while (accept(Tok::kComma));
    }
    expect(Tok::kRBracket);
    a->items = take<Expr>(m);
    return finish(a);
  }
  case Kw::kRow: {
    if (!paren) return nullptr;
    auto* r = make<RowConstructor>(begin);
    r->explicit_row = true;
    advance();
    advance();
    size_t m = mark();
    do {
      push(parse_expr());
    } while (accept(Tok::kComma));
    expect(Tok::kRParen);
    r->items = take<Expr>(m);
    return finish(r);
  }
  case Kw::kDouble:
    if (peek_kw(1, Kw::kPrecision) &&
        (peek(2).type == Tok::kString || peek(2).type == Tok::kUnicodeString)) {
      auto* lit = make<TypedLiteral>(begin);
      lit->double_precision = true;
      lit->type_length = static_cast<uint16_t>(tok().length);
      advance();
      advance();
      string_literal_into(lit->value);
      return finish(lit);
    }
    return nullptr;
  case Kw::kCurrentDate:
  case Kw::kCurrentTime:
  case Kw::kCurrentTimestamp:
  case Kw::kLocaltime:
  case Kw::kLocaltimestamp:
  case Kw::kCurrentUser:
  case Kw::kCurrentCatalog:
  case Kw::kCurrentSchema:
  case Kw::kCurrentPath: {
    auto* s = make<SpecialValue>(begin);
    switch (t.kw) {
    case Kw::kCurrentDate:
      s->value = SpecialValueKind::kCurrentDate;
      break;
    case Kw::kCurrentTime:
      s->value = SpecialValueKind::kCurrentTime;
      break;
    case Kw::kCurrentTimestamp:
      s->value = SpecialValueKind::kCurrentTimestamp;
      break;
    case Kw::kLocaltime:
      s->value = SpecialValueKind::kLocalTime;
      break;
    case Kw::kLocaltimestamp:
      s->value = SpecialValueKind::kLocalTimestamp;
      break;
    case Kw::kCurrentUser:
      s->value = SpecialValueKind::kCurrentUser;
      break;
    case Kw::kCurrentCatalog:
      s->value = SpecialValueKind::kCurrentCatalog;
      break;
    case Kw::kCurrentSchema:
      s->value = SpecialValueKind::kCurrentSchema;
      break;
    default:
      s->value = SpecialValueKind::kCurrentPath;
      break;
    }
    bool takes_precision = s->value == SpecialValueKind::kCurrentTime ||
                           s->value == SpecialValueKind::kCurrentTimestamp ||
                           s->value == SpecialValueKind::kLocalTime ||
                           s->value == SpecialValueKind::kLocalTimestamp;
    advance();
    if (takes_precision && at(Tok::kLParen)) {
      advance();
      if (!at(Tok::kInteger)) fail_expected("integer");
      s->precision = text(tok());
      advance();
      expect(Tok::kRParen);
    }
    return finish(s);
  }
  default:
    return nullptr;
  }
}

// CASE operand? (WHEN condition THEN result)+ (ELSE result)? END
Expr* Parser::parse_case() {
  auto* c = make<Case>(tok().begin);
  advance();
  if (!at_kw(Kw::kWhen)) c->operand = parse_expr();
  size_t m = mark();
  while (at_kw(Kw::kWhen)) {
    auto* w = make<WhenClause>(tok().begin);
    advance();
    w->condition = parse_expr();
    expect_kw(Kw::kThen);
    w->result = parse_expr();
    push(finish(w));
  }
  if (m == mark()) fail_expected("'WHEN'");
  c->whens = take<WhenClause>(m);
  if (accept_kw(Kw::kElse)) c->else_result = parse_expr();
  expect_kw(Kw::kEnd);
  return finish(c);
}

IntervalField Parser::parse_interval_field(std::string_view* written) {
  // Trino accepts the singular; Athena (and sqlglot's corpus) also plural forms (`2 days`).
  if (tok().type == Tok::kIdent) {
    std::string_view w = text(tok());
    std::string upper;
    for (char ch : w)
      upper += static_cast<char>((ch >= 'a' && ch <= 'z') ? ch - 32 : ch);
    IntervalField f = IntervalField::kNone;
    if (upper == "YEAR" || upper == "YEARS") f = IntervalField::kYear;
    if (upper == "MONTH" || upper == "MONTHS") f = IntervalField::kMonth;
    if (upper == "DAY" || upper == "DAYS") f = IntervalField::kDay;
    if (upper == "HOUR" || upper == "HOURS") f = IntervalField::kHour;
    if (upper == "MINUTE" || upper == "MINUTES") f = IntervalField::kMinute;
    if (upper == "SECOND" || upper == "SECONDS") f = IntervalField::kSecond;
    if (f != IntervalField::kNone) {
      if (written) *written = w;
      advance();
      return f;
    }
  }
  fail_expected("interval field (YEAR, MONTH, DAY, HOUR, MINUTE or SECOND)");
}

// INTERVAL sign=(PLUS | MINUS)? string from=intervalField (TO to=intervalField)?
Expr* Parser::parse_interval() {
  auto* i = make<IntervalLiteral>(tok().begin);
  advance();
  if (at(Tok::kPlus) || at(Tok::kMinus)) {
    i->sign = at(Tok::kPlus) ? '+' : '-';
    advance();
  }
  string_literal_into(i->value);
  // `INTERVAL '1 day'` without a unit is accepted by Athena's (Presto's) parser too.
  if (tok().type == Tok::kIdent && !is_reserved(tok().kw)) {
    Backtrack save(*this);
    IntervalField f = IntervalField::kNone;
    try {
      f = parse_interval_field(nullptr);
    } catch (const ParseError&) {
      save.rewind();
    }
    if (f != IntervalField::kNone) {
      i->from = f;
      if (accept_kw(Kw::kTo)) i->to = parse_interval_field(nullptr);
    }
  }
  return finish(i);
}

std::string_view Parser::parse_json_format() {
  // FORMAT JSON (ENCODING (UTF8 | UTF16 | UTF32))?
  if (!at_kw(Kw::kFormat)) return {};
  uint32_t begin = tok().begin;
  advance();
  expect_kw(Kw::kJson);
  if (accept_kw(Kw::kEncoding)) {
    if (!(at_kw(Kw::kUtf8) || at_kw(Kw::kUtf16) || at_kw(Kw::kUtf32))) {
      fail_expected("UTF8, UTF16 or UTF32");
    }
    advance();
  }
  return slice_from(begin);
}

namespace {
bool at_json_behavior_end(const Token& t) {
  return t.type == Tok::kIdent && (t.kw == Kw::kOn);
}
} // namespace

// JSON_QUERY / JSON_VALUE / JSON_EXISTS ( jsonPathInvocation clauses... )
void Parser::parse_json_path_invocation(Ref<Expr>& input, std::string_view& format,
                                        Ref<Literal>& path, Identifier& path_name,
                                        RList<JsonArgument*>& passing) {
  input = parse_expr();
  format = parse_json_format();
  expect(Tok::kComma);
  if (!at(Tok::kString) && !at(Tok::kUnicodeString)) fail_expected("JSON path string");
  path = parse_string_literal();
  if (accept_kw(Kw::kAs)) path_name = parse_identifier();
  if (accept_kw(Kw::kPassing)) {
    size_t m = mark();
    do {
      auto* a = make<JsonArgument>(tok().begin);
      a->value = parse_expr();
      a->format = parse_json_format();
      expect_kw(Kw::kAs);
      a->name = parse_identifier();
      push(finish(a));
    } while (accept(Tok::kComma));
    passing = take<JsonArgument>(m);
  }
}

Parser::JsonBehaviors Parser::parse_json_behaviors(JsonFunctionKind kind) {
  JsonBehaviors out;
  if (kind == JsonFunctionKind::kQuery) {
    if (at_kw(Kw::kWith) || at_kw(Kw::kWithout)) {
      uint32_t b = tok().begin;
      bool with = at_kw(Kw::kWith);
      advance();
      if (with && (at_kw(Kw::kConditional) || at_kw(Kw::kUnconditional))) advance();
      accept_kw(Kw::kArray);
      expect_kw(Kw::kWrapper);
      out.wrapper = slice_from(b);
    }
    if (at_kw(Kw::kKeep) || at_kw(Kw::kOmit)) {
      uint32_t b = tok().begin;
      advance();
      expect_kw(Kw::kQuotes);
      if (accept_kw(Kw::kOn)) {
        expect_kw(Kw::kScalar);
        expect_kw(Kw::kString);
      }
      out.quotes = slice_from(b);
    }
  }
  // (behavior ON EMPTY)? (behavior ON ERROR)?
  for (int round = 0; round < 2; ++round) {
    if (at(Tok::kRParen) || at(Tok::kComma)) break;
    uint32_t b = tok().begin;
    Expr* def = nullptr;
    if (accept_kw(Kw::kDefault)) {
      if (kind != JsonFunctionKind::kValue) fail_expected("')'");
      def = parse_expr();
    } else if (accept_kw(Kw::kEmpty)) {
      if (kind != JsonFunctionKind::kQuery) fail_expected("')'");
      if (!accept_kw(Kw::kArray)) expect_kw(Kw::kObject);
    } else if (at_kw(Kw::kError) || at_kw(Kw::kNull) ||
               (kind == JsonFunctionKind::kExists &&
                (at_kw(Kw::kTrue) || at_kw(Kw::kFalse) || at_kw(Kw::kUnknown)))) {
      advance();
    } else {
      fail_expected("')'");
    }
    std::string_view behavior = def != nullptr ? std::string_view("DEFAULT") : slice_from(b);
    if (!at_json_behavior_end(tok())) fail_expected("'ON'");
    advance();
    if (kind != JsonFunctionKind::kExists && round == 0 && accept_kw(Kw::kEmpty)) {
      out.on_empty = behavior;
      out.on_empty_default = def;
      continue;
    }
    expect_kw(Kw::kError);
    out.on_error = behavior;
    out.on_error_default = def;
    break;
  }
  return out;
}

Expr* Parser::parse_json_function(JsonFunctionKind kind) {
  auto* j = make<JsonFunction>(tok().begin);
  j->function = kind;
  advance();
  expect(Tok::kLParen);
  parse_json_path_invocation(j->input, j->input_format, j->path, j->path_name, j->passing);
  if (kind != JsonFunctionKind::kExists && accept_kw(Kw::kReturning)) {
    j->returning = parse_type();
    j->returning_format = parse_json_format();
  }
  JsonBehaviors b = parse_json_behaviors(kind);
  j->wrapper = b.wrapper;
  j->quotes = b.quotes;
  j->on_empty = b.on_empty;
  j->on_empty_default = b.on_empty_default;
  j->on_error = b.on_error;
  j->on_error_default = b.on_error_default;
  expect(Tok::kRParen);
  return finish(j);
}

// JSON_OBJECT '(' (member (',' member)* (NULL|ABSENT ON NULL)? (WITH|WITHOUT UNIQUE KEYS?)?)?
//   (RETURNING type (FORMAT ...)?)? ')'
Expr* Parser::parse_json_object() {
  auto* o = make<JsonObject>(tok().begin);
  advance();
  expect(Tok::kLParen);
  size_t m = mark();
  auto at_clause = [&] {
    return at(Tok::kRParen) || at_kw(Kw::kReturning) ||
           ((at_kw(Kw::kNull) || at_kw(Kw::kAbsent)) && peek_kw(1, Kw::kOn)) || at_kw(Kw::kWith) ||
           at_kw(Kw::kWithout);
  };
  if (!at_clause()) {
    do {
      auto* mem = make<JsonObjectMember>(tok().begin);
      if (at_kw(Kw::kKey) && !(peek().type == Tok::kColon)) {
        advance();
        mem->key_keyword = true;
      }
      mem->key = parse_expr();
      if (accept(Tok::kColon)) {
        mem->colon_form = true;
      } else {
        expect_kw(Kw::kValue);
      }
      mem->value = parse_expr();
      mem->format = parse_json_format();
      push(finish(mem));
    } while (accept(Tok::kComma));
  }
  o->members = take<JsonObjectMember>(m);
  if ((at_kw(Kw::kNull) || at_kw(Kw::kAbsent)) && peek_kw(1, Kw::kOn)) {
    uint32_t b = tok().begin;
    advance();
    advance();
    expect_kw(Kw::kNull);
    o->null_clause = slice_from(b);
  }
  if (at_kw(Kw::kWith) || at_kw(Kw::kWithout)) {
    uint32_t b = tok().begin;
    advance();
    expect_kw(Kw::kUnique);
    accept_kw(Kw::kKeys);
    o->unique_clause = slice_from(b);
  }
  if (accept_kw(Kw::kReturning)) {
    o->returning = parse_type();
    o->returning_format = parse_json_format();
  }
  expect(Tok::kRParen);
  return finish(o);
}

Expr* Parser::parse_json_array() {
  auto* a = make<JsonArray>(tok().begin);
  advance();
  expect(Tok::kLParen);
  size_t m = mark();
  if (!at(Tok::kRParen) && !at_kw(Kw::kReturning) &&
      !((at_kw(Kw::kNull) || at_kw(Kw::kAbsent)) && peek_kw(1, Kw::kOn))) {
    do {
      auto* item = make<JsonArgument>(tok().begin);
      item->value = parse_expr();
      item->format = parse_json_format();
      push(finish(item));
    } while (accept(Tok::kComma));
  }
  a->items = take<JsonArgument>(m);
  if ((at_kw(Kw::kNull) || at_kw(Kw::kAbsent)) && peek_kw(1, Kw::kOn)) {
    uint32_t b = tok().begin;
    advance();
    advance();
    expect_kw(Kw::kNull);
    a->null_clause = slice_from(b);
  }
  if (accept_kw(Kw::kReturning)) {
    a->returning = parse_type();
    a->returning_format = parse_json_format();
  }
  expect(Tok::kRParen);
  return finish(a);
}

// LISTAGG '(' setQuantifier? expression (',' string)? (ON OVERFLOW behavior)? ')'
//   WITHIN GROUP '(' ORDER BY sortItem (',' sortItem)* ')' filter?
Expr* Parser::parse_listagg(uint32_t begin) {
  auto* call = make<FunctionCall>(begin);
  FunctionCallExtras* x = &call_extras(call);
  x->is_listagg = true;
  size_t m = ident_mark();
  scratch_.idents.push_back(ident_from(tok()));
  call->name.parts = take_idents(m);
  advance();
  expect(Tok::kLParen);
  if (accept_kw(Kw::kDistinct)) {
    call->quantifier = SetQuantifier::kDistinct;
  } else if (accept_kw(Kw::kAll)) {
    call->quantifier = SetQuantifier::kAll;
  }
  size_t am = mark();
  push(parse_expr());
  if (accept(Tok::kComma)) push(parse_string_literal());
  call->args = take<Expr>(am);
  if (accept_kw(Kw::kOn)) {
    expect_kw(Kw::kOverflow);
    if (accept_kw(Kw::kError)) {
      x->overflow = ListaggOverflow::kError;
    } else {
      expect_kw(Kw::kTruncate);
      x->overflow = ListaggOverflow::kTruncate;
      if (at(Tok::kString) || at(Tok::kUnicodeString)) x->overflow_filler = parse_string_literal();
      if (accept_kw(Kw::kWith)) {
        x->overflow_with_count = true;
      } else {
        expect_kw(Kw::kWithout);
      }
      expect_kw(Kw::kCount);
    }
  }
  expect(Tok::kRParen);
  if (!(at_kw(Kw::kWithin) && peek_kw(1, Kw::kGroup))) fail_expected("'WITHIN GROUP'");
  parse_call_suffix(call);
  return finish(call);
}

} // namespace athena::sql::detail
