// Canonical SQL for function calls: their windows (OVER, frames, row patterns) and the JSON
// functions' path and behaviour clauses.
#include "parser/unparser_impl.h"

namespace athena::sql::detail {

void SqlWriter::window_spec(const WindowSpec* ws) {
  bool space = false;
  auto sep = [&] {
    if (space) w(" ");
    space = true;
  };
  if (!ws->existing.empty()) {
    sep();
    ident(ws->existing);
  }
  if (!ws->partition_by.empty()) {
    sep();
    w("PARTITION BY ");
    exprs(ws->partition_by);
  }
  if (!ws->order_by.empty()) {
    sep();
    w("ORDER BY ");
    sort_items(ws->order_by);
  }
  if (const WindowFrame* f = ws->frame) {
    sep();
    if (!f->measures.empty()) {
      w("MEASURES ");
      for (size_t i = 0; i < f->measures.size(); ++i) {
        if (i) w(", ");
        expr(f->measures[i]->value);
        w(" AS ");
        ident(f->measures[i]->name);
      }
      w(" ");
    }
    w(f->type == FrameType::kRows ? "ROWS " : f->type == FrameType::kRange ? "RANGE " : "GROUPS ");
    auto bound = [&](const FrameBound* b) {
      switch (b->type) {
      case BoundType::kUnboundedPreceding:
        w("UNBOUNDED PRECEDING");
        break;
      case BoundType::kUnboundedFollowing:
        w("UNBOUNDED FOLLOWING");
        break;
      case BoundType::kCurrentRow:
        w("CURRENT ROW");
        break;
      case BoundType::kPreceding:
        expr(b->offset, 5);
        w(" PRECEDING");
        break;
      case BoundType::kFollowing:
        expr(b->offset, 5);
        w(" FOLLOWING");
        break;
      }
    };
    if (f->end != nullptr) {
      w("BETWEEN ");
      bound(f->start);
      w(" AND ");
      bound(f->end);
    } else {
      bound(f->start);
    }
    frame_pattern(f);
  }
}

void SqlWriter::frame_pattern(const WindowFrame* f) {
  switch (f->skip) {
  case SkipTo::kDefault:
    break;
  case SkipTo::kNextRow:
    w(" AFTER MATCH SKIP TO NEXT ROW");
    break;
  case SkipTo::kPastLastRow:
    w(" AFTER MATCH SKIP PAST LAST ROW");
    break;
  case SkipTo::kFirst:
    w(" AFTER MATCH SKIP TO FIRST ");
    ident(f->skip_variable);
    break;
  case SkipTo::kLast:
    w(" AFTER MATCH SKIP TO LAST ");
    ident(f->skip_variable);
    break;
  case SkipTo::kVariable:
    w(" AFTER MATCH SKIP TO ");
    ident(f->skip_variable);
    break;
  }
  if (f->initial) w(" INITIAL");
  if (f->seek) w(" SEEK");
  if (f->pattern) {
    w(" PATTERN (");
    row_pattern(f->pattern);
    w(")");
  }
  if (!f->subsets.empty()) {
    w(" SUBSET ");
    for (size_t i = 0; i < f->subsets.size(); ++i) {
      if (i) w(", ");
      ident(f->subsets[i]->name);
      w(" = ");
      paren_idents(f->subsets[i]->variables);
    }
  }
  if (!f->defines.empty()) {
    w(" DEFINE ");
    for (size_t i = 0; i < f->defines.size(); ++i) {
      if (i) w(", ");
      ident(f->defines[i]->name);
      w(" AS ");
      expr(f->defines[i]->condition);
    }
  }
}

void SqlWriter::call(const FunctionCall* c) {
  if (c->mode == ProcessingMode::kRunning) w("RUNNING ");
  if (c->mode == ProcessingMode::kFinal) w("FINAL ");
  name(c->name);
  if (c->extras && c->extras->measure) {
    over(c);
    return;
  }
  w("(");
  if (c->quantifier == SetQuantifier::kDistinct) w("DISTINCT ");
  if (c->quantifier == SetQuantifier::kAll) w("ALL ");
  const FunctionCallExtras* x = c->extras;
  if (c->star) {
    if (x && !x->star_label.empty()) {
      ident(x->star_label);
      w(".");
    }
    w("*");
  }
  exprs(c->args);
  if (!c->order_by().empty()) {
    w(" ORDER BY ");
    sort_items(c->order_by());
  }
  if (x && x->overflow == ListaggOverflow::kError) w(" ON OVERFLOW ERROR");
  if (x && x->overflow == ListaggOverflow::kTruncate) {
    w(" ON OVERFLOW TRUNCATE");
    if (x->overflow_filler) {
      w(" ");
      literal(x->overflow_filler);
    }
    w(x->overflow_with_count ? " WITH COUNT" : " WITHOUT COUNT");
  }
  w(")");
  if (!c->within_group().empty()) {
    w(" WITHIN GROUP (ORDER BY ");
    sort_items(c->within_group());
    w(")");
  }
  if (c->filter()) {
    w(" FILTER (WHERE ");
    expr(c->filter());
    w(")");
  }
  if (c->nulls == NullTreatment::kIgnore) w(" IGNORE NULLS");
  if (c->nulls == NullTreatment::kRespect) w(" RESPECT NULLS");
  over(c);
}

void SqlWriter::over(const FunctionCall* c) {
  if (c->window()) {
    w(" OVER (");
    window_spec(c->window());
    w(")");
  } else if (!c->window_name().empty()) {
    w(" OVER ");
    ident(c->window_name());
  }
}

void SqlWriter::json_path_invocation(const Expr* input, std::string_view format,
                                     const Literal* path, const Identifier& path_name,
                                     const List<JsonArgument*>& passing) {
  expr(input);
  if (!format.empty()) {
    w(" ");
    w(format);
  }
  w(", ");
  literal(path);
  if (!path_name.empty()) {
    w(" AS ");
    ident(path_name);
  }
  if (!passing.empty()) {
    w(" PASSING ");
    for (size_t i = 0; i < passing.size(); ++i) {
      if (i) w(", ");
      expr(passing[i]->value);
      if (!passing[i]->format.empty()) {
        w(" ");
        w(passing[i]->format);
      }
      w(" AS ");
      ident(passing[i]->name);
    }
  }
}

void SqlWriter::json_behaviors(std::string_view wrapper, std::string_view quotes,
                               std::string_view on_empty, const Expr* on_empty_default,
                               std::string_view on_error, const Expr* on_error_default) {
  for (std::string_view clause : {wrapper, quotes}) {
    if (!clause.empty()) {
      w(" ");
      w(clause);
    }
  }
  if (!on_empty.empty()) {
    w(" ");
    w(on_empty);
    if (on_empty_default) {
      w(" ");
      expr(on_empty_default);
    }
    w(" ON EMPTY");
  }
  if (!on_error.empty()) {
    w(" ");
    w(on_error);
    if (on_error_default) {
      w(" ");
      expr(on_error_default);
    }
    w(" ON ERROR");
  }
}

} // namespace athena::sql::detail
