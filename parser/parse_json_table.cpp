// JSON_TABLE (Trino's SQL/JSON table function) as a relation.
#include "parser/parser_impl.h"

namespace athena::sql::detail {

// JSON_TABLE '(' jsonPathInvocation
//     COLUMNS '(' jsonTableColumn (',' jsonTableColumn)* ')'
//     (PLAN '(' jsonTableSpecificPlan ')' | PLAN DEFAULT '(' jsonTableDefaultPlan ')')?
//     ((ERROR | EMPTY) ON ERROR)?
// ')'
Relation* Parser::parse_json_table() {
  auto* t = make<JsonTable>(tok().begin);
  advance();
  expect(Tok::kLParen);
  parse_json_path_invocation(t->input, t->input_format, t->path, t->path_name, t->passing);
  expect_kw(Kw::kColumns);
  expect(Tok::kLParen);
  size_t m = mark();
  do {
    push(parse_json_table_column());
  } while (accept(Tok::kComma));
  expect(Tok::kRParen);
  t->columns = take<JsonTableColumn>(m);
  if (at_kw(Kw::kPlan)) {
    const uint32_t b = tok().begin;
    advance();
    if (accept_kw(Kw::kDefault)) {
      // jsonTableDefaultPlan: (OUTER | INNER) (',' (UNION | CROSS))?
      //                     | (UNION | CROSS) (',' (OUTER | INNER))?
      expect(Tok::kLParen);
      const bool join_first = at_kw(Kw::kOuter) || at_kw(Kw::kInner);
      if (!join_first && !at_kw(Kw::kUnion) && !at_kw(Kw::kCross)) {
        fail_expected("'OUTER', 'INNER', 'UNION' or 'CROSS'");
      }
      advance();
      if (accept(Tok::kComma)) {
        if (join_first ? !(at_kw(Kw::kUnion) || at_kw(Kw::kCross))
                       : !(at_kw(Kw::kOuter) || at_kw(Kw::kInner))) {
          fail_expected(join_first ? "'UNION' or 'CROSS'" : "'OUTER' or 'INNER'");
        }
        advance();
      }
      expect(Tok::kRParen);
    } else {
      expect(Tok::kLParen);
      parse_json_table_plan();
      expect(Tok::kRParen);
    }
    t->plan = slice_from(b);
  }
  if ((at_kw(Kw::kError) || at_kw(Kw::kEmpty)) && peek_kw(1, Kw::kOn)) {
    t->on_error = at_kw(Kw::kError) ? "ERROR" : "EMPTY";
    advance();
    advance();
    expect_kw(Kw::kError);
  }
  expect(Tok::kRParen);
  return finish(t);
}

// jsonTableColumn: see JsonTableColumn in parser/ast_query.h.
JsonTableColumn* Parser::parse_json_table_column() {
  DepthGuard guard(*this);
  auto* c = make<JsonTableColumn>(tok().begin);
  if (at_kw(Kw::kNested) && (peek_kw(1, Kw::kPath) || peek().type == Tok::kString ||
                             peek().type == Tok::kUnicodeString)) {
    advance();
    c->column = JsonTableColumnKind::kNested;
    c->nested_path_keyword = accept_kw(Kw::kPath);
    if (!at(Tok::kString) && !at(Tok::kUnicodeString)) fail_expected("JSON path string");
    c->path = parse_string_literal();
    if (accept_kw(Kw::kAs)) c->name = parse_identifier();
    expect_kw(Kw::kColumns);
    expect(Tok::kLParen);
    size_t m = mark();
    do {
      push(parse_json_table_column());
    } while (accept(Tok::kComma));
    expect(Tok::kRParen);
    c->columns = take<JsonTableColumn>(m);
    return finish(c);
  }
  c->name = parse_identifier();
  if (at_kw(Kw::kFor) && peek_kw(1, Kw::kOrdinality)) {
    advance();
    advance();
    c->column = JsonTableColumnKind::kOrdinality;
    return finish(c);
  }
  c->type = parse_type();
  c->format = parse_json_format();
  c->column = c->format.empty() ? JsonTableColumnKind::kValue : JsonTableColumnKind::kQuery;
  if (accept_kw(Kw::kPath)) {
    if (!at(Tok::kString) && !at(Tok::kUnicodeString)) fail_expected("JSON path string");
    c->path = parse_string_literal();
  }
  JsonBehaviors b =
      parse_json_behaviors(c->column == JsonTableColumnKind::kQuery ? JsonFunctionKind::kQuery
                                                                    : JsonFunctionKind::kValue);
  c->wrapper = b.wrapper;
  c->quotes = b.quotes;
  c->on_empty = b.on_empty;
  c->on_empty_default = b.on_empty_default;
  c->on_error = b.on_error;
  c->on_error_default = b.on_error_default;
  return finish(c);
}

// jsonTableSpecificPlan
//     : jsonTablePathName
//     | jsonTablePathName (OUTER | INNER) planPrimary
//     | planPrimary UNION planPrimary (UNION planPrimary)*
//     | planPrimary CROSS planPrimary (CROSS planPrimary)*
void Parser::parse_json_table_plan() {
  DepthGuard guard(*this);
  const bool named = at_identifier();
  parse_json_plan_primary();
  if (named && (at_kw(Kw::kOuter) || at_kw(Kw::kInner))) {
    advance();
    parse_json_plan_primary();
    return;
  }
  if (at_kw(Kw::kUnion) || at_kw(Kw::kCross)) {
    const Kw op = tok().kw;
    while (accept_kw(op))
      parse_json_plan_primary();
  }
}

// planPrimary: jsonTablePathName | '(' jsonTableSpecificPlan ')'
void Parser::parse_json_plan_primary() {
  if (accept(Tok::kLParen)) {
    parse_json_table_plan();
    expect(Tok::kRParen);
    return;
  }
  parse_identifier();
}

} // namespace athena::sql::detail
