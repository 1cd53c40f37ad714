// FROM-clause relations: joins, aliases, TABLESAMPLE, UNNEST, LATERAL, TABLE(fn), MATCH_RECOGNIZE.
#include "parser/parser_impl.h"

namespace athena::sql::detail {
namespace {

bool starts_join(const Parser& p) {
  const Token& t = p.tok();
  if (t.type != Tok::kIdent) return false;
  switch (t.kw) {
  case Kw::kJoin:
  case Kw::kInner:
  case Kw::kLeft:
  case Kw::kRight:
  case Kw::kFull:
  case Kw::kCross:
  case Kw::kNatural:
    return true;
  default:
    return false;
  }
}

} // namespace

// relation: relation (CROSS JOIN sampled | joinType JOIN relation joinCriteria
//   | NATURAL joinType JOIN sampled) | sampledRelation
Relation* Parser::parse_relation() {
  DepthGuard guard(*this);
  return parse_join_tail(parse_sampled_relation());
}

Relation* Parser::parse_join_tail(Relation* left) {
  while (starts_join(*this) || (at_kw(Kw::kLateral) && peek_kw(1, Kw::kView))) {
    if (at_kw(Kw::kLateral)) {
      left = parse_lateral_view(left);
      continue;
    }
    auto* j = make<Join>(left->span.begin);
    j->left = left;
    if (accept_kw(Kw::kCross)) {
      expect_kw(Kw::kJoin);
      j->join = JoinType::kCross;
      j->right = parse_sampled_relation();
      left = finish(j);
      continue;
    }
    j->natural = accept_kw(Kw::kNatural);
    if (accept_kw(Kw::kInner)) {
      j->join = JoinType::kInner;
      j->explicit_inner = true;
    } else if (accept_kw(Kw::kLeft)) {
      j->join = JoinType::kLeft;
      // Hive: LEFT SEMI JOIN keeps the left rows with a match (an inner join for lineage);
      // LEFT ANTI JOIN those without one.
      if (at(Tok::kIdent) && (is_word(tok(), "SEMI") || is_word(tok(), "ANTI"))) {
        const bool semi = is_word(tok(), "SEMI");
        hive_form(tok().begin, semi ? "LEFT SEMI JOIN" : "LEFT ANTI JOIN");
        advance();
        if (semi) j->join = JoinType::kInner;
        j->semi = semi;
        j->anti = !semi;
      }
    } else if (accept_kw(Kw::kRight)) {
      j->join = JoinType::kRight;
    } else if (accept_kw(Kw::kFull)) {
      j->join = JoinType::kFull;
    } else {
      j->join = JoinType::kInner;
    }
    if (j->join == JoinType::kLeft || j->join == JoinType::kRight || j->join == JoinType::kFull) {
      j->outer = accept_kw(Kw::kOuter);
    }
    expect_kw(Kw::kJoin);
    if (j->natural) {
      j->right = parse_sampled_relation();
      left = finish(j);
      continue;
    }
    Relation* right = parse_sampled_relation();
    // `a JOIN b JOIN c ON x ON y`: the right side is itself a join chain.
    if (starts_join(*this)) {
      DepthGuard guard(*this);
      right = parse_join_tail(right);
    }
    j->right = right;
    if (accept_kw(Kw::kOn)) {
      j->on = parse_expr();
    } else if (accept_kw(Kw::kUsing)) {
      j->using_columns = parse_identifier_list();
    } else if (caps_.hive_dml && j->join == JoinType::kInner) {
      hive_form(j->right->span.begin, "JOIN without ON");
      j->join = JoinType::kCross; // Hive: a cross join
    } else if (j->join == JoinType::kInner) {
      fail_expected("'ON' or 'USING' (JOIN without ON is Hive SQL, which this dialect does not "
                    "accept; use --dialect hive)");
    } else {
      fail_expected("'ON' or 'USING'");
    }
    left = finish(j);
  }
  return left;
}

// Hive: lateralView: LATERAL VIEW OUTER? functionCall identifier (AS identifier (',' identifier)*)?
// A cross join with UNNEST of the call: every generated column derives from its arguments.
Relation* Parser::parse_lateral_view(Relation* left) {
  const uint32_t begin = tok().begin;
  hive_form(begin, "LATERAL VIEW");
  expect_kw(Kw::kLateral);
  expect_kw(Kw::kView);
  if (at(Tok::kIdent) && is_word(tok(), "OUTER")) advance();
  auto* u = make<Unnest>(tok().begin);
  size_t m = mark();
  push(parse_primary());
  u->args = take<Expr>(m);
  finish(u);
  auto* a = make<AliasedRelation>(u->span.begin);
  a->relation = u;
  a->alias = parse_identifier();
  if (accept_kw(Kw::kAs)) {
    a->has_as = true;
    const size_t im = ident_mark();
    do {
      scratch_.idents.push_back(parse_identifier());
    } while (accept(Tok::kComma));
    a->columns = take_idents(im);
  }
  finish(a);
  auto* j = make<Join>(left->span.begin);
  j->join = JoinType::kCross;
  j->left = left;
  j->right = a;
  return finish(j);
}

// sampledRelation: patternRecognition (TABLESAMPLE (BERNOULLI|SYSTEM) '(' expression ')')?
Relation* Parser::parse_sampled_relation() {
  Relation* r = parse_aliased_relation();
  if (at_kw(Kw::kMatchRecognize)) r = parse_match_recognize(r);
  if (at_kw(Kw::kTablesample)) {
    advance();
    auto* s = make<SampledRelation>(r->span.begin);
    s->relation = r;
    if (accept_kw(Kw::kSystem)) {
      s->system = true;
    } else {
      expect_kw(Kw::kBernoulli);
    }
    expect(Tok::kLParen);
    s->percentage = parse_expr();
    expect(Tok::kRParen);
    r = finish(s);
  }
  return r;
}

// aliasedRelation: relationPrimary (AS? identifier columnAliases?)?
Relation* Parser::parse_aliased_relation() {
  Relation* r = parse_relation_primary();
  bool has_as = accept_kw(Kw::kAs);
  if (has_as || at_implicit_alias()) {
    auto* a = make<AliasedRelation>(r->span.begin);
    a->relation = r;
    a->has_as = has_as;
    a->alias = parse_identifier();
    if (at(Tok::kLParen)) a->columns = parse_identifier_list();
    return finish(a);
  }
  return r;
}

Relation* Parser::parse_relation_primary() {
  DepthGuard guard(*this);
  const uint32_t begin = tok().begin;
  if (at(Tok::kLParen)) {
    if (paren_starts_query(position())) {
      advance();
      auto* s = make<SubqueryRelation>(begin);
      s->query = parse_query();
      expect(Tok::kRParen);
      return finish(s);
    }
    // '(' relation ')': parentheses are not a node.
    advance();
    Relation* inner = parse_relation();
    expect(Tok::kRParen);
    return inner;
  }
  if (at_kw(Kw::kJsonTable) && peek().type == Tok::kLParen) return parse_json_table();
  if (at_kw(Kw::kUnnest)) {
    advance();
    auto* u = make<Unnest>(begin);
    expect(Tok::kLParen);
    size_t m = mark();
    do {
      push(parse_expr());
    } while (accept(Tok::kComma));
    expect(Tok::kRParen);
    u->args = take<Expr>(m);
    if (at_kw(Kw::kWith) && peek_kw(1, Kw::kOrdinality)) {
      advance();
      advance();
      u->with_ordinality = true;
    }
    return finish(u);
  }
  if (at_kw(Kw::kLateral) && peek().type == Tok::kLParen) {
    advance();
    advance();
    auto* l = make<Lateral>(begin);
    l->query = parse_query();
    expect(Tok::kRParen);
    return finish(l);
  }
  if (at_kw(Kw::kTable) && peek().type == Tok::kLParen) {
    // TABLE '(' tableFunctionCall ')'
    advance();
    advance();
    auto* tf = make<TableFunction>(begin);
    const uint32_t call_begin = tok().begin;
    auto* call = make<FunctionCall>(call_begin);
    call->name = parse_qualified_name();
    expect(Tok::kLParen);
    size_t m = mark();
    if (!at(Tok::kRParen)) {
      do {
        // Table arguments `TABLE(t)` / `TABLE(query)` and DESCRIPTOR(...) parse as calls;
        // any argument may be named (`input => TABLE(t)`).
        NamedArgument* named = nullptr;
        if (is_identifier(tok()) && peek().type == Tok::kFatArrow) {
          named = make<NamedArgument>(tok().begin);
          named->name = parse_identifier();
          advance();
        }
        Expr* value = nullptr;
        if (at_kw(Kw::kTable) && peek().type == Tok::kLParen) {
          auto* arg = make<FunctionCall>(tok().begin);
          size_t im = ident_mark();
          scratch_.idents.push_back(ident_from(tok()));
          arg->name.parts = take_idents(im);
          advance();
          advance();
          size_t am = mark();
          if (paren_starts_query(position() - 1)) {
            auto* sq = make<SubqueryExpr>(tok().begin);
            sq->query = parse_query();
            push(finish(sq));
          } else {
            push(make_name_ref(scan_qualified_name()));
          }
          expect(Tok::kRParen);
          arg->args = take<Expr>(am);
          value = finish(arg);
        } else {
          value = parse_expr();
        }
        if (named != nullptr) {
          named->value = value;
          value = finish(named);
        }
        push(value);
      } while (accept(Tok::kComma));
    }
    expect(Tok::kRParen);
    call->args = take<Expr>(m);
    tf->call = finish(call);
    expect(Tok::kRParen);
    return finish(tf);
  }
  // qualifiedName queryPeriod?
  auto* t = make<TableRef>(begin);
  if (!at_identifier()) fail_expected("table name, '(' or 'UNNEST'");
  t->name = parse_qualified_name();
  if (at_kw(Kw::kFor) && (peek_kw(1, Kw::kTimestamp) || peek_kw(1, Kw::kVersion))) {
    advance();
    t->version = at_kw(Kw::kTimestamp) ? VersionKind::kTimestamp : VersionKind::kVersion;
    advance();
    expect_kw(Kw::kAs);
    expect_kw(Kw::kOf);
    t->version_value = parse_value_expr();
  }
  return finish(t);
}

// MATCH_RECOGNIZE '(' (PARTITION BY ...)? (ORDER BY ...)? (MEASURES ...)? rowsPerMatch?
//   (AFTER MATCH skipTo)? (INITIAL | SEEK)? PATTERN '(' rowPattern ')' (SUBSET ...)?
//   DEFINE ... ')' (AS? identifier columnAliases?)?
Relation* Parser::parse_match_recognize(Relation* input) {
  auto* p = make<PatternRecognition>(input->span.begin);
  p->relation = input;
  expect_kw(Kw::kMatchRecognize);
  expect(Tok::kLParen);
  if (at_kw(Kw::kPartition)) {
    advance();
    expect_kw(Kw::kBy);
    size_t m = mark();
    do {
      push(parse_expr());
    } while (accept(Tok::kComma));
    p->partition_by = take<Expr>(m);
  }
  if (accept_kw(Kw::kOrder)) {
    expect_kw(Kw::kBy);
    p->order_by = parse_sort_items();
  }
  if (accept_kw(Kw::kMeasures)) p->measures = parse_measures();
  if (accept_kw(Kw::kOne)) {
    expect_kw(Kw::kRow);
    expect_kw(Kw::kPer);
    expect_kw(Kw::kMatch);
    p->rows_per_match = RowsPerMatch::kOne;
  } else if (at_kw(Kw::kAll) && peek_kw(1, Kw::kRows)) {
    advance();
    advance();
    expect_kw(Kw::kPer);
    expect_kw(Kw::kMatch);
    p->rows_per_match = RowsPerMatch::kAll;
    if (accept_kw(Kw::kShow)) {
      expect_kw(Kw::kEmpty);
      expect_kw(Kw::kMatches);
      p->rows_per_match = RowsPerMatch::kAllShowEmpty;
    } else if (accept_kw(Kw::kOmit)) {
      expect_kw(Kw::kEmpty);
      expect_kw(Kw::kMatches);
      p->rows_per_match = RowsPerMatch::kAllOmitEmpty;
    } else if (accept_kw(Kw::kWith)) {
      expect_kw(Kw::kUnmatched);
      expect_kw(Kw::kRows);
      p->rows_per_match = RowsPerMatch::kAllWithUnmatched;
    }
  }
  if (accept_kw(Kw::kAfter)) {
    expect_kw(Kw::kMatch);
    expect_kw(Kw::kSkip);
    parse_skip_to(p->skip, p->skip_variable);
  }
  if (accept_kw(Kw::kInitial)) {
    p->initial = true;
  } else if (accept_kw(Kw::kSeek)) {
    p->seek = true;
  }
  expect_kw(Kw::kPattern);
  expect(Tok::kLParen);
  p->pattern = parse_row_pattern();
  expect(Tok::kRParen);
  if (accept_kw(Kw::kSubset)) p->subsets = parse_subsets();
  expect_kw(Kw::kDefine);
  p->defines = parse_defines();
  expect(Tok::kRParen);
  Relation* r = finish(p);
  bool has_as = accept_kw(Kw::kAs);
  if (has_as || at_implicit_alias()) {
    auto* a = make<AliasedRelation>(r->span.begin);
    a->relation = r;
    a->has_as = has_as;
    a->alias = parse_identifier();
    if (at(Tok::kLParen)) a->columns = parse_identifier_list();
    r = finish(a);
  }
  return r;
}

// rowPattern: alternation of concatenations of quantified primaries.
RowPattern* Parser::parse_row_pattern() {
  DepthGuard guard(*this);
  RowPattern* left = parse_row_pattern_concat();
  if (!at(Tok::kPipe)) return left;
  auto* alt = make<RowPattern>(left->span.begin);
  alt->pattern = RowPatternKind::kAlternation;
  size_t m = mark();
  push(left);
  while (accept(Tok::kPipe))
    push(parse_row_pattern_concat());
  alt->items = take<RowPattern>(m);
  return finish(alt);
}

RowPattern* Parser::parse_row_pattern_concat() {
  const uint32_t begin = tok().begin;
  size_t m = mark();
  while (at_identifier() || at(Tok::kLParen) || at(Tok::kCaret) || at(Tok::kDollar) ||
         at(Tok::kLBraceMinus)) {
    RowPattern* prim = parse_row_pattern_primary();
    // patternQuantifier
    if (at(Tok::kStar) || at(Tok::kPlus) || at(Tok::kQuestion) || at(Tok::kLBrace)) {
      auto* q = make<RowPattern>(prim->span.begin);
      q->pattern = RowPatternKind::kQuantified;
      size_t qm = mark();
      push(prim);
      q->items = take<RowPattern>(qm);
      if (at(Tok::kLBrace)) {
        q->quantifier_op = "{";
        advance();
        if (at(Tok::kInteger)) {
          q->min = text(tok());
          advance();
        }
        if (accept(Tok::kComma)) {
          q->range_comma = true;
          if (at(Tok::kInteger)) {
            q->max = text(tok());
            advance();
          }
        }
        expect(Tok::kRBrace);
      } else {
        q->quantifier_op = text(tok());
        advance();
      }
      q->reluctant = accept(Tok::kQuestion);
      prim = finish(q);
    }
    push(prim);
  }
  if (mark() == m) fail_expected("row pattern");
  if (mark() - m == 1) {
    auto* only = static_cast<RowPattern*>(scratch_.nodes.back());
    scratch_.nodes.pop_back();
    return only;
  }
  auto* c = make<RowPattern>(begin);
  c->pattern = RowPatternKind::kConcat;
  c->items = take<RowPattern>(m);
  return finish(c);
}

RowPattern* Parser::parse_row_pattern_primary() {
  auto* p = make<RowPattern>(tok().begin);
  if (accept(Tok::kCaret)) {
    p->pattern = RowPatternKind::kStart;
  } else if (accept(Tok::kDollar)) {
    p->pattern = RowPatternKind::kEnd;
  } else if (accept(Tok::kLBraceMinus)) {
    p->pattern = RowPatternKind::kExclusion;
    size_t m = mark();
    push(parse_row_pattern());
    p->items = take<RowPattern>(m);
    expect(Tok::kMinusRBrace);
  } else if (at(Tok::kLParen)) {
    advance();
    if (accept(Tok::kRParen)) {
      p->pattern = RowPatternKind::kEmpty;
    } else {
      p->pattern = RowPatternKind::kGroup;
      size_t m = mark();
      push(parse_row_pattern());
      p->items = take<RowPattern>(m);
      expect(Tok::kRParen);
    }
  } else if (at_kw(Kw::kPermute) && peek().type == Tok::kLParen) {
    advance();
    advance();
    p->pattern = RowPatternKind::kPermute;
    size_t m = mark();
    do {
      push(parse_row_pattern());
    } while (accept(Tok::kComma));
    p->items = take<RowPattern>(m);
    expect(Tok::kRParen);
  } else {
    p->pattern = RowPatternKind::kVariable;
    p->variable = parse_identifier();
  }
  return finish(p);
}

} // namespace athena::sql::detail
