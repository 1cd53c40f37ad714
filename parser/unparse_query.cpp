// Canonical SQL for queries, relations, row patterns and routines.
#include "parser/unparser_impl.h"

namespace athena::sql::detail {

void SqlWriter::json_table_column(const JsonTableColumn* c) {
  if (c->column == JsonTableColumnKind::kNested) {
    w(c->nested_path_keyword ? "NESTED PATH " : "NESTED ");
    literal(c->path);
    if (!c->name.empty()) {
      w(" AS ");
      ident(c->name);
    }
    w(" COLUMNS (");
    for (size_t i = 0; i < c->columns.size(); ++i) {
      if (i) w(", ");
      json_table_column(c->columns[i]);
    }
    w(")");
    return;
  }
  ident(c->name);
  if (c->column == JsonTableColumnKind::kOrdinality) {
    w(" FOR ORDINALITY");
    return;
  }
  w(" ");
  type(c->type);
  if (!c->format.empty()) {
    w(" ");
    w(c->format);
  }
  if (c->path) {
    w(" PATH ");
    literal(c->path);
  }
  json_behaviors(c->wrapper, c->quotes, c->on_empty, c->on_empty_default, c->on_error,
                 c->on_error_default);
}

void SqlWriter::query(const Query* q) {
  if (!q->session().empty()) {
    w("WITH SESSION ");
    properties(q->session());
    w(" ");
  }
  if (!q->functions().empty()) {
    w("WITH ");
    for (size_t i = 0; i < q->functions().size(); ++i) {
      if (i) w(", ");
      routine(q->functions()[i]);
    }
    w(" ");
  }
  if (q->with) {
    w("WITH ");
    if (q->with->recursive) w("RECURSIVE ");
    for (size_t i = 0; i < q->with->ctes.size(); ++i) {
      if (i) w(", ");
      const Cte* c = q->with->ctes[i];
      ident(c->name);
      if (!c->columns.empty()) {
        w(" ");
        paren_idents(c->columns);
      }
      w(" AS (");
      query(c->query);
      w(")");
    }
    w(" ");
  }
  query_body(q->body);
  if (!q->order_by.empty()) {
    w(" ORDER BY ");
    sort_items(q->order_by);
  }
  if (q->offset()) {
    w(" OFFSET ");
    expr(q->offset());
    if (q->offset_rows) w(" ROWS");
  }
  if (q->limit_all) w(" LIMIT ALL");
  if (q->limit()) {
    w(" LIMIT ");
    expr(q->limit());
  }
  if (q->fetch_first) {
    w(" FETCH FIRST ");
    if (q->fetch()) {
      expr(q->fetch());
      w(" ");
    }
    w(q->with_ties ? "ROWS WITH TIES" : "ROWS ONLY");
  }
}

void SqlWriter::query_body(const QueryBody* b) {
  switch (b->kind) {
  case NodeKind::kSelect: {
    const auto* s = b->as<Select>();
    w("SELECT ");
    if (s->quantifier == SetQuantifier::kDistinct) w("DISTINCT ");
    if (s->quantifier == SetQuantifier::kAll) w("ALL ");
    for (size_t i = 0; i < s->items.size(); ++i) {
      if (i) w(", ");
      const SelectItem* item = s->items[i];
      if (item->star) {
        if (item->value) {
          expr(item->value, 10);
          w(".");
        }
        w("*");
        if (!item->star_aliases().empty()) {
          w(" AS ");
          paren_idents(item->star_aliases());
        }
      } else {
        expr(item->value);
        if (!item->alias().empty()) {
          w(" AS ");
          ident(item->alias());
        }
      }
    }
    if (!s->from.empty()) {
      w(" FROM ");
      for (size_t i = 0; i < s->from.size(); ++i) {
        if (i) w(", ");
        relation(s->from[i]);
      }
    }
    if (s->where) {
      w(" WHERE ");
      expr(s->where);
    }
    if (const GroupBy* g = s->group_by) {
      w(" GROUP BY ");
      if (g->quantifier == SetQuantifier::kDistinct) w("DISTINCT ");
      if (g->quantifier == SetQuantifier::kAll) w("ALL ");
      for (size_t i = 0; i < g->elements.size(); ++i) {
        if (i) w(", ");
        const GroupingElement* e = g->elements[i];
        switch (e->grouping) {
        case GroupingKind::kExpr:
          expr(e->items[0]);
          break;
        case GroupingKind::kRollup:
        case GroupingKind::kCube:
        case GroupingKind::kGroupingSets:
          w(e->grouping == GroupingKind::kRollup ? "ROLLUP ("
            : e->grouping == GroupingKind::kCube ? "CUBE ("
                                                 : "GROUPING SETS (");
          exprs(e->items);
          w(")");
          break;
        }
      }
    }
    if (s->having) {
      w(" HAVING ");
      expr(s->having);
    }
    if (!s->windows.empty()) {
      w(" WINDOW ");
      for (size_t i = 0; i < s->windows.size(); ++i) {
        if (i) w(", ");
        ident(s->windows[i]->name);
        w(" AS (");
        window_spec(s->windows[i]->spec);
        w(")");
      }
    }
    break;
  }
  case NodeKind::kSetOperation: {
    const auto* s = b->as<SetOperation>();
    if (!left_done(s)) set_operation_left(s);
    w(s->op == SetOp::kUnion ? " UNION " : s->op == SetOp::kExcept ? " EXCEPT " : " INTERSECT ");
    if (s->quantifier == SetQuantifier::kDistinct) w("DISTINCT ");
    if (s->quantifier == SetQuantifier::kAll) w("ALL ");
    query_body(s->right);
    break;
  }
  case NodeKind::kValues:
    w("VALUES ");
    exprs(b->as<Values>()->rows);
    break;
  case NodeKind::kTableBody:
    w("TABLE ");
    name(b->as<TableBody>()->name);
    break;
  case NodeKind::kParenQuery:
    w("(");
    query(b->as<ParenQuery>()->query);
    w(")");
    break;
  default:
    w("<?>");
    break;
  }
}

void SqlWriter::relation_operand(const Relation* r) {
  if (r->kind == NodeKind::kJoin) {
    w("(");
    relation(r);
    w(")");
  } else {
    relation(r);
  }
}

void SqlWriter::row_pattern(const RowPattern* p) {
  switch (p->pattern) {
  case RowPatternKind::kVariable:
    ident(p->variable);
    break;
  case RowPatternKind::kEmpty:
    w("()");
    break;
  case RowPatternKind::kStart:
    w("^");
    break;
  case RowPatternKind::kEnd:
    w("$");
    break;
  case RowPatternKind::kGroup:
    w("(");
    row_pattern(p->items[0]);
    w(")");
    break;
  case RowPatternKind::kExclusion:
    w("{- ");
    row_pattern(p->items[0]);
    w(" -}");
    break;
  case RowPatternKind::kPermute:
    w("PERMUTE(");
    for (size_t i = 0; i < p->items.size(); ++i) {
      if (i) w(", ");
      row_pattern(p->items[i]);
    }
    w(")");
    break;
  case RowPatternKind::kQuantified:
    row_pattern(p->items[0]);
    if (p->quantifier_op == "{") {
      w("{");
      w(p->min);
      if (p->range_comma) w(",");
      w(p->max);
      w("}");
    } else {
      w(p->quantifier_op);
    }
    if (p->reluctant) w("?");
    break;
  case RowPatternKind::kConcat:
    for (size_t i = 0; i < p->items.size(); ++i) {
      if (i) w(" ");
      const RowPattern* item = p->items[i];
      if (item->pattern == RowPatternKind::kAlternation) {
        w("(");
        row_pattern(item);
        w(")");
      } else {
        row_pattern(item);
      }
    }
    break;
  case RowPatternKind::kAlternation:
    for (size_t i = 0; i < p->items.size(); ++i) {
      if (i) w(" | ");
      row_pattern(p->items[i]);
    }
    break;
  }
}

void SqlWriter::set_operation_left(const SetOperation* s) {
  std::vector<const SetOperation*> chain;
  for (const SetOperation* x = s; x->left->kind == NodeKind::kSetOperation;) {
    x = x->left->as<SetOperation>();
    chain.push_back(x);
  }
  query_body((chain.empty() ? s : chain.back())->left);
  for (size_t k = chain.size(); k-- > 0;) {
    left_printed_ = chain[k];
    query_body(chain[k]);
  }
}

void SqlWriter::join_left(const Join* j) {
  std::vector<const Join*> chain;
  for (const Join* x = j; x->left->kind == NodeKind::kJoin;) {
    x = x->left->as<Join>();
    chain.push_back(x);
  }
  relation((chain.empty() ? j : chain.back())->left);
  for (size_t k = chain.size(); k-- > 0;) {
    left_printed_ = chain[k];
    relation(chain[k]);
  }
}

void SqlWriter::relation(const Relation* r) {
  switch (r->kind) {
  case NodeKind::kTableRef: {
    const auto* t = r->as<TableRef>();
    name(t->name);
    if (t->version != VersionKind::kNone) {
      w(t->version == VersionKind::kTimestamp ? " FOR TIMESTAMP AS OF " : " FOR VERSION AS OF ");
      expr(t->version_value, 5);
    }
    break;
  }
  case NodeKind::kSubqueryRelation:
    w("(");
    query(r->as<SubqueryRelation>()->query);
    w(")");
    break;
  case NodeKind::kLateral:
    w("LATERAL (");
    query(r->as<Lateral>()->query);
    w(")");
    break;
  case NodeKind::kUnnest: {
    const auto* u = r->as<Unnest>();
    w("UNNEST(");
    exprs(u->args);
    w(")");
    if (u->with_ordinality) w(" WITH ORDINALITY");
    break;
  }
  case NodeKind::kJsonTable: {
    const auto* t = r->as<JsonTable>();
    w("JSON_TABLE(");
    json_path_invocation(t->input, t->input_format, t->path, t->path_name, t->passing);
    w(" COLUMNS (");
    for (size_t i = 0; i < t->columns.size(); ++i) {
      if (i) w(", ");
      json_table_column(t->columns[i]);
    }
    w(")");
    if (!t->plan.empty()) {
      w(" ");
      w(t->plan);
    }
    if (!t->on_error.empty()) {
      w(" ");
      w(t->on_error);
      w(" ON ERROR");
    }
    w(")");
    break;
  }
  case NodeKind::kTableFunction:
    w("TABLE(");
    call(r->as<TableFunction>()->call);
    w(")");
    break;
  case NodeKind::kJoin: {
    const auto* j = r->as<Join>();
    if (!left_done(j)) join_left(j);
    w(" ");
    if (j->natural) w("NATURAL ");
    switch (j->join) {
    case JoinType::kCross:
      w("CROSS ");
      break;
    case JoinType::kInner:
      if (j->semi) w("LEFT SEMI ");
      if (j->explicit_inner) w("INNER ");
      break;
    case JoinType::kLeft:
      w(j->anti ? "LEFT ANTI " : "LEFT ");
      break;
    case JoinType::kRight:
      w("RIGHT ");
      break;
    case JoinType::kFull:
      w("FULL ");
      break;
    case JoinType::kImplicit:
      break;
    }
    if (j->outer) w("OUTER ");
    w("JOIN ");
    relation_operand(j->right);
    if (j->on) {
      w(" ON ");
      expr(j->on);
    } else if (!j->using_columns.empty()) {
      w(" USING ");
      paren_idents(j->using_columns);
    }
    break;
  }
  case NodeKind::kAliasedRelation: {
    const auto* a = r->as<AliasedRelation>();
    relation_operand(a->relation);
    w(" AS ");
    ident(a->alias);
    if (!a->columns.empty()) {
      w(" ");
      paren_idents(a->columns);
    }
    break;
  }
  case NodeKind::kSampledRelation: {
    const auto* s = r->as<SampledRelation>();
    relation_operand(s->relation);
    w(s->system ? " TABLESAMPLE SYSTEM (" : " TABLESAMPLE BERNOULLI (");
    expr(s->percentage);
    w(")");
    break;
  }
  case NodeKind::kPatternRecognition: {
    const auto* p = r->as<PatternRecognition>();
    relation_operand(p->relation);
    w(" MATCH_RECOGNIZE (");
    bool space = false;
    auto sep = [&] {
      if (space) w(" ");
      space = true;
    };
    if (!p->partition_by.empty()) {
      sep();
      w("PARTITION BY ");
      exprs(p->partition_by);
    }
    if (!p->order_by.empty()) {
      sep();
      w("ORDER BY ");
      sort_items(p->order_by);
    }
    if (!p->measures.empty()) {
      sep();
      w("MEASURES ");
      for (size_t i = 0; i < p->measures.size(); ++i) {
        if (i) w(", ");
        expr(p->measures[i]->value);
        w(" AS ");
        ident(p->measures[i]->name);
      }
    }
    switch (p->rows_per_match) {
    case RowsPerMatch::kDefault:
      break;
    case RowsPerMatch::kOne:
      sep(), w("ONE ROW PER MATCH");
      break;
    case RowsPerMatch::kAll:
      sep(), w("ALL ROWS PER MATCH");
      break;
    case RowsPerMatch::kAllShowEmpty:
      sep(), w("ALL ROWS PER MATCH SHOW EMPTY MATCHES");
      break;
    case RowsPerMatch::kAllOmitEmpty:
      sep(), w("ALL ROWS PER MATCH OMIT EMPTY MATCHES");
      break;
    case RowsPerMatch::kAllWithUnmatched:
      sep(), w("ALL ROWS PER MATCH WITH UNMATCHED ROWS");
      break;
    }
    switch (p->skip) {
    case SkipTo::kDefault:
      break;
    case SkipTo::kNextRow:
      sep(), w("AFTER MATCH SKIP TO NEXT ROW");
      break;
    case SkipTo::kPastLastRow:
      sep(), w("AFTER MATCH SKIP PAST LAST ROW");
      break;
    case SkipTo::kFirst:
      sep(), w("AFTER MATCH SKIP TO FIRST "), ident(p->skip_variable);
      break;
    case SkipTo::kLast:
      sep(), w("AFTER MATCH SKIP TO LAST "), ident(p->skip_variable);
      break;
    case SkipTo::kVariable:
      sep(), w("AFTER MATCH SKIP TO "), ident(p->skip_variable);
      break;
    }
    if (p->initial) sep(), w("INITIAL");
    if (p->seek) sep(), w("SEEK");
    sep();
    w("PATTERN (");
    row_pattern(p->pattern);
    w(")");
    if (!p->subsets.empty()) {
      w(" SUBSET ");
      for (size_t i = 0; i < p->subsets.size(); ++i) {
        if (i) w(", ");
        ident(p->subsets[i]->name);
        w(" = ");
        paren_idents(p->subsets[i]->variables);
      }
    }
    w(" DEFINE ");
    for (size_t i = 0; i < p->defines.size(); ++i) {
      if (i) w(", ");
      ident(p->defines[i]->name);
      w(" AS ");
      expr(p->defines[i]->condition);
    }
    w(")");
    break;
  }
  default:
    w("<?>");
    break;
  }
}

void SqlWriter::routine(const RoutineDef* r) {
  w(r->external ? "EXTERNAL FUNCTION " : "FUNCTION ");
  name(r->name);
  w("(");
  for (size_t i = 0; i < r->params.size(); ++i) {
    if (i) w(", ");
    if (!r->params[i]->name.empty()) {
      ident(r->params[i]->name);
      w(" ");
    }
    type(r->params[i]->type);
  }
  w(") RETURNS ");
  type(r->returns);
  if (r->external) {
    w(r->sagemaker ? " SAGEMAKER " : " LAMBDA ");
    literal(r->lambda);
    return;
  }
  for (size_t i = 0; i <= r->characteristics.size(); ++i) {
    if (r->properties_given && r->properties_position == i) {
      w(" WITH ");
      paren_properties(r->properties);
    }
    if (i < r->characteristics.size()) {
      w(" ");
      w(r->characteristics[i]);
    }
  }
  w(" ");
  routine_stmt(r->body);
}

void SqlWriter::routine_list(const List<RoutineStmt*>& list) {
  for (const RoutineStmt* s : list) {
    w(" ");
    routine_stmt(s);
    w(";");
  }
}

void SqlWriter::routine_stmt(const RoutineStmt* s) {
  if (!s->label.empty() &&
      (s->stmt == RoutineStmtKind::kLoop || s->stmt == RoutineStmtKind::kWhile ||
       s->stmt == RoutineStmtKind::kRepeat)) {
    ident(s->label);
    w(": ");
  }
  switch (s->stmt) {
  case RoutineStmtKind::kReturn:
    w("RETURN ");
    expr(s->value, 5);
    break;
  case RoutineStmtKind::kAssign:
    w("SET ");
    ident(s->target);
    w(" = ");
    expr(s->value);
    break;
  case RoutineStmtKind::kCase:
    w("CASE");
    if (s->value) {
      w(" ");
      expr(s->value);
    }
    for (const CaseStmtWhen* wc : s->whens) {
      w(" WHEN ");
      expr(wc->condition);
      w(" THEN");
      routine_list(wc->body);
    }
    if (s->has_else) {
      w(" ELSE");
      routine_list(s->else_body);
    }
    w(" END CASE");
    break;
  case RoutineStmtKind::kIf:
    w("IF ");
    expr(s->value);
    w(" THEN");
    routine_list(s->body);
    for (const CaseStmtWhen* wc : s->whens) {
      w(" ELSEIF ");
      expr(wc->condition);
      w(" THEN");
      routine_list(wc->body);
    }
    if (s->has_else) {
      w(" ELSE");
      routine_list(s->else_body);
    }
    w(" END IF");
    break;
  case RoutineStmtKind::kIterate:
    w("ITERATE ");
    ident(s->label);
    break;
  case RoutineStmtKind::kLeave:
    w("LEAVE ");
    ident(s->label);
    break;
  case RoutineStmtKind::kCompound:
    w("BEGIN");
    for (const VarDecl* d : s->decls) {
      w(" DECLARE ");
      idents(d->names);
      w(" ");
      type(d->type);
      if (d->default_value) {
        w(" DEFAULT ");
        expr(d->default_value, 5);
      }
      w(";");
    }
    routine_list(s->body);
    w(" END");
    break;
  case RoutineStmtKind::kLoop:
    w("LOOP");
    routine_list(s->body);
    w(" END LOOP");
    break;
  case RoutineStmtKind::kWhile:
    w("WHILE ");
    expr(s->value);
    w(" DO");
    routine_list(s->body);
    w(" END WHILE");
    break;
  case RoutineStmtKind::kRepeat:
    w("REPEAT");
    routine_list(s->body);
    w(" UNTIL ");
    expr(s->value);
    w(" END REPEAT");
    break;
  }
}

} // namespace athena::sql::detail
