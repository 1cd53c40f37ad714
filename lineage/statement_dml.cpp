// Statements that change rows in place: MERGE, UPDATE and DELETE. The target's rows are read to
// find the ones to change.
#include <algorithm>

#include "lineage/statement_builder.h"

namespace athena::lineage::detail {

StatementLineage Analyzer::analyze_merge(const sql::Merge& m) {
  StatementLineage out;
  StatementBuilder build(*this, out);
  std::vector<std::string> targets;
  out.kind = StatementKind::kMerge;
  const QualifiedName tq = qualify(m.target);
  const std::string target = tq.str();
  targets.push_back(target);
  out.tables.push_back(tq);
  Scope scope;
  bool is_cte = false;
  Binding tb = bind_table(m.target, nullptr, &is_cte);
  mark_read(tb.table_id); // its rows are read to match them (ON)
  if (!m.alias.empty()) {
    tb.alias = ident(m.alias);
    tb.aliased = true;
  }
  scope.bindings.push_back(std::move(tb));
  if (m.source != nullptr) bind_relation(*m.source, scope, nullptr, nullptr);
  ExprContext ctx;
  ctx.clause = Clause::kJoin;
  ctx.join_type = "merge";
  Deriv on = analyze_expr(m.on, scope, ctx);
  ctx.join_type = {};
  struct Set {
    std::string column;
    Deriv deriv;
    Mapped mapped;
  };
  std::vector<Set> sets;
  auto set_column = [&](const std::string& col, Deriv d, Mapped mapped) {
    for (auto& set : sets) {
      if (set.column == col) {
        set.deriv.merge(d);
        return;
      }
    }
    sets.push_back(Set{col, std::move(d), mapped});
  };
  bool known = false;
  const std::vector<std::string> schema_cols = known_columns(catalog(), tq, &known);
  for (const sql::MergeCase* mc : m.cases) {
    Deriv cond;
    if (mc->condition != nullptr) {
      ctx.clause = Clause::kWhere;
      cond = analyze_expr(mc->condition, scope, ctx);
    }
    ctx.clause = Clause::kSelect;
    if (mc->action == sql::MergeAction::kUpdate) {
      for (const sql::Assignment* a : mc->assignments) {
        Deriv v = analyze_expr(a->value, scope, ctx);
        v.merge_as_condition(on);
        v.merge_as_condition(cond);
        set_column(a->target.name(), std::move(v), Mapped::kNone);
      }
    } else if (mc->action == sql::MergeAction::kInsert) {
      std::vector<std::string> cols;
      for (const auto& id : mc->columns)
        cols.push_back(id.name());
      Mapped mapped = Mapped::kNone;
      if (cols.empty()) {
        cols = schema_cols;
        mapped = Mapped::kPosition;
      }
      if (cols.empty()) {
        // The target's columns are unknown: a value that is a column names its target.
        mapped = Mapped::kName;
        for (const sql::Expr* e : mc->values) {
          const auto* ref = e->dyn<sql::NameRef>();
          if (ref == nullptr || ref->parts().empty()) {
            cols.clear();
            break;
          }
          cols.emplace_back(ident(ref->parts()[ref->parts().size() - 1]));
        }
      }
      if (cols.empty() && !mc->values.empty()) {
        error(mc->span.begin,
              "INSERT without a column list into '" + target + "', whose columns are unknown");
      }
      for (size_t i = 0; i < mc->values.size() && i < cols.size(); ++i) {
        Deriv v = analyze_expr(mc->values[i], scope, ctx);
        v.merge_as_condition(on);
        v.merge_as_condition(cond);
        set_column(cols[i], std::move(v), mapped);
      }
    }
  }
  for (const auto& set : sets)
    build.column(target + "." + set.column, set.deriv, target.size(), set.mapped);
  build.finish(targets);
  build.edges_into(target);
  return out;
}

StatementLineage Analyzer::analyze_update(const sql::Update& u) {
  StatementLineage out;
  StatementBuilder build(*this, out);
  std::vector<std::string> targets;
  out.kind = StatementKind::kUpdate;
  const QualifiedName tq = qualify(u.target);
  const std::string target = tq.str();
  targets.push_back(target);
  out.tables.push_back(tq);
  Scope scope;
  bool is_cte = false;
  scope.bindings.push_back(bind_table(u.target, nullptr, &is_cte));
  mark_read(scope.bindings.back().table_id); // its rows are read to rewrite them
  ExprContext ctx;
  // WHERE decides which rows change, not any column's value: a read, not a source.
  ctx.clause = Clause::kWhere;
  analyze_expr(u.where, scope, ctx);
  ctx.clause = Clause::kSelect;
  for (const sql::Assignment* a : u.assignments) {
    Deriv v = analyze_expr(a->value, scope, ctx);
    build.column(target + "." + a->target.name(), v, target.size());
  }
  build.finish(targets);
  build.edges_into(target);
  return out;
}

StatementLineage Analyzer::analyze_delete(const sql::Delete& d) {
  StatementLineage out;
  StatementBuilder build(*this, out);
  std::vector<std::string> targets;
  out.kind = StatementKind::kDelete;
  out.tables.push_back(qualify(d.target));
  targets.push_back(out.tables.back().str());
  Scope scope;
  bool is_cte = false;
  scope.bindings.push_back(bind_table(d.target, nullptr, &is_cte));
  // Its rows are read to decide which to delete (WHERE); a bare DELETE reads nothing.
  if (d.where != nullptr) mark_read(scope.bindings.back().table_id);
  ExprContext ctx;
  ctx.clause = Clause::kWhere;
  analyze_expr(d.where, scope, ctx);
  build.finish(targets);
  return out;
}

} // namespace athena::lineage::detail
