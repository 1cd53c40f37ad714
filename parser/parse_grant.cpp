// Access control statements: GRANT, DENY and REVOKE of privileges and of roles (Trino's forms).
#include <vector>

#include "parser/parser_impl.h"

namespace athena::sql::detail {

// principal: identifier | USER identifier | ROLE identifier
// grantor:   principal | CURRENT_USER | CURRENT_ROLE
Principal Parser::parse_principal(bool grantor) {
  Principal p;
  if (grantor && (at_kw(Kw::kCurrentUser) || at_kw(Kw::kCurrentRole))) {
    p.kind = at_kw(Kw::kCurrentUser) ? "CURRENT_USER" : "CURRENT_ROLE";
    advance();
    return p;
  }
  // USER and ROLE are non-reserved: `TO user` names a principal called "user".
  if ((at_kw(Kw::kUser) || at_kw(Kw::kRole)) && is_identifier(peek())) {
    p.kind = at_kw(Kw::kUser) ? "USER" : "ROLE";
    advance();
  }
  p.name = parse_identifier();
  return p;
}

// GRANT (privilege (',' privilege)* | ALL PRIVILEGES) ON (SCHEMA | TABLE)? qualifiedName
//     TO principal (WITH GRANT OPTION)?
// DENY (privilege (',' privilege)* | ALL PRIVILEGES) ON (SCHEMA | TABLE)? qualifiedName
//     TO principal
// REVOKE (GRANT OPTION FOR)? (privilege (',' privilege)* | ALL PRIVILEGES)
//     ON (SCHEMA | TABLE)? qualifiedName FROM principal
// GRANT role (',' role)* TO principal (',' principal)* (WITH ADMIN OPTION)?
//     (GRANTED BY grantor)? (IN identifier)?
// REVOKE (ADMIN OPTION FOR)? role (',' role)* FROM principal (',' principal)*
//     (GRANTED BY grantor)? (IN identifier)?
// privilege: CREATE | SELECT | DELETE | INSERT | UPDATE | identifier
Statement* Parser::parse_grant() {
  const uint32_t begin = tok().begin;
  auto* g = make<Grant>(begin);
  g->action = at_kw(Kw::kGrant)    ? GrantAction::kGrant
              : at_kw(Kw::kRevoke) ? GrantAction::kRevoke
                                   : GrantAction::kDeny;
  advance();
  const bool revoke = g->action == GrantAction::kRevoke;
  if (revoke && at_kw(Kw::kGrant) && peek_kw(1, Kw::kOption)) {
    advance();
    advance();
    expect_kw(Kw::kFor);
    g->grant_option = true;
  } else if (revoke && at_kw(Kw::kAdmin) && peek_kw(1, Kw::kOption)) {
    advance();
    advance();
    expect_kw(Kw::kFor);
    g->admin_option = true;
  }
  if (at_kw(Kw::kAll) && peek_kw(1, Kw::kPrivileges)) {
    advance();
    advance();
    g->all_privileges = true;
  } else {
    // Privileges include reserved words (SELECT, CREATE, DELETE), so any word is taken here.
    size_t m = ident_mark();
    do {
      if (at_kw(Kw::kOn) || (!at(Tok::kIdent) && !at_identifier())) {
        fail_expected("privilege or role name");
      }
      scratch_.idents.push_back(ident_from(tok()));
      advance();
    } while (accept(Tok::kComma));
    g->privileges = take_idents(m);
  }
  if (accept_kw(Kw::kOn)) {
    if (g->admin_option) fail_at(begin, "ADMIN OPTION FOR applies to roles, not privileges");
    if (at_kw(Kw::kSchema) || at_kw(Kw::kTable)) {
      // `ON schema.t` names a table called like the keyword only when a name follows.
      if (is_identifier(peek())) {
        g->object_kind = at_kw(Kw::kSchema) ? "SCHEMA" : "TABLE";
        advance();
      }
    }
    g->object = parse_qualified_name();
    if (revoke) {
      expect_kw(Kw::kFrom);
    } else {
      expect_kw(Kw::kTo);
    }
    std::vector<Principal> grantees{parse_principal(false)};
    g->grantees = copy_list(grantees, 0);
    if (g->action == GrantAction::kGrant && accept_kw(Kw::kWith)) {
      expect_kw(Kw::kGrant);
      expect_kw(Kw::kOption);
      g->grant_option = true;
    }
    return finish(g);
  }
  // A role grant.
  if (g->all_privileges) fail_expected("'ON'");
  if (g->grant_option) fail_expected("'ON'");
  if (g->action == GrantAction::kDeny) fail_expected("'ON'");
  g->roles = true;
  if (revoke) {
    if (!accept_kw(Kw::kFrom)) fail_expected("'ON' or 'FROM'");
  } else if (!accept_kw(Kw::kTo)) {
    fail_expected("'ON' or 'TO'");
  }
  std::vector<Principal> grantees;
  do {
    grantees.push_back(parse_principal(false));
  } while (accept(Tok::kComma));
  g->grantees = copy_list(grantees, 0);
  if (!revoke && accept_kw(Kw::kWith)) {
    expect_kw(Kw::kAdmin);
    expect_kw(Kw::kOption);
    g->admin_option = true;
  }
  if (accept_kw(Kw::kGranted)) {
    expect_kw(Kw::kBy);
    g->granted_by = parse_principal(true);
  }
  if (accept_kw(Kw::kIn)) g->catalog = parse_identifier();
  return finish(g);
}

void Parser::require_trino_admin(uint32_t begin, std::string_view statement) const {
  if (caps_.trino_admin) return;
  fail_at(begin, "Athena does not support " + std::string(statement) +
                     " (a Trino statement: parse with --dialect trino)");
}

// CREATE ROLE name (WITH ADMIN grantor)? (IN catalog)?
// CREATE CATALOG (IF NOT EXISTS)? name USING connector (COMMENT string)?
//   (AUTHORIZATION principal)? (WITH properties)?
// The clauses after the name are kept as written, in `modes`.
Statement* Parser::parse_create_role_or_catalog(uint32_t begin) {
  auto* u = make<Utility>(begin);
  size_t vm = view_mark();
  if (accept_kw(Kw::kRole)) {
    require_trino_admin(begin, "CREATE ROLE");
    u->words = "CREATE ROLE";
    u->name = parse_qualified_name();
    if (at_kw(Kw::kWith)) {
      const uint32_t b = tok().begin;
      advance();
      expect_kw(Kw::kAdmin);
      parse_principal(true);
      scratch_.views.push_back(slice_from(b));
    }
  } else {
    expect_kw(Kw::kCatalog);
    require_trino_admin(begin, "CREATE CATALOG");
    u->words = "CREATE CATALOG";
    if (at_kw(Kw::kIf)) {
      advance();
      expect_kw(Kw::kNot);
      expect_kw(Kw::kExists);
      u->words = "CREATE CATALOG IF NOT EXISTS";
    }
    u->name = parse_qualified_name();
    uint32_t b = tok().begin;
    expect_kw(Kw::kUsing);
    parse_identifier();
    scratch_.views.push_back(slice_from(b));
    if (at_kw(Kw::kComment)) {
      b = tok().begin;
      advance();
      parse_string_literal();
      scratch_.views.push_back(slice_from(b));
    }
    if (at_kw(Kw::kAuthorization)) {
      b = tok().begin;
      advance();
      parse_principal(false);
      scratch_.views.push_back(slice_from(b));
    }
    if (at_kw(Kw::kWith)) {
      b = tok().begin;
      advance();
      parse_properties();
      scratch_.views.push_back(slice_from(b));
    }
  }
  if (at_kw(Kw::kIn) && u->words == "CREATE ROLE") {
    const uint32_t b = tok().begin;
    advance();
    parse_identifier();
    scratch_.views.push_back(slice_from(b));
  }
  u->modes = take_views(vm);
  return finish(u);
}

// DROP ROLE (IF EXISTS)? name (IN catalog)?
Statement* Parser::parse_drop_role(uint32_t begin) {
  require_trino_admin(begin, "DROP ROLE");
  auto* u = make<Utility>(begin);
  size_t vm = view_mark();
  expect_kw(Kw::kRole);
  u->words = "DROP ROLE";
  if (at_kw(Kw::kIf) && peek_kw(1, Kw::kExists)) {
    advance();
    advance();
    u->words = "DROP ROLE IF EXISTS";
  }
  u->name = parse_qualified_name();
  if (at_kw(Kw::kIn)) {
    const uint32_t b = tok().begin;
    advance();
    parse_identifier();
    scratch_.views.push_back(slice_from(b));
  }
  u->modes = take_views(vm);
  return finish(u);
}

// SET ROLE (ALL | NONE | role) (IN catalog)?
Statement* Parser::parse_set_role(uint32_t begin) {
  require_trino_admin(begin, "SET ROLE");
  auto* u = make<Utility>(begin);
  u->stmt = StatementKind::kSession;
  size_t vm = view_mark();
  expect_kw(Kw::kRole);
  u->words = "SET ROLE";
  if (at_kw(Kw::kAll) || at_kw(Kw::kNoneWord)) {
    scratch_.views.emplace_back(at_kw(Kw::kAll) ? "ALL" : "NONE");
    advance();
  } else {
    u->name = parse_qualified_name();
  }
  if (at_kw(Kw::kIn)) {
    const uint32_t b = tok().begin;
    advance();
    parse_identifier();
    scratch_.views.push_back(slice_from(b));
  }
  u->modes = take_views(vm);
  return finish(u);
}

} // namespace athena::sql::detail
