// Statement lineage: what each kind of statement reads and writes, its column lineage, and the
// facts (reads by clause, joins, functions, table edges) collected while resolving it.
#include <algorithm>
#include <map>
#include <set>

#include "lineage/analyzer.h"
#include "parser/parser.h"

namespace athena::lineage {

namespace detail {

QualifiedName Analyzer::qualify(const sql::QualifiedName& name) const {
  QualifiedName qn;
  const auto& p = name.parts;
  const size_t n = p.size();
  if (n == 0) return qn;
  qn.table = p[n - 1].name();
  qn.schema = n >= 2 ? p[n - 2].name() : to_lower_ascii(options_.default_schema);
  qn.catalog = n >= 3 ? p[n - 3].name() : to_lower_ascii(options_.default_catalog);
  if (qn.catalog.empty()) qn.catalog = std::string(kDefaultCatalog);
  return qn;
}

TableId Analyzer::table_id(const std::string& printed) {
  auto [it, inserted] = table_ids_.try_emplace(printed, static_cast<TableId>(tables_.size()));
  if (inserted) {
    tables_.push_back(printed);
    table_read_.push_back(false);
    column_ids_.emplace_back();
  }
  return it->second;
}

ColId Analyzer::column_id(TableId table, std::string_view column) {
  auto& ids = column_ids_[table];
  if (auto it = ids.find(column); it != ids.end()) return it->second;
  const auto id = static_cast<ColId>(columns_.size());
  columns_.emplace_back(table, std::string(column));
  ids.emplace(std::string(column), id);
  return id;
}

std::string Analyzer::column_name(ColId id) const {
  const auto& [table, column] = columns_[id];
  return tables_[table] + "." + column;
}

void Analyzer::error(uint32_t offset, std::string message) {
  if (quiet_) return;
  complete_ = false;
  errors_.push_back(LineageError{std::move(message), offset});
}

} // namespace detail

namespace {

using detail::Analyzer;
using detail::Binding;
using detail::Deriv;
using detail::Derivation;
using detail::RelationShape;
using detail::Scope;

Transform to_transform(const Deriv& d) {
  switch (d.how) {
  case Derivation::kNone:
    // Constants, possibly chosen by conditions (`UPDATE t SET c = 'x' WHERE ...`).
    return d.values.empty() ? Transform::kConstant : Transform::kExpression;
  case Derivation::kIdentity:
    return Transform::kIdentity;
  case Derivation::kExpression:
    return Transform::kExpression;
  case Derivation::kAggregation:
    return Transform::kAggregation;
  case Derivation::kWindow:
    return Transform::kWindow;
  }
  return Transform::kExpression;
}

// S3 URIs are printed with a trailing slash (CONTRACT.md); scheme lowercased, key kept as is.
std::string normalize_location(std::string uri) {
  const size_t colon = uri.find("://");
  if (colon != std::string::npos) {
    for (size_t i = 0; i < colon; ++i) {
      if (uri[i] >= 'A' && uri[i] <= 'Z') uri[i] = static_cast<char>(uri[i] - 'A' + 'a');
    }
  }
  if (!uri.empty() && uri.back() != '/') uri += '/';
  return uri;
}

std::string property_string(const sql::List<sql::Property*>& props, std::string_view key) {
  for (const sql::Property* p : props) {
    std::string name =
        p->string_key != nullptr ? to_lower_ascii(p->string_key->value()) : p->name.name();
    if (name != key || p->value == nullptr) continue;
    if (const auto* lit = p->value->dyn<sql::Literal>();
        lit != nullptr && lit->literal == sql::LiteralKind::kString) {
      return lit->value();
    }
  }
  return {};
}

// Builds the StatementLineage from what the analyzer collected.
class Builder {
public:
  Builder(Analyzer& an, StatementLineage& out) : an_(an), out_(out) {}

  void column(std::string target, const Deriv& d) {
    ColumnLineage c;
    c.target = std::move(target);
    std::set<std::string> values;
    std::set<std::string> conditions;
    for (auto id : d.values.ids())
      values.insert(an_.column_name(id));
    for (auto id : d.conditions.ids()) {
      std::string name = an_.column_name(id);
      if (values.count(name) == 0) conditions.insert(std::move(name));
    }
    c.sources.assign(values.begin(), values.end());
    c.conditions.assign(conditions.begin(), conditions.end());
    c.transform = to_transform(d);
    for (auto id : d.values.ids()) {
      if (an_.column(id).second == "*") an_.complete_ = false;
    }
    out_.columns.push_back(std::move(c));
  }

