// SQL routines: FUNCTION declarations and their control statements (Trino's SQL routine body).
#include "parser/parser_impl.h"

namespace athena::sql::detail {

// parameterDeclaration: identifier? type
RoutineParam* Parser::parse_routine_param() {
  auto* p = make<RoutineParam>(tok().begin);
  bool named = is_identifier(tok()) && is_identifier(peek()) &&
               !(at_kw(Kw::kDouble) && peek_kw(1, Kw::kPrecision));
  if (named) p->name = parse_identifier();
  p->type = parse_type();
  return finish(p);
}

// functionSpecification: FUNCTION functionDeclaration returnsClause routineCharacteristic*
//   controlStatement          (FUNCTION already consumed)
RoutineDef* Parser::parse_function_spec() {
  auto* r = make<RoutineDef>(prev_token().begin);
  r->name = parse_qualified_name();
  expect(Tok::kLParen);
  size_t m = mark();
  if (!at(Tok::kRParen)) {
    do {
      push(parse_routine_param());
    } while (accept(Tok::kComma));
  }
  expect(Tok::kRParen);
  r->params = take<RoutineParam>(m);
  expect_kw(Kw::kReturns);
  r->returns = parse_type();
  size_t vm = view_mark();
  while (true) {
    uint32_t b = tok().begin;
    if (accept_kw(Kw::kLanguage)) {
      parse_identifier();
    } else if (at_kw(Kw::kNot) && peek_kw(1, Kw::kDeterministic)) {
      advance();
      advance();
    } else if (accept_kw(Kw::kDeterministic)) {
    } else if (at_kw(Kw::kReturns) && peek_kw(1, Kw::kNull)) {
      advance();
      advance();
      expect_kw(Kw::kOn);
      expect_kw(Kw::kNull);
      expect_kw(Kw::kInput);
    } else if (accept_kw(Kw::kCalled)) {
      expect_kw(Kw::kOn);
      expect_kw(Kw::kNull);
      expect_kw(Kw::kInput);
    } else if (accept_kw(Kw::kSecurity)) {
      if (!accept_kw(Kw::kDefiner)) expect_kw(Kw::kInvoker);
    } else if (accept_kw(Kw::kComment)) {
      parse_string_literal();
    } else if (at_kw(Kw::kWith) && peek().type == Tok::kLParen) {
      advance();
      r->properties_given = true;
      r->properties_position = static_cast<uint32_t>(scratch_.views.size() - vm);
      r->properties = parse_properties();
      continue;
    } else {
      break;
    }
    scratch_.views.push_back(slice_from(b));
  }
  r->characteristics = take_views(vm);
  r->body = parse_control_statement();
  return finish(r);
}

// sqlStatementList: (controlStatement SEMICOLON)+
List<RoutineStmt*> Parser::parse_statement_list() {
  size_t m = mark();
  do {
    push(parse_control_statement());
    expect(Tok::kSemicolon);
  } while (!(at_kw(Kw::kEnd) || at_kw(Kw::kElse) || at_kw(Kw::kElseif) || at_kw(Kw::kWhen) ||
             at_kw(Kw::kUntil) || at(Tok::kEnd)));
  return take<RoutineStmt>(m);
}

RoutineStmt* Parser::parse_control_statement() {
  DepthGuard guard(*this);
  auto* s = make<RoutineStmt>(tok().begin);
  // (label ':')? LOOP | WHILE | REPEAT
  if (is_identifier(tok()) && peek().type == Tok::kColon) {
    s->label = parse_identifier();
    advance();
    if (!(at_kw(Kw::kLoop) || at_kw(Kw::kWhile) || at_kw(Kw::kRepeat))) {
      fail_expected("'LOOP', 'WHILE' or 'REPEAT'");
    }
  }
  if (accept_kw(Kw::kReturn)) {
    s->stmt = RoutineStmtKind::kReturn;
    s->value = parse_value_expr();
  } else if (accept_kw(Kw::kSet)) {
    s->stmt = RoutineStmtKind::kAssign;
    s->target = parse_identifier();
    expect(Tok::kEq);
    s->value = parse_expr();
  } else if (accept_kw(Kw::kCase)) {
    s->stmt = RoutineStmtKind::kCase;
    if (!at_kw(Kw::kWhen)) s->value = parse_expr();
    size_t m = mark();
    while (at_kw(Kw::kWhen)) {
      auto* w = make<CaseStmtWhen>(tok().begin);
      advance();
      w->condition = parse_expr();
      expect_kw(Kw::kThen);
      w->body = parse_statement_list();
      push(finish(w));
    }
    if (mark() == m) fail_expected("'WHEN'");
    s->whens = take<CaseStmtWhen>(m);
    if (accept_kw(Kw::kElse)) {
      s->has_else = true;
      s->else_body = parse_statement_list();
    }
    expect_kw(Kw::kEnd);
    expect_kw(Kw::kCase);
  } else if (accept_kw(Kw::kIf)) {
    s->stmt = RoutineStmtKind::kIf;
    s->value = parse_expr();
    expect_kw(Kw::kThen);
    s->body = parse_statement_list();
    size_t m = mark();
    while (at_kw(Kw::kElseif)) {
      auto* w = make<CaseStmtWhen>(tok().begin);
      advance();
      w->condition = parse_expr();
      expect_kw(Kw::kThen);
      w->body = parse_statement_list();
      push(finish(w));
    }
    s->whens = take<CaseStmtWhen>(m);
    if (accept_kw(Kw::kElse)) {
      s->has_else = true;
      s->else_body = parse_statement_list();
    }
    expect_kw(Kw::kEnd);
    expect_kw(Kw::kIf);
  } else if (accept_kw(Kw::kIterate)) {
    s->stmt = RoutineStmtKind::kIterate;
    s->label = parse_identifier();
  } else if (accept_kw(Kw::kLeave)) {
    s->stmt = RoutineStmtKind::kLeave;
    s->label = parse_identifier();
  } else if (accept_kw(Kw::kBegin)) {
    // BEGIN (variableDeclaration ';')* sqlStatementList? END
    s->stmt = RoutineStmtKind::kCompound;
    size_t m = mark();
    while (at_kw(Kw::kDeclare)) {
      auto* d = make<VarDecl>(tok().begin);
      advance();
      size_t im = ident_mark();
      do {
        scratch_.idents.push_back(parse_identifier());
      } while (accept(Tok::kComma));
      d->names = take_idents(im);
      d->type = parse_type();
      if (accept_kw(Kw::kDefault)) d->default_value = parse_value_expr();
      push(finish(d));
      expect(Tok::kSemicolon);
    }
    s->decls = take<VarDecl>(m);
    if (!at_kw(Kw::kEnd)) s->body = parse_statement_list();
    expect_kw(Kw::kEnd);
  } else if (accept_kw(Kw::kLoop)) {
    s->stmt = RoutineStmtKind::kLoop;
    s->body = parse_statement_list();
    expect_kw(Kw::kEnd);
    expect_kw(Kw::kLoop);
  } else if (accept_kw(Kw::kWhile)) {
    s->stmt = RoutineStmtKind::kWhile;
    s->value = parse_expr();
    expect_kw(Kw::kDo);
    s->body = parse_statement_list();
    expect_kw(Kw::kEnd);
    expect_kw(Kw::kWhile);
  } else if (accept_kw(Kw::kRepeat)) {
    s->stmt = RoutineStmtKind::kRepeat;
    s->body = parse_statement_list();
    expect_kw(Kw::kUntil);
    s->value = parse_expr();
    expect_kw(Kw::kEnd);
    expect_kw(Kw::kRepeat);
  } else {
    fail_expected("routine statement (RETURN, SET, IF, CASE, BEGIN, LOOP, WHILE, REPEAT, "
                  "ITERATE or LEAVE)");
  }
  return finish(s);
}

} // namespace athena::sql::detail
