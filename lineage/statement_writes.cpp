// Statements that write a query's result: SELECT (to the client), INSERT, CTAS, CREATE VIEW and
// UNLOAD. Each maps the query's outputs onto its target's columns.
#include <algorithm>
#include <string>
#include <utility>

#include "lineage/statement_builder.h"

namespace athena::lineage::detail {

StatementLineage Analyzer::analyze_query_statement(const sql::QueryStatement& q) {
  StatementLineage out;
  StatementBuilder build(*this, out);
  std::vector<std::string> targets;
  out.kind = StatementKind::kSelect;
  if (q.query != nullptr) build.outputs(analyze_query(*q.query, nullptr, nullptr), "");
  build.finish(targets);
  return out;
}

StatementLineage Analyzer::analyze_insert(const sql::Insert& ins) {
  StatementLineage out;
  StatementBuilder build(*this, out);
  std::vector<std::string> targets;
  out.kind = StatementKind::kInsert;
  const QualifiedName tq = qualify(ins.target);
  const std::string target = tq.str();
  targets.push_back(target);
  out.tables.push_back(tq);
  RelationShape shape =
      ins.query != nullptr ? analyze_query(*ins.query, nullptr, nullptr) : RelationShape{};
  bool known = false;
  std::vector<std::string> cols;
  std::vector<std::string> not_in_target;
  if (!ins.columns.empty()) {
    bool target_known = false;
    const std::vector<std::string> existing = known_columns(catalog(), tq, &target_known);
    for (const auto& id : ins.columns) {
      cols.push_back(id.name());
      // A listed column the known target lacks is reported, never mapped (Athena rejects it).
      if (target_known && std::find(existing.begin(), existing.end(),
                                    to_lower_ascii(cols.back())) == existing.end()) {
        error(id.span.begin, "column '" + cols.back() + "' is not a column of " + target);
        not_in_target.push_back(target + "." + cols.back());
      }
    }
    known = true;
  } else {
    cols = known_columns(catalog(), tq, &known);
  }
  // Hive's `PARTITION (k = v)`: k takes the value and is not among the query's columns.
  Scope no_scope;
  ExprContext pctx;
  for (const sql::Assignment* p : ins.partition) {
    if (p->value == nullptr) continue;
    const std::string k = p->target.name();
    cols.erase(std::remove(cols.begin(), cols.end(), k), cols.end());
    std::string column = target;
    column += '.';
    column += k;
    build.column(std::move(column), analyze_expr(p->value, no_scope, pctx), target.size());
  }
  build.positional(target, cols, known, shape, ins.span.begin,
                   ins.columns.empty() ? Mapped::kPosition : Mapped::kNone);
  std::erase_if(out.columns, [&](const ColumnLineage& c) {
    return std::find(not_in_target.begin(), not_in_target.end(), c.target) != not_in_target.end();
  });
  build.finish(targets);
  build.edges_into(target);
  return out;
}

StatementLineage Analyzer::analyze_create_table_as(const sql::CreateTableAs& c) {
  StatementLineage out;
  StatementBuilder build(*this, out);
  std::vector<std::string> targets;
  out.kind = StatementKind::kCtas;
  const QualifiedName tq = qualify(c.name);
  const std::string target = tq.str();
  targets.push_back(target);
  out.tables.push_back(tq);
  RelationShape shape =
      c.query != nullptr ? analyze_query(*c.query, nullptr, nullptr) : RelationShape{};
  std::vector<std::string> names;
  for (const auto& id : c.columns)
    names.push_back(id.name());
  for (size_t i = names.size(); i < shape.columns.size(); ++i)
    names.emplace_back(shape.columns[i].name);
  build.positional(target, names, true, shape, c.span.begin);
  if (!shape.has_unknown_star) out.defines = schema_from_shape(tq, shape, names, false);
  if (c.if_not_exists) out.if_absent = tq;
  std::string location = property_string(c.properties, "external_location");
  if (location.empty()) location = property_string(c.properties, "location");
  build.finish(targets);
  build.edges_into(target);
  if (!location.empty()) {
    location = normalize_location(location);
    out.table_edges.push_back(TableEdge{target, location});
    out.locations.push_back(location);
  }
  return out;
}

StatementLineage Analyzer::analyze_create_view(const sql::CreateView& v) {
  StatementLineage out;
  StatementBuilder build(*this, out);
  std::vector<std::string> targets;
  out.kind = StatementKind::kCreateView;
  const QualifiedName tq = qualify(v.name);
  const std::string target = tq.str();
  targets.push_back(target);
  out.tables.push_back(tq);
  RelationShape shape =
      v.query != nullptr ? analyze_query(*v.query, nullptr, nullptr) : RelationShape{};
  std::vector<std::string> names;
  for (const auto& c : shape.columns)
    names.emplace_back(c.name);
  build.positional(target, names, true, shape, v.span.begin);
  if (!shape.has_unknown_star) out.defines = schema_from_shape(tq, shape, names, true);
  build.finish(targets);
  build.edges_into(target);
  return out;
}

StatementLineage Analyzer::analyze_unload(const sql::Unload& u) {
  StatementLineage out;
  StatementBuilder build(*this, out);
  std::vector<std::string> targets;
  out.kind = StatementKind::kUnload;
  std::string location = u.location != nullptr ? normalize_location(u.location->value()) : "";
  if (!location.empty()) {
    targets.push_back(location);
    out.locations.push_back(location);
  }
  if (u.query != nullptr) build.outputs(analyze_query(*u.query, nullptr, nullptr), "");
  build.finish(targets);
  if (!location.empty()) build.edges_into(location);
  return out;
}

} // namespace athena::lineage::detail
