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

} // namespace athena::sql::detail
