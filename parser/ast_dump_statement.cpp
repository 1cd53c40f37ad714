// The AST dump of queries, relations, routines and statements.
#include <string>

#include "parser/ast_dump_impl.h"

namespace athena::sql::detail {

void Dumper::describe_statement(const Node* n) {
  switch (n->kind) {
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
  default:
    break;
  }
}

} // namespace athena::sql::detail
