// Canonical SQL for expressions and types.
#include "parser/keywords.h"
#include "parser/unparser_impl.h"

namespace athena::sql::detail {
namespace {

constexpr int kPrimary = 10;

int binary_prec(BinaryOp op) {
  switch (op) {
  case BinaryOp::kOr:
    return 1;
  case BinaryOp::kAnd:
    return 2;
  case BinaryOp::kEq:
  case BinaryOp::kNe:
  case BinaryOp::kLt:
  case BinaryOp::kLe:
  case BinaryOp::kGt:
  case BinaryOp::kGe:
    return 4;
  case BinaryOp::kConcat:
    return 5;
  case BinaryOp::kAdd:
  case BinaryOp::kSub:
    return 6;
  case BinaryOp::kMul:
  case BinaryOp::kDiv:
  case BinaryOp::kMod:
    return 7;
  }
  return kPrimary;
}

std::string_view interval_field(IntervalField f) {
  switch (f) {
  case IntervalField::kYear:
    return "YEAR";
  case IntervalField::kMonth:
    return "MONTH";
  case IntervalField::kDay:
    return "DAY";
  case IntervalField::kHour:
    return "HOUR";
  case IntervalField::kMinute:
    return "MINUTE";
  case IntervalField::kSecond:
    return "SECOND";
  case IntervalField::kNone:
    break;
  }
  return "";
}

std::string_view special_value(SpecialValueKind k) {
  switch (k) {
  case SpecialValueKind::kCurrentDate:
    return "CURRENT_DATE";
  case SpecialValueKind::kCurrentTime:
    return "CURRENT_TIME";
  case SpecialValueKind::kCurrentTimestamp:
    return "CURRENT_TIMESTAMP";
  case SpecialValueKind::kLocalTime:
    return "LOCALTIME";
  case SpecialValueKind::kLocalTimestamp:
    return "LOCALTIMESTAMP";
  case SpecialValueKind::kCurrentUser:
    return "CURRENT_USER";
  case SpecialValueKind::kCurrentCatalog:
    return "CURRENT_CATALOG";
  case SpecialValueKind::kCurrentSchema:
    return "CURRENT_SCHEMA";
  case SpecialValueKind::kCurrentPath:
    return "CURRENT_PATH";
  }
  return "";
}

} // namespace

int expr_prec(const Expr* e) {
  switch (e->kind) {
  case NodeKind::kBinary:
    return binary_prec(e->as<Binary>()->op);
  case NodeKind::kUnary:
    return e->as<Unary>()->op == UnaryOp::kNot ? 3 : 8;
  case NodeKind::kIsNull:
  case NodeKind::kIsDistinctFrom:
  case NodeKind::kBetween:
  case NodeKind::kInList:
  case NodeKind::kInSubquery:
  case NodeKind::kLike:
  case NodeKind::kQuantifiedComparison:
    return 4;
  case NodeKind::kAtTimeZone:
    return 9;
  case NodeKind::kLambda:
    return 0;
  default:
    return kPrimary;
  }
}

void SqlWriter::exprs(const List<Expr*>& list) {
  for (size_t i = 0; i < list.size(); ++i) {
    if (i) w(", ");
    expr(list[i]);
  }
}

void SqlWriter::literal(const Literal* l) {
  w(l->text());
  if (l->uescape != 0) {
    w(" UESCAPE '");
    out += l->uescape;
    if (l->uescape == '\'') out += '\'';
    w("'");
  }
}

void SqlWriter::sort_items(const List<SortItem*>& items) {
  for (size_t i = 0; i < items.size(); ++i) {
    if (i) w(", ");
    const SortItem* s = items[i];
    expr(s->value);
    if (s->ordering == Ordering::kAsc) w(" ASC");
    if (s->ordering == Ordering::kDesc) w(" DESC");
    if (s->nulls == NullOrdering::kFirst) w(" NULLS FIRST");
    if (s->nulls == NullOrdering::kLast) w(" NULLS LAST");
  }
}

void SqlWriter::properties(const List<Property*>& props) {
  for (size_t i = 0; i < props.size(); ++i) {
    if (i) w(", ");
    const Property* p = props[i];
    if (p->string_key) {
      literal(p->string_key);
    } else if (!p->qualified_name.empty()) {
      name(p->qualified_name);
    } else {
      ident(p->name);
    }
    if (p->value) {
      w(" = ");
      expr(p->value);
    } else {
      w(" = DEFAULT");
    }
  }
}

void SqlWriter::paren_properties(const List<Property*>& props) {
  w("(");
  properties(props);
  w(")");
}

namespace {

// Comparisons do not chain: both operands are value expressions (precedence 5).
int left_min_prec(const Binary* b) {
  const int p = binary_prec(b->op);
  return p == 4 ? 5 : p;
}

} // namespace

void SqlWriter::binary_left(const Binary* b) {
  // The left operands that print without parentheses form the chain.
  std::vector<const Binary*> chain;
  for (const Binary* x = b;
       x->left->kind == NodeKind::kBinary && expr_prec(x->left) >= left_min_prec(x);) {
    x = x->left->as<Binary>();
    chain.push_back(x);
  }
  const Binary* innermost = chain.empty() ? b : chain.back();
  expr(innermost->left, left_min_prec(innermost));
  for (size_t k = chain.size(); k-- > 0;) {
    left_printed_ = chain[k];
    expr(chain[k]);
  }
}

void SqlWriter::expr(const Expr* e, int min_prec) {
  const int prec = expr_prec(e);
  const bool paren = prec < min_prec;
  if (paren) w("(");
  switch (e->kind) {
  case NodeKind::kNameRef: {
    const auto* n = e->as<NameRef>();
    const NameParts parts = n->parts();
    for (size_t i = 0; i < parts.size(); ++i) {
      if (i) w(".");
      ident(parts[i]);
    }
    break;
  }
  case NodeKind::kLiteral:
    literal(e->as<Literal>());
    break;
  case NodeKind::kTypedLiteral: {
    const auto* t = e->as<TypedLiteral>();
    if (t->double_precision) {
      w("DOUBLE PRECISION");
    } else {
      ident(t->type_name());
    }
    w(" ");
    literal(&t->value);
    break;
  }
  case NodeKind::kIntervalLiteral: {
    const auto* i = e->as<IntervalLiteral>();
    w("INTERVAL ");
    if (i->sign) out += i->sign;
    literal(&i->value);
    if (i->from != IntervalField::kNone) {
      w(" ");
      w(interval_field(i->from));
    }
    if (i->to != IntervalField::kNone) {
      w(" TO ");
      w(interval_field(i->to));
    }
    break;
  }
  case NodeKind::kParameter:
    w("?");
    break;
  case NodeKind::kUnary: {
    const auto* u = e->as<Unary>();
    if (u->op == UnaryOp::kNot) {
      w("NOT ");
      expr(u->operand, 3);
    } else {
      w(u->op == UnaryOp::kMinus ? "-" : "+");
      // Never write `--` (a comment) or `-+`: parenthesise a signed operand.
      SqlWriter inner;
      inner.expr(u->operand, 8);
      if (!inner.out.empty() && (inner.out[0] == '-' || inner.out[0] == '+')) {
        w("(");
        w(inner.out);
        w(")");
      } else {
        w(inner.out);
      }
    }
    break;
  }
  case NodeKind::kBinary: {
    const auto* b = e->as<Binary>();
    int p = binary_prec(b->op);
    // Comparisons do not chain: both operands are value expressions.
    bool predicate = p == 4;
    if (!left_done(b)) binary_left(b);
    w(" ");
    w(binary_op_sql(b->op));
    w(" ");
    expr(b->right, predicate ? 5 : p + 1);
    break;
  }
  case NodeKind::kIsNull: {
    const auto* n = e->as<IsNull>();
    expr(n->value, 5);
    w(n->negated ? " IS NOT NULL" : " IS NULL");
    break;
  }
  case NodeKind::kIsDistinctFrom: {
    const auto* d = e->as<IsDistinctFrom>();
    expr(d->left, 5);
    w(d->negated ? " IS NOT DISTINCT FROM " : " IS DISTINCT FROM ");
    expr(d->right, 5);
    break;
  }
  case NodeKind::kBetween: {
    const auto* b = e->as<Between>();
    expr(b->value, 5);
    w(b->negated ? " NOT BETWEEN " : " BETWEEN ");
    expr(b->low, 5);
    w(" AND ");
    expr(b->high, 5);
    break;
  }
  case NodeKind::kInList: {
    const auto* in = e->as<InList>();
    expr(in->value, 5);
    w(in->negated ? " NOT IN (" : " IN (");
    exprs(in->items);
    w(")");
    break;
  }
  case NodeKind::kInSubquery: {
    const auto* in = e->as<InSubquery>();
    expr(in->value, 5);
    w(in->negated ? " NOT IN (" : " IN (");
    query(in->query);
    w(")");
    break;
  }
  case NodeKind::kLike: {
    const auto* l = e->as<Like>();
    expr(l->value, 5);
    w(l->negated ? " NOT LIKE " : " LIKE ");
    expr(l->pattern, 5);
    if (l->escape) {
      w(" ESCAPE ");
      expr(l->escape, 5);
    }
    break;
  }
  case NodeKind::kExists:
    w("EXISTS (");
    query(e->as<Exists>()->query);
    w(")");
    break;
  case NodeKind::kQuantifiedComparison: {
    const auto* q = e->as<QuantifiedComparison>();
    expr(q->value, 5);
    w(" ");
    w(binary_op_sql(q->op));
    w(q->quantifier == Quantifier::kAll   ? " ALL ("
      : q->quantifier == Quantifier::kAny ? " ANY ("
                                          : " SOME (");
    query(q->query);
    w(")");
    break;
  }
  case NodeKind::kSubqueryExpr:
    w("(");
    query(e->as<SubqueryExpr>()->query);
    w(")");
    break;
  case NodeKind::kCase: {
    const auto* c = e->as<Case>();
    w("CASE");
    if (c->operand) {
      w(" ");
      expr(c->operand);
    }
    for (const WhenClause* wc : c->whens) {
      w(" WHEN ");
      expr(wc->condition);
      w(" THEN ");
      expr(wc->result);
    }
    if (c->else_result) {
      w(" ELSE ");
      expr(c->else_result);
    }
    w(" END");
    break;
  }
  case NodeKind::kCast: {
    const auto* c = e->as<Cast>();
    w(c->is_try ? "TRY_CAST(" : "CAST(");
    expr(c->value);
    w(" AS ");
    type(c->type);
    w(")");
    break;
  }
  case NodeKind::kExtract: {
    const auto* x = e->as<Extract>();
    w("EXTRACT(");
    ident(x->field);
    w(" FROM ");
    expr(x->value, 5);
    w(")");
    break;
  }
  case NodeKind::kAtTimeZone: {
    const auto* a = e->as<AtTimeZone>();
    expr(a->value, 9);
    if (a->zone) {
      w(" AT TIME ZONE ");
      expr(a->zone);
    } else {
      w(" AT LOCAL");
    }
    break;
  }
  case NodeKind::kSubscript: {
    const auto* s = e->as<Subscript>();
    expr(s->base, kPrimary);
    w("[");
    expr(s->index, 5);
    w("]");
    break;
  }
  case NodeKind::kFieldAccess: {
    const auto* f = e->as<FieldAccess>();
    // A NameRef base would merge with the field on re-parse: parenthesise it.
    // So would a number (`1.x` lexes as `1.` `x`): parenthesise literals too.
    if (f->base->kind == NodeKind::kNameRef || f->base->kind == NodeKind::kLiteral) {
      w("(");
      expr(f->base);
      w(")");
    } else {
      expr(f->base, kPrimary);
    }
    w(".");
    ident(f->field);
    break;
  }
  case NodeKind::kLambda: {
    const auto* l = e->as<Lambda>();
    if (l->parenthesized || l->params.size() != 1) {
      paren_idents(l->params);
    } else {
      ident(l->params[0]);
    }
    w(" -> ");
    expr(l->body);
    break;
  }
  case NodeKind::kFunctionCall:
    call(e->as<FunctionCall>());
    break;
  case NodeKind::kNamedArgument: {
    const auto* n = e->as<NamedArgument>();
    ident(n->name);
    w(" => ");
    expr(n->value);
    break;
  }
  case NodeKind::kArrayConstructor:
    w("ARRAY[");
    exprs(e->as<ArrayConstructor>()->items);
    w("]");
    break;
  case NodeKind::kRowConstructor: {
    const auto* r = e->as<RowConstructor>();
    w(r->explicit_row ? "ROW(" : "(");
    exprs(r->items);
    w(")");
    break;
  }
  case NodeKind::kSpecialValue: {
    const auto* s = e->as<SpecialValue>();
    w(special_value(s->value));
    if (!s->precision.empty()) {
      w("(");
      w(s->precision);
      w(")");
    }
    break;
  }
  case NodeKind::kPosition: {
    const auto* p = e->as<Position>();
    w("POSITION(");
    expr(p->needle, 5);
    w(" IN ");
    expr(p->haystack, 5);
    w(")");
    break;
  }
  case NodeKind::kTrim: {
    const auto* t = e->as<Trim>();
    w("TRIM(");
    if (t->comma_form) {
      expr(t->source, 5);
      w(", ");
      expr(t->chars, 5);
    } else {
      if (t->spec == TrimSpec::kBoth) w("BOTH ");
      if (t->spec == TrimSpec::kLeading) w("LEADING ");
      if (t->spec == TrimSpec::kTrailing) w("TRAILING ");
      if (t->chars) {
        expr(t->chars, 5);
        w(" ");
      }
      if (t->has_from) w("FROM ");
      expr(t->source, 5);
    }
    w(")");
    break;
  }
  case NodeKind::kSubstring: {
    const auto* s = e->as<Substring>();
    w("SUBSTRING(");
    expr(s->value, 5);
    w(" FROM ");
    expr(s->from, 5);
    if (s->length) {
      w(" FOR ");
      expr(s->length, 5);
    }
    w(")");
    break;
  }
  case NodeKind::kNormalize: {
    const auto* n = e->as<Normalize>();
    w("NORMALIZE(");
    expr(n->value, 5);
    if (!n->form.empty()) {
      w(", ");
      ident(n->form);
    }
    w(")");
    break;
  }
  case NodeKind::kJsonFunction: {
    const auto* j = e->as<JsonFunction>();
    w(j->function == JsonFunctionKind::kQuery   ? "JSON_QUERY("
      : j->function == JsonFunctionKind::kValue ? "JSON_VALUE("
                                                : "JSON_EXISTS(");
    json_path_invocation(j->input, j->input_format, j->path, j->path_name, j->passing);
    if (j->returning) {
      w(" RETURNING ");
      type(j->returning);
      if (!j->returning_format.empty()) {
        w(" ");
        w(j->returning_format);
      }
    }
    json_behaviors(j->wrapper, j->quotes, j->on_empty, j->on_empty_default, j->on_error,
                   j->on_error_default);
    w(")");
    break;
  }
  case NodeKind::kJsonObject: {
    const auto* o = e->as<JsonObject>();
    w("JSON_OBJECT(");
    for (size_t i = 0; i < o->members.size(); ++i) {
      if (i) w(", ");
      const JsonObjectMember* m = o->members[i];
      if (m->key_keyword) w("KEY ");
      expr(m->key);
      w(m->colon_form ? " : " : " VALUE ");
      expr(m->value);
      if (!m->format.empty()) {
        w(" ");
        w(m->format);
      }
    }
    bool any = !o->members.empty();
    for (std::string_view clause : {o->null_clause, o->unique_clause}) {
      if (clause.empty()) continue;
      if (any) w(" ");
      w(clause);
      any = true;
    }
    if (o->returning) {
      if (any) w(" ");
      w("RETURNING ");
      type(o->returning);
      if (!o->returning_format.empty()) {
        w(" ");
        w(o->returning_format);
      }
    }
    w(")");
    break;
  }
  case NodeKind::kJsonArray: {
    const auto* a = e->as<JsonArray>();
    w("JSON_ARRAY(");
    for (size_t i = 0; i < a->items.size(); ++i) {
      if (i) w(", ");
      expr(a->items[i]->value);
      if (!a->items[i]->format.empty()) {
        w(" ");
        w(a->items[i]->format);
      }
    }
    bool any = !a->items.empty();
    if (!a->null_clause.empty()) {
      if (any) w(" ");
      w(a->null_clause);
      any = true;
    }
    if (a->returning) {
      if (any) w(" ");
      w("RETURNING ");
      type(a->returning);
      if (!a->returning_format.empty()) {
        w(" ");
        w(a->returning_format);
      }
    }
    w(")");
    break;
  }
  case NodeKind::kGroupingOperation: {
    const auto* g = e->as<GroupingOperation>();
    w("GROUPING(");
    for (size_t i = 0; i < g->columns.size(); ++i) {
      if (i) w(", ");
      name(*g->columns[i]);
    }
    w(")");
    break;
  }
  default:
    w("<?>");
    break;
  }
  if (paren) w(")");
}

void SqlWriter::type(const TypeExpr* t) {
  switch (t->type) {
  case TypeKind::kNamed:
    ident(t->name);
    if (!t->params.empty()) {
      w("(");
      for (size_t i = 0; i < t->params.size(); ++i) {
        if (i) w(", ");
        if (t->params[i]) {
          type(t->params[i]);
        } else {
          w(t->numbers[i]);
        }
      }
      w(")");
    }
    break;
  case TypeKind::kArray:
    if (t->postfix_array) {
      type(t->element);
      w(" ARRAY");
      if (!t->array_bound().empty()) {
        w("[");
        w(t->array_bound());
        w("]");
      }
    } else {
      w(t->angle ? "ARRAY<" : "ARRAY(");
      type(t->element);
      w(t->angle ? ">" : ")");
    }
    break;
  case TypeKind::kMap:
    w(t->angle ? "MAP<" : "MAP(");
    type(t->key);
    w(", ");
    type(t->value);
    w(t->angle ? ">" : ")");
    break;
  case TypeKind::kRow:
    w(t->angle ? "STRUCT<" : "ROW(");
    for (size_t i = 0; i < t->fields.size(); ++i) {
      if (i) w(", ");
      const RowField* f = t->fields[i];
      if (!f->name.empty()) {
        ident(f->name);
        w(t->angle ? ":" : " ");
      }
      type(f->type);
      if (!f->comment.empty()) {
        w(" COMMENT ");
        w(f->comment);
      }
    }
    w(t->angle ? ">" : ")");
    break;
  case TypeKind::kInterval:
    w("INTERVAL ");
    w(interval_field(t->from));
    if (t->to != IntervalField::kNone) {
      w(" TO ");
      w(interval_field(t->to));
    }
    break;
  case TypeKind::kTimestamp:
  case TypeKind::kTime:
    w(t->type == TypeKind::kTimestamp ? "TIMESTAMP" : "TIME");
    if (!t->precision().empty()) {
      w("(");
      w(t->precision());
      w(")");
    }
    if (t->zone == TimeZoneSpec::kWith) w(" WITH TIME ZONE");
    if (t->zone == TimeZoneSpec::kWithout) w(" WITHOUT TIME ZONE");
    break;
  case TypeKind::kDoublePrecision:
    w("DOUBLE PRECISION");
    break;
  }
}

} // namespace athena::sql::detail
