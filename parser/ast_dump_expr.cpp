// The AST dump of expression and type nodes.
#include <string>

#include "parser/ast_dump_impl.h"

namespace athena::sql::detail {

bool Dumper::describe_expr(const Node* n) {
  switch (n->kind) {
  case NodeKind::kNameRef:
    idents("parts", n->as<NameRef>()->parts());
    break;
  case NodeKind::kLiteral: {
    const auto* l = n->as<Literal>();
    static constexpr std::string_view kNames[] = {
        "null", "true", "false", "integer", "decimal", "double", "string", "unicode", "binary"};
    attr("type", kNames[static_cast<int>(l->literal)]);
    attr("text", l->text());
    if (l->uescape != 0) attr("uescape", std::string(1, l->uescape));
    break;
  }
  case NodeKind::kTypedLiteral:
    attr("type", n->as<TypedLiteral>()->double_precision
                     ? "DOUBLE PRECISION"
                     : n->as<TypedLiteral>()->type_name().sql());
    child("value", &n->as<TypedLiteral>()->value);
    break;
  case NodeKind::kIntervalLiteral: {
    const auto* i = n->as<IntervalLiteral>();
    if (i->sign) attr("sign", std::string(1, i->sign));
    attr("from", std::to_string(static_cast<int>(i->from)));
    if (i->to != IntervalField::kNone) attr("to", std::to_string(static_cast<int>(i->to)));
    child("value", &i->value);
    break;
  }
  case NodeKind::kParameter:
    attr("index", std::to_string(n->as<Parameter>()->index));
    break;
  case NodeKind::kUnary: {
    const auto* u = n->as<Unary>();
    attr("op", u->op == UnaryOp::kNot ? "NOT" : u->op == UnaryOp::kMinus ? "-" : "+");
    child("operand", u->operand);
    break;
  }
  case NodeKind::kBinary: {
    const auto* b = n->as<Binary>();
    attr("op", binary_op_sql(b->op));
    child("left", b->left);
    child("right", b->right);
    break;
  }
  case NodeKind::kIsNull:
    flag("not", n->as<IsNull>()->negated);
    child("value", n->as<IsNull>()->value);
    break;
  case NodeKind::kIsDistinctFrom:
    flag("not", n->as<IsDistinctFrom>()->negated);
    child("left", n->as<IsDistinctFrom>()->left);
    child("right", n->as<IsDistinctFrom>()->right);
    break;
  case NodeKind::kBetween: {
    const auto* b = n->as<Between>();
    flag("not", b->negated);
    child("value", b->value);
    child("low", b->low);
    child("high", b->high);
    break;
  }
  case NodeKind::kInList:
    flag("not", n->as<InList>()->negated);
    child("value", n->as<InList>()->value);
    list("items", n->as<InList>()->items);
    break;
  case NodeKind::kInSubquery:
    flag("not", n->as<InSubquery>()->negated);
    child("value", n->as<InSubquery>()->value);
    child("query", n->as<InSubquery>()->query);
    break;
  case NodeKind::kLike: {
    const auto* l = n->as<Like>();
    flag("not", l->negated);
    child("value", l->value);
    child("pattern", l->pattern);
    child("escape", l->escape);
    break;
  }
  case NodeKind::kExists:
    child("query", n->as<Exists>()->query);
    break;
  case NodeKind::kQuantifiedComparison: {
    const auto* q = n->as<QuantifiedComparison>();
    attr("op", binary_op_sql(q->op));
    attr("quantifier", q->quantifier == Quantifier::kAll   ? "ALL"
                       : q->quantifier == Quantifier::kAny ? "ANY"
                                                           : "SOME");
    child("value", q->value);
    child("query", q->query);
    break;
  }
  case NodeKind::kSubqueryExpr:
    child("query", n->as<SubqueryExpr>()->query);
    break;
  case NodeKind::kCase:
    child("operand", n->as<Case>()->operand);
    list("whens", n->as<Case>()->whens);
    child("else", n->as<Case>()->else_result);
    break;
  case NodeKind::kWhenClause:
    child("condition", n->as<WhenClause>()->condition);
    child("result", n->as<WhenClause>()->result);
    break;
  case NodeKind::kCast:
    flag("try", n->as<Cast>()->is_try);
    child("value", n->as<Cast>()->value);
    child("type", n->as<Cast>()->type);
    break;
  case NodeKind::kExtract:
    ident("field", n->as<Extract>()->field);
    child("value", n->as<Extract>()->value);
    break;
  case NodeKind::kAtTimeZone:
    child("value", n->as<AtTimeZone>()->value);
    child("zone", n->as<AtTimeZone>()->zone);
    break;
  case NodeKind::kSubscript:
    child("base", n->as<Subscript>()->base);
    child("index", n->as<Subscript>()->index);
    break;
  case NodeKind::kFieldAccess:
    ident("field", n->as<FieldAccess>()->field);
    child("base", n->as<FieldAccess>()->base);
    break;
  case NodeKind::kLambda:
    idents("params", n->as<Lambda>()->params);
    child("body", n->as<Lambda>()->body);
    break;
  case NodeKind::kFunctionCall: {
    const auto* c = n->as<FunctionCall>();
    qname("name", c->name);
    attr("mode", c->mode == ProcessingMode::kRunning ? "RUNNING"
                 : c->mode == ProcessingMode::kFinal ? "FINAL"
                                                     : "");
    attr("quantifier", quantifier(c->quantifier));
    flag("star", c->star);
    const FunctionCallExtras* x = c->extras;
    if (x) ident("star_label", x->star_label);
    attr("nulls", c->nulls == NullTreatment::kIgnore    ? "IGNORE"
                  : c->nulls == NullTreatment::kRespect ? "RESPECT"
                                                        : "");
    ident("window_name", c->window_name());
    if (x) {
      flag("measure", x->measure);
      flag("listagg", x->is_listagg);
      attr("overflow", x->overflow == ListaggOverflow::kError      ? "ERROR"
                       : x->overflow == ListaggOverflow::kTruncate ? "TRUNCATE"
                                                                   : "");
      flag("with_count", x->overflow_with_count);
    }
    list("args", c->args);
    list("order_by", c->order_by());
    list("within_group", c->within_group());
    child("filter", c->filter());
    child("window", c->window());
    if (x) child("overflow_filler", x->overflow_filler);
    break;
  }
  case NodeKind::kNamedArgument:
    ident("name", n->as<NamedArgument>()->name);
    child("value", n->as<NamedArgument>()->value);
    break;
  case NodeKind::kArrayConstructor:
    list("items", n->as<ArrayConstructor>()->items);
    break;
  case NodeKind::kRowConstructor:
    flag("row", n->as<RowConstructor>()->explicit_row);
    list("items", n->as<RowConstructor>()->items);
    break;
  case NodeKind::kSpecialValue:
    attr("value", std::to_string(static_cast<int>(n->as<SpecialValue>()->value)));
    attr("precision", n->as<SpecialValue>()->precision);
    break;
  case NodeKind::kPosition:
    child("needle", n->as<Position>()->needle);
    child("haystack", n->as<Position>()->haystack);
    break;
  case NodeKind::kTrim: {
    const auto* t = n->as<Trim>();
    attr("spec", std::to_string(static_cast<int>(t->spec)));
    flag("comma", t->comma_form);
    flag("from", t->has_from);
    child("chars", t->chars);
    child("source", t->source);
    break;
  }
  case NodeKind::kSubstring:
    child("value", n->as<Substring>()->value);
    child("from", n->as<Substring>()->from);
    child("for", n->as<Substring>()->length);
    break;
  case NodeKind::kNormalize:
    ident("form", n->as<Normalize>()->form);
    child("value", n->as<Normalize>()->value);
    break;
  case NodeKind::kJsonFunction: {
    const auto* j = n->as<JsonFunction>();
    attr("function", j->function == JsonFunctionKind::kQuery   ? "JSON_QUERY"
                     : j->function == JsonFunctionKind::kValue ? "JSON_VALUE"
                                                               : "JSON_EXISTS");
    attr("input_format", j->input_format);
    ident("path_name", j->path_name);
    attr("returning_format", j->returning_format);
    attr("wrapper", j->wrapper);
    attr("quotes", j->quotes);
    attr("on_empty", j->on_empty);
    attr("on_error", j->on_error);
    child("input", j->input);
    child("path", j->path);
    list("passing", j->passing);
    child("returning", j->returning);
    child("on_empty_default", j->on_empty_default);
    child("on_error_default", j->on_error_default);
    break;
  }
  case NodeKind::kJsonArgument:
    attr("format", n->as<JsonArgument>()->format);
    ident("name", n->as<JsonArgument>()->name);
    child("value", n->as<JsonArgument>()->value);
    break;
  case NodeKind::kJsonObjectMember: {
    const auto* m = n->as<JsonObjectMember>();
    flag("key_keyword", m->key_keyword);
    flag("colon", m->colon_form);
    attr("format", m->format);
    child("key", m->key);
    child("value", m->value);
    break;
  }
  case NodeKind::kJsonObject: {
    const auto* o = n->as<JsonObject>();
    attr("null_clause", o->null_clause);
    attr("unique_clause", o->unique_clause);
    attr("returning_format", o->returning_format);
    list("members", o->members);
    child("returning", o->returning);
    break;
  }
  case NodeKind::kJsonArray: {
    const auto* a = n->as<JsonArray>();
    attr("null_clause", a->null_clause);
    attr("returning_format", a->returning_format);
    list("items", a->items);
    child("returning", a->returning);
    break;
  }
  case NodeKind::kGroupingOperation: {
    const auto* g = n->as<GroupingOperation>();
    for (const auto* column : g->columns)
      qname("column", *column);
    break;
  }
  case NodeKind::kSortItem: {
    const auto* s = n->as<SortItem>();
    attr("order", s->ordering == Ordering::kAsc    ? "ASC"
                  : s->ordering == Ordering::kDesc ? "DESC"
                                                   : "");
    attr("nulls", s->nulls == NullOrdering::kFirst  ? "FIRST"
                  : s->nulls == NullOrdering::kLast ? "LAST"
                                                    : "");
    child("value", s->value);
    break;
  }
  case NodeKind::kWindowSpec: {
    const auto* w = n->as<WindowSpec>();
    ident("existing", w->existing);
    list("partition_by", w->partition_by);
    list("order_by", w->order_by);
    child("frame", w->frame);
    break;
  }
  case NodeKind::kWindowFrame: {
    const auto* f = n->as<WindowFrame>();
    attr("type", f->type == FrameType::kRows    ? "ROWS"
                 : f->type == FrameType::kRange ? "RANGE"
                                                : "GROUPS");
    if (f->skip != SkipTo::kDefault) attr("skip", std::to_string(static_cast<int>(f->skip)));
    ident("skip_variable", f->skip_variable);
    flag("initial", f->initial);
    flag("seek", f->seek);
    list("measures", f->measures);
    child("start", f->start);
    child("end", f->end);
    child("pattern", f->pattern);
    list("subsets", f->subsets);
    list("defines", f->defines);
    break;
  }
  case NodeKind::kFrameBound:
    attr("bound", std::to_string(static_cast<int>(n->as<FrameBound>()->type)));
    child("offset", n->as<FrameBound>()->offset);
    break;
  case NodeKind::kTypeExpr: {
    const auto* t = n->as<TypeExpr>();
    static constexpr std::string_view kKinds[] = {
        "named", "array", "map", "row", "interval", "timestamp", "time", "double_precision"};
    attr("type", kKinds[static_cast<int>(t->type)]);
    if (t->type == TypeKind::kNamed) ident("name", t->name);
    flag("angle", t->angle);
    flag("postfix", t->postfix_array);
    attr("bound", t->array_bound());
    attr("precision", t->precision());
    if (t->zone != TimeZoneSpec::kDefault) {
      attr("zone", t->zone == TimeZoneSpec::kWith ? "WITH" : "WITHOUT");
    }
    if (t->from != IntervalField::kNone) attr("from", std::to_string(static_cast<int>(t->from)));
    if (t->to != IntervalField::kNone) attr("to", std::to_string(static_cast<int>(t->to)));
    for (size_t i = 0; t->type == TypeKind::kNamed && i < t->numbers.size(); ++i)
      attr("param", t->numbers[i]);
    list("params", t->params);
    child("element", t->element);
    child("key", t->key);
    child("value", t->value);
    list("fields", t->fields);
    break;
  }
  case NodeKind::kRowField:
    ident("name", n->as<RowField>()->name);
    attr("comment", n->as<RowField>()->comment);
    child("type", n->as<RowField>()->type);
    break;
  default:
    return false;
  }
  return true;
}

} // namespace athena::sql::detail