  // Output columns of a query whose targets are their own names (SELECT, UNLOAD).
  void outputs(const RelationShape& shape, const std::string& prefix) {
    for (const auto& c : shape.columns)
      column(prefix + c.name, c.deriv);
    if (shape.has_unknown_star) an_.complete_ = false;
  }

  // Positional mapping of a query's outputs onto a target table's columns.
  void positional(const std::string& target, const std::vector<std::string>& target_columns,
                  bool target_known, const RelationShape& shape, uint32_t offset) {
    if (!target_known || shape.has_unknown_star) {
      Deriv all;
      for (const auto& c : shape.columns)
        all.merge(c.deriv);
      column(target + ".*", all);
      an_.complete_ = false;
      return;
    }
    const size_t n = std::min(target_columns.size(), shape.columns.size());
    if (target_columns.size() != shape.columns.size()) {
      an_.error(offset, "the target has " + std::to_string(target_columns.size()) +
                            " columns but the query produces " +
                            std::to_string(shape.columns.size()));
    }
    for (size_t i = 0; i < n; ++i)
      column(target + "." + target_columns[i], shape.columns[i].deriv);
  }

  void finish(const std::vector<std::string>& targets) {
    std::set<std::string> target_set(targets.begin(), targets.end());
    out_.targets.assign(target_set.begin(), target_set.end());
    std::set<std::string> sources;
    for (size_t i = 0; i < an_.table_read_.size(); ++i) {
      if (an_.table_read_[i]) sources.insert(an_.table_name(static_cast<detail::TableId>(i)));
    }
    out_.sources.assign(sources.begin(), sources.end());
    std::set<ColumnRead> reads;
    for (const auto& [id, clause] : an_.reads_)
      reads.insert(ColumnRead{an_.column_name(id), clause});
    out_.reads.assign(reads.begin(), reads.end());
    std::map<std::tuple<std::string, std::string, std::string>,
             std::set<std::pair<std::string, std::string>>>
        joins;
    for (const auto& j : an_.joins_) {
      const auto& [lt, lc] = an_.column(j.left);
      const auto& [rt, rc] = an_.column(j.right);
      std::string l = an_.table_name(lt);
      std::string r = an_.table_name(rt);
      if (l < r) {
        joins[{l, r, j.type}].insert({lc, rc});
      } else {
        joins[{r, l, j.type}].insert({rc, lc});
      }
    }
    for (auto& [key, cols] : joins) {
      JoinPair p;
      std::tie(p.left, p.right, p.join_type) = key;
      p.columns.assign(cols.begin(), cols.end());
      out_.joins.push_back(std::move(p));
    }
    std::set<std::string> functions(an_.functions_.begin(), an_.functions_.end());
    out_.functions.assign(functions.begin(), functions.end());
    std::sort(out_.table_edges.begin(), out_.table_edges.end());
    out_.table_edges.erase(std::unique(out_.table_edges.begin(), out_.table_edges.end()),
                           out_.table_edges.end());
    out_.errors = an_.errors_;
    out_.complete = an_.complete_ && an_.errors_.empty();
  }

