// Statement dispatch, DML (INSERT, MERGE, UPDATE, DELETE, UNLOAD) and utility statements.
#include "parser/parser_impl.h"

namespace athena::sql::detail {

namespace {

bool equals_ignore_case(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    const char x = (a[i] >= 'a' && a[i] <= 'z') ? static_cast<char>(a[i] - 32) : a[i];
    const char y = (b[i] >= 'a' && b[i] <= 'z') ? static_cast<char>(b[i] - 32) : b[i];
    if (x != y) return false;
  }
  return true;
}

} // namespace

Statement* Parser::parse_statement() {
  DepthGuard guard(*this);
  const uint32_t begin = tok().begin;
  if (at(Tok::kLParen)) {
    auto* s = make<QueryStatement>(begin);
    s->query = parse_root_query();
    return finish(s);
  }
  if (tok().type != Tok::kIdent) fail_expected("statement");
  switch (tok().kw) {
  case Kw::kSelect:
  case Kw::kWith:
  case Kw::kValues:
  case Kw::kTable: {
    auto* s = make<QueryStatement>(begin);
    with_may_precede_insert_ = at_kw(Kw::kWith);
    s->query = parse_root_query();
    if (s->query->body == nullptr && at_kw(Kw::kInsert)) {
      // Hive: `WITH ... INSERT INTO t SELECT ...`; the CTEs belong to the INSERT's query.
      hive_form(begin, "WITH before INSERT");
      auto* ins = parse_insert()->as<Insert>();
      if (ins->query->with != nullptr) fail_at(ins->query->span.begin, "a second WITH clause");
      ins->query->with = s->query->with.get();
      ins->span.begin = begin;
      return ins;
    }
    return finish(s);
  }
  case Kw::kInsert:
    return parse_insert();
  case Kw::kCreate:
    return parse_create();
  case Kw::kDrop:
    return parse_drop();
  case Kw::kAlter:
    return parse_alter();
  case Kw::kMerge:
    return parse_merge();
  case Kw::kUpdate:
    return parse_update();
  case Kw::kDelete:
    return parse_delete();
  case Kw::kUnload:
    return parse_unload();
  case Kw::kExplain:
    return parse_explain();
  case Kw::kDescribe:
  case Kw::kDesc:
    return parse_describe();
  case Kw::kShow:
    return parse_show();
  case Kw::kUsing:
    if (peek_kw(1, Kw::kExternal)) return parse_using_external_function();
    break;
  case Kw::kPrepare: {
    advance();
    auto* p = make<Prepare>(begin);
    p->name = parse_identifier();
    expect_kw(Kw::kFrom);
    p->statement = parse_statement();
    return finish(p);
  }
  case Kw::kExecute: {
    advance();
    auto* e = make<Execute>(begin);
    if (at_kw(Kw::kImmediate) && (peek().type == Tok::kString)) {
      advance();
      e->immediate = parse_string_literal();
    } else {
      e->name = parse_identifier();
    }
    if (accept_kw(Kw::kUsing)) {
      size_t m = mark();
      do {
        push(parse_expr());
      } while (accept(Tok::kComma));
      e->args = take<Expr>(m);
    }
    return finish(e);
  }
  case Kw::kDeallocate: {
    advance();
    auto* d = make<Deallocate>(begin);
    expect_kw(Kw::kPrepare);
    d->name = parse_identifier();
    return finish(d);
  }
  case Kw::kUse: {
    advance();
    auto* u = make<Use>(begin);
    Identifier first = parse_identifier();
    if (accept(Tok::kDot)) {
      u->catalog = first;
      u->schema = parse_identifier();
    } else {
      u->schema = first;
    }
    return finish(u);
  }
  case Kw::kMsck:
    if (!caps_.hive_ddl) fail_at(begin, "MSCK REPAIR TABLE is Hive DDL, not Trino");
    [[fallthrough]];
  case Kw::kVacuum:
  case Kw::kOptimize:
  case Kw::kAnalyze:
  case Kw::kRefresh:
  case Kw::kTruncate: {
    auto* m = make<TableMaintenance>(begin);
    Kw kw = tok().kw;
    advance();
    switch (kw) {
    case Kw::kMsck:
      m->stmt = StatementKind::kMsckRepair;
      expect_kw(Kw::kRepair);
      expect_kw(Kw::kTable);
      m->name = parse_qualified_name();
      break;
    case Kw::kVacuum:
      m->stmt = StatementKind::kVacuum;
      m->name = parse_qualified_name();
      break;
    case Kw::kOptimize:
      // OPTIMIZE t REWRITE DATA USING BIN_PACK [WHERE predicate]
      m->stmt = StatementKind::kOptimize;
      m->name = parse_qualified_name();
      expect_kw(Kw::kRewrite);
      expect_kw(Kw::kData);
      expect_kw(Kw::kUsing);
      expect_kw(Kw::kBinPack);
      if (accept_kw(Kw::kWhere)) m->where = parse_expr();
      break;
    case Kw::kAnalyze:
      m->stmt = StatementKind::kAnalyze;
      m->name = parse_qualified_name();
      if (accept_kw(Kw::kWith)) {
        m->has_properties = true;
        m->properties = parse_properties();
      }
      break;
    case Kw::kRefresh:
      m->stmt = StatementKind::kRefreshMaterializedView;
      expect_kw(Kw::kMaterialized);
      expect_kw(Kw::kView);
      m->name = parse_qualified_name();
      break;
    default:
      m->stmt = StatementKind::kTruncate;
      expect_kw(Kw::kTable);
      m->name = parse_qualified_name();
      break;
    }
    return finish(m);
  }
  case Kw::kGrant:
  case Kw::kRevoke:
  case Kw::kDeny:
    return parse_grant();
  case Kw::kStart:
  case Kw::kCommit:
  case Kw::kRollback:
  case Kw::kSet:
  case Kw::kReset:
  case Kw::kCall:
  case Kw::kComment:
    return parse_utility();
  default:
    break;
  }
  fail_expected("statement");
}

