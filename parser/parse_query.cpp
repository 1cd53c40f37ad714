// Queries: WITH, set operations, SELECT and its clauses, ORDER BY / OFFSET / LIMIT / FETCH.
#include "parser/parser_impl.h"

namespace athena::sql::detail {

// rootQuery: withSession? withFunction? query
// withSession: WITH SESSION qualifiedName EQ expression (',' qualifiedName EQ expression)*
// withFunction: WITH functionSpecification (',' functionSpecification)*
Query* Parser::parse_root_query() {
  const uint32_t begin = tok().begin;
  List<Property*> session;
  // `WITH session AS (...)` and `WITH session (a) AS (...)` are CTEs named "session".
  if (at_kw(Kw::kWith) && peek_kw(1, Kw::kSession) && is_identifier(peek(2))) {
    advance();
    advance();
    size_t m = mark();
    do {
      auto* p = make<Property>(tok().begin);
      p->qualified_name = parse_qualified_name();
      expect(Tok::kEq);
      p->value = parse_expr();
      push(finish(p));
    } while (accept(Tok::kComma));
    session = take<Property>(m);
  }
  List<RoutineDef*> functions;
  if (at_kw(Kw::kWith) && peek_kw(1, Kw::kFunction) && is_identifier(peek(2))) {
    advance();
    size_t m = mark();
    do {
      expect_kw(Kw::kFunction);
      push(parse_function_spec());
    } while (accept(Tok::kComma));
    functions = take<RoutineDef>(m);
  }
  Query* q = parse_query();
  if (!session.empty()) query_extras(q).session = session;
  if (!functions.empty()) query_extras(q).functions = functions;
  q->span.begin = begin;
  return q;
}

With* Parser::parse_with() {
  auto* w = make<With>(tok().begin);
  expect_kw(Kw::kWith);
  w->recursive = accept_kw(Kw::kRecursive);
  size_t m = mark();
  do {
    // namedQuery: name=identifier (columnAliases)? AS '(' query ')'
    auto* cte = make<Cte>(tok().begin);
    cte->name = parse_identifier();
    if (at(Tok::kLParen)) cte->columns = parse_identifier_list();
    expect_kw(Kw::kAs);
    expect(Tok::kLParen);
    cte->query = parse_query();
    expect(Tok::kRParen);
    push(finish(cte));
  } while (accept(Tok::kComma));
  w->ctes = take<Cte>(m);
  return finish(w);
}

// query: with? queryTerm (ORDER BY ...)? (OFFSET n (ROW|ROWS)?)? (LIMIT n|ALL | FETCH ...)?
Query* Parser::parse_query() {
  DepthGuard guard(*this);
  auto* q = make<Query>(tok().begin);
  const bool may_precede_insert = with_may_precede_insert_;
  with_may_precede_insert_ = false;
  if (at_kw(Kw::kWith)) q->with = parse_with();
  // Hive's `WITH ... INSERT`: no body; parse_statement parses the INSERT.
  if (may_precede_insert && q->with != nullptr && at_kw(Kw::kInsert)) return finish(q);
  q->body = parse_query_term(0);
  if (accept_kw(Kw::kOrder)) {
    expect_kw(Kw::kBy);
    q->order_by = parse_sort_items();
  }
  if (at_kw(Kw::kOffset)) {
    advance();
    query_extras(q).offset = parse_row_count();
    if (accept_kw(Kw::kRow) || accept_kw(Kw::kRows)) q->offset_rows = true;
  }
  if (at_kw(Kw::kLimit)) {
    advance();
    if (accept_kw(Kw::kAll)) {
      q->limit_all = true;
    } else {
      q->row_count = parse_row_count();
    }
  } else if (at_kw(Kw::kFetch)) {
    advance();
    if (!accept_kw(Kw::kFirst)) expect_kw(Kw::kNext);
    q->fetch_first = true;
    if (at(Tok::kInteger) || at(Tok::kQuestion)) q->row_count = parse_row_count();
    if (!accept_kw(Kw::kRow)) expect_kw(Kw::kRows);
    if (accept_kw(Kw::kWith)) {
      expect_kw(Kw::kTies);
      q->with_ties = true;
    } else {
      expect_kw(Kw::kOnly);
    }
  }
  return finish(q);
}

// INTERSECT binds tighter than UNION and EXCEPT; all are left-associative.
QueryBody* Parser::parse_query_term(int min_prec) {
  QueryBody* left = parse_query_primary();
  while (true) {
    int prec = 0;
    SetOp op = SetOp::kUnion;
    if (at_kw(Kw::kUnion)) {
      prec = 1;
    } else if (at_kw(Kw::kExcept)) {
      prec = 1;
      op = SetOp::kExcept;
    } else if (at_kw(Kw::kIntersect)) {
      prec = 2;
      op = SetOp::kIntersect;
    }
    if (prec == 0 || prec < min_prec) return left;
    advance();
    auto* s = make<SetOperation>(left->span.begin);
    s->op = op;
    if (accept_kw(Kw::kDistinct)) {
      s->quantifier = SetQuantifier::kDistinct;
    } else if (accept_kw(Kw::kAll)) {
      s->quantifier = SetQuantifier::kAll;
    }
    s->left = left;
    s->right = parse_query_term(prec + 1);
    left = finish(s);
  }
}

// queryPrimary: querySpecification | TABLE qualifiedName | VALUES expression (',' expression)*
//   | '(' query ')'
QueryBody* Parser::parse_query_primary() {
  DepthGuard guard(*this);
  const uint32_t begin = tok().begin;
  if (at_kw(Kw::kSelect)) return parse_select();
  if (at_kw(Kw::kTable)) {
    advance();
    auto* t = make<TableBody>(begin);
    t->name = parse_qualified_name();
    return finish(t);
  }
  if (at_kw(Kw::kValues)) {
    advance();
    auto* v = make<Values>(begin);
    size_t m = mark();
    do {
      push(parse_expr());
    } while (accept(Tok::kComma));
    v->rows = take<Expr>(m);
    return finish(v);
  }
  if (at(Tok::kLParen)) {
    advance();
    auto* p = make<ParenQuery>(begin);
    p->query = parse_query();
    expect(Tok::kRParen);
    return finish(p);
  }
  fail_expected("'SELECT', 'VALUES', 'TABLE' or '('");
}

// querySpecification: SELECT setQuantifier? selectItem (',' selectItem)* (FROM relation
//   (',' relation)*)? (WHERE ...)? (GROUP BY groupBy)? (HAVING ...)? (WINDOW ...)?
Select* Parser::parse_select() {
  auto* s = make<Select>(tok().begin);
  expect_kw(Kw::kSelect);
  if (accept_kw(Kw::kDistinct)) {
    s->quantifier = SetQuantifier::kDistinct;
  } else if (accept_kw(Kw::kAll)) {
    s->quantifier = SetQuantifier::kAll;
  }
  size_t m = mark();
  do {
    push(parse_select_item());
  } while (accept(Tok::kComma));
  s->items = take<SelectItem>(m);
  if (accept_kw(Kw::kFrom)) {
    m = mark();
    do {
      push(parse_relation());
    } while (accept(Tok::kComma));
    s->from = take<Relation>(m);
  }
  if (accept_kw(Kw::kWhere)) s->where = parse_expr();
  if (at_kw(Kw::kGroup)) s->group_by = parse_group_by();
  if (accept_kw(Kw::kHaving)) s->having = parse_expr();
  if (at_kw(Kw::kWindow) && is_identifier(peek()) && peek_kw(2, Kw::kAs)) {
    advance();
    m = mark();
    do {
      auto* w = make<WindowDef>(tok().begin);
      w->name = parse_identifier();
      expect_kw(Kw::kAs);
      expect(Tok::kLParen);
      w->spec = parse_window_spec();
      expect(Tok::kRParen);
      push(finish(w));
    } while (accept(Tok::kComma));
    s->windows = take<WindowDef>(m);
  }
  return finish(s);
}

// selectItem: expression (AS? identifier)? | primaryExpression '.' '*' (AS columnAliases)? | '*'
SelectItem* Parser::parse_select_item() {
  const uint32_t begin = tok().begin;
  if (accept(Tok::kStar)) {
    auto* item = make<SelectItem>(begin);
    item->star = true;
    return finish(item);
  }
  Expr* value = parse_expr();
  if (at(Tok::kDot) && peek().type == Tok::kStar) {
    advance();
    advance();
    SelectItem* item = nullptr;
    if (accept_kw(Kw::kAs)) {
      List<Identifier> aliases = parse_identifier_list();
      auto [node, tail] = make_with_tail<SelectItem, RList<Identifier>>(begin);
      *tail = aliases;
      node->tail = SelectItem::kStarAliasesTail;
      item = node;
    } else {
      item = make<SelectItem>(begin);
    }
    item->star = true;
    item->value = value;
    return finish(item);
  }
  SelectItem* item = nullptr;
  if (accept_kw(Kw::kAs) || at_implicit_alias()) {
    Identifier alias = parse_identifier();
    auto [node, tail] = make_with_tail<SelectItem, Identifier>(begin);
    *tail = alias;
    node->tail = SelectItem::kAliasTail;
    item = node;
  } else {
    item = make<SelectItem>(begin);
  }
  item->value = value;
  return finish(item);
}

// groupBy: setQuantifier? groupingElement (',' groupingElement)*
GroupBy* Parser::parse_group_by() {
  auto* g = make<GroupBy>(tok().begin);
  expect_kw(Kw::kGroup);
  expect_kw(Kw::kBy);
  if (accept_kw(Kw::kDistinct)) {
    g->quantifier = SetQuantifier::kDistinct;
  } else if (accept_kw(Kw::kAll)) {
    g->quantifier = SetQuantifier::kAll;
  }
  // A grouping set: `(a, b)` (a RowConstructor), `()` (an empty one) or an expression.
  auto grouping_set = [this]() -> Expr* {
    if (at(Tok::kLParen) && peek().type == Tok::kRParen) {
      auto* r = make<RowConstructor>(tok().begin);
      advance();
      advance();
      return finish(r);
    }
    return parse_expr();
  };
  size_t m = mark();
  do {
    auto* e = make<GroupingElement>(tok().begin);
    if ((at_kw(Kw::kRollup) || at_kw(Kw::kCube)) && peek().type == Tok::kLParen) {
      e->grouping = at_kw(Kw::kRollup) ? GroupingKind::kRollup : GroupingKind::kCube;
      advance();
      advance();
      size_t im = mark();
      if (!at(Tok::kRParen)) {
        do {
          push(grouping_set());
        } while (accept(Tok::kComma));
      }
      expect(Tok::kRParen);
      e->items = take<Expr>(im);
    } else if (at_kw(Kw::kGrouping) && peek_kw(1, Kw::kSets)) {
      e->grouping = GroupingKind::kGroupingSets;
      advance();
      advance();
      expect(Tok::kLParen);
      size_t im = mark();
      do {
        push(grouping_set());
      } while (accept(Tok::kComma));
      expect(Tok::kRParen);
      e->items = take<Expr>(im);
    } else {
      size_t im = mark();
      push(grouping_set());
      e->items = take<Expr>(im);
    }
    push(finish(e));
  } while (accept(Tok::kComma));
  g->elements = take<GroupingElement>(m);
  return finish(g);
}

} // namespace athena::sql::detail