  // Every table read → `target` (self-edges exist at column level only).
  void edges_into(const std::string& target) {
    for (const auto& s : out_.sources) {
      if (s != target) out_.table_edges.push_back(TableEdge{s, target});
    }
  }

private:
  Analyzer& an_;
  StatementLineage& out_;
};

std::vector<std::string> known_columns(const SchemaCatalog& catalog, const QualifiedName& name,
                                       bool* known) {
  std::vector<std::string> cols;
  const TableSchema* schema = catalog.find(name);
  *known = schema != nullptr;
  if (schema != nullptr) {
    for (const auto& c : schema->columns)
      cols.push_back(c.name);
  }
  return cols;
}

TableSchema schema_from_shape(const QualifiedName& name, const RelationShape& shape,
                              const std::vector<std::string>& names, bool is_view) {
  TableSchema s;
  s.name = name;
  s.is_view = is_view;
  for (size_t i = 0; i < shape.columns.size(); ++i) {
    s.columns.push_back(
        ColumnInfo{i < names.size() ? names[i] : shape.columns[i].name, shape.columns[i].type});
  }
  return s;
}

std::string type_text(std::string_view source, const sql::TypeExpr* type) {
  if (type == nullptr || type->span.end > source.size()) return {};
  return to_lower_ascii(source.substr(type->span.begin, type->span.end - type->span.begin));
}

} // namespace

namespace detail {

StatementLineage Analyzer::run(const sql::Statement& statement) {
  StatementLineage out;
  Builder build(*this, out);
  std::vector<std::string> targets;
  using K = sql::NodeKind;
  switch (statement.kind) {
  case K::kQueryStatement: {
    out.kind = StatementKind::kSelect;
    const auto* q = statement.as<sql::QueryStatement>();
    if (q->query != nullptr) build.outputs(analyze_query(*q->query, nullptr, nullptr), "");
    break;
  }
  case K::kInsert: {
    out.kind = StatementKind::kInsert;
    const auto* ins = statement.as<sql::Insert>();
    const QualifiedName tq = qualify(ins->target);
    const std::string target = tq.str();
    targets.push_back(target);
    RelationShape shape =
        ins->query != nullptr ? analyze_query(*ins->query, nullptr, nullptr) : RelationShape{};
    bool known = false;
    std::vector<std::string> cols;
    if (!ins->columns.empty()) {
      for (const auto& id : ins->columns)
        cols.push_back(id.name());
      known = true;
    } else {
      cols = known_columns(catalog(), tq, &known);
    }
    build.positional(target, cols, known, shape, statement.span.begin);
    build.finish(targets);
    build.edges_into(target);
    return out;
  }
  case K::kCreateTableAs: {
    out.kind = StatementKind::kCtas;
    const auto* c = statement.as<sql::CreateTableAs>();
    const QualifiedName tq = qualify(c->name);
    const std::string target = tq.str();
    targets.push_back(target);
    RelationShape shape =
        c->query != nullptr ? analyze_query(*c->query, nullptr, nullptr) : RelationShape{};
    std::vector<std::string> names;
    for (const auto& id : c->columns)
      names.push_back(id.name());
    for (size_t i = names.size(); i < shape.columns.size(); ++i)
      names.push_back(shape.columns[i].name);
    build.positional(target, names, true, shape, statement.span.begin);
    if (!shape.has_unknown_star) out.defines = schema_from_shape(tq, shape, names, false);
    std::string location = property_string(c->properties, "external_location");
    if (location.empty()) location = property_string(c->properties, "location");
    build.finish(targets);
    build.edges_into(target);
    if (!location.empty()) {
      location = normalize_location(location);
      out.table_edges.push_back(TableEdge{target, location});
    }
    return out;
  }
  case K::kCreateView: {
    out.kind = StatementKind::kCreateView;
    const auto* v = statement.as<sql::CreateView>();
    const QualifiedName tq = qualify(v->name);
    const std::string target = tq.str();
    targets.push_back(target);
    RelationShape shape =
        v->query != nullptr ? analyze_query(*v->query, nullptr, nullptr) : RelationShape{};
    std::vector<std::string> names;
    for (const auto& c : shape.columns)
      names.push_back(c.name);
    build.positional(target, names, true, shape, statement.span.begin);
    if (!shape.has_unknown_star) out.defines = schema_from_shape(tq, shape, names, true);
    build.finish(targets);
    build.edges_into(target);
    return out;
  }
  case K::kCreateTable: {
    out.kind = StatementKind::kCreateTable;
    const auto* c = statement.as<sql::CreateTable>();
    const QualifiedName tq = qualify(c->name);
    const std::string target = tq.str();
    targets.push_back(target);
    TableSchema schema;
    schema.name = tq;
    for (const sql::ColumnDef* col : c->columns) {
      if (col->like || col->name.parts.empty()) continue;
      schema.columns.push_back(ColumnInfo{col->name.parts[col->name.parts.size() - 1].name(),
                                          type_text(source(), col->type)});
    }
    for (const sql::ColumnDef* col : c->partition_columns) {
      if (col->name.parts.empty()) continue;
      schema.columns.push_back(ColumnInfo{col->name.parts[col->name.parts.size() - 1].name(),
                                          type_text(source(), col->type)});
    }
    if (c->has_columns) out.defines = std::move(schema);
    build.finish(targets);
    if (const sql::Literal* loc = c->effective_location()) {
      out.table_edges.push_back(TableEdge{normalize_location(loc->value()), target});
    }
    return out;
  }
  case K::kMerge: {
    out.kind = StatementKind::kMerge;
    const auto* m = statement.as<sql::Merge>();
    const QualifiedName tq = qualify(m->target);
    const std::string target = tq.str();
    targets.push_back(target);
    Scope scope;
    bool is_cte = false;
    Binding tb = bind_table(m->target, nullptr, &is_cte);
    if (!m->alias.empty()) {
      tb.alias = m->alias.name();
      tb.aliased = true;
    }
    scope.bindings.push_back(std::move(tb));
    if (m->source != nullptr) bind_relation(*m->source, scope, nullptr, nullptr);
    ExprContext ctx;
    ctx.clause = Clause::kJoin;
    ctx.join_type = "merge";
    Deriv on = analyze_expr(m->on, scope, ctx);
    ctx.join_type = {};
    std::vector<std::pair<std::string, Deriv>> sets;
    auto set_column = [&](const std::string& col, Deriv d) {
      for (auto& [name, existing] : sets) {
        if (name == col) {
          existing.merge(d);
          return;
        }
      }
      sets.emplace_back(col, std::move(d));
    };
    bool known = false;
    const std::vector<std::string> schema_cols = known_columns(catalog(), tq, &known);
    for (const sql::MergeCase* mc : m->cases) {
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
          set_column(a->target.name(), std::move(v));
        }
      } else if (mc->action == sql::MergeAction::kInsert) {
        std::vector<std::string> cols;
        for (const auto& id : mc->columns)
          cols.push_back(id.name());
        if (cols.empty()) cols = schema_cols;
        if (cols.empty() && !mc->values.empty()) {
          error(mc->span.begin,
                "INSERT without a column list into '" + target + "', whose columns are unknown");
        }
        for (size_t i = 0; i < mc->values.size() && i < cols.size(); ++i) {
          Deriv v = analyze_expr(mc->values[i], scope, ctx);
          v.merge_as_condition(on);
          v.merge_as_condition(cond);
          set_column(cols[i], std::move(v));
        }
      }
    }
    for (const auto& [col, d] : sets)
      build.column(target + "." + col, d);
    build.finish(targets);
    build.edges_into(target);
    return out;
  }
  case K::kUpdate: {
    out.kind = StatementKind::kUpdate;
    const auto* u = statement.as<sql::Update>();
    const std::string target = qualify(u->target).str();
    targets.push_back(target);
    Scope scope;
    bool is_cte = false;
    scope.bindings.push_back(bind_table(u->target, nullptr, &is_cte));
    ExprContext ctx;
    ctx.clause = Clause::kWhere;
    Deriv where = analyze_expr(u->where, scope, ctx);
    ctx.clause = Clause::kSelect;
    for (const sql::Assignment* a : u->assignments) {
      Deriv v = analyze_expr(a->value, scope, ctx);
      v.merge_as_condition(where);
      build.column(target + "." + a->target.name(), v);
    }
    build.finish(targets);
    build.edges_into(target);
    return out;
  }
  case K::kDelete: {
    out.kind = StatementKind::kDelete;
    const auto* d = statement.as<sql::Delete>();
    targets.push_back(qualify(d->target).str());
    Scope scope;
    bool is_cte = false;
    scope.bindings.push_back(bind_table(d->target, nullptr, &is_cte));
    ExprContext ctx;
    ctx.clause = Clause::kWhere;
    analyze_expr(d->where, scope, ctx);
    break;
  }
  case K::kUnload: {
    out.kind = StatementKind::kUnload;
    const auto* u = statement.as<sql::Unload>();
    std::string location = u->location != nullptr ? normalize_location(u->location->value()) : "";
    if (!location.empty()) targets.push_back(location);
    if (u->query != nullptr) build.outputs(analyze_query(*u->query, nullptr, nullptr), "");
    build.finish(targets);
    if (!location.empty()) build.edges_into(location);
    return out;
  }
  case K::kDrop: {
    out.kind = StatementKind::kDdl;
    const auto* d = statement.as<sql::Drop>();
    if (d->object == sql::ObjectKind::kTable || d->object == sql::ObjectKind::kView ||
        d->object == sql::ObjectKind::kMaterializedView) {
      out.drops = qualify(d->name);
      targets.push_back(out.drops->str());
    }
    break;
  }
  case K::kAlterTable: {
    out.kind = StatementKind::kDdl;
    const auto* a = statement.as<sql::AlterTable>();
    const QualifiedName tq = qualify(a->name);
    targets.push_back(tq.str());
    const TableSchema* existing = catalog().find(tq);
    std::optional<TableSchema> schema;
    if (existing != nullptr) schema = *existing;
    for (const sql::AlterAction* act : a->actions) {
      switch (act->action) {
      case sql::AlterKind::kRenameTo: {
        QualifiedName to = qualify(act->new_name);
        if (act->new_name.parts.size() == 1) {
          to.schema = tq.schema;
          to.catalog = tq.catalog;
        }
        out.drops = tq;
        if (schema) {
          schema->name = to;
          out.defines = schema;
        }
        targets.push_back(to.str());
        break;
      }
      case sql::AlterKind::kAddColumns:
      case sql::AlterKind::kAddColumn:
      case sql::AlterKind::kReplaceColumns:
        if (schema) {
          if (act->action == sql::AlterKind::kReplaceColumns) schema->columns.clear();
          for (const sql::ColumnDef* col : act->columns) {
            if (col->name.parts.empty()) continue;
            schema->columns.push_back(ColumnInfo{col->name.parts[col->name.parts.size() - 1].name(),
                                                 type_text(source(), col->type)});
          }
          out.defines = schema;
        }
        break;
      default:
        break;
      }
    }
    break;
  }
  case K::kExplain:
  case K::kPrepare:
  case K::kDeallocate:
  case K::kDescribe:
  case K::kShow:
  case K::kUse:
  case K::kUtility:
    out.kind = StatementKind::kUtility;
    break;
  case K::kExecute:
    out.kind = StatementKind::kOther;
    break;
  case K::kTableMaintenance: {
    out.kind = StatementKind::kDdl;
    targets.push_back(qualify(statement.as<sql::TableMaintenance>()->name).str());
    break;
  }
  default:
    out.kind = StatementKind::kDdl;
    break;
  }
  build.finish(targets);
  return out;
}

} // namespace detail