Statement* Parser::parse_utility() {
  const uint32_t begin = tok().begin;
  auto* u = make<Utility>(begin);
  size_t vm = view_mark();
  if (accept_kw(Kw::kStart)) {
    expect_kw(Kw::kTransaction);
    u->stmt = StatementKind::kTransaction;
    u->words = "START TRANSACTION";
    if (at_kw(Kw::kIsolation) || at_kw(Kw::kRead)) {
      do {
        uint32_t b = tok().begin;
        if (accept_kw(Kw::kIsolation)) {
          expect_kw(Kw::kLevel);
          if (accept_kw(Kw::kRead)) {
            if (!accept_kw(Kw::kUncommitted)) expect_kw(Kw::kCommitted);
          } else if (accept_kw(Kw::kRepeatable)) {
            expect_kw(Kw::kRead);
          } else {
            expect_kw(Kw::kSerializable);
          }
        } else {
          expect_kw(Kw::kRead);
          if (!accept_kw(Kw::kOnly)) expect_kw(Kw::kWrite);
        }
        scratch_.views.push_back(slice_from(b));
      } while (accept(Tok::kComma));
    }
  } else if (at_kw(Kw::kCommit) || at_kw(Kw::kRollback)) {
    u->stmt = StatementKind::kTransaction;
    u->words = at_kw(Kw::kCommit) ? "COMMIT" : "ROLLBACK";
    advance();
    if (accept_kw(Kw::kWork)) scratch_.views.emplace_back("WORK");
  } else if (accept_kw(Kw::kSet)) {
    u->stmt = StatementKind::kSession;
    if (at_kw(Kw::kRole)) {
      scratch_.views.resize(vm);
      return parse_set_role(begin);
    }
    if (at_kw(Kw::kSession) && peek_kw(1, Kw::kAuthorization) && peek(2).type != Tok::kEq &&
        peek(2).type != Tok::kDot) {
      // SET SESSION AUTHORIZATION (identifier | string)
      require_trino_admin(begin, "SET SESSION AUTHORIZATION");
      advance();
      advance();
      u->words = "SET SESSION AUTHORIZATION";
      if (at(Tok::kString)) {
        u->value = parse_string_literal();
      } else {
        u->value = make_name_ref(scan_qualified_name());
      }
    } else if (accept_kw(Kw::kSession)) {
      u->words = "SET SESSION";
      u->name = parse_qualified_name();
      expect(Tok::kEq);
      u->value = parse_expr();
    } else if (accept_kw(Kw::kTime)) {
      expect_kw(Kw::kZone);
      u->words = "SET TIME ZONE";
      if (!accept_kw(Kw::kLocal)) u->value = parse_expr();
    } else if (accept_kw(Kw::kPath)) {
      u->words = "SET PATH";
      size_t m = mark();
      do {
        push(make_name_ref(scan_qualified_name()));
      } while (accept(Tok::kComma));
      u->args = take<Expr>(m);
    } else {
      fail_expected("'SESSION', 'TIME ZONE' or 'PATH'");
    }
  } else if (accept_kw(Kw::kReset)) {
    expect_kw(Kw::kSession);
    u->stmt = StatementKind::kSession;
    if (at_kw(Kw::kAuthorization) && peek().type != Tok::kDot) {
      // As in Trino, `RESET SESSION AUTHORIZATION` resets the user, not a property so named.
      require_trino_admin(begin, "RESET SESSION AUTHORIZATION");
      advance();
      u->words = "RESET SESSION AUTHORIZATION";
    } else {
      u->words = "RESET SESSION";
      u->name = parse_qualified_name();
    }
  } else if (accept_kw(Kw::kCall)) {
    u->stmt = StatementKind::kCall;
    u->words = "CALL";
    u->name = parse_qualified_name();
    expect(Tok::kLParen);
    size_t m = mark();
    if (!at(Tok::kRParen)) {
      do {
        push(parse_call_argument());
      } while (accept(Tok::kComma));
    }
    expect(Tok::kRParen);
    u->args = take<Expr>(m);
  } else {
    // COMMENT ON (TABLE | VIEW | COLUMN) name IS (string | NULL)
    expect_kw(Kw::kComment);
    expect_kw(Kw::kOn);
    u->stmt = StatementKind::kOther;
    if (accept_kw(Kw::kTable)) {
      u->words = "COMMENT ON TABLE";
    } else if (accept_kw(Kw::kView)) {
      u->words = "COMMENT ON VIEW";
    } else {
      expect_kw(Kw::kColumn);
      u->words = "COMMENT ON COLUMN";
    }
    u->name = parse_qualified_name();
    expect_kw(Kw::kIs);
    if (at_kw(Kw::kNull)) {
      u->value = parse_primary();
    } else {
      u->value = parse_string_literal();
    }
  }
  u->modes = take_views(vm);
  return finish(u);
}

