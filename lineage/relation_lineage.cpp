// Relations in FROM: tables, CTE references, derived tables, LATERAL, UNNEST, table functions,
// joins (ON, USING, NATURAL) and MATCH_RECOGNIZE, bound into a name scope.
#include <algorithm>

#include "lineage/analyzer.h"

namespace athena::lineage::detail {

namespace {

// A binding over a shape that outlives it (a CTE's): shares the columns unless a star needs
// stripping.
Binding binding_over_shape(const RelationShape& shape) {
  Binding b;
  if (!shape.has_unknown_star) {
    b.shared = &shape.columns;
    return b;
  }
  b.columns = shape.columns;
  b.columns_known = false;
  b.star = shape.star_deriv;
  b.columns.erase(std::remove_if(b.columns.begin(), b.columns.end(),
                                 [](const RelColumn& c) { return c.name == "*"; }),
                  b.columns.end());
  return b;
}

Binding binding_from_shape(RelationShape shape) {
  Binding b;
  b.columns = std::move(shape.columns);
  if (shape.has_unknown_star) {
    b.columns_known = false;
    b.star = std::move(shape.star_deriv);
    // The "*" placeholder column is not a name anyone can reference.
    b.columns.erase(std::remove_if(b.columns.begin(), b.columns.end(),
                                   [](const RelColumn& c) { return c.name == "*"; }),
                    b.columns.end());
  }
  return b;
}

void rename_columns(Analyzer& an, Binding& b, const sql::List<sql::Identifier>& names) {
  if (names.empty()) return;
  auto& cols = b.mutable_cols();
  for (size_t i = 0; i < names.size() && i < cols.size(); ++i)
    cols[i].name = an.ident(names[i]);
  // Over an unexpanded star the alias list names every column: the relation has exactly
  // these, each from the star (which of its columns is unknown without the schema).
  if (!b.columns_known) {
    for (size_t i = cols.size(); i < names.size(); ++i)
      cols.push_back(RelColumn{an.ident(names[i]), b.star, ""});
    b.columns_known = true;
  }
}

/// JSON_TABLE's output columns in order, nested paths flattened, each derived from `d` (an
/// ordinality column too, as UNNEST's: the row number depends on the document).
void add_json_table_columns(Analyzer& an, const sql::List<sql::JsonTableColumn*>& columns,
                            const Deriv& d, Binding& b) {
  for (const sql::JsonTableColumn* c : columns) {
    if (c->column == sql::JsonTableColumnKind::kNested) {
      add_json_table_columns(an, c->columns, d, b);
    } else {
      b.columns.push_back(RelColumn{an.ident(c->name), d, ""});
    }
  }
}

// The element type of `array(T)` / `array<T>` as written in a schema, or "".
std::string_view strip_type_wrapper(std::string_view type, std::string_view head) {
  if (type.size() <= head.size() + 2) return {};
  for (size_t i = 0; i < head.size(); ++i) {
    char c = type[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != head[i]) return {};
  }
  const char open = type[head.size()];
  const char close = type.back();
  if (!((open == '(' && close == ')') || (open == '<' && close == '>'))) return {};
  return type.substr(head.size() + 1, type.size() - head.size() - 2);
}

// Number of columns UNNEST produces for an argument of this declared type: 2 for a map, the
// field count for an array of rows, else 1.
size_t unnest_width(std::string_view type) {
  if (!strip_type_wrapper(type, "map").empty()) return 2;
  std::string_view element = strip_type_wrapper(type, "array");
  std::string_view fields = strip_type_wrapper(element, "row");
  if (fields.empty()) fields = strip_type_wrapper(element, "struct");
  if (fields.empty()) return 1;
  size_t count = 1;
  int depth = 0;
  for (char c : fields) {
    if (c == '(' || c == '<') ++depth;
    if (c == ')' || c == '>') --depth;
    if (c == ',' && depth == 0) ++count;
  }
  return count;
}

/// When no relation of bindings [begin, end) has column `name`, gives it to the first one
/// that is a single table whose columns are unknown.
void add_using_column(Analyzer& an, Scope& scope, size_t begin, size_t end, std::string_view name) {
  for (size_t i = begin; i < end; ++i) {
    if (scope.bindings[i].find_column(name, name_hash(name)) != Binding::kNoColumn) return;
  }
  for (size_t i = begin; i < end; ++i) {
    Binding& b = scope.bindings[i];
    if (b.columns_known) continue;
    const auto ids = b.star.values.ids();
    if (ids.size() != 1 || an.column(ids[0]).name != "*") continue;
    Deriv d;
    d.values.add(an.column_id(an.column(ids[0]).table, name));
    d.how = Transform::kIdentity;
    b.mutable_cols().push_back(RelColumn{name, d, ""});
    return;
  }
}

} // namespace

std::vector<RelColumn>& Binding::mutable_cols() {
  if (shared != nullptr) {
    columns.clear();
    columns.reserve(shared->size());
    for (const RelColumn& c : *shared)
      columns.push_back(RelColumn{c.name, deriv(c), c.type});
    shared = nullptr;
    table_columns = nullptr;
    id_base = 0;
  }
  return columns;
}

Binding Analyzer::bind_table(const sql::QualifiedName& name, const CteEnv* ctes, bool* is_cte) {
  *is_cte = false;
  const auto& p = name.parts;
  const size_t n = p.size();
  if (n == 1 && ctes != nullptr) {
    const std::string_view cte_name = ident(p[0]);
    if (const CteEnv* cte = ctes->find(cte_name)) {
      *is_cte = true;
      Binding b = binding_over_shape(cte_shape(*cte));
      b.alias = cte_name;
      return b;
    }
  }
  // The parts as qualify() fills them in.
  Binding b;
  b.base_table = true;
  if (n > 0) {
    b.table = ident(p[n - 1]);
    b.schema = n >= 2 ? ident(p[n - 2]) : default_schema_;
    b.catalog = n >= 3 ? ident(p[n - 3]) : default_catalog_;
    if (b.catalog.empty()) b.catalog = kDefaultCatalog;
  }
  b.alias = b.table;
  b.table_id = table_id(b.catalog, b.schema, b.table);
  // Each table's schema is looked up once per statement; its columns get consecutive ids
  // from `base`, and every binding of the table shares the catalog's prepared column list.
  TableInfo& info = tables_[b.table_id];
  if (!info.looked_up) {
    info.looked_up = true;
    if (const SchemaCatalog::Entry* entry = catalog().find_entry(b.catalog, b.schema, b.table)) {
      const TableColumns& cols = *entry->columns;
      info.columns = &cols;
      info.base = static_cast<ColId>(columns_.size());
      if (columns_.capacity() < columns_.size() + cols.size()) {
        columns_.reserve(std::max(columns_.size() + cols.size(), 2 * columns_.capacity()));
      }
      for (size_t i = 0; i < cols.size(); ++i)
        columns_.push_back(ColumnEntry{b.table_id, cols.columns()[i].name, cols.name_rank(i)});
    }
  }
  if (info.columns != nullptr) {
    b.shared = &info.columns->columns();
    b.table_columns = info.columns;
    b.id_base = info.base;
  } else {
    b.columns_known = false;
    b.star.values.add(column_id(b.table_id, "*"));
    b.star.how = Transform::kIdentity;
  }
  return b;
}

void Analyzer::bind_relation(const sql::Relation& relation, Scope& scope, const CteEnv* ctes,
                             const Scope* outer) {
  using K = sql::NodeKind;
  ExprContext ctx;
  ctx.ctes = ctes;
  ctx.clause = Clause::kOther;
  switch (relation.kind) {
  case K::kTableRef: {
    bool is_cte = false;
    Binding b = bind_table(relation.as<sql::TableRef>()->name, ctes, &is_cte);
    if (!is_cte) mark_read(b.table_id);
    scope.bindings.push_back(std::move(b));
    return;
  }
  case K::kAliasedRelation: {
    const auto* a = relation.as<sql::AliasedRelation>();
    const size_t before = scope.bindings.size();
    bind_relation(*a->relation, scope, ctes, outer);
    if (scope.bindings.size() == before + 1) {
      Binding& b = scope.bindings.back();
      b.alias = ident(a->alias);
      b.aliased = true;
      if (a->relation->kind == K::kUnnest && a->columns.size() > b.cols().size()) {
        // UNNEST's width depends on types we may not know (and Hive's LATERAL VIEW generators
        // are read as UNNEST): the alias list says how many columns, each from the arguments.
        Deriv all;
        for (const RelColumn& c : b.cols())
          all.merge(c.deriv);
        auto& cols = b.mutable_cols();
        while (cols.size() < a->columns.size())
          cols.push_back(RelColumn{"", all, ""});
      }
      rename_columns(*this, b, a->columns);
    } else if (scope.bindings.size() > before + 1) {
      // `(a JOIN b) AS x`: one relation under a new name.
      Binding merged;
      merged.alias = ident(a->alias);
      merged.aliased = true;
      for (size_t i = before; i < scope.bindings.size(); ++i) {
        Binding& part = scope.bindings[i];
        for (RelColumn& c : part.mutable_cols())
          merged.columns.push_back(std::move(c));
        if (!part.columns_known) {
          merged.columns_known = false;
          merged.star.merge(part.star);
        }
      }
      scope.bindings.resize(before);
      rename_columns(*this, merged, a->columns);
      scope.bindings.push_back(std::move(merged));
    }
    return;
  }
  case K::kSubqueryRelation: {
    RelationShape shape = analyze_query(*relation.as<sql::SubqueryRelation>()->query, outer, ctes);
    scope.bindings.push_back(binding_from_shape(shape));
    return;
  }
  case K::kLateral: {
    RelationShape shape = analyze_query(*relation.as<sql::Lateral>()->query, &scope, ctes);
    scope.bindings.push_back(binding_from_shape(shape));
    return;
  }
  case K::kUnnest: {
    const auto* u = relation.as<sql::Unnest>();
    Binding b;
    Deriv all;
    for (const sql::Expr* arg : u->args) {
      Deriv d = analyze_expr(arg, scope, ctx);
      size_t width = 1;
      if (const auto* ref = arg->dyn<sql::NameRef>()) {
        // The declared type of the unnested column, when a known table declares it.
        const std::string_view col = ident(ref->parts()[ref->parts().size() - 1]);
        for (const Binding& sb : scope.bindings) {
          for (const RelColumn& c : sb.cols()) {
            if (c.name == col && !c.type.empty()) width = unnest_width(c.type);
          }
        }
      }
      d.how =
          d.values.empty() && d.conditions.empty() ? Transform::kConstant : Transform::kExpression;
      for (size_t i = 0; i < width; ++i)
        b.columns.push_back(RelColumn{"", d, ""});
      all.merge(d);
    }
    if (u->with_ordinality) b.columns.push_back(RelColumn{"", all, ""});
    scope.bindings.push_back(std::move(b));
    return;
  }
  case K::kTableFunction: {
    const auto* tf = relation.as<sql::TableFunction>();
    Binding b;
    b.columns_known = false;
    if (tf->call != nullptr) {
      Deriv d = analyze_expr(tf->call, scope, ctx);
      b.star = d;
    }
    scope.bindings.push_back(std::move(b));
    return;
  }
  case K::kJsonTable: {
    // Every column is computed from the input document (and the PASSING values).
    const auto* jt = relation.as<sql::JsonTable>();
    Deriv d = analyze_expr(jt->input, scope, ctx);
    for (const sql::JsonArgument* a : jt->passing)
      d.merge(analyze_expr(a->value, scope, ctx));
    d.how =
        d.values.empty() && d.conditions.empty() ? Transform::kConstant : Transform::kExpression;
    Binding b;
    add_json_table_columns(*this, jt->columns, d, b);
    scope.bindings.push_back(std::move(b));
    return;
  }
  case K::kSampledRelation:
    bind_relation(*relation.as<sql::SampledRelation>()->relation, scope, ctes, outer);
    return;
  case K::kPatternRecognition: {
    const auto* p = relation.as<sql::PatternRecognition>();
    Scope inner;
    inner.parent = outer;
    bind_relation(*p->relation, inner, ctes, outer);
    Binding b;
    ExprContext pctx = ctx;
    pctx.clause = Clause::kWindow;
    Deriv ordering;
    for (const sql::Expr* e : p->partition_by) {
      Deriv d = analyze_expr(e, inner, pctx);
      ordering.merge_as_condition(d);
      std::string_view name;
      if (const auto* ref = e->dyn<sql::NameRef>())
        name = ident(ref->parts()[ref->parts().size() - 1]);
      b.columns.push_back(RelColumn{name, d, ""});
    }
    for (const sql::SortItem* s : p->order_by)
      ordering.merge_as_condition(analyze_expr(s->value, inner, pctx));
    // MEASURES and DEFINE qualify columns by pattern variables (`A.price`).
    Scope variables, rows;
    bind_pattern_variables(inner, p->pattern, p->subsets, p->defines, variables, rows);
    for (const sql::VariableDef* v : p->defines) {
      ordering.merge_as_condition(analyze_expr(v->condition, rows, pctx));
    }
    if (p->rows_per_match != sql::RowsPerMatch::kDefault &&
        p->rows_per_match != sql::RowsPerMatch::kOne) {
      b.columns.clear();
      for (const Binding& ib : inner.bindings) {
        for (const RelColumn& c : ib.cols())
          b.columns.push_back(RelColumn{c.name, ib.deriv(c), c.type});
        if (!ib.columns_known) {
          b.columns_known = false;
          b.star.merge(ib.star);
        }
      }
    }
    ExprContext mctx = ctx;
    mctx.clause = Clause::kSelect;
    for (const sql::Measure* m : p->measures) {
      Deriv d = analyze_expr(m->value, rows, mctx);
      d.conditions.add_all(ordering.conditions);
      d.how = std::max(d.how, Transform::kWindow);
      b.columns.push_back(RelColumn{ident(m->name), d, ""});
    }
    scope.bindings.push_back(std::move(b));
    return;
  }
  case K::kJoin: {
    const auto* j = relation.as<sql::Join>();
    const size_t left_begin = scope.bindings.size();
    bind_relation(*j->left, scope, ctes, outer);
    const size_t right_begin = scope.bindings.size();
    bind_relation(*j->right, scope, ctes, outer);
    const size_t right_end = scope.bindings.size();
    std::string_view type;
    switch (j->join) {
    case sql::JoinType::kCross:
      type = "cross";
      break;
    case sql::JoinType::kLeft:
      type = "left";
      break;
    case sql::JoinType::kRight:
      type = "right";
      break;
    case sql::JoinType::kFull:
      type = "full";
      break;
    default:
      type = "inner";
    }
    std::vector<std::string_view> using_names;
    for (const sql::Identifier& id : j->using_columns)
      using_names.push_back(ident(id));
    if (j->natural) {
      type = "natural";
      for (size_t i = left_begin; i < right_begin; ++i) {
        for (const RelColumn& lc : scope.bindings[i].cols()) {
          for (size_t k = right_begin; k < right_end; ++k) {
            for (const RelColumn& rc : scope.bindings[k].cols()) {
              if (!lc.name.empty() && lc.name == rc.name &&
                  std::find(using_names.begin(), using_names.end(), lc.name) == using_names.end()) {
                using_names.push_back(lc.name);
              }
            }
          }
        }
      }
    }
    for (const std::string_view name : using_names) {
      RelColumn merged{name, {}, ""};
      // A side whose relations' columns are unknown still has the column: USING says so.
      add_using_column(*this, scope, left_begin, right_begin, name);
      add_using_column(*this, scope, right_begin, right_end, name);
      // Chained `JOIN ... USING (id)`: the left side's merged `id` is replaced by one over
      // every side (the bindings below include the left side's, hidden or not).
      for (auto it = scope.merged.begin(); it != scope.merged.end(); ++it) {
        if (it->name == name) {
          merged.deriv.merge(it->deriv);
          scope.merged.erase(it);
          break;
        }
      }
      std::vector<ColId> sides[2];
      for (size_t i = left_begin; i < right_end; ++i) {
        Binding& b = scope.bindings[i];
        for (const RelColumn& c : b.cols()) {
          if (c.name != name) continue;
          const Deriv d = b.deriv(c);
          merged.deriv.merge(d);
          if (d.values.size() == 1) sides[i < right_begin ? 0 : 1].push_back(d.values.ids()[0]);
          b.using_hidden.push_back(name);
          record_reads(d, Clause::kJoin);
        }
      }
      if (!sides[0].empty() && !sides[1].empty() &&
          column(sides[0][0]).table != column(sides[1][0]).table) {
        joins_.push_back(RawJoin{sides[0][0], sides[1][0], type});
      }
      scope.merged.push_back(std::move(merged));
    }
    if (j->on != nullptr) {
      ExprContext jctx = ctx;
      jctx.clause = Clause::kJoin;
      jctx.join_type = type;
      analyze_expr(j->on, scope, jctx);
    }
    if (j->semi || j->anti) {
      // Hive LEFT SEMI/ANTI JOIN: only the left side comes out (for `*` and every name after
      // the join); the right side was read, by the ON condition, when it was bound.
      scope.bindings.erase(scope.bindings.begin() + static_cast<std::ptrdiff_t>(right_begin),
                           scope.bindings.begin() + static_cast<std::ptrdiff_t>(right_end));
    }
    return;
  }
  default:
    return;
  }
}

} // namespace athena::lineage::detail