StatementLineage analyze_statement(const sql::Statement& statement, std::string_view source,
                                   const LineageOptions& options, const SchemaCatalog& catalog) {
  detail::Analyzer analyzer(source, options, catalog);
  return analyzer.run(statement);
}

StatementKind contract_kind(sql::StatementKind kind) {
  using S = sql::StatementKind;
  switch (kind) {
  case S::kQuery:
    return StatementKind::kSelect;
  case S::kInsert:
    return StatementKind::kInsert;
  case S::kCreateTableAsSelect:
    return StatementKind::kCtas;
  case S::kCreateView:
  case S::kCreateMaterializedView:
    return StatementKind::kCreateView;
  case S::kMerge:
    return StatementKind::kMerge;
  case S::kUpdate:
    return StatementKind::kUpdate;
  case S::kDelete:
    return StatementKind::kDelete;
  case S::kUnload:
    return StatementKind::kUnload;
  case S::kCreateTable:
  case S::kCreateExternalTable:
    return StatementKind::kCreateTable;
  case S::kExplain:
  case S::kPrepare:
  case S::kDeallocate:
  case S::kDescribe:
  case S::kShow:
  case S::kUse:
  case S::kTransaction:
  case S::kSession:
    return StatementKind::kUtility;
  case S::kExecute:
  case S::kCall:
  case S::kOther:
    return StatementKind::kOther;
  default:
    return StatementKind::kDdl;
  }
}