// SET target: identifier; Hive/Spark also write it qualified (`t.v`), which names the same
// column of the statement's target.
Identifier Parser::parse_set_target() {
  const uint32_t begin = tok().begin;
  Identifier id = parse_identifier();
  while (at(Tok::kDot)) {
    hive_form(begin, "qualified SET target");
    advance();
    id = parse_identifier();
  }
  return id;
}

// INSERT INTO qualifiedName columnAliases? rootQuery
// Hive: INSERT (INTO TABLE? | OVERWRITE TABLE?) qualifiedName
//   (PARTITION '(' identifier ('=' expression)? (',' ...)* ')')? (IF NOT EXISTS)?
//   columnAliases? rootQuery
Statement* Parser::parse_insert() {
  auto* s = make<Insert>(tok().begin);
  expect_kw(Kw::kInsert);
  if (at(Tok::kIdent) && is_word(tok(), "OVERWRITE")) {
    hive_form(tok().begin, "INSERT OVERWRITE");
    advance();
    s->overwrite = true;
    accept_kw(Kw::kTable);
  } else {
    expect_kw(Kw::kInto);
    if (at_kw(Kw::kTable)) {
      hive_form(tok().begin, "INSERT INTO TABLE");
      advance();
    }
  }
  s->target = parse_qualified_name();
  if (at_kw(Kw::kPartition)) {
    hive_form(tok().begin, "PARTITION in INSERT");
    advance();
    expect(Tok::kLParen);
    size_t m = mark();
    do {
      auto* a = make<Assignment>(tok().begin);
      a->target = parse_identifier();
      if (accept(Tok::kEq)) a->value = parse_expr();
      push(finish(a));
    } while (accept(Tok::kComma));
    expect(Tok::kRParen);
    s->partition = take<Assignment>(m);
  }
  if (at_kw(Kw::kIf)) {
    hive_form(tok().begin, "IF NOT EXISTS in INSERT");
    advance();
    expect_kw(Kw::kNot);
    expect_kw(Kw::kExists);
    s->if_not_exists = true;
  }
  if (at(Tok::kLParen) && !paren_starts_query(position())) s->columns = parse_identifier_list();
  s->query = parse_root_query();
  return finish(s);
}

