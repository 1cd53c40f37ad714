// CREATE (TABLE, EXTERNAL TABLE, CTAS, VIEW, SCHEMA, FUNCTION) and DROP, with the Hive clauses.
#include <optional>

#include "parser/parser_impl.h"

namespace athena::sql::detail {

Statement* Parser::parse_create() {
  const uint32_t begin = tok().begin;
  expect_kw(Kw::kCreate);
  bool or_replace = false;
  if (accept_kw(Kw::kOr)) {
    expect_kw(Kw::kReplace);
    or_replace = true;
  }
  if (at_kw(Kw::kExternal)) {
    if (!caps_.hive_ddl) fail_at(tok().begin, "CREATE EXTERNAL TABLE is Hive DDL, not Trino");
    advance();
    expect_kw(Kw::kTable);
    return parse_create_table(begin, or_replace, true);
  }
  if (accept_kw(Kw::kTable)) return parse_create_table(begin, or_replace, false);
  if (accept_kw(Kw::kView)) return parse_create_view(begin, or_replace, false);
  if (accept_kw(Kw::kMaterialized)) {
    expect_kw(Kw::kView);
    return parse_create_view(begin, or_replace, true);
  }
  if (!or_replace && (at_kw(Kw::kSchema) || at_kw(Kw::kDatabase)))
    return parse_create_schema(begin);
  if (!or_replace && (at_kw(Kw::kRole) || at_kw(Kw::kCatalog)))
    return parse_create_role_or_catalog(begin);
  if (accept_kw(Kw::kFunction)) {
    auto* f = make<CreateFunction>(begin);
    f->or_replace = or_replace;
    f->routine = parse_function_spec();
    return finish(f);
  }
  fail_expected(or_replace ? "'TABLE', 'VIEW', 'MATERIALIZED VIEW' or 'FUNCTION'"
                           : "'TABLE', 'EXTERNAL TABLE', 'VIEW', 'SCHEMA', 'DATABASE' or "
                             "'FUNCTION'");
}

// columnDefinition: qualifiedName type (NOT NULL)? (COMMENT string)? (WITH properties)?
ColumnDef* Parser::parse_column_def(bool hive) {
  auto* c = make<ColumnDef>(tok().begin);
  if (!hive && at_kw(Kw::kLike)) {
    // likeClause: LIKE qualifiedName ((INCLUDING | EXCLUDING) PROPERTIES)?
    advance();
    c->like = true;
    c->name = parse_qualified_name();
    if (at_kw(Kw::kIncluding) || at_kw(Kw::kExcluding)) {
      uint32_t b = tok().begin;
      advance();
      expect_kw(Kw::kProperties);
      c->like_option = slice_from(b);
    }
    return finish(c);
  }
  if (hive) {
    HiveNames names(*this);
    c->name = parse_qualified_name();
  } else {
    c->name = parse_qualified_name();
  }
  c->type = parse_type();
  if (at_kw(Kw::kNot) && peek_kw(1, Kw::kNull)) {
    advance();
    advance();
    c->not_null = true;
  }
  if (accept_kw(Kw::kComment)) c->comment = parse_hive_string();
  if (!hive && at_kw(Kw::kWith) && peek().type == Tok::kLParen) {
    advance();
    c->properties = parse_properties();
  }
  return finish(c);
}

// PARTITION '(' key = value (',' ...)* ')' [LOCATION 'x']
PartitionSpec* Parser::parse_partition_spec() {
  auto* p = make<PartitionSpec>(tok().begin);
  expect_kw(Kw::kPartition);
  expect(Tok::kLParen);
  size_t m = mark();
  do {
    auto* kv = make<Property>(tok().begin);
    kv->name = parse_identifier();
    if (accept(Tok::kEq)) kv->value = parse_value_expr();
    push(finish(kv));
  } while (accept(Tok::kComma));
  expect(Tok::kRParen);
  p->values = take<Property>(m);
  if (accept_kw(Kw::kLocation)) p->location = parse_hive_string();
  return finish(p);
}

// ROW FORMAT DELIMITED [FIELDS TERMINATED BY c [ESCAPED BY c]] [COLLECTION ITEMS TERMINATED BY c]
//   [MAP KEYS TERMINATED BY c] [LINES TERMINATED BY c] [NULL DEFINED AS c]
// | ROW FORMAT SERDE 'class' [WITH SERDEPROPERTIES (...)]
RowFormat* Parser::parse_row_format() {
  auto* r = make<RowFormat>(tok().begin);
  expect_kw(Kw::kRow);
  expect_kw(Kw::kFormat);
  if (accept_kw(Kw::kSerde)) {
    r->serde = parse_hive_string();
  } else {
    expect_kw(Kw::kDelimited);
    r->delimited = true;
    size_t vm = view_mark();
    size_t m = mark();
    size_t em = m;
    std::vector<void*> escapes;
    while (true) {
      std::string_view clause;
      if (at_kw(Kw::kFields)) {
        advance();
        expect_kw(Kw::kTerminated);
        expect_kw(Kw::kBy);
        clause = "FIELDS TERMINATED BY";
      } else if (at_kw(Kw::kCollection)) {
        advance();
        expect_kw(Kw::kItems);
        expect_kw(Kw::kTerminated);
        expect_kw(Kw::kBy);
        clause = "COLLECTION ITEMS TERMINATED BY";
      } else if (at_kw(Kw::kMap)) {
        advance();
        expect_kw(Kw::kKeys);
        expect_kw(Kw::kTerminated);
        expect_kw(Kw::kBy);
        clause = "MAP KEYS TERMINATED BY";
      } else if (at_kw(Kw::kLines)) {
        advance();
        expect_kw(Kw::kTerminated);
        expect_kw(Kw::kBy);
        clause = "LINES TERMINATED BY";
      } else if (at_kw(Kw::kNull) && peek_kw(1, Kw::kDefined)) {
        advance();
        advance();
        expect_kw(Kw::kAs);
        clause = "NULL DEFINED AS";
      } else {
        break;
      }
      scratch_.views.push_back(clause);
      push(parse_hive_string());
      Literal* esc = nullptr;
      if (clause == "FIELDS TERMINATED BY" && accept_kw(Kw::kEscaped)) {
        expect_kw(Kw::kBy);
        esc = parse_hive_string();
      }
      escapes.push_back(esc);
    }
    r->clauses = take_views(vm);
    r->clause_values = take<Literal>(m);
    (void)em;
    for (void* e : escapes)
      push(e);
    r->escaped_by = take<Literal>(m);
  }
  if (at_kw(Kw::kWith) && peek_kw(1, Kw::kSerdeproperties)) {
    advance();
    advance();
    r->has_serde_properties = true;
    r->serde_properties = parse_string_properties();
  }
  return finish(r);
}

Statement* Parser::parse_create_table(uint32_t begin, bool or_replace, bool external) {
  // Shared prefix of CREATE TABLE, CREATE EXTERNAL TABLE and CTAS.
  bool if_not_exists = false;
  if (at_kw(Kw::kIf)) {
    advance();
    expect_kw(Kw::kNot);
    expect_kw(Kw::kExists);
    if_not_exists = true;
  }
  // Hive DDL reserves none of Trino's words: `CREATE EXTERNAL TABLE json_table`.
  List<Identifier> name;
  if (external) {
    HiveNames hive(*this);
    name = parse_qualified_name();
  } else {
    name = parse_qualified_name();
  }
  List<Identifier> aliases;
  List<ColumnDef*> columns;
  bool has_columns = false;
  if (at(Tok::kLParen)) {
    // `(a, b) AS query` (column aliases) or `(a type, ...)` (column definitions).
    bool alias_list =
        is_identifier(peek()) && (peek(2).type == Tok::kComma || peek(2).type == Tok::kRParen);
    if (alias_list) {
      aliases = parse_identifier_list();
    } else {
      advance();
      has_columns = true;
      size_t m = mark();
      do {
        push(parse_column_def(external));
      } while (accept(Tok::kComma));
      expect(Tok::kRParen);
      columns = take<ColumnDef>(m);
    }
  }
  auto* t = make<CreateTable>(begin);
  t->or_replace = or_replace;
  t->external = external;
  t->if_not_exists = if_not_exists;
  t->name = name;
  t->columns = columns;
  t->has_columns = has_columns;
  if (!has_columns && aliases.empty() && at_kw(Kw::kLike)) {
    // Hive: CREATE [EXTERNAL] TABLE [IF NOT EXISTS] t LIKE s [ROW FORMAT ...] [STORED AS ...]
    //   [LOCATION ...] [TBLPROPERTIES (...)]
    hive_form(tok().begin, "CREATE TABLE LIKE");
    advance();
    if (external) {
      HiveNames hive(*this);
      t->like = parse_qualified_name();
    } else {
      t->like = parse_qualified_name();
    }
  }
  if (external) t->stmt = StatementKind::kCreateExternalTable;
  // Clauses, in the order Trino and Hive allow them (each at most once).
  if (accept_kw(Kw::kComment)) t->comment = parse_hive_string();
  if (at_kw(Kw::kWith) && peek().type == Tok::kLParen) {
    advance();
    t->has_properties = true;
    t->properties = parse_properties();
  }
  if (at_kw(Kw::kAs) && !has_columns && !external && t->like.parts.empty()) {
    // CTAS: ... AS (rootQuery | '(' rootQuery ')') (WITH (NO)? DATA)?
    advance();
    auto* c = make<CreateTableAs>(begin);
    c->or_replace = or_replace;
    c->if_not_exists = if_not_exists;
    c->name = name;
    c->columns = aliases;
    c->comment = t->comment;
    c->properties = t->properties;
    c->has_properties = t->has_properties;
    const auto query_in_parens = [&] {
      if (!at(Tok::kLParen) || !paren_starts_query(position())) return false;
      const ParenGroup g = paren_group(position());
      return g.closed && (g.after.type == Tok::kEnd || g.after.kw == Kw::kWith);
    };
    if (query_in_parens()) {
      advance();
      c->parenthesized_query = true;
      c->query = parse_root_query();
      expect(Tok::kRParen);
    } else {
      c->query = parse_root_query();
    }
    if (at_kw(Kw::kWith)) {
      advance();
      c->with_data = accept_kw(Kw::kNo) ? WithData::kWithNoData : WithData::kWithData;
      expect_kw(Kw::kData);
    }
    return finish(c);
  }
  if (!aliases.empty()) fail_expected("'AS'");
  if (!has_columns && t->like.parts.empty() && !t->has_properties && !at_kw(Kw::kPartitioned) &&
      !at_kw(Kw::kLocation) && !at_kw(Kw::kStored) && !at_kw(Kw::kRow)) {
    fail_expected("'(' or 'AS'");
  }
  if (accept_kw(Kw::kPartitioned)) {
    expect_kw(Kw::kBy);
    expect(Tok::kLParen);
    // Hive partition columns reserve no words either (the columns parse with HiveNames).
    std::optional<HiveNames> hive_names;
    if (external) hive_names.emplace(*this);
    // Hive: `(c type, ...)`; Iceberg: `(c, bucket(16, id), day(ts))`.
    bool hive_columns =
        is_identifier(tok()) && is_identifier(peek()) && peek().type != Tok::kLParen;
    size_t m = mark();
    do {
      if (hive_columns) {
        push(parse_column_def(true));
      } else {
        push(parse_expr());
      }
    } while (accept(Tok::kComma));
    expect(Tok::kRParen);
    hive_names.reset();
    if (hive_columns) {
      t->partition_columns = take<ColumnDef>(m);
    } else {
      t->partition_transforms = take<Expr>(m);
    }
  }
  if (accept_kw(Kw::kClustered)) {
    expect_kw(Kw::kBy);
    t->clustered_by = parse_identifier_list();
    if (accept_kw(Kw::kSorted)) {
      expect_kw(Kw::kBy);
      expect(Tok::kLParen);
      t->sorted_by = parse_sort_items();
      expect(Tok::kRParen);
    }
    expect_kw(Kw::kInto);
    if (!at(Tok::kInteger)) fail_expected("integer");
    t->buckets = text(tok());
    advance();
    expect_kw(Kw::kBuckets);
  }
  {
    size_t m = mark();
    while (at_kw(Kw::kRow) && peek_kw(1, Kw::kFormat))
      push(parse_row_format());
    t->row_formats = take<RowFormat>(m);
  }
  if (accept_kw(Kw::kStored)) {
    expect_kw(Kw::kAs);
    if (accept_kw(Kw::kInputformat)) {
      t->input_format = parse_hive_string();
      expect_kw(Kw::kOutputformat);
      t->output_format = parse_hive_string();
    } else {
      t->stored_as = parse_identifier();
    }
  }
  if (accept_kw(Kw::kLocation)) t->location = parse_hive_string();
  if (accept_kw(Kw::kTblproperties)) {
    t->has_tblproperties = true;
    t->tblproperties = parse_string_properties();
  }
  return finish(t);
}

// CREATE (OR REPLACE)? VIEW qualifiedName (COMMENT string)? (SECURITY (DEFINER | INVOKER))?
//   AS rootQuery
// CREATE (OR REPLACE)? MATERIALIZED VIEW (IF NOT EXISTS)? qualifiedName (GRACE PERIOD interval)?
//   (COMMENT string)? (WITH properties)? AS rootQuery
Statement* Parser::parse_create_view(uint32_t begin, bool or_replace, bool materialized) {
  auto* v = make<CreateView>(begin);
  v->or_replace = or_replace;
  v->materialized = materialized;
  if (materialized) {
    v->stmt = StatementKind::kCreateMaterializedView;
    if (at_kw(Kw::kIf)) {
      advance();
      expect_kw(Kw::kNot);
      expect_kw(Kw::kExists);
      v->if_not_exists = true;
    }
  }
  v->name = parse_qualified_name();
  if (materialized && accept_kw(Kw::kGrace)) {
    expect_kw(Kw::kPeriod);
    if (!at_kw(Kw::kInterval)) fail_expected("interval");
    v->grace_period = parse_interval();
  }
  if (accept_kw(Kw::kComment)) v->comment = parse_string_literal();
  if (!materialized && accept_kw(Kw::kSecurity)) {
    if (at_kw(Kw::kDefiner) || at_kw(Kw::kInvoker)) {
      v->security = at_kw(Kw::kDefiner) ? "DEFINER" : "INVOKER";
      advance();
    } else {
      fail_expected("'DEFINER' or 'INVOKER'");
    }
  }
  if (materialized && at_kw(Kw::kWith)) {
    advance();
    v->has_properties = true;
    v->properties = parse_properties();
  }
  expect_kw(Kw::kAs);
  v->query = parse_root_query();
  return finish(v);
}

// CREATE (SCHEMA | DATABASE) (IF NOT EXISTS)? name (COMMENT s)? (LOCATION s)?
//   (WITH DBPROPERTIES (...))? (AUTHORIZATION (USER | ROLE)? p)? (WITH properties)?
Statement* Parser::parse_create_schema(uint32_t begin) {
  auto* s = make<CreateSchema>(begin);
  s->database_keyword = at_kw(Kw::kDatabase);
  advance();
  if (at_kw(Kw::kIf)) {
    advance();
    expect_kw(Kw::kNot);
    expect_kw(Kw::kExists);
    s->if_not_exists = true;
  }
  s->name = parse_qualified_name();
  if (accept_kw(Kw::kComment)) s->comment = parse_hive_string();
  if (accept_kw(Kw::kLocation)) s->location = parse_hive_string();
  if (at_kw(Kw::kWith) && peek_kw(1, Kw::kDbproperties)) {
    advance();
    advance();
    s->has_dbproperties = true;
    s->dbproperties = parse_string_properties();
  }
  if (accept_kw(Kw::kAuthorization)) {
    // AUTHORIZATION (USER | ROLE)? name; USER and ROLE are names too when nothing follows.
    if ((at_kw(Kw::kUser) || at_kw(Kw::kRole)) && is_identifier(peek())) {
      s->authorization_kind = at_kw(Kw::kUser) ? "USER" : "ROLE";
      advance();
    }
    s->authorization = parse_identifier();
  }
  if (at_kw(Kw::kWith) && peek().type == Tok::kLParen) {
    advance();
    s->has_properties = true;
    s->properties = parse_properties();
  }
  return finish(s);
}

// DROP (TABLE | VIEW | MATERIALIZED VIEW | SCHEMA | DATABASE | CATALOG | FUNCTION)
//   (IF EXISTS)? name (CASCADE | RESTRICT)?; DROP ROLE in parse_drop_role
Statement* Parser::parse_drop() {
  const uint32_t begin = tok().begin;
  if (peek_kw(1, Kw::kRole)) {
    advance();
    return parse_drop_role(begin);
  }
  auto* d = make<Drop>(begin);
  expect_kw(Kw::kDrop);
  if (accept_kw(Kw::kTable)) {
    d->object = ObjectKind::kTable;
  } else if (accept_kw(Kw::kView)) {
    d->object = ObjectKind::kView;
  } else if (accept_kw(Kw::kMaterialized)) {
    expect_kw(Kw::kView);
    d->object = ObjectKind::kMaterializedView;
  } else if (accept_kw(Kw::kSchema)) {
    d->object = ObjectKind::kSchema;
  } else if (accept_kw(Kw::kDatabase)) {
    d->object = ObjectKind::kDatabase;
  } else if (at_kw(Kw::kCatalog)) {
    require_trino_admin(begin, "DROP CATALOG");
    advance();
    d->object = ObjectKind::kCatalog;
  } else if (accept_kw(Kw::kFunction)) {
    d->object = ObjectKind::kFunction;
  } else {
    fail_expected("'TABLE', 'VIEW', 'MATERIALIZED VIEW', 'SCHEMA', 'DATABASE' or 'FUNCTION'");
  }
  if (at_kw(Kw::kIf)) {
    advance();
    expect_kw(Kw::kExists);
    d->if_exists = true;
  }
  d->name = parse_qualified_name();
  if (d->object == ObjectKind::kFunction) {
    expect(Tok::kLParen);
    size_t m = mark();
    if (!at(Tok::kRParen)) {
      do {
        push(parse_routine_param());
      } while (accept(Tok::kComma));
    }
    expect(Tok::kRParen);
    d->params = take<RoutineParam>(m);
  }
  if (at_kw(Kw::kCascade) || at_kw(Kw::kRestrict)) {
    d->behavior = at_kw(Kw::kCascade) ? "CASCADE" : "RESTRICT";
    advance();
  }
  return finish(d);
}

Literal* Parser::parse_hive_string() {
  if (!at(Tok::kQuotedIdent) || !caps_.hive_ddl) return parse_string_literal();
  // Kept as written: Literal::value() strips either quote.
  auto* l = make<Literal>(tok().begin);
  l->literal = LiteralKind::kString;
  advance();
  return finish(l);
}

Literal* Parser::parse_hive_value() {
  if (at(Tok::kInteger) || at(Tok::kDecimal) || at(Tok::kDouble)) return parse_literal_token();
  return parse_hive_string();
}

} // namespace athena::sql::detail
