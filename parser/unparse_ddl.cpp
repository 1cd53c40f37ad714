// Canonical SQL for DDL: CREATE TABLE / VIEW / SCHEMA / FUNCTION, DROP, ALTER, and their
// column definitions, partition specs and ALTER actions.
#include "parser/unparser_impl.h"

namespace athena::sql::detail {

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

bool SqlWriter::ddl_statement(const Statement* s) {
  switch (s->kind) {
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
  default:
    return false;
  }
  return true;
}

} // namespace athena::sql::detail
