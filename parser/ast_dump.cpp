// The indented AST dump used by golden tests and round-trip comparison.
#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "parser/unparser.h"
#include "parser/unparser_impl.h"

namespace athena::sql {
namespace {

class Dumper {
public:
  explicit Dumper(bool spans) : spans_(spans) {}
  std::string out;

  /// Dumps `n` and its subtree, depth first, with an explicit stack: left-deep chains of any
  /// length (`a OR b OR ...`, UNION ALL, joins) do not recurse.
  void tree(const Node* n);
  /// The number of nodes on the longest path down from `n`, with an explicit stack.
  uint32_t height(const Node* n);

private:
  // One node's header line is built in `line_`; children are queued and printed after it.
  struct Child {
    std::string label;
    const Node* node;
  };

  void attr(std::string_view name, std::string_view value) {
    if (value.empty() || !text_) return;
    line_ += ' ';
    line_ += name;
    line_ += '=';
    line_ += value;
  }
  void flag(std::string_view name, bool on) {
    if (!on || !text_) return;
    line_ += ' ';
    line_ += name;
  }
  void ident(std::string_view name, const Identifier& id) {
    if (!id.empty()) attr(name, id.sql());
  }
  template <class Ids> void idents(std::string_view name, const Ids& ids) {
    if (ids.empty() || !text_) return;
    std::string v = "(";
    for (size_t i = 0; i < ids.size(); ++i) {
      if (i) v += ",";
      v += ids[i].sql();
    }
    v += ")";
    attr(name, v);
  }
  void qname(std::string_view name, const QualifiedName& q) {
    if (q.empty() || !text_) return;
    std::string v;
    for (size_t i = 0; i < q.parts.size(); ++i) {
      if (i) v += '.';
      v += q.parts[i].sql();
    }
    attr(name, v);
  }
  void views(std::string_view name, const List<std::string_view>& vs) {
    if (vs.empty() || !text_) return;
    std::string v = "[";
    for (size_t i = 0; i < vs.size(); ++i) {
      if (i) v += "|";
      v += vs[i];
    }
    v += "]";
    attr(name, v);
  }
  void child(std::string_view label, const Node* n) {
    if (n != nullptr) children_.push_back({text_ ? std::string(label) : std::string(), n});
  }
  template <class T> void list(std::string_view label, const RList<T*>& l) {
    list(label, l.view());
  }
  template <class T> void list(std::string_view label, const List<T*>& l) {
    for (size_t i = 0; i < l.size(); ++i) {
      if (l[i] == nullptr) continue;
      if (!text_) {
        children_.push_back({std::string(), l[i]});
        continue;
      }
      children_.push_back({std::string(label) + "[" + std::to_string(i) + "]", l[i]});
    }
  }
  void describe(const Node* n);

