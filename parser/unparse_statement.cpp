// Canonical SQL for statements, and the public to_sql() entry points.
#include "parser/unparser.h"
#include "parser/unparser_impl.h"

namespace athena::sql {
namespace detail {
namespace {

std::string_view show_words(ShowKind k) {
  switch (k) {
  case ShowKind::kTables:
    return "SHOW TABLES";
  case ShowKind::kSchemas:
    return "SHOW SCHEMAS";
  case ShowKind::kDatabases:
    return "SHOW DATABASES";
  case ShowKind::kCatalogs:
    return "SHOW CATALOGS";
  case ShowKind::kColumns:
    return "SHOW COLUMNS";
  case ShowKind::kPartitions:
    return "SHOW PARTITIONS";
  case ShowKind::kCreateTable:
    return "SHOW CREATE TABLE";
  case ShowKind::kCreateView:
    return "SHOW CREATE VIEW";
  case ShowKind::kCreateSchema:
    return "SHOW CREATE SCHEMA";
  case ShowKind::kCreateMaterializedView:
    return "SHOW CREATE MATERIALIZED VIEW";
  case ShowKind::kTblProperties:
    return "SHOW TBLPROPERTIES";
  case ShowKind::kViews:
    return "SHOW VIEWS";
  case ShowKind::kFunctions:
    return "SHOW FUNCTIONS";
  case ShowKind::kSession:
    return "SHOW SESSION";
  case ShowKind::kStats:
    return "SHOW STATS FOR";
  case ShowKind::kGrants:
    return "SHOW GRANTS";
  case ShowKind::kRoles:
    return "SHOW ROLES";
  case ShowKind::kCreateFunction:
    return "SHOW CREATE FUNCTION";
  case ShowKind::kCurrentRoles:
    return "SHOW CURRENT ROLES";
  case ShowKind::kRoleGrants:
    return "SHOW ROLE GRANTS";
  }
  return "SHOW";
}

} // namespace

void SqlWriter::statement(const Statement* s) {
  switch (s->kind) {
  case NodeKind::kQueryStatement: {
    const auto* q = s->as<QueryStatement>();
    if (!q->external_functions.empty()) {
      w("USING ");
      for (size_t i = 0; i < q->external_functions.size(); ++i) {
        if (i) w(", ");
        routine(q->external_functions[i]);
      }
      w(" ");
    }
    query(q->query);
    break;
  }
  case NodeKind::kInsert: {
    const auto* i = s->as<Insert>();
    w(i->overwrite ? "INSERT OVERWRITE TABLE " : "INSERT INTO ");
    name(i->target);
    if (!i->partition.empty()) {
      w(" PARTITION (");
      for (size_t k = 0; k < i->partition.size(); ++k) {
        if (k) w(", ");
        ident(i->partition[k]->target);
        if (i->partition[k]->value) {
          w(" = ");
          expr(i->partition[k]->value);
        }
      }
      w(")");
    }
    if (i->if_not_exists) w(" IF NOT EXISTS");
    if (!i->columns.empty()) {
      w(" ");
      paren_idents(i->columns);
    }
    w(" ");
    query(i->query);
    break;
  }
  case NodeKind::kMerge: {
    const auto* m = s->as<Merge>();
    w("MERGE INTO ");
    name(m->target);
    if (!m->alias.empty()) {
      w(" AS ");
      ident(m->alias);
    }
    w(" USING ");
    relation(m->source);
    w(" ON ");
    expr(m->on);
    for (const MergeCase* c : m->cases) {
      w(c->matched ? " WHEN MATCHED" : " WHEN NOT MATCHED");
      if (c->condition) {
        w(" AND ");
        expr(c->condition);
      }
      w(" THEN ");
      switch (c->action) {
      case MergeAction::kUpdate:
        w("UPDATE SET ");
        for (size_t i = 0; i < c->assignments.size(); ++i) {
          if (i) w(", ");
          ident(c->assignments[i]->target);
          w(" = ");
          expr(c->assignments[i]->value);
        }
        break;
      case MergeAction::kDelete:
        w("DELETE");
        break;
      case MergeAction::kInsert:
        w("INSERT ");
        if (!c->columns.empty()) {
          paren_idents(c->columns);
          w(" ");
        }
        w("VALUES (");
        exprs(c->values);
        w(")");
        break;
      }
    }
    break;
  }
  case NodeKind::kUpdate: {
    const auto* u = s->as<Update>();
    w("UPDATE ");
    name(u->target);
    w(" SET ");
    for (size_t i = 0; i < u->assignments.size(); ++i) {
      if (i) w(", ");
      ident(u->assignments[i]->target);
      w(" = ");
      expr(u->assignments[i]->value);
    }
    if (u->where) {
      w(" WHERE ");
      expr(u->where);
    }
    break;
  }
  case NodeKind::kDelete: {
    const auto* d = s->as<Delete>();
    w("DELETE FROM ");
    name(d->target);
    if (d->where) {
      w(" WHERE ");
      expr(d->where);
    }
    break;
  }
  case NodeKind::kUnload: {
    const auto* u = s->as<Unload>();
    w("UNLOAD (");
    query(u->query);
    w(") TO ");
    literal(u->location);
    if (u->has_properties) {
      w(" WITH ");
      paren_properties(u->properties);
    }
    break;
  }
  case NodeKind::kExplain: {
    const auto* e = s->as<Explain>();
    w("EXPLAIN ");
    if (e->analyze) w(e->verbose ? "ANALYZE VERBOSE " : "ANALYZE ");
    if (!e->option_names.empty()) {
      w("(");
      for (size_t i = 0; i < e->option_names.size(); ++i) {
        if (i) w(", ");
        w(e->option_names[i]);
        w(" ");
        ident(e->option_values[i]);
      }
      w(") ");
    }
    statement(e->statement);
    break;
  }
  case NodeKind::kPrepare: {
    const auto* p = s->as<Prepare>();
    w("PREPARE ");
    ident(p->name);
    w(" FROM ");
    statement(p->statement);
    break;
  }
  case NodeKind::kExecute: {
    const auto* e = s->as<Execute>();
    w("EXECUTE ");
    if (e->immediate) {
      w("IMMEDIATE ");
      literal(e->immediate);
    } else {
      ident(e->name);
    }
    if (!e->args.empty()) {
      w(" USING ");
      exprs(e->args);
    }
    break;
  }
  case NodeKind::kDeallocate:
    w("DEALLOCATE PREPARE ");
    ident(s->as<Deallocate>()->name);
    break;
  case NodeKind::kDescribe: {
    const auto* d = s->as<Describe>();
    w(d->keyword);
    w(" ");
    if (!d->modifier.empty()) {
      w(d->modifier);
      w(" ");
    }
    name(d->name);
    if (d->partition) {
      w(" ");
      partition_spec(d->partition);
    }
    if (!d->column.empty()) {
      w(" ");
      name(d->column);
    }
    break;
  }
  case NodeKind::kShow: {
    const auto* sh = s->as<Show>();
    w(show_words(sh->show));
    if (sh->show == ShowKind::kColumns) {
      w(sh->in_keyword ? " IN " : " FROM ");
      name(sh->target);
    } else if (!sh->target.empty()) {
      w(" ");
      name(sh->target);
    }
    if (sh->query) {
      w(" (");
      query(sh->query);
      w(")");
    }
    if (!sh->in_name.empty()) {
      w(sh->in_keyword ? " IN " : " FROM ");
      name(sh->in_name);
    }
    if (sh->property) {
      w(" (");
      literal(sh->property);
      w(")");
    }
    if (sh->partition) {
      w(" ");
      partition_spec(sh->partition);
    }
    if (sh->pattern) {
      w(sh->like_keyword ? " LIKE " : " ");
      literal(sh->pattern);
      if (sh->escape) {
        w(" ESCAPE ");
        literal(sh->escape);
      }
    }
    break;
  }
  case NodeKind::kUse: {
    const auto* u = s->as<Use>();
    w("USE ");
    if (!u->catalog.empty()) {
      ident(u->catalog);
      w(".");
    }
    ident(u->schema);
    break;
  }
  case NodeKind::kTableMaintenance: {
    const auto* m = s->as<TableMaintenance>();
    switch (m->stmt) {
    case StatementKind::kMsckRepair:
      w("MSCK REPAIR TABLE ");
      break;
    case StatementKind::kVacuum:
      w("VACUUM ");
      break;
    case StatementKind::kOptimize:
      w("OPTIMIZE ");
      break;
    case StatementKind::kAnalyze:
      w("ANALYZE ");
      break;
    case StatementKind::kRefreshMaterializedView:
      w("REFRESH MATERIALIZED VIEW ");
      break;
    default:
      w("TRUNCATE TABLE ");
      break;
    }
    name(m->name);
    if (m->stmt == StatementKind::kOptimize) w(" REWRITE DATA USING BIN_PACK");
    if (m->where) {
      w(" WHERE ");
      expr(m->where);
    }
    if (m->has_properties) {
      w(" WITH ");
      paren_properties(m->properties);
    }
    break;
  }
  case NodeKind::kGrant: {
    const auto* g = s->as<Grant>();
    const bool revoke = g->action == GrantAction::kRevoke;
    w(g->action == GrantAction::kGrant ? "GRANT " : revoke ? "REVOKE " : "DENY ");
    if (revoke && g->grant_option) w("GRANT OPTION FOR ");
    if (revoke && g->admin_option) w("ADMIN OPTION FOR ");
    if (g->all_privileges) {
      w("ALL PRIVILEGES");
    } else {
      for (size_t i = 0; i < g->privileges.size(); ++i) {
        if (i) w(", ");
        ident(g->privileges[i]);
      }
    }
    if (!g->roles) {
      w(" ON ");
      if (!g->object_kind.empty()) {
        w(g->object_kind);
        w(" ");
      }
      name(g->object);
    }
    w(revoke ? " FROM " : " TO ");
    auto principal = [&](const Principal& p) {
      w(p.kind);
      if (!p.kind.empty() && !p.name.empty()) w(" ");
      if (!p.name.empty()) ident(p.name);
    };
    for (size_t i = 0; i < g->grantees.size(); ++i) {
      if (i) w(", ");
      principal(g->grantees[i]);
    }
    if (!revoke && g->grant_option) w(" WITH GRANT OPTION");
    if (!revoke && g->admin_option) w(" WITH ADMIN OPTION");
    if (!g->granted_by.kind.empty() || !g->granted_by.name.empty()) {
      w(" GRANTED BY ");
      principal(g->granted_by);
    }
    if (!g->catalog.empty()) {
      w(" IN ");
      ident(g->catalog);
    }
    break;
  }
  case NodeKind::kUtility: {
    const auto* u = s->as<Utility>();
    w(u->words);
    if (u->words == "CALL") {
      w(" ");
      name(u->name);
      w("(");
      exprs(u->args);
      w(")");
      break;
    }
    if (!u->name.empty()) {
      w(" ");
      name(u->name);
    }
    if (u->words == "SET SESSION") {
      w(" = ");
      expr(u->value);
    } else if (u->words == "SET SESSION AUTHORIZATION") {
      w(" ");
      expr(u->value);
    } else if (u->words == "SET TIME ZONE") {
      w(" ");
      if (u->value) {
        expr(u->value);
      } else {
        w("LOCAL");
      }
    } else if (u->value) {
      w(" IS ");
      expr(u->value);
    }
    if (!u->args.empty()) {
      w(" ");
      exprs(u->args);
    }
    // Transaction modes are a list; the clauses of role and catalog statements are not.
    const bool clauses = u->words.find("ROLE") != std::string_view::npos ||
                         u->words.find("CATALOG") != std::string_view::npos;
    for (size_t i = 0; i < u->modes.size(); ++i) {
      w(i && !clauses ? ", " : " ");
      w(u->modes[i]);
    }
    break;
  }
  default:
    if (!ddl_statement(s)) w("<?>");
    break;
  }
}

} // namespace detail

std::string to_sql(const Statement* statement) {
  detail::SqlWriter w;
  w.statement(statement);
  return std::move(w.out);
}

std::string to_sql(const Expr* expr) {
  detail::SqlWriter w;
  w.expr(expr);
  return std::move(w.out);
}

std::string to_sql(const TypeExpr* type) {
  detail::SqlWriter w;
  w.type(type);
  return std::move(w.out);
}

} // namespace athena::sql
