// Types: Trino's type grammar plus Hive's angle-bracket forms (array<struct<a:int>>).
#include "parser/parser_impl.h"

namespace athena::sql::detail {

// type: baseType (ARRAY ('[' INTEGER ']')?)*
TypeExpr* Parser::parse_type() {
  DepthGuard guard(*this);
  const uint32_t begin = tok().begin;
  TypeExpr* t = parse_base_type();
  while (at_kw(Kw::kArray) && peek().type != Tok::kLParen && peek().type != Tok::kLt) {
    advance();
    auto* a = make<TypeExpr>(begin);
    a->type = TypeKind::kArray;
    a->postfix_array = true;
    a->element = t;
    if (at(Tok::kLBracket) && peek().type == Tok::kInteger) {
      advance();
      size_t vm = view_mark();
      scratch_.views.push_back(text(tok()));
      a->numbers = take_views(vm);
      advance();
      expect(Tok::kRBracket);
    }
    t = finish(a);
  }
  return t;
}

TypeExpr* Parser::parse_hive_struct(uint32_t begin, Identifier keyword) {
  // STRUCT '<' name ':' type (COMMENT string)? (',' ...)* '>'
  auto* t = make<TypeExpr>(begin);
  t->type = TypeKind::kRow;
  t->name = keyword;
  t->angle = true;
  expect(Tok::kLt);
  size_t m = mark();
  if (!at(Tok::kGt)) {
    do {
      auto* f = make<RowField>(tok().begin);
      // Hive field names may be any word, reserved ones included (`from:string`).
      if (tok().type == Tok::kIdent || tok().type == Tok::kQuotedIdent ||
          tok().type == Tok::kBackquotedIdent) {
        f->name = ident_from(tok());
        advance();
      } else {
        fail_expected("field name");
      }
      expect(Tok::kColon);
      f->type = parse_type();
      if (accept_kw(Kw::kComment)) {
        if (!at(Tok::kString)) fail_expected("string");
        f->comment = text(tok());
        advance();
      }
      push(finish(f));
    } while (accept(Tok::kComma));
  }
  expect(Tok::kGt);
  t->fields = take<RowField>(m);
  return finish(t);
}

TypeExpr* Parser::parse_base_type() {
  const uint32_t begin = tok().begin;
  if (!at_identifier()) fail_expected("type");
  const Token t = tok();
  const Token& next = peek();
  if (t.type == Tok::kIdent) {
    switch (t.kw) {
    case Kw::kRow:
    case Kw::kStruct: {
      Identifier kw = ident_from(t);
      advance();
      if (at(Tok::kLt)) return parse_hive_struct(begin, kw);
      if (!at(Tok::kLParen)) {
        // A type named `row`/`struct` without fields.
        auto* named = make<TypeExpr>(begin);
        named->name = kw;
        return finish(named);
      }
      advance();
      auto* r = make<TypeExpr>(begin);
      r->type = TypeKind::kRow;
      r->name = kw;
      size_t m = mark();
      do {
        auto* f = make<RowField>(tok().begin);
        // rowField: type | identifier type. A field name is followed by the start of a type.
        bool named = is_identifier(tok()) && !(at_kw(Kw::kDouble) && peek_kw(1, Kw::kPrecision)) &&
                     (is_identifier(peek()));
        if (named) f->name = parse_identifier();
        f->type = parse_type();
        push(finish(f));
      } while (accept(Tok::kComma));
      expect(Tok::kRParen);
      r->fields = take<RowField>(m);
      return finish(r);
    }
    case Kw::kArray:
      if (next.type == Tok::kLt || next.type == Tok::kLParen) {
        auto* a = make<TypeExpr>(begin);
        a->type = TypeKind::kArray;
        a->name = ident_from(t);
        advance();
        a->angle = at(Tok::kLt);
        advance();
        a->element = parse_type();
        expect(a->angle ? Tok::kGt : Tok::kRParen);
        return finish(a);
      }
      break;
    case Kw::kMap:
      if (next.type == Tok::kLt || next.type == Tok::kLParen) {
        auto* mp = make<TypeExpr>(begin);
        mp->type = TypeKind::kMap;
        mp->name = ident_from(t);
        advance();
        mp->angle = at(Tok::kLt);
        advance();
        mp->key = parse_type();
        expect(Tok::kComma);
        mp->value = parse_type();
        expect(mp->angle ? Tok::kGt : Tok::kRParen);
        return finish(mp);
      }
      break;
    case Kw::kInterval: {
      auto* i = make<TypeExpr>(begin);
      i->type = TypeKind::kInterval;
      advance();
      i->from = parse_interval_field(nullptr);
      if (accept_kw(Kw::kTo)) i->to = parse_interval_field(nullptr);
      return finish(i);
    }
    case Kw::kTimestamp:
    case Kw::kTime: {
      auto* d = make<TypeExpr>(begin);
      d->type = t.kw == Kw::kTimestamp ? TypeKind::kTimestamp : TypeKind::kTime;
      advance();
      if (at(Tok::kLParen)) {
        advance();
        if (!at(Tok::kInteger)) fail_expected("integer");
        size_t vm = view_mark();
        scratch_.views.push_back(text(tok()));
        d->numbers = take_views(vm);
        advance();
        expect(Tok::kRParen);
      }
      if ((at_kw(Kw::kWith) || at_kw(Kw::kWithout)) && peek_kw(1, Kw::kTime)) {
        d->zone = at_kw(Kw::kWith) ? TimeZoneSpec::kWith : TimeZoneSpec::kWithout;
        advance();
        advance();
        expect_kw(Kw::kZone);
      }
      return finish(d);
    }
    case Kw::kDouble:
      if (next.type == Tok::kIdent && next.kw == Kw::kPrecision) {
        auto* d = make<TypeExpr>(begin);
        d->type = TypeKind::kDoublePrecision;
        advance();
        advance();
        return finish(d);
      }
      break;
    default:
      break;
    }
  }
  // genericType: identifier ('(' typeParameter (',' typeParameter)* ')')?
  auto* g = make<TypeExpr>(begin);
  g->name = parse_identifier();
  if (accept(Tok::kLParen)) {
    size_t m = mark();
    size_t vm = view_mark();
    do {
      if (at(Tok::kInteger)) {
        scratch_.views.push_back(text(tok()));
        push(nullptr);
        advance();
      } else {
        scratch_.views.emplace_back();
        push(parse_type());
      }
    } while (accept(Tok::kComma));
    expect(Tok::kRParen);
    g->params = take<TypeExpr>(m);
    g->numbers = take_views(vm);
  }
  return finish(g);
}

} // namespace athena::sql::detail
