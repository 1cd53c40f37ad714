// SHOW and DESCRIBE, in Trino's and Hive's forms.
#include "parser/parser_impl.h"

namespace athena::sql::detail {

// DESCRIBE|DESC [EXTENDED|FORMATTED] name [PARTITION (...)] [column] | DESCRIBE INPUT|OUTPUT name
Statement* Parser::parse_describe() {
  auto* d = make<Describe>(tok().begin);
  d->keyword = at_kw(Kw::kDesc) ? "DESC" : "DESCRIBE";
  advance();
  if ((at_kw(Kw::kInput) || at_kw(Kw::kOutput)) && is_identifier(peek())) {
    d->modifier = at_kw(Kw::kInput) ? "INPUT" : "OUTPUT";
    advance();
    d->name = parse_qualified_name();
    return finish(d);
  }
  if ((at_kw(Kw::kExtended) || at_kw(Kw::kFormatted)) && is_identifier(peek())) {
    d->modifier = at_kw(Kw::kExtended) ? "EXTENDED" : "FORMATTED";
    advance();
  }
  d->name = parse_qualified_name();
  if (at_kw(Kw::kPartition) && peek().type == Tok::kLParen) d->partition = parse_partition_spec();
  if (at_identifier()) d->column = parse_qualified_name();
  return finish(d);
}

Statement* Parser::parse_show() {
  auto* s = make<Show>(tok().begin);
  expect_kw(Kw::kShow);
  // (FROM | IN) name
  auto scope = [&](bool required) {
    if (at_kw(Kw::kFrom) || at_kw(Kw::kIn)) {
      s->in_keyword = at_kw(Kw::kIn);
      advance();
      s->in_name = parse_qualified_name();
    } else if (required) {
      fail_expected("'FROM' or 'IN'");
    }
  };
  // (LIKE pattern (ESCAPE escape)?)? or Hive's bare 'pattern'
  auto pattern = [&] {
    if (accept_kw(Kw::kLike)) {
      s->like_keyword = true;
      s->pattern = parse_string_literal();
      if (accept_kw(Kw::kEscape)) s->escape = parse_string_literal();
    } else if (at(Tok::kString)) {
      s->pattern = parse_string_literal();
    }
  };
  if (accept_kw(Kw::kTables)) {
    s->show = ShowKind::kTables;
    scope(false);
    pattern();
  } else if (accept_kw(Kw::kSchemas) || accept_kw(Kw::kDatabases)) {
    s->show = prev_token().kw == Kw::kSchemas ? ShowKind::kSchemas : ShowKind::kDatabases;
    scope(false);
    pattern();
  } else if (accept_kw(Kw::kCatalogs)) {
    s->show = ShowKind::kCatalogs;
    pattern();
  } else if (accept_kw(Kw::kColumns)) {
    s->show = ShowKind::kColumns;
    expect_kw(at_kw(Kw::kIn) ? Kw::kIn : Kw::kFrom);
    s->in_keyword = prev_token().kw == Kw::kIn;
    s->target = parse_qualified_name();
    if (at_kw(Kw::kFrom) || at_kw(Kw::kIn)) scope(false);
    pattern();
  } else if (accept_kw(Kw::kPartitions)) {
    s->show = ShowKind::kPartitions;
    if (at_kw(Kw::kFrom) || at_kw(Kw::kIn)) {
      s->in_keyword = at_kw(Kw::kIn);
      advance();
    }
    s->target = parse_qualified_name();
    if (at_kw(Kw::kPartition)) s->partition = parse_partition_spec();
  } else if (accept_kw(Kw::kCreate)) {
    if (accept_kw(Kw::kTable)) {
      s->show = ShowKind::kCreateTable;
    } else if (accept_kw(Kw::kView)) {
      s->show = ShowKind::kCreateView;
    } else if (accept_kw(Kw::kSchema)) {
      s->show = ShowKind::kCreateSchema;
    } else if (accept_kw(Kw::kFunction)) {
      s->show = ShowKind::kCreateFunction;
    } else {
      expect_kw(Kw::kMaterialized);
      expect_kw(Kw::kView);
      s->show = ShowKind::kCreateMaterializedView;
    }
    s->target = parse_qualified_name();
  } else if (accept_kw(Kw::kTblproperties)) {
    s->show = ShowKind::kTblProperties;
    s->target = parse_qualified_name();
    if (accept(Tok::kLParen)) {
      s->property = parse_string_literal();
      expect(Tok::kRParen);
    }
  } else if (accept_kw(Kw::kViews)) {
    s->show = ShowKind::kViews;
    scope(false);
    pattern();
  } else if (accept_kw(Kw::kFunctions)) {
    s->show = ShowKind::kFunctions;
    scope(false);
    pattern();
  } else if (accept_kw(Kw::kSession)) {
    s->show = ShowKind::kSession;
    pattern();
  } else if (accept_kw(Kw::kStats)) {
    s->show = ShowKind::kStats;
    expect_kw(Kw::kFor);
    if (accept(Tok::kLParen)) {
      s->query = parse_root_query();
      expect(Tok::kRParen);
    } else {
      s->target = parse_qualified_name();
    }
  } else if (accept_kw(Kw::kGrants)) {
    s->show = ShowKind::kGrants;
    if (accept_kw(Kw::kOn)) {
      accept_kw(Kw::kTable);
      s->target = parse_qualified_name();
    }
  } else if (accept_kw(Kw::kRoles)) {
    s->show = ShowKind::kRoles;
    scope(false);
  } else if (at_kw(Kw::kCurrent) && peek_kw(1, Kw::kRoles)) {
    require_trino_admin(s->span.begin, "SHOW CURRENT ROLES");
    advance();
    advance();
    s->show = ShowKind::kCurrentRoles;
    scope(false);
  } else if (at_kw(Kw::kRole) && peek_kw(1, Kw::kGrants)) {
    require_trino_admin(s->span.begin, "SHOW ROLE GRANTS");
    advance();
    advance();
    s->show = ShowKind::kRoleGrants;
    scope(false);
  } else {
    fail_expected("'TABLES', 'SCHEMAS', 'DATABASES', 'COLUMNS', 'PARTITIONS', 'CREATE', "
                  "'TBLPROPERTIES', 'VIEWS', 'FUNCTIONS' or 'CATALOGS'");
  }
  return finish(s);
}

} // namespace athena::sql::detail