  bool spans_;
  bool text_ = true; ///< false while measuring: only the children are collected
  std::string line_;
  std::vector<Child> children_;
};

void Dumper::tree(const Node* root) {
  struct Pending {
    const Node* node;
    std::string label;
    int depth;
  };
  std::vector<Pending> todo{{root, std::string(), 0}};
  while (!todo.empty()) {
    Pending p = std::move(todo.back());
    todo.pop_back();
    line_.clear();
    children_.clear();
    describe(p.node);
    // Indentation stops growing at kMaxIndent levels, so that a tree 100,000 levels deep does
    // not dump in quadratic space; deeper lines say their depth instead.
    constexpr int kMaxIndent = 100;
    std::string header(static_cast<size_t>(std::min(p.depth, kMaxIndent)) * 2, ' ');
    if (p.depth > kMaxIndent) header += "<" + std::to_string(p.depth) + "> ";
    if (!p.label.empty()) {
      header += p.label;
      header += ": ";
    }
    header += node_kind_name(p.node->kind);
    if (spans_) {
      header +=
          " [" + std::to_string(p.node->span.begin) + "-" + std::to_string(p.node->span.end) + "]";
    }
    out += header;
    out += line_;
    out += '\n';
    // Reversed, so that the first child is dumped next.
    for (size_t i = children_.size(); i-- > 0;)
      todo.push_back({children_[i].node, std::move(children_[i].label), p.depth + 1});
  }
}

uint32_t Dumper::height(const Node* root) {
  text_ = false;
  uint32_t most = 0;
  std::vector<std::pair<const Node*, uint32_t>> todo{{root, 1}};
  while (!todo.empty()) {
    const auto [n, depth] = todo.back();
    todo.pop_back();
    most = std::max(most, depth);
    children_.clear();
    describe(n);
    for (const Child& c : children_)
      todo.emplace_back(c.node, depth + 1);
  }
  return most;
}

std::string_view quantifier(SetQuantifier q) {
  return q == SetQuantifier::kDistinct ? "DISTINCT" : q == SetQuantifier::kAll ? "ALL" : "";
}

void Dumper::describe(const Node* n) {
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
    for (size_t i = 0; i < g->columns.size(); ++i)
      qname("column", *g->columns[i]);
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
  case NodeKind::kQuery: {
    const auto* q = n->as<Query>();
    flag("offset_rows", q->offset_rows);
    flag("limit_all", q->limit_all);
    flag("fetch_first", q->fetch_first);
    flag("with_ties", q->with_ties);
    list("session", q->session());
    list("functions", q->functions());
    child("with", q->with);
    child("body", q->body);
    list("order_by", q->order_by);
    child("offset", q->offset());
    child("limit", q->limit());
    child("fetch", q->fetch());
    break;
  }
  case NodeKind::kWith:
    flag("recursive", n->as<With>()->recursive);
    list("ctes", n->as<With>()->ctes);
    break;
  case NodeKind::kCte:
    ident("name", n->as<Cte>()->name);
    idents("columns", n->as<Cte>()->columns);
    child("query", n->as<Cte>()->query);
    break;
  case NodeKind::kSelect: {
    const auto* s = n->as<Select>();
    attr("quantifier", quantifier(s->quantifier));
    list("items", s->items);
    list("from", s->from);
    child("where", s->where);
    child("group_by", s->group_by);
    child("having", s->having);
    list("windows", s->windows);
    break;
  }
  case NodeKind::kSetOperation: {
    const auto* s = n->as<SetOperation>();
    attr("op", s->op == SetOp::kUnion ? "UNION" : s->op == SetOp::kExcept ? "EXCEPT" : "INTERSECT");
    attr("quantifier", quantifier(s->quantifier));
    child("left", s->left);
    child("right", s->right);
    break;
  }
  case NodeKind::kValues:
    list("rows", n->as<Values>()->rows);
    break;
  case NodeKind::kTableBody:
    qname("name", n->as<TableBody>()->name);
    break;
  case NodeKind::kParenQuery:
    child("query", n->as<ParenQuery>()->query);
    break;
  case NodeKind::kSelectItem: {
    const auto* s = n->as<SelectItem>();
    flag("star", s->star);
    ident("alias", s->alias());
    idents("star_aliases", s->star_aliases());
    child("value", s->value);
    break;
  }
  case NodeKind::kGroupBy:
    attr("quantifier", quantifier(n->as<GroupBy>()->quantifier));
    list("elements", n->as<GroupBy>()->elements);
    break;
  case NodeKind::kGroupingElement: {
    const auto* g = n->as<GroupingElement>();
    static constexpr std::string_view kKinds[] = {"expr", "rollup", "cube", "grouping_sets"};
    attr("grouping", kKinds[static_cast<int>(g->grouping)]);
    list("items", g->items);
    break;
  }
  case NodeKind::kWindowDef:
    ident("name", n->as<WindowDef>()->name);
    child("spec", n->as<WindowDef>()->spec);
    break;
  case NodeKind::kTableRef: {
    const auto* t = n->as<TableRef>();
    qname("name", t->name);
    if (t->version != VersionKind::kNone) {
      attr("version", t->version == VersionKind::kTimestamp ? "TIMESTAMP" : "VERSION");
    }
    child("version_value", t->version_value);
    break;
  }
  case NodeKind::kSubqueryRelation:
    child("query", n->as<SubqueryRelation>()->query);
    break;
  case NodeKind::kLateral:
    child("query", n->as<Lateral>()->query);
    break;
  case NodeKind::kUnnest:
    flag("with_ordinality", n->as<Unnest>()->with_ordinality);
    list("args", n->as<Unnest>()->args);
    break;
  case NodeKind::kTableFunction:
    child("call", n->as<TableFunction>()->call);
    break;
  case NodeKind::kJsonTable: {
    const auto* t = n->as<JsonTable>();
    attr("input_format", t->input_format);
    ident("path_name", t->path_name);
    attr("plan", t->plan);
    attr("on_error", t->on_error);
    child("input", t->input);
    child("path", t->path);
    list("passing", t->passing);
    list("columns", t->columns);
    break;
  }
  case NodeKind::kJsonTableColumn: {
    const auto* c = n->as<JsonTableColumn>();
    static constexpr std::string_view kKinds[] = {"ordinality", "value", "query", "nested"};
    attr("column", kKinds[static_cast<int>(c->column)]);
    flag("path_keyword", c->nested_path_keyword);
    ident("name", c->name);
    attr("format", c->format);
    attr("wrapper", c->wrapper);
    attr("quotes", c->quotes);
    attr("on_empty", c->on_empty);
    attr("on_error", c->on_error);
    child("type", c->type);
    child("path", c->path);
    child("on_empty_default", c->on_empty_default);
    child("on_error_default", c->on_error_default);
    list("columns", c->columns);
    break;
  }
  case NodeKind::kJoin: {
    const auto* j = n->as<Join>();
    static constexpr std::string_view kTypes[] = {"CROSS", "INNER", "LEFT",
                                                  "RIGHT", "FULL",  "IMPLICIT"};
    attr("type", kTypes[static_cast<int>(j->join)]);
    flag("natural", j->natural);
    flag("explicit_inner", j->explicit_inner);
    flag("outer", j->outer);
    flag("semi", j->semi);
    flag("anti", j->anti);
    idents("using", j->using_columns);
    child("left", j->left);
    child("right", j->right);
    child("on", j->on);
    break;
  }
  case NodeKind::kAliasedRelation:
    ident("alias", n->as<AliasedRelation>()->alias);
    idents("columns", n->as<AliasedRelation>()->columns);
    child("relation", n->as<AliasedRelation>()->relation);
    break;
  case NodeKind::kSampledRelation:
    attr("method", n->as<SampledRelation>()->system ? "SYSTEM" : "BERNOULLI");
    child("relation", n->as<SampledRelation>()->relation);
    child("percentage", n->as<SampledRelation>()->percentage);
    break;
  case NodeKind::kPatternRecognition: {
    const auto* p = n->as<PatternRecognition>();
    attr("rows_per_match", std::to_string(static_cast<int>(p->rows_per_match)));
    attr("skip", std::to_string(static_cast<int>(p->skip)));
    ident("skip_variable", p->skip_variable);
    flag("initial", p->initial);
    flag("seek", p->seek);
    child("relation", p->relation);
    list("partition_by", p->partition_by);
    list("order_by", p->order_by);
    list("measures", p->measures);
    child("pattern", p->pattern);
    list("subsets", p->subsets);
    list("defines", p->defines);
    break;
  }
  case NodeKind::kMeasure:
    ident("name", n->as<Measure>()->name);
    child("value", n->as<Measure>()->value);
    break;
  case NodeKind::kSubsetDef:
    ident("name", n->as<SubsetDef>()->name);
    idents("variables", n->as<SubsetDef>()->variables);
    break;
  case NodeKind::kVariableDef:
    ident("name", n->as<VariableDef>()->name);
    child("condition", n->as<VariableDef>()->condition);
    break;
  case NodeKind::kRowPattern: {
    const auto* p = n->as<RowPattern>();
    static constexpr std::string_view kKinds[] = {
        "variable", "empty",     "permute",    "group",  "start",
        "end",      "exclusion", "quantified", "concat", "alternation"};
    attr("pattern", kKinds[static_cast<int>(p->pattern)]);
    ident("variable", p->variable);
    attr("quantifier", p->quantifier_op);
    attr("min", p->min);
    attr("max", p->max);
    flag("range_comma", p->range_comma);
    flag("reluctant", p->reluctant);
    list("items", p->items);
    break;
  }
  case NodeKind::kRoutineDef: {
    const auto* r = n->as<RoutineDef>();
    qname("name", r->name);
    flag("external", r->external);
    views("characteristics", r->characteristics);
    list("params", r->params);
    child("returns", r->returns);
    list("properties", r->properties);
    flag("sagemaker", r->sagemaker);
    child("lambda", r->lambda);
    child("body", r->body);
    break;
  }
  case NodeKind::kRoutineParam:
    ident("name", n->as<RoutineParam>()->name);
    child("type", n->as<RoutineParam>()->type);
    break;
  case NodeKind::kRoutineStmt: {
    const auto* s = n->as<RoutineStmt>();
    attr("stmt", std::to_string(static_cast<int>(s->stmt)));
    ident("label", s->label);
    ident("target", s->target);
    flag("has_else", s->has_else);
    child("value", s->value);
    list("decls", s->decls);
    list("whens", s->whens);
    list("body", s->body);
    list("else", s->else_body);
    break;
  }
  case NodeKind::kVarDecl:
    idents("names", n->as<VarDecl>()->names);
    child("type", n->as<VarDecl>()->type);
    child("default", n->as<VarDecl>()->default_value);
    break;
  case NodeKind::kCaseStmtWhen:
    child("condition", n->as<CaseStmtWhen>()->condition);
    list("body", n->as<CaseStmtWhen>()->body);
    break;
  case NodeKind::kProperty:
    ident("name", n->as<Property>()->name);
    qname("name", n->as<Property>()->qualified_name);
    flag("default", n->as<Property>()->value == nullptr);
    child("key", n->as<Property>()->string_key);
    child("value", n->as<Property>()->value);
    break;
  case NodeKind::kColumnDef: {
    const auto* c = n->as<ColumnDef>();
    qname("name", c->name);
    flag("not_null", c->not_null);
    flag("like", c->like);
    attr("like_option", c->like_option);
    child("type", c->type);
    child("comment", c->comment);
    list("properties", c->properties);
    break;
  }
  case NodeKind::kAssignment:
    ident("target", n->as<Assignment>()->target);
    child("value", n->as<Assignment>()->value);
    break;
  case NodeKind::kMergeCase: {
    const auto* c = n->as<MergeCase>();
    flag("matched", c->matched);
    attr("action", c->action == MergeAction::kUpdate   ? "UPDATE"
                   : c->action == MergeAction::kDelete ? "DELETE"
                                                       : "INSERT");
    idents("columns", c->columns);
    child("condition", c->condition);
    list("assignments", c->assignments);
    list("values", c->values);
    break;
  }
  case NodeKind::kPartitionSpec:
    list("values", n->as<PartitionSpec>()->values);
    child("location", n->as<PartitionSpec>()->location);
    break;
  case NodeKind::kRowFormat: {
    const auto* r = n->as<RowFormat>();
    flag("delimited", r->delimited);
    views("clauses", r->clauses);
    child("serde", r->serde);
    list("values", r->clause_values);
    list("escaped_by", r->escaped_by);
    list("serde_properties", r->serde_properties);
    break;
  }
  case NodeKind::kAlterAction: {
    const auto* a = n->as<AlterAction>();
    attr("action", std::to_string(static_cast<int>(a->action)));
    flag("if_exists", a->if_exists);
    flag("if_not_exists", a->if_not_exists);
    qname("name", a->new_name);
    ident("to", a->to_column);
    attr("principal_kind", a->principal_kind);
    ident("principal", a->principal);
    ident("procedure", a->procedure);
    ident("file_format", a->file_format);
    flag("purge", a->purge);
    list("columns", a->columns);
    child("type", a->type);
    list("properties", a->properties);
    list("partitions", a->partitions);
    child("location", a->location);
    list("args", a->args);
    child("where", a->where);
    child("serde", a->serde);
    list("unset_keys", a->unset_keys);
    flag("first", a->first);
    flag("last", a->last);
    ident("after", a->after);
    break;
  }
  case NodeKind::kQueryStatement:
    list("external_functions", n->as<QueryStatement>()->external_functions);
    child("query", n->as<QueryStatement>()->query);
    break;
  case NodeKind::kInsert:
    flag("overwrite", n->as<Insert>()->overwrite);
    flag("if_not_exists", n->as<Insert>()->if_not_exists);
    qname("target", n->as<Insert>()->target);
    list("partition", n->as<Insert>()->partition);
    idents("columns", n->as<Insert>()->columns);
    child("query", n->as<Insert>()->query);
    break;
  case NodeKind::kCreateTableAs: {
    const auto* c = n->as<CreateTableAs>();
    flag("or_replace", c->or_replace);
    flag("if_not_exists", c->if_not_exists);
    qname("name", c->name);
    idents("columns", c->columns);
    attr("with_data", c->with_data == WithData::kWithData     ? "DATA"
                      : c->with_data == WithData::kWithNoData ? "NO DATA"
                                                              : "");
    child("comment", c->comment);
    list("properties", c->properties);
    child("query", c->query);
    break;
  }
  case NodeKind::kCreateTable: {
    const auto* c = n->as<CreateTable>();
    flag("or_replace", c->or_replace);
    flag("external", c->external);
    flag("if_not_exists", c->if_not_exists);
    qname("name", c->name);
    if (!c->like.parts.empty()) qname("like", c->like);
    idents("clustered_by", c->clustered_by);
    attr("buckets", c->buckets);
    ident("stored_as", c->stored_as);
    list("columns", c->columns);
    child("comment", c->comment);
    list("properties", c->properties);
    list("partition_columns", c->partition_columns);
    list("partition_transforms", c->partition_transforms);
    list("sorted_by", c->sorted_by);
    list("row_formats", c->row_formats);
    child("input_format", c->input_format);
    child("output_format", c->output_format);
    child("location", c->location);
    list("tblproperties", c->tblproperties);
    break;
  }
  case NodeKind::kCreateView: {
    const auto* v = n->as<CreateView>();
    flag("or_replace", v->or_replace);
    flag("materialized", v->materialized);
    qname("name", v->name);
    attr("security", v->security);
    child("comment", v->comment);
    child("grace_period", v->grace_period);
    list("properties", v->properties);
    child("query", v->query);
    break;
  }
  case NodeKind::kCreateSchema: {
    const auto* c = n->as<CreateSchema>();
    flag("database", c->database_keyword);
    flag("if_not_exists", c->if_not_exists);
    qname("name", c->name);
    attr("authorization_kind", c->authorization_kind);
    ident("authorization", c->authorization);
    child("comment", c->comment);
    child("location", c->location);
    list("properties", c->properties);
    list("dbproperties", c->dbproperties);
    break;
  }
  case NodeKind::kCreateFunction:
    flag("or_replace", n->as<CreateFunction>()->or_replace);
    child("routine", n->as<CreateFunction>()->routine);
    break;
  case NodeKind::kDrop: {
    const auto* d = n->as<Drop>();
    attr("object", object_kind_sql(d->object));
    flag("if_exists", d->if_exists);
    qname("name", d->name);
    attr("behavior", d->behavior);
    list("params", d->params);
    break;
  }
  case NodeKind::kAlterTable:
    flag("if_exists", n->as<AlterTable>()->if_exists);
    qname("name", n->as<AlterTable>()->name);
    list("partition", n->as<AlterTable>()->partition);
    list("actions", n->as<AlterTable>()->actions);
    break;
  case NodeKind::kAlterSchema:
    flag("database", n->as<AlterSchema>()->database_keyword);
    qname("name", n->as<AlterSchema>()->name);
    child("action", n->as<AlterSchema>()->action);
    break;
  case NodeKind::kAlterView:
    flag("materialized", n->as<AlterView>()->materialized);
    qname("name", n->as<AlterView>()->name);
    child("action", n->as<AlterView>()->action);
    break;
  case NodeKind::kMerge: {
    const auto* m = n->as<Merge>();
    qname("target", m->target);
    ident("alias", m->alias);
    child("source", m->source);
    child("on", m->on);
    list("cases", m->cases);
    break;
  }
  case NodeKind::kUpdate:
    qname("target", n->as<Update>()->target);
    list("assignments", n->as<Update>()->assignments);
    child("where", n->as<Update>()->where);
    break;
  case NodeKind::kDelete:
    qname("target", n->as<Delete>()->target);
    child("where", n->as<Delete>()->where);
    break;
  case NodeKind::kUnload:
    child("query", n->as<Unload>()->query);
    child("location", n->as<Unload>()->location);
    list("properties", n->as<Unload>()->properties);
    break;
  case NodeKind::kExplain: {
    const auto* e = n->as<Explain>();
    flag("analyze", e->analyze);
    flag("verbose", e->verbose);
    views("options", e->option_names);
    idents("values", e->option_values);
    child("statement", e->statement);
    break;
  }
  case NodeKind::kPrepare:
    ident("name", n->as<Prepare>()->name);
    child("statement", n->as<Prepare>()->statement);
    break;
  case NodeKind::kExecute:
    ident("name", n->as<Execute>()->name);
    child("immediate", n->as<Execute>()->immediate);
    list("args", n->as<Execute>()->args);
    break;
  case NodeKind::kDeallocate:
    ident("name", n->as<Deallocate>()->name);
    break;
  case NodeKind::kDescribe: {
    const auto* d = n->as<Describe>();
    attr("keyword", d->keyword);
    attr("modifier", d->modifier);
    qname("name", d->name);
    qname("column", d->column);
    child("partition", d->partition);
    break;
  }
  case NodeKind::kShow: {
    const auto* s = n->as<Show>();
    attr("show", std::to_string(static_cast<int>(s->show)));
    qname("target", s->target);
    qname("in", s->in_name);
    flag("like", s->like_keyword);
    child("pattern", s->pattern);
    child("escape", s->escape);
    child("property", s->property);
    child("partition", s->partition);
    child("query", s->query);
    break;
  }
  case NodeKind::kUse:
    ident("catalog", n->as<Use>()->catalog);
    ident("schema", n->as<Use>()->schema);
    break;
  case NodeKind::kTableMaintenance:
    attr("statement", statement_kind_name(n->as<TableMaintenance>()->stmt));
    qname("name", n->as<TableMaintenance>()->name);
    child("where", n->as<TableMaintenance>()->where);
    list("properties", n->as<TableMaintenance>()->properties);
    break;
  case NodeKind::kGrant: {
    const auto* g = n->as<Grant>();
    static constexpr std::string_view kActions[] = {"GRANT", "REVOKE", "DENY"};
    attr("action", kActions[static_cast<int>(g->action)]);
    flag("roles", g->roles);
    flag("all_privileges", g->all_privileges);
    flag("grant_option", g->grant_option);
    flag("admin_option", g->admin_option);
    idents(g->roles ? "role_names" : "privileges", g->privileges);
    attr("object_kind", g->object_kind);
    qname("object", g->object);
    auto principal = [](const Principal& p) {
      std::string v(p.kind);
      if (!p.name.empty()) v += (v.empty() ? "" : " ") + p.name.sql();
      return v;
    };
    std::string grantees = "(";
    for (size_t i = 0; i < g->grantees.size(); ++i)
      grantees += (i ? "," : "") + principal(g->grantees[i]);
    attr("grantees", grantees + ")");
    attr("granted_by", principal(g->granted_by));
    ident("catalog", g->catalog);
    break;
  }
  case NodeKind::kUtility: {
    const auto* u = n->as<Utility>();
    attr("words", u->words);
    qname("name", u->name);
    views("modes", u->modes);
    child("value", u->value);
    list("args", u->args);
    break;
  }
  }
}

} // namespace

std::string dump_ast(const Node* node, bool with_spans) {
  Dumper d(with_spans);
  d.tree(node);
  return std::move(d.out);
}

uint32_t ast_height(const Node* node) {
  if (node == nullptr) return 0;
  Dumper d(false);
  return d.height(node);
}

} // namespace athena::sql
