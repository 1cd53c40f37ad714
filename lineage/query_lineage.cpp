// Query lineage: WITH, SELECT, set operations, VALUES, and the FROM clause's relations.
#include <algorithm>
#include <memory>

#include "lineage/analyzer.h"

namespace athena::lineage::detail {

const CteEnv* CteEnv::find(std::string_view cte_name) const {
  for (const CteEnv* env = this; env != nullptr; env = env->parent) {
    if (env->cte != nullptr && same_name(env->name, cte_name)) return env;
  }
  return nullptr;
}

namespace {

// Expands `*` or `prefix.*` of a select list into `out`.
void expand_star(Analyzer& an, const sql::SelectItem& item, const Scope& scope,
                 RelationShape& out) {
  auto add_binding = [&](const Binding& b, bool skip_hidden) {
    for (const RelColumn& c : b.cols()) {
      if (skip_hidden &&
          std::find(b.using_hidden.begin(), b.using_hidden.end(), c.name) != b.using_hidden.end()) {
        continue;
      }
      out.columns.push_back(RelColumn{c.name, b.deriv(c), c.type});
      an.record_reads(out.columns.back().deriv, Clause::kSelect);
    }
    if (!b.columns_known) {
      out.has_unknown_star = true;
      out.star_deriv.merge(b.star);
      out.columns.push_back(RelColumn{"*", b.star, ""});
      an.record_reads(b.star, Clause::kSelect);
    }
  };
  if (item.value == nullptr) {
    for (const RelColumn& m : scope.merged) {
      out.columns.push_back(m);
      an.record_reads(m.deriv, Clause::kSelect);
    }
    for (const Binding& b : scope.bindings)
      add_binding(b, true);
    return;
  }
  if (const auto* ref = item.value->dyn<sql::NameRef>()) {
    const auto& parts = ref->parts();
    for (const Binding& b : scope.bindings) {
      bool match = false;
      if (parts.size() == 1) {
        match = !b.alias.empty() && b.alias == an.ident(parts[0]);
      } else if (b.base_table && !b.aliased) {
        if (parts.size() == 2) {
          match = b.schema == an.ident(parts[0]) && b.table == an.ident(parts[1]);
        }
        if (parts.size() == 3) {
          match = b.catalog == an.ident(parts[0]) && b.schema == an.ident(parts[1]) &&
                  b.table == an.ident(parts[2]);
        }
      }
      if (match) {
        const size_t first = out.columns.size();
        add_binding(b, false);
        for (size_t i = 0; i < item.star_aliases().size() && first + i < out.columns.size(); ++i) {
          out.columns[first + i].name = an.ident(item.star_aliases()[i]);
        }
        return;
      }
    }
  }
  // `expr.*` over a row value: its fields are unknown without the row type.
  ExprContext ctx;
  Deriv d = an.analyze_expr(item.value, scope, ctx);
  out.has_unknown_star = true;
  out.star_deriv.merge(d);
  out.columns.push_back(RelColumn{"*", d, ""});
}

} // namespace

const RelationShape& Analyzer::cte_shape(const CteEnv& cte) {
  if (!cte.analyzed) {
    cte.analyzed = true; // set first: a CTE cannot see itself, but keep any cycle finite
    if (cte.cte->query != nullptr) {
      RelationShape shape = analyze_query(*cte.cte->query, cte.outer, cte.parent);
      for (size_t i = 0; i < cte.cte->columns.size() && i < shape.columns.size(); ++i) {
        shape.columns[i].name = ident(cte.cte->columns[i]);
      }
      cte.shape = std::move(shape);
    }
  }
  return cte.shape;
}

RelationShape Analyzer::analyze_query(const sql::Query& query, const Scope* outer,
                                      const CteEnv* ctes) {
  // One node per CTE, each seeing the ones before it; analyzed when first referenced.
  std::vector<std::unique_ptr<CteEnv>> nodes;
  const CteEnv* env_ptr = ctes;
  if (query.with != nullptr) {
    nodes.reserve(query.with->ctes.size());
    for (const sql::Cte* cte : query.with->ctes) {
      auto node = std::make_unique<CteEnv>();
      node->parent = env_ptr;
      node->name = ident(cte->name);
      node->cte = cte;
      node->outer = outer;
      if (query.with->recursive && cte->query != nullptr) {
        // First the non-recursive part, bound under the CTE's name, then the whole query.
        node->analyzed = true;
        const sql::QueryBody* anchor = cte->query->body;
        while (anchor != nullptr && anchor->kind == sql::NodeKind::kSetOperation) {
          anchor = anchor->as<sql::SetOperation>()->left;
        }
        if (anchor != nullptr) {
          node->shape = analyze_body(*anchor, outer, env_ptr);
          for (size_t i = 0; i < cte->columns.size() && i < node->shape.columns.size(); ++i) {
            node->shape.columns[i].name = ident(cte->columns[i]);
          }
        }
        RelationShape full = analyze_query(*cte->query, outer, node.get());
        node->shape = std::move(full);
        for (size_t i = 0; i < cte->columns.size() && i < node->shape.columns.size(); ++i) {
          node->shape.columns[i].name = ident(cte->columns[i]);
        }
      }
      env_ptr = node.get();
      nodes.push_back(std::move(node));
    }
  }
  if (query.body == nullptr) return {};
  if (const auto* select = query.body->dyn<sql::Select>()) {
    // ORDER BY of a plain SELECT sees both its output names and its FROM scope.
    return analyze_select(*select, outer, env_ptr, &query.order_by);
  }
  RelationShape shape = analyze_body(*query.body, outer, env_ptr);
  if (!query.order_by.empty()) {
    Scope order_scope;
    order_scope.parent = outer;
    order_scope.order_by_outputs = &shape;
    ExprContext ctx;
    ctx.clause = Clause::kOrderBy;
    ctx.ctes = env_ptr;
    for (const sql::SortItem* s : query.order_by)
      analyze_expr(s->value, order_scope, ctx);
  }
  return shape;
}

RelationShape Analyzer::analyze_select(const sql::Select& select, const Scope* outer,
                                       const CteEnv* ctes,
                                       const sql::RList<sql::SortItem*>* order_by) {
  Scope scope;
  scope.parent = outer;
  scope.bindings.reserve(4); // most FROM clauses bind a few relations: grow once, if ever
  for (const sql::Relation* rel : select.from) {
    if (rel != nullptr) bind_relation(*rel, scope, ctes, outer);
  }
  ExprContext ctx;
  ctx.ctes = ctes;
  ctx.windows = &select.windows;
  if (select.where != nullptr) {
    ctx.clause = Clause::kWhere;
    ctx.join_type = "comma";
    analyze_expr(select.where, scope, ctx);
    ctx.join_type = {};
  }
  RelationShape out;
  out.columns.reserve(select.items.size());
  ctx.clause = Clause::kSelect;
  for (const sql::SelectItem* item : select.items) {
    if (item->star) {
      expand_star(*this, *item, scope, out);
      continue;
    }
    Deriv d = analyze_expr(item->value, scope, ctx);
    out.columns.push_back(RelColumn{output_name(*item, out.columns.size()), std::move(d), ""});
  }
  // An integer literal in GROUP BY or ORDER BY names a select item by position.
  auto ordinal = [&](const sql::Expr* e) -> const RelColumn* {
    const auto* lit = e == nullptr ? nullptr : e->dyn<sql::Literal>();
    if (lit == nullptr || lit->literal != sql::LiteralKind::kInteger) return nullptr;
    size_t n = 0;
    for (char c : lit->text()) {
      if (c < '0' || c > '9' || n > out.columns.size()) return nullptr;
      n = n * 10 + static_cast<size_t>(c - '0');
    }
    return n >= 1 && n <= out.columns.size() ? &out.columns[n - 1] : nullptr;
  };
  if (select.group_by != nullptr) {
    ctx.clause = Clause::kGroupBy;
    for (const sql::GroupingElement* g : select.group_by->elements) {
      for (const sql::Expr* e : g->items) {
        if (const RelColumn* c = ordinal(e)) {
          record_reads(c->deriv, Clause::kGroupBy);
        } else {
          analyze_expr(e, scope, ctx);
        }
      }
    }
  }
  if (select.having != nullptr) {
    ctx.clause = Clause::kHaving;
    analyze_expr(select.having, scope, ctx);
  }
  if (order_by != nullptr && !order_by->empty()) {
    Scope order_scope;
    order_scope.parent = &scope;
    order_scope.order_by_outputs = &out;
    ctx.clause = Clause::kOrderBy;
    for (const sql::SortItem* s : *order_by) {
      if (const RelColumn* c = ordinal(s->value)) {
        record_reads(c->deriv, Clause::kOrderBy);
      } else {
        analyze_expr(s->value, order_scope, ctx);
      }
    }
  }
  return out;
}

RelationShape Analyzer::analyze_body(const sql::QueryBody& body, const Scope* outer,
                                     const CteEnv* ctes) {
  using K = sql::NodeKind;
  switch (body.kind) {
  case K::kSelect:
    return analyze_select(*body.as<sql::Select>(), outer, ctes, nullptr);
  case K::kSetOperation: {
    const auto* op = body.as<sql::SetOperation>();
    RelationShape left =
        op->left != nullptr ? analyze_body(*op->left, outer, ctes) : RelationShape{};
    RelationShape right =
        op->right != nullptr ? analyze_body(*op->right, outer, ctes) : RelationShape{};
    // Output column i takes column i of every branch; names come from the first.
    for (size_t i = 0; i < left.columns.size() && i < right.columns.size(); ++i) {
      left.columns[i].deriv.merge(right.columns[i].deriv);
    }
    if (right.has_unknown_star) {
      left.has_unknown_star = true;
      left.star_deriv.merge(right.star_deriv);
    }
    if (left.columns.size() != right.columns.size() && !left.has_unknown_star) {
      error(body.span.begin, "set operation branches have " + std::to_string(left.columns.size()) +
                                 " and " + std::to_string(right.columns.size()) + " columns");
    }
    return left;
  }
  case K::kValues: {
    RelationShape out;
    Scope scope;
    scope.parent = outer;
    ExprContext ctx;
    ctx.ctes = ctes;
    for (const sql::Expr* row : body.as<sql::Values>()->rows) {
      std::vector<const sql::Expr*> items;
      if (const auto* r = row->dyn<sql::RowConstructor>(); r != nullptr && !r->explicit_row) {
        for (const sql::Expr* e : r->items)
          items.push_back(e);
      } else {
        items.push_back(row);
      }
      for (size_t i = 0; i < items.size(); ++i) {
        Deriv d = analyze_expr(items[i], scope, ctx);
        if (i >= out.columns.size())
          out.columns.push_back(RelColumn{keep("_col" + std::to_string(i)), {}, ""});
        out.columns[i].deriv.merge(d);
      }
    }
    return out;
  }
  case K::kTableBody: {
    Scope scope;
    scope.parent = outer;
    bool is_cte = false;
    Binding b = bind_table(body.as<sql::TableBody>()->name, ctes, &is_cte);
    if (!is_cte) mark_read(b.table_id);
    scope.bindings.push_back(std::move(b));
    RelationShape out;
    sql::SelectItem star;
    star.star = true;
    expand_star(*this, star, scope, out);
    return out;
  }
  case K::kParenQuery: {
    const auto* pq = body.as<sql::ParenQuery>();
    return pq->query != nullptr ? analyze_query(*pq->query, outer, ctes) : RelationShape{};
  }
  default:
    return {};
  }
}

} // namespace athena::lineage::detail
