// Expression lineage: which base columns reach an expression's value, which only its
// conditions, and how (identity, expression, aggregation, window). Also column resolution.
#include <algorithm>
#include <array>

#include "lineage/analyzer.h"

namespace athena::lineage::detail {

namespace {

// An operator over its operands: constant when they all are, else at least an expression.
Deriv operator_result(Deriv d) {
  if (d.how != Transform::kConstant || !d.values.empty() || !d.conditions.empty()) {
    d.how = std::max(d.how, Transform::kExpression);
  }
  return d;
}

const sql::Expr* strip_casts(const sql::Expr* e) {
  while (e != nullptr && e->kind == sql::NodeKind::kCast)
    e = e->as<sql::Cast>()->value;
  return e;
}

} // namespace

void Analyzer::record_reads(const Deriv& deriv, Clause clause) {
  for (ColId id : deriv.values.ids())
    reads_.emplace_back(id, clause);
  for (ColId id : deriv.conditions.ids())
    reads_.emplace_back(id, clause);
}

void Analyzer::record_function(const sql::QualifiedName& name) {
  if (name.parts.empty()) return;
  functions_.push_back(name.parts.size() == 1 ? ident(name.parts[0]) : keep(name.name()));
}

namespace {

bool hidden(const Binding& b, std::string_view name) {
  return std::find(b.using_hidden.begin(), b.using_hidden.end(), name) != b.using_hidden.end();
}

// Looks column `name` up in one binding. Returns false when the binding cannot have it.
bool lookup_in_binding(Analyzer& an, const Binding& b, std::string_view name, uint64_t hash,
                       bool unqualified, Deriv& out, bool& via_star) {
  via_star = false;
  if (const size_t i = b.find_column(name, hash); i != Binding::kNoColumn) {
    if (unqualified && hidden(b, name)) return false;
    out = b.deriv(b.cols()[i]);
    return true;
  }
  if (b.columns_known) return false;
  via_star = true;
  // The unknown part of the relation: a single unknown table gives that table's column.
  const auto ids = b.star.values.ids();
  if (ids.size() == 1 && an.column(ids[0]).name == "*") {
    const TableId table = an.column(ids[0]).table;
    out = Deriv{};
    out.values.add(an.column_id(table, name));
    out.how = Transform::kIdentity;
    return true;
  }
  out = b.star; // several unknown tables (or none: a table function)
  return true;
}

// `names` are the reference's first parts as idents (at least k of them).
bool binding_matches(const Binding& b, const std::string_view* names, size_t k) {
  if (k == 1) return !b.alias.empty() && same_name(names[0], b.alias);
  if (!b.base_table || b.aliased) return false;
  if (k == 2) return same_name(names[0], b.schema) && same_name(names[1], b.table);
  if (k == 3) {
    return same_name(names[0], b.catalog) && same_name(names[1], b.schema) &&
           same_name(names[2], b.table);
  }
  return false;
}

// Whether a scope enclosing `scope` has a relation that the reference's first parts name.
bool outer_relation_named(const Scope& scope, const std::string_view* names, size_t parts) {
  for (const Scope* s = scope.parent; s != nullptr; s = s->parent) {
    for (size_t k = std::min<size_t>(parts - 1, 3); k >= 1; --k) {
      for (const Binding& b : s->bindings) {
        if (binding_matches(b, names, k)) return true;
      }
    }
  }
  return false;
}

std::string binding_label(const Binding& b) {
  return std::string(b.alias.empty() ? b.table : b.alias);
}

} // namespace

bool Analyzer::resolve_name(const sql::NameRef& ref, const Scope& scope, const ExprContext& ctx,
                            Deriv& out) {
  (void)ctx;
  const auto& parts = ref.parts();
  if (parts.empty()) return false;
  // Names of the parts that can name a relation and its column (catalog.schema.table.column).
  std::array<std::string_view, 4> names;
  const size_t named = std::min<size_t>(parts.size(), names.size());
  for (size_t i = 0; i < named; ++i)
    names[i] = ident(parts[i]);
  const std::string_view first = names[0];
  const uint64_t first_hash = name_hash(first);
  const bool fields = parts.size() > 1; // for an unqualified column: struct field access
  for (const Scope* s = &scope; s != nullptr; s = s->parent) {
    // ORDER BY may name an output column.
    if (s->order_by_outputs != nullptr && parts.size() == 1) {
      for (const RelColumn& c : s->order_by_outputs->columns) {
        if (same_name(c.name, first)) {
          out = c.deriv;
          return true;
        }
      }
    }
    // Qualified: the longest prefix naming a relation wins (catalog.schema.table, schema.table,
    // alias), the next part is the column, the rest are struct fields.
    for (size_t k = std::min<size_t>(parts.size() - 1, 3); k >= 1; --k) {
      const Binding* match = nullptr;
      int matches = 0;
      for (const Binding& b : s->bindings) {
        if (binding_matches(b, names.data(), k)) {
          match = &b;
          ++matches;
        }
      }
      if (matches == 0) continue;
      if (matches > 1) {
        error(ref.span.begin, "relation '" + parts[k - 1].name() + "' is ambiguous");
        return false;
      }
      bool via_star = false;
      if (!lookup_in_binding(*this, *match, names[k], name_hash(names[k]), false, out, via_star)) {
        error(parts[k].span.begin, "column '" + parts[k].name() + "' cannot be resolved in '" +
                                       binding_label(*match) + "'");
        return false;
      }
      if (via_star && match->star.values.size() != 1) {
        error(parts[k].span.begin, "column '" + parts[k].name() +
                                       "' comes from a star over several tables whose columns "
                                       "are unknown");
      }
      if (parts.size() > k + 1) out.how = std::max(out.how, Transform::kExpression);
      return true;
    }
    // Unqualified: USING-merged columns, then each relation.
    for (const RelColumn& c : s->merged) {
      if (same_name(c.name, first)) {
        out = c.deriv;
        if (fields) out.how = std::max(out.how, Transform::kExpression);
        return true;
      }
    }
    const Binding* known = nullptr;
    size_t known_index = 0;
    int known_count = 0;
    const Binding* unknown = nullptr;
    int unknown_count = 0;
    for (const Binding& b : s->bindings) {
      const size_t hit = b.find_column(first, first_hash);
      if (hit != Binding::kNoColumn && !hidden(b, first)) {
        known = &b;
        known_index = hit;
        ++known_count;
      } else if (!b.columns_known) {
        unknown = &b;
        ++unknown_count;
      }
    }
    const Binding* chosen = nullptr;
    if (known_count > 1) {
      error(ref.span.begin, "column '" + parts[0].name() + "' is ambiguous");
      return false;
    }
    if (known_count == 1) {
      // A successful query cannot have the name in an unknown relation too (it would be
      // ambiguous), so the known relation is the one.
      out = known->deriv(known->cols()[known_index]);
      if (fields) out.how = std::max(out.how, Transform::kExpression);
      return true;
    }
    // `m.k` where m is an outer query's relation: the outer alias wins over guessing that `m`
    // is a struct column of a relation whose columns are unknown.
    if (fields && unknown_count > 0 && outer_relation_named(*s, names.data(), parts.size())) {
      continue;
    }
    if (unknown_count == 1) {
      chosen = unknown;
    } else if (unknown_count > 1) {
      std::string labels;
      for (const Binding& b : s->bindings) {
        if (!b.columns_known) labels += (labels.empty() ? "" : ", ") + binding_label(b);
      }
      error(ref.span.begin, "column '" + parts[0].name() +
                                "' cannot be attributed: the columns of " + labels +
                                " are unknown");
      return false;
    }
    if (chosen != nullptr) {
      bool via_star = false;
      lookup_in_binding(*this, *chosen, first, first_hash, true, out, via_star);
      if (via_star && chosen->star.values.size() > 1) {
        error(ref.span.begin, "column '" + parts[0].name() +
                                  "' comes from a star over several tables whose columns are "
                                  "unknown");
      }
      if (fields) out.how = std::max(out.how, Transform::kExpression);
      return true;
    }
  }
  error(ref.span.begin, "column '" + parts[0].name() + "' cannot be resolved");
  return false;
}

Deriv Analyzer::analyze_expr(const sql::Expr* expr, const Scope& scope, const ExprContext& ctx) {
  Deriv d;
  if (expr == nullptr) return d;
  if (++depth_ > 500) {
    --depth_;
    error(expr->span.begin, "expression nested too deeply for lineage");
    return d;
  }
  // Children are no longer top-level conjuncts (AND handles its own).
  ExprContext child_ctx = ctx;
  child_ctx.join_type = {};
  auto sub = [&](const sql::Expr* e) { return analyze_expr(e, scope, child_ctx); };
  auto query_shape = [&](const sql::Query* q) {
    return q == nullptr ? RelationShape{} : analyze_query(*q, &scope, ctx.ctes);
  };
  using K = sql::NodeKind;
  switch (expr->kind) {
  case K::kNameRef: {
    const auto* ref = expr->as<sql::NameRef>();
    if (!lambda_params_.empty() && !ref->parts().empty() &&
        std::find(lambda_params_.begin(), lambda_params_.end(), ident(ref->parts()[0])) !=
            lambda_params_.end()) {
      break; // a lambda parameter: not a column
    }
    if (resolve_name(*ref, scope, ctx, d)) {
      record_reads(d, ctx.clause);
    } else {
      d.unresolved = true; // a column, not a constant: its error says where
      d.how = Transform::kIdentity;
    }
    break;
  }
  case K::kLiteral:
  case K::kTypedLiteral:
  case K::kIntervalLiteral:
  case K::kParameter:
  case K::kSpecialValue:
    break;
  case K::kUnary:
    d = operator_result(sub(expr->as<sql::Unary>()->operand));
    break;
  case K::kBinary: {
    const auto* b = expr->as<sql::Binary>();
    if (b->op == sql::BinaryOp::kEq) {
      d = sub(b->left);
      Deriv right = sub(b->right);
      if (!ctx.join_type.empty()) note_join(b->left, d, b->right, right, ctx.join_type);
      d.merge(right);
    } else {
      // Conjuncts of a join or WHERE condition stay join candidates.
      d = binary_chain(*b, scope, b->op == sql::BinaryOp::kAnd ? ctx : child_ctx);
    }
    d = operator_result(std::move(d));
    break;
  }
  case K::kIsNull:
    d = operator_result(sub(expr->as<sql::IsNull>()->value));
    break;
  case K::kIsDistinctFrom: {
    const auto* e = expr->as<sql::IsDistinctFrom>();
    d = sub(e->left);
    d.merge(sub(e->right));
    d = operator_result(std::move(d));
    break;
  }
  case K::kBetween: {
    const auto* e = expr->as<sql::Between>();
    d = sub(e->value);
    d.merge(sub(e->low));
    d.merge(sub(e->high));
    d = operator_result(std::move(d));
    break;
  }
  case K::kInList: {
    const auto* e = expr->as<sql::InList>();
    d = sub(e->value);
    for (const sql::Expr* item : e->items)
      d.merge(sub(item));
    d = operator_result(std::move(d));
    break;
  }
  case K::kInSubquery: {
    const auto* e = expr->as<sql::InSubquery>();
    d = sub(e->value);
    for (const RelColumn& c : query_shape(e->query).columns)
      d.merge(c.deriv);
    d = operator_result(std::move(d));
    break;
  }
  case K::kLike: {
    const auto* e = expr->as<sql::Like>();
    d = sub(e->value);
    d.merge(sub(e->pattern));
    d.merge(sub(e->escape));
    d = operator_result(std::move(d));
    break;
  }
  case K::kExists: {
    // The value is whether rows exist: what decides it is a condition, never a value.
    RelationShape shape = query_shape(expr->as<sql::Exists>()->query);
    for (const RelColumn& c : shape.columns)
      d.merge_as_condition(c.deriv);
    d.how = Transform::kExpression;
    break;
  }
  case K::kQuantifiedComparison: {
    const auto* e = expr->as<sql::QuantifiedComparison>();
    d = sub(e->value);
    for (const RelColumn& c : query_shape(e->query).columns)
      d.merge(c.deriv);
    d = operator_result(std::move(d));
    break;
  }
  case K::kSubqueryExpr: {
    RelationShape shape = query_shape(expr->as<sql::SubqueryExpr>()->query);
    for (const RelColumn& c : shape.columns)
      d.merge(c.deriv);
    if (shape.has_unknown_star) d.merge(shape.star_deriv);
    break;
  }
  case K::kCase: {
    const auto* c = expr->as<sql::Case>();
    if (c->operand != nullptr) d.merge_as_condition(sub(c->operand));
    for (const sql::WhenClause* w : c->whens) {
      d.merge_as_condition(sub(w->condition));
      d.merge(sub(w->result));
    }
    d.merge(sub(c->else_result));
    d = operator_result(std::move(d));
    break;
  }
  case K::kCast:
    d = operator_result(sub(expr->as<sql::Cast>()->value));
    break;
  case K::kExtract:
    d = operator_result(sub(expr->as<sql::Extract>()->value));
    break;
  case K::kAtTimeZone: {
    const auto* e = expr->as<sql::AtTimeZone>();
    d = sub(e->value);
    d.merge(sub(e->zone));
    d = operator_result(std::move(d));
    break;
  }
  case K::kSubscript: {
    const auto* e = expr->as<sql::Subscript>();
    d = sub(e->base);
    d.merge(sub(e->index));
    d = operator_result(std::move(d));
    break;
  }
  case K::kFieldAccess:
    d = operator_result(sub(expr->as<sql::FieldAccess>()->base));
    break;
  case K::kLambda: {
    const auto* l = expr->as<sql::Lambda>();
    const size_t mark = lambda_params_.size();
    for (const sql::Identifier& p : l->params)
      lambda_params_.push_back(ident(p));
    d = sub(l->body);
    lambda_params_.resize(mark);
    break;
  }
  case K::kFunctionCall: {
    const auto* f = expr->as<sql::FunctionCall>();
    if (f->extras == nullptr || !f->extras->measure)
      record_function(f->name); // a measure is no function
    const std::string_view name =
        f->name.parts.empty() ? std::string_view() : ident(f->name.parts[f->name.parts.size() - 1]);
    if (name == "if" && !f->args.empty()) {
      d.merge_as_condition(sub(f->args[0]));
      for (size_t i = 1; i < f->args.size(); ++i)
        d.merge(sub(f->args[i]));
    } else {
      for (const sql::Expr* a : f->args)
        d.merge(sub(a));
    }
    for (const sql::SortItem* s : f->order_by())
      d.merge_as_condition(sub(s->value));
    for (const sql::SortItem* s : f->within_group()) {
      if (f->args.empty()) {
        d.merge(sub(s->value));
      } else {
        d.merge_as_condition(sub(s->value));
      }
    }
    if (f->filter() != nullptr) d.merge_as_condition(sub(f->filter()));
    if (f->is_window()) {
      ExprContext wctx = ctx;
      wctx.clause = Clause::kWindow;
      auto window_spec = [&](const sql::WindowSpec* spec, auto& self) -> void {
        if (spec == nullptr) return;
        if (!spec->existing.empty() && ctx.windows != nullptr) {
          for (const sql::WindowDef* w : *ctx.windows) {
            if (ident(w->name) == ident(spec->existing)) self(w->spec, self);
          }
        }
        for (const sql::Expr* p : spec->partition_by) {
          d.merge_as_condition(analyze_expr(p, scope, wctx));
        }
        for (const sql::SortItem* s : spec->order_by) {
          d.merge_as_condition(analyze_expr(s->value, scope, wctx));
        }
        if (const sql::WindowFrame* frame = spec->frame.get())
          window_pattern(*f, *frame, scope, ctx, d);
      };
      window_spec(f->window(), window_spec);
      if (!f->window_name().empty() && ctx.windows != nullptr) {
        for (const sql::WindowDef* w : *ctx.windows) {
          if (ident(w->name) == ident(f->window_name())) window_spec(w->spec, window_spec);
        }
      }
      d.how = Transform::kWindow;
    } else if (is_aggregate_function(name) || f->star) {
      d.how = std::max(d.how, Transform::kAggregation);
    } else {
      d = operator_result(std::move(d));
    }
    break;
  }
  case K::kArrayConstructor:
    for (const sql::Expr* e : expr->as<sql::ArrayConstructor>()->items)
      d.merge(sub(e));
    d = operator_result(std::move(d));
    break;
  case K::kRowConstructor:
    for (const sql::Expr* e : expr->as<sql::RowConstructor>()->items)
      d.merge(sub(e));
    d = operator_result(std::move(d));
    break;
  case K::kPosition: {
    const auto* e = expr->as<sql::Position>();
    d = sub(e->needle);
    d.merge(sub(e->haystack));
    d = operator_result(std::move(d));
    break;
  }
  case K::kTrim: {
    const auto* e = expr->as<sql::Trim>();
    d = sub(e->source);
    d.merge(sub(e->chars));
    d = operator_result(std::move(d));
    break;
  }
  case K::kSubstring: {
    const auto* e = expr->as<sql::Substring>();
    d = sub(e->value);
    d.merge(sub(e->from));
    d.merge(sub(e->length));
    d = operator_result(std::move(d));
    break;
  }
  case K::kNormalize:
    d = operator_result(sub(expr->as<sql::Normalize>()->value));
    break;
  case K::kJsonFunction: {
    const auto* e = expr->as<sql::JsonFunction>();
    d = sub(e->input);
    for (const sql::JsonArgument* a : e->passing)
      d.merge(sub(a->value));
    d.merge(sub(e->on_empty_default));
    d.merge(sub(e->on_error_default));
    d = operator_result(std::move(d));
    break;
  }
  case K::kJsonObject:
    for (const sql::JsonObjectMember* m : expr->as<sql::JsonObject>()->members) {
      d.merge(sub(m->key));
      d.merge(sub(m->value));
    }
    d = operator_result(std::move(d));
    break;
  case K::kJsonArray:
    for (const sql::JsonArgument* a : expr->as<sql::JsonArray>()->items)
      d.merge(sub(a->value));
    d = operator_result(std::move(d));
    break;
  case K::kGroupingOperation:
    d.how = Transform::kExpression;
    break;
  case K::kNamedArgument:
    d = sub(expr->as<sql::NamedArgument>()->value);
    break;
  default:
    break;
  }
  --depth_;
  return d;
}

// A chain the parser builds as tall as it is long (`a OR b OR ...`, `x + y - z ...`,
// `s || t || ...`, `p AND q AND ...`): its operands left to right with an explicit stack, so
// its length costs no recursion and never reaches the nesting guard. An AND chain follows
// only ANDs (its conjuncts keep `ctx`); the others follow every operator but AND and `=`,
// which all combine their operands alike (operator_result of the merge).
Deriv Analyzer::binary_chain(const sql::Binary& root, const Scope& scope, const ExprContext& ctx) {
  const bool conjuncts = root.op == sql::BinaryOp::kAnd;
  auto continues = [conjuncts](const sql::Expr* e) {
    if (e == nullptr || e->kind != sql::NodeKind::kBinary) return false;
    const sql::BinaryOp op = e->as<sql::Binary>()->op;
    if (conjuncts) return op == sql::BinaryOp::kAnd;
    return op != sql::BinaryOp::kAnd && op != sql::BinaryOp::kEq;
  };
  Deriv d;
  std::vector<const sql::Expr*> pending{root.right, root.left};
  while (!pending.empty()) {
    const sql::Expr* e = pending.back();
    pending.pop_back();
    if (continues(e)) {
      pending.push_back(e->as<sql::Binary>()->right);
      pending.push_back(e->as<sql::Binary>()->left);
      continue;
    }
    d.merge(analyze_expr(e, scope, ctx));
  }
  return d;
}

// Row pattern recognition in a window frame: a measure (`m OVER w`) has the value of its
// MEASURES expression; DEFINE conditions decide which rows match, so they are conditions of
// every function over that window. Pattern variables qualify columns there (`B.x`).
void Analyzer::window_pattern(const sql::FunctionCall& f, const sql::WindowFrame& frame,
                              const Scope& scope, const ExprContext& ctx, Deriv& d) {
  if (frame.defines.empty() && frame.measures.empty()) return;
  Scope variables, rows;
  bind_pattern_variables(scope, frame.pattern, frame.subsets, frame.defines, variables, rows);
  ExprContext wctx = ctx;
  wctx.clause = Clause::kWindow;
  wctx.join_type = {};
  for (const sql::VariableDef* v : frame.defines)
    d.merge_as_condition(analyze_expr(v->condition, rows, wctx));
  const bool measure = f.extras != nullptr && f.extras->measure;
  if (!measure || f.name.parts.empty()) return;
  const std::string_view name = ident(f.name.parts[f.name.parts.size() - 1]);
  ExprContext mctx = ctx;
  mctx.join_type = {};
  for (const sql::Measure* m : frame.measures) {
    if (ident(m->name) == name) d.merge(analyze_expr(m->value, rows, mctx));
  }
}

void Analyzer::note_join(const sql::Expr* left, const Deriv& ld, const sql::Expr* right,
                         const Deriv& rd, std::string_view join_type) {
  const sql::Expr* l = strip_casts(left);
  const sql::Expr* r = strip_casts(right);
  if (l == nullptr || r == nullptr || l->kind != sql::NodeKind::kNameRef ||
      r->kind != sql::NodeKind::kNameRef || ld.values.size() != 1 || rd.values.size() != 1) {
    return;
  }
  const ColId lc = ld.values.ids()[0];
  const ColId rc = rd.values.ids()[0];
  if (column(lc).table == column(rc).table) return;
  joins_.push_back(RawJoin{lc, rc, join_type});
}

std::string_view Analyzer::output_name(const sql::SelectItem& item, size_t index) {
  if (const sql::Identifier alias = item.alias(); !alias.empty()) return ident(alias);
  if (item.value != nullptr) {
    if (const auto* ref = item.value->dyn<sql::NameRef>();
        ref != nullptr && !ref->parts().empty()) {
      return ident(ref->parts()[ref->parts().size() - 1]);
    }
    if (const auto* fa = item.value->dyn<sql::FieldAccess>()) return ident(fa->field);
  }
  return keep("_col" + std::to_string(index));
}

} // namespace athena::lineage::detail
