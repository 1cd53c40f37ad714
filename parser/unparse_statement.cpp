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

void SqlWriter::column_def(const ColumnDef* c) {
  if (c->like) {
    w("LIKE ");
    name(c->name);
    if (!c->like_option.empty()) {
      w(" ");
      w(c->like_option);
    }
    return;
  }
  name(c->name);
  w(" ");
  type(c->type);
  if (c->not_null) w(" NOT NULL");
  if (c->comment) {
    w(" COMMENT ");
    literal(c->comment);
  }
  if (!c->properties.empty()) {
    w(" WITH ");
    paren_properties(c->properties);
  }
}

void SqlWriter::partition_spec(const PartitionSpec* p) {
  w("PARTITION (");
  for (size_t i = 0; i < p->values.size(); ++i) {
    if (i) w(", ");
    ident(p->values[i]->name);
    if (p->values[i]->value) {
      w(" = ");
      expr(p->values[i]->value, 5);
    }
  }
  w(")");
  if (p->location) {
    w(" LOCATION ");
    literal(p->location);
  }
}

void SqlWriter::alter_action(const AlterAction* a) {
  auto columns = [&] {
    w("(");
    for (size_t i = 0; i < a->columns.size(); ++i) {
      if (i) w(", ");
      column_def(a->columns[i]);
    }
    w(")");
  };
  switch (a->action) {
  case AlterKind::kRenameTo:
    w("RENAME TO ");
    name(a->new_name);
    break;
  case AlterKind::kRenamePartition:
    w("RENAME TO ");
    partition_spec(a->partitions[0]);
    break;
  case AlterKind::kAddColumn:
    w(a->if_not_exists ? "ADD COLUMN IF NOT EXISTS " : "ADD COLUMN ");
    column_def(a->columns[0]);
    column_position(a);
    break;
  case AlterKind::kDropColumn:
    w(a->if_exists ? "DROP COLUMN IF EXISTS " : "DROP COLUMN ");
    name(a->new_name);
    break;
  case AlterKind::kRenameColumn:
    w(a->if_exists ? "RENAME COLUMN IF EXISTS " : "RENAME COLUMN ");
    name(a->new_name);
    w(" TO ");
    ident(a->to_column);
    break;
  case AlterKind::kSetColumnType:
    w("ALTER COLUMN ");
    name(a->new_name);
    w(" SET DATA TYPE ");
    type(a->type);
    break;
  case AlterKind::kDropNotNull:
    w("ALTER COLUMN ");
    name(a->new_name);
    w(" DROP NOT NULL");
    break;
  case AlterKind::kSetAuthorization:
    w("SET AUTHORIZATION ");
    if (!a->principal_kind.empty()) {
      w(a->principal_kind);
      w(" ");
    }
    ident(a->principal);
    break;
  case AlterKind::kSetProperties:
    w("SET PROPERTIES ");
    properties(a->properties);
    break;
  case AlterKind::kExecute:
    w("EXECUTE ");
    ident(a->procedure);
    if (a->has_args) {
      w("(");
      exprs(a->args);
      w(")");
    }
    if (a->where) {
      w(" WHERE ");
      expr(a->where);
    }
    break;
  case AlterKind::kAddPartitions:
    w(a->if_not_exists ? "ADD IF NOT EXISTS" : "ADD");
    for (const PartitionSpec* p : a->partitions) {
      w(" ");
      partition_spec(p);
    }
    break;
  case AlterKind::kDropPartitions:
    w(a->if_exists ? "DROP IF EXISTS " : "DROP ");
    for (size_t i = 0; i < a->partitions.size(); ++i) {
      if (i) w(", ");
      partition_spec(a->partitions[i]);
    }
    if (a->purge) w(" PURGE");
    break;
  case AlterKind::kSetLocation:
    w("SET LOCATION ");
    literal(a->location);
    break;
  case AlterKind::kSetTblProperties:
    w("SET TBLPROPERTIES ");
    paren_properties(a->properties);
    break;
  case AlterKind::kUnsetTblProperties:
    w(a->if_exists ? "UNSET TBLPROPERTIES IF EXISTS (" : "UNSET TBLPROPERTIES (");
    for (size_t i = 0; i < a->unset_keys.size(); ++i) {
      if (i) w(", ");
      literal(a->unset_keys[i]);
    }
    w(")");
    break;
  case AlterKind::kSetSerdeProperties:
    if (a->serde) {
      w("SET SERDE ");
      literal(a->serde);
      if (!a->properties.empty()) {
        w(" WITH SERDEPROPERTIES ");
        paren_properties(a->properties);
      }
    } else {
      w("SET SERDEPROPERTIES ");
      paren_properties(a->properties);
    }
    break;
  case AlterKind::kSetFileFormat:
    w("SET FILEFORMAT ");
    ident(a->file_format);
    break;
  case AlterKind::kAddColumns:
    w("ADD COLUMNS ");
    columns();
    break;
  case AlterKind::kReplaceColumns:
    w("REPLACE COLUMNS ");
    columns();
    break;
  case AlterKind::kChangeColumn:
    w(a->column_keyword ? "CHANGE COLUMN " : "CHANGE ");
    ident(a->to_column);
    w(" ");
    column_def(a->columns[0]);
    column_position(a);
    break;
  }
}