void apply_schema_facts(const StatementLineage& lineage, SchemaCatalog& catalog) {
  if (lineage.drops) catalog.erase(*lineage.drops);
  if (lineage.defines) catalog.put(*lineage.defines);
}

StatementLineage LineageSession::analyze(const sql::Statement& statement, std::string_view source,
                                         const LineageOptions& options) {
  if (const auto* prep = statement.dyn<sql::Prepare>()) {
    if (prep->statement != nullptr && prep->statement->span.end <= source.size()) {
      const sql::Span s = prep->statement->span;
      prepared_[prep->name.name()] = std::string(source.substr(s.begin, s.end - s.begin));
    }
  } else if (const auto* exec = statement.dyn<sql::Execute>()) {
    auto it = exec->immediate == nullptr ? prepared_.find(exec->name.name()) : prepared_.end();
    if (it != prepared_.end()) {
      // The prepared text is parsed again: its tree lived in another parse result.
      const std::string text = it->second;
      sql::ParseResult parsed = sql::parse(text);
      if (parsed.statements().size() == 1 && parsed.statements()[0].ok()) {
        StatementLineage inner =
            analyze_statement(*parsed.statements()[0].ast, text, options, catalog_);
        inner.errors.clear(); // offsets point into the prepared text, not this statement
        apply_schema_facts(inner, catalog_);
        return inner;
      }
    }
  } else if (const auto* dealloc = statement.dyn<sql::Deallocate>()) {
    prepared_.erase(dealloc->name.name());
  }
  StatementLineage result = analyze_statement(statement, source, options, catalog_);
  apply_schema_facts(result, catalog_);
  return result;
}

} // namespace athena::lineage