// MERGE INTO qualifiedName (AS? identifier)? USING relation ON expression mergeCase+
Statement* Parser::parse_merge() {
  auto* s = make<Merge>(tok().begin);
  expect_kw(Kw::kMerge);
  expect_kw(Kw::kInto);
  s->target = parse_qualified_name();
  s->alias_as = accept_kw(Kw::kAs);
  if (s->alias_as || at_identifier()) s->alias = parse_identifier();
  expect_kw(Kw::kUsing);
  s->source = parse_relation();
  expect_kw(Kw::kOn);
  s->on = parse_expr();
  size_t m = mark();
  while (at_kw(Kw::kWhen)) {
    auto* c = make<MergeCase>(tok().begin);
    advance();
    c->matched = !accept_kw(Kw::kNot);
    expect_kw(Kw::kMatched);
    if (accept_kw(Kw::kAnd)) c->condition = parse_expr();
    expect_kw(Kw::kThen);
    if (c->matched && accept_kw(Kw::kUpdate)) {
      c->action = MergeAction::kUpdate;
      expect_kw(Kw::kSet);
      size_t am = mark();
      do {
        auto* a = make<Assignment>(tok().begin);
        a->target = parse_set_target();
        expect(Tok::kEq);
        a->value = parse_expr();
        push(finish(a));
      } while (accept(Tok::kComma));
      c->assignments = take<Assignment>(am);
    } else if (c->matched && accept_kw(Kw::kDelete)) {
      c->action = MergeAction::kDelete;
    } else if (!c->matched && accept_kw(Kw::kInsert)) {
      c->action = MergeAction::kInsert;
      if (at(Tok::kLParen)) c->columns = parse_identifier_list();
      expect_kw(Kw::kValues);
      expect(Tok::kLParen);
      size_t vm = mark();
      do {
        push(parse_expr());
      } while (accept(Tok::kComma));
      expect(Tok::kRParen);
      c->values = take<Expr>(vm);
    } else {
      fail_expected(c->matched ? "'UPDATE' or 'DELETE'" : "'INSERT'");
    }
    push(finish(c));
  }
  if (mark() == m) fail_expected("'WHEN'");
  s->cases = take<MergeCase>(m);
  return finish(s);
}

// UPDATE qualifiedName SET identifier = expression (, ...)* (WHERE booleanExpression)?
Statement* Parser::parse_update() {
  auto* s = make<Update>(tok().begin);
  expect_kw(Kw::kUpdate);
  s->target = parse_qualified_name();
  expect_kw(Kw::kSet);
  size_t m = mark();
  do {
    auto* a = make<Assignment>(tok().begin);
    a->target = parse_set_target();
    expect(Tok::kEq);
    a->value = parse_expr();
    push(finish(a));
  } while (accept(Tok::kComma));
  s->assignments = take<Assignment>(m);
  if (accept_kw(Kw::kWhere)) s->where = parse_expr();
  return finish(s);
}

// DELETE FROM qualifiedName (WHERE booleanExpression)?
Statement* Parser::parse_delete() {
  auto* s = make<Delete>(tok().begin);
  expect_kw(Kw::kDelete);
  expect_kw(Kw::kFrom);
  s->target = parse_qualified_name();
  if (accept_kw(Kw::kWhere)) s->where = parse_expr();
  return finish(s);
}

// UNLOAD '(' query ')' TO 'location' WITH '(' properties ')'
Statement* Parser::parse_unload() {
  auto* s = make<Unload>(tok().begin);
  expect_kw(Kw::kUnload);
  expect(Tok::kLParen);
  s->query = parse_root_query();
  expect(Tok::kRParen);
  expect_kw(Kw::kTo);
  s->location = parse_string_literal();
  if (accept_kw(Kw::kWith)) {
    s->has_properties = true;
    s->properties = parse_properties();
  }
  return finish(s);
}