void SqlWriter::column_position(const AlterAction* a) {
  if (a->first) w(" FIRST");
  if (a->last) w(" LAST");
  if (!a->after.empty()) {
    w(" AFTER ");
    ident(a->after);
  }
}

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
  case NodeKind::kCreateTableAs: {
    const auto* c = s->as<CreateTableAs>();
    w(c->or_replace ? "CREATE OR REPLACE TABLE " : "CREATE TABLE ");
    if (c->if_not_exists) w("IF NOT EXISTS ");
    name(c->name);
    if (!c->columns.empty()) {
      w(" ");
      paren_idents(c->columns);
    }
    if (c->comment) {
      w(" COMMENT ");
      literal(c->comment);
    }
    if (c->has_properties) {
      w(" WITH ");
      paren_properties(c->properties);
    }
    w(" AS ");
    if (c->parenthesized_query) w("(");
    query(c->query);
    if (c->parenthesized_query) w(")");
    if (c->with_data == WithData::kWithData) w(" WITH DATA");
    if (c->with_data == WithData::kWithNoData) w(" WITH NO DATA");
    break;
  }
  case NodeKind::kCreateTable: {
    const auto* c = s->as<CreateTable>();
    w("CREATE ");
    if (c->or_replace) w("OR REPLACE ");
    if (c->external) w("EXTERNAL ");
    w("TABLE ");
    if (c->if_not_exists) w("IF NOT EXISTS ");
    name(c->name);
    if (c->has_columns) {
      w(" (");
      for (size_t i = 0; i < c->columns.size(); ++i) {
        if (i) w(", ");
        column_def(c->columns[i]);
      }
      w(")");
    }
    if (!c->like.parts.empty()) {
      w(" LIKE ");
      name(c->like);
    }
    if (c->comment) {
      w(" COMMENT ");
      literal(c->comment);
    }
    if (c->has_properties) {
      w(" WITH ");
      paren_properties(c->properties);
    }
    if (!c->partition_columns.empty()) {
      w(" PARTITIONED BY (");
      for (size_t i = 0; i < c->partition_columns.size(); ++i) {
        if (i) w(", ");
        column_def(c->partition_columns[i]);
      }
      w(")");
    }
    if (!c->partition_transforms.empty()) {
      w(" PARTITIONED BY (");
      exprs(c->partition_transforms);
      w(")");
    }
    if (!c->clustered_by.empty()) {
      w(" CLUSTERED BY ");
      paren_idents(c->clustered_by);
      if (!c->sorted_by.empty()) {
        w(" SORTED BY (");
        sort_items(c->sorted_by);
        w(")");
      }
      w(" INTO ");
      w(c->buckets);
      w(" BUCKETS");
    }
    for (const RowFormat* r : c->row_formats) {
      w(" ROW FORMAT ");
      if (r->serde) {
        w("SERDE ");
        literal(r->serde);
      } else {
        w("DELIMITED");
        for (size_t i = 0; i < r->clauses.size(); ++i) {
          w(" ");
          w(r->clauses[i]);
          w(" ");
          literal(r->clause_values[i]);
          if (i < r->escaped_by.size() && r->escaped_by[i]) {
            w(" ESCAPED BY ");
            literal(r->escaped_by[i]);
          }
        }
      }
      if (r->has_serde_properties) {
        w(" WITH SERDEPROPERTIES ");
        paren_properties(r->serde_properties);
      }
    }
    if (!c->stored_as.empty()) {
      w(" STORED AS ");
      ident(c->stored_as);
    }
    if (c->input_format) {
      w(" STORED AS INPUTFORMAT ");
      literal(c->input_format);
      w(" OUTPUTFORMAT ");
      literal(c->output_format);
    }
    if (c->location) {
      w(" LOCATION ");
      literal(c->location);
    }
    if (c->has_tblproperties) {
      w(" TBLPROPERTIES ");
      paren_properties(c->tblproperties);
    }
    break;
  }
  case NodeKind::kCreateView: {
    const auto* v = s->as<CreateView>();
    w(v->or_replace ? "CREATE OR REPLACE " : "CREATE ");
    w(v->materialized ? "MATERIALIZED VIEW " : "VIEW ");
    if (v->if_not_exists) w("IF NOT EXISTS ");
    name(v->name);
    if (v->grace_period) {
      w(" GRACE PERIOD ");
      expr(v->grace_period);
    }
    if (v->comment) {
      w(" COMMENT ");
      literal(v->comment);
    }
    if (!v->security.empty()) {
      w(" SECURITY ");
      w(v->security);
    }
    if (v->has_properties) {
      w(" WITH ");
      paren_properties(v->properties);
    }
    w(" AS ");
    query(v->query);
    break;
  }
  case NodeKind::kCreateSchema: {
    const auto* c = s->as<CreateSchema>();
    w(c->database_keyword ? "CREATE DATABASE " : "CREATE SCHEMA ");
    if (c->if_not_exists) w("IF NOT EXISTS ");
    name(c->name);
    if (c->comment) {
      w(" COMMENT ");
      literal(c->comment);
    }
    if (c->location) {
      w(" LOCATION ");
      literal(c->location);
    }
    if (c->has_dbproperties) {
      w(" WITH DBPROPERTIES ");
      paren_properties(c->dbproperties);
    }
    if (!c->authorization.empty()) {
      w(" AUTHORIZATION ");
      if (!c->authorization_kind.empty()) {
        w(c->authorization_kind);
        w(" ");
      }
      ident(c->authorization);
    }
    if (c->has_properties) {
      w(" WITH ");
      paren_properties(c->properties);
    }
    break;
  }
  case NodeKind::kCreateFunction: {
    const auto* f = s->as<CreateFunction>();
    w(f->or_replace ? "CREATE OR REPLACE " : "CREATE ");
    routine(f->routine);
    break;
  }
  case NodeKind::kDrop: {
    const auto* d = s->as<Drop>();
    w("DROP ");
    w(object_kind_sql(d->object));
    w(d->if_exists ? " IF EXISTS " : " ");
    name(d->name);
    if (d->object == ObjectKind::kFunction) {
      w("(");
      for (size_t i = 0; i < d->params.size(); ++i) {
        if (i) w(", ");
        if (!d->params[i]->name.empty()) {
          ident(d->params[i]->name);
          w(" ");
        }
        type(d->params[i]->type);
      }
      w(")");
    }
    if (!d->behavior.empty()) {
      w(" ");
      w(d->behavior);
    }
    break;
  }
  case NodeKind::kAlterTable: {
    const auto* a = s->as<AlterTable>();
    w(a->if_exists ? "ALTER TABLE IF EXISTS " : "ALTER TABLE ");
    name(a->name);
    for (const PartitionSpec* p : a->partition) {
      w(" ");
      partition_spec(p);
    }
    for (const AlterAction* act : a->actions) {
      w(" ");
      alter_action(act);
    }
    break;
  }
  case NodeKind::kAlterSchema: {
    const auto* a = s->as<AlterSchema>();
    w(a->database_keyword ? "ALTER DATABASE " : "ALTER SCHEMA ");
    name(a->name);
    w(" ");
    alter_action(a->action);
    break;
  }
  case NodeKind::kAlterView: {
    const auto* a = s->as<AlterView>();
    w(a->materialized ? "ALTER MATERIALIZED VIEW " : "ALTER VIEW ");
    if (a->if_exists) w("IF EXISTS ");
    name(a->name);
    w(" ");
    alter_action(a->action);
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
    w("<?>");
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
