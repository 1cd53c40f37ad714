// Schema statements: CREATE TABLE, DROP and ALTER TABLE. They read no data; they define, rename
// or drop schemas for the statements after them.
#include <optional>

#include "lineage/statement_builder.h"

namespace athena::lineage::detail {

StatementLineage Analyzer::analyze_create_table(const sql::CreateTable& c) {
  StatementLineage out;
  StatementBuilder build(*this, out);
  std::vector<std::string> targets;
  out.kind = StatementKind::kCreateTable;
  const QualifiedName tq = qualify(c.name);
  const std::string target = tq.str();
  targets.push_back(target);
  out.tables.push_back(tq);
  TableSchema schema;
  schema.name = tq;
  bool like_unknown = false;
  for (const sql::ColumnDef* col : c.columns) {
    if (col->like) {
      // `(LIKE s)`: s's columns, in place; only the schema is copied, no data is read.
      if (const TableSchema* like = catalog().find(qualify(col->name))) {
        schema.columns.insert(schema.columns.end(), like->columns.begin(), like->columns.end());
      } else {
        like_unknown = true;
      }
      continue;
    }
    if (col->name.parts.empty()) continue;
    schema.columns.push_back(ColumnInfo{col->name.parts[col->name.parts.size() - 1].name(),
                                        type_text(source(), col->type)});
  }
  if (!c.like.parts.empty()) {
    // Hive `LIKE s`: s's columns (partition columns included); a schema-only edge s → t.
    const QualifiedName like = qualify(c.like);
    out.tables.push_back(like);
    out.schema_edges.push_back(TableEdge{like.str(), target});
    if (const TableSchema* s = catalog().find(like)) {
      schema.columns.insert(schema.columns.end(), s->columns.begin(), s->columns.end());
    } else {
      like_unknown = true;
    }
  }
  for (const sql::ColumnDef* col : c.partition_columns) {
    if (col->name.parts.empty()) continue;
    schema.columns.push_back(ColumnInfo{col->name.parts[col->name.parts.size() - 1].name(),
                                        type_text(source(), col->type)});
  }
  if ((c.has_columns || !c.like.parts.empty()) && !like_unknown) out.defines = std::move(schema);
  if (c.if_not_exists) out.if_absent = tq;
  build.finish(targets);
  if (const sql::Literal* loc = c.effective_location()) {
    out.locations.push_back(normalize_location(loc->value()));
    out.table_edges.push_back(TableEdge{out.locations.back(), target});
  }
  return out;
}

StatementLineage Analyzer::analyze_drop(const sql::Drop& d) {
  StatementLineage out;
  StatementBuilder build(*this, out);
  std::vector<std::string> targets;
  out.kind = StatementKind::kDdl;
  if (d.object == sql::ObjectKind::kTable || d.object == sql::ObjectKind::kView ||
      d.object == sql::ObjectKind::kMaterializedView) {
    out.drops = qualify(d.name);
    targets.push_back(out.drops->str());
    out.tables.push_back(*out.drops);
  }
  build.finish(targets);
  return out;
}

StatementLineage Analyzer::analyze_alter_table(const sql::AlterTable& a) {
  StatementLineage out;
  StatementBuilder build(*this, out);
  std::vector<std::string> targets;
  out.kind = StatementKind::kDdl;
  const QualifiedName tq = qualify(a.name);
  targets.push_back(tq.str());
  out.tables.push_back(tq);
  const TableSchema* existing = catalog().find(tq);
  std::optional<TableSchema> schema;
  if (existing != nullptr) schema = *existing;
  for (const sql::AlterAction* act : a.actions) {
    switch (act->action) {
    case sql::AlterKind::kRenameTo: {
      QualifiedName to = qualify(act->new_name);
      if (act->new_name.parts.size() == 1) {
        to.schema = tq.schema;
        to.catalog = tq.catalog;
      }
      out.drops = tq;
      if (schema) {
        schema->name = to;
        out.defines = schema;
      }
      targets.push_back(to.str());
      out.tables.push_back(to);
      break;
    }
    case sql::AlterKind::kAddColumns:
    case sql::AlterKind::kAddColumn:
    case sql::AlterKind::kReplaceColumns:
      if (schema) {
        if (act->action == sql::AlterKind::kReplaceColumns) schema->columns.clear();
        for (const sql::ColumnDef* col : act->columns) {
          if (col->name.parts.empty()) continue;
          schema->columns.push_back(ColumnInfo{col->name.parts[col->name.parts.size() - 1].name(),
                                               type_text(source(), col->type)});
        }
        out.defines = schema;
      }
      break;
    default:
      break;
    }
  }
  build.finish(targets);
  return out;
}

} // namespace athena::lineage::detail