// EXPLAIN ANALYZE VERBOSE? statement | EXPLAIN ('(' explainOption (',' explainOption)* ')')?
//   statement
Statement* Parser::parse_explain() {
  auto* e = make<Explain>(tok().begin);
  expect_kw(Kw::kExplain);
  if (accept_kw(Kw::kAnalyze)) {
    e->analyze = true;
    e->verbose = accept_kw(Kw::kVerbose);
  }
  if (at(Tok::kLParen) && (peek_kw(1, Kw::kFormat) || peek_kw(1, Kw::kType))) {
    advance();
    size_t vm = view_mark();
    size_t im = ident_mark();
    do {
      if (accept_kw(Kw::kFormat)) {
        scratch_.views.emplace_back("FORMAT");
      } else {
        expect_kw(Kw::kType);
        scratch_.views.emplace_back("TYPE");
      }
      scratch_.idents.push_back(parse_identifier());
    } while (accept(Tok::kComma));
    expect(Tok::kRParen);
    e->option_names = take_views(vm);
    e->option_values = take_idents(im);
  }
  e->statement = parse_statement();
  return finish(e);
}

// USING EXTERNAL FUNCTION name '(' params ')' RETURNS type (LAMBDA 'fn' | SAGEMAKER 'endpoint')
//   (',' ...)* query
Statement* Parser::parse_using_external_function() {
  auto* s = make<QueryStatement>(tok().begin);
  expect_kw(Kw::kUsing);
  size_t m = mark();
  do {
    auto* r = make<RoutineDef>(tok().begin);
    r->external = true;
    expect_kw(Kw::kExternal);
    expect_kw(Kw::kFunction);
    r->name = parse_qualified_name();
    expect(Tok::kLParen);
    size_t pm = mark();
    if (!at(Tok::kRParen)) {
      do {
        push(parse_routine_param());
      } while (accept(Tok::kComma));
    }
    expect(Tok::kRParen);
    r->params = take<RoutineParam>(pm);
    expect_kw(Kw::kReturns);
    r->returns = parse_type();
    // SAGEMAKER is no keyword of Trino's: matched by its spelling.
    if (at(Tok::kIdent) && tok().kw == Kw::kNone && equals_ignore_case(text(tok()), "SAGEMAKER")) {
      advance();
      r->sagemaker = true;
    } else if (!accept_kw(Kw::kLambda)) {
      fail_expected("'LAMBDA' or 'SAGEMAKER'");
    }
    r->lambda = parse_string_literal();
    push(finish(r));
  } while (accept(Tok::kComma));
  s->external_functions = take<RoutineDef>(m);
  s->query = parse_root_query();
  return finish(s);
}

List<Property*> Parser::parse_properties() {
  expect(Tok::kLParen);
  List<Property*> props = parse_property_assignments();
  expect(Tok::kRParen);
  return props;
}

// property: identifier EQ (DEFAULT | expression); Athena also accepts 'quoted' keys.
List<Property*> Parser::parse_property_assignments() {
  size_t m = mark();
  do {
    auto* p = make<Property>(tok().begin);
    if (at(Tok::kString)) {
      p->string_key = parse_string_literal();
    } else {
      p->name = parse_identifier();
    }
    expect(Tok::kEq);
    if (!accept_kw(Kw::kDefault)) p->value = parse_expr();
    push(finish(p));
  } while (accept(Tok::kComma));
  return take<Property>(m);
}

// Hive: '(' 'key' '=' 'value' (',' ...)* ')'; keys and values may be double-quoted, values
// may be numbers
List<Property*> Parser::parse_string_properties() {
  expect(Tok::kLParen);
  size_t m = mark();
  if (!at(Tok::kRParen)) {
    do {
      auto* p = make<Property>(tok().begin);
      p->string_key = parse_hive_string();
      expect(Tok::kEq);
      p->value = parse_hive_value();
      push(finish(p));
    } while (accept(Tok::kComma));
  }
  expect(Tok::kRParen);
  return take<Property>(m);
}

} // namespace athena::sql::detail
