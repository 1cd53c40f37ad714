// Statement lineage: what each kind of statement reads and writes, its column lineage, and the
// facts (reads by clause, joins, functions, table edges) collected while resolving it.
#include <algorithm>
#include <map>
#include <tuple>

#include "lineage/analyzer.h"
#include "parser/parser.h"

namespace athena::lineage {

namespace detail {

std::optional<uint32_t> NameIndex::find(std::string_view name) const {
  if (!large_.empty()) {
    auto it = large_.find(name);
    return it == large_.end() ? std::nullopt : std::optional<uint32_t>(it->second);
  }
  for (const auto& [n, id] : small_) {
    if (same_name(n, name)) return id;
  }
  return std::nullopt;
}

void NameIndex::add(std::string_view name, uint32_t id) {
  if (large_.empty() && small_.size() < kLinear) {
    small_.emplace_back(name, id);
    return;
  }
  if (large_.empty()) {
    large_.insert(small_.begin(), small_.end());
    small_.clear();
  }
  large_.emplace(name, id);
}

Analyzer::Analyzer(std::string_view source, const LineageOptions& options,
                   const SchemaCatalog& catalog)
    : source_(source), options_(options), catalog_(catalog) {
  auto lower_view = [&](const std::string& s) -> std::string_view {
    for (char c : s) {
      if (c >= 'A' && c <= 'Z') return keep(to_lower_ascii(s));
    }
    return s;
  };
  default_catalog_ =
      options.default_catalog.empty() ? kDefaultCatalog : lower_view(options.default_catalog);
  default_schema_ = lower_view(options.default_schema);
}

std::string_view Analyzer::keep(std::string s) {
  kept_.push_front(std::move(s));
  return kept_.front();
}

std::string_view Analyzer::ident(const sql::Identifier& id) {
  // The text is the name unless it holds an uppercase letter or (quoted) an escaped quote.
  const std::string_view t = id.text();
  const bool quoted = id.quoted();
  for (char c : t) {
    if ((c >= 'A' && c <= 'Z') || (quoted && (c == '"' || c == '`'))) return keep(id.name());
  }
  return t;
}

QualifiedName Analyzer::qualify(const sql::QualifiedName& name) {
  QualifiedName qn;
  const auto& p = name.parts;
  const size_t n = p.size();
  if (n == 0) return qn;
  qn.table = ident(p[n - 1]);
  qn.schema = n >= 2 ? ident(p[n - 2]) : default_schema_;
  qn.catalog = n >= 3 ? ident(p[n - 3]) : default_catalog_;
  if (qn.catalog.empty()) qn.catalog = std::string(kDefaultCatalog);
  return qn;
}

TableId Analyzer::table_id(std::string_view catalog, std::string_view schema,
                           std::string_view table) {
  // Printed as QualifiedName::str() prints it.
  scratch_.clear();
  if (!catalog.empty() && !schema.empty()) {
    scratch_ += catalog;
    scratch_ += '.';
  }
  if (!schema.empty()) {
    scratch_ += schema;
    scratch_ += '.';
  }
  scratch_ += table;
  if (auto id = table_index_.find(scratch_)) return *id;
  const auto id = static_cast<TableId>(tables_.size());
  TableInfo& info = tables_.emplace_back();
  info.name = keep(scratch_);
  table_index_.add(info.name, id);
  return id;
}

ColId Analyzer::column_id(TableId table, std::string_view column) {
  TableInfo& info = tables_[table];
  if (auto id = info.extra.find(column)) return *id;
  if (info.columns != nullptr) {
    // A known table's columns have ids from its first binding.
    for (const RelColumn& c : *info.columns) {
      if (same_name(c.name, column)) return c.deriv.values.ids()[0];
    }
  }
  const auto id = static_cast<ColId>(columns_.size());
  columns_.push_back(ColumnEntry{table, column});
  info.extra.add(column, id);
  return id;
}

const std::string& Analyzer::column_name(ColId id) {
  if (full_names_.size() < columns_.size()) full_names_.resize(columns_.size());
  std::string& name = full_names_[id];
  if (name.empty()) {
    const ColumnEntry& c = columns_[id];
    const std::string_view table = tables_[c.table].name;
    name.reserve(table.size() + 1 + c.name.size());
    name += table;
    name += '.';
    name += c.name;
  }
  return name;
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
    an_.reserve_column_names(); // the names referenced below stay put
    ColumnLineage c;
    c.target = std::move(target);
    names_.clear();
    for (auto id : d.values.ids())
      names_.push_back(&an_.column_name(id));
    sort_unique(names_);
    c.sources.reserve(names_.size());
    for (const std::string* n : names_)
      c.sources.push_back(*n);
    if (!d.conditions.empty()) {
      cond_names_.clear();
      for (auto id : d.conditions.ids()) {
        const std::string* n = &an_.column_name(id);
        if (!std::binary_search(names_.begin(), names_.end(), n, less_)) cond_names_.push_back(n);
      }
      sort_unique(cond_names_);
      c.conditions.reserve(cond_names_.size());
      for (const std::string* n : cond_names_)
        c.conditions.push_back(*n);
    }
    c.transform = to_transform(d);
    for (auto id : d.values.ids()) {
      if (an_.column(id).name == "*") an_.complete_ = false;
    }
    out_.columns.push_back(std::move(c));
  }

  // Output columns of a query whose targets are their own names (SELECT, UNLOAD).
  void outputs(const RelationShape& shape, std::string_view prefix) {
    for (const auto& c : shape.columns) {
      std::string target;
      target.reserve(prefix.size() + c.name.size());
      target += prefix;
      target += c.name;
      column(std::move(target), c.deriv);
    }
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
    out_.targets = targets;
    std::sort(out_.targets.begin(), out_.targets.end());
    out_.targets.erase(std::unique(out_.targets.begin(), out_.targets.end()), out_.targets.end());
    for (size_t i = 0; i < an_.table_count(); ++i) {
      const auto id = static_cast<detail::TableId>(i);
      if (an_.table_read(id)) out_.sources.emplace_back(an_.table_name(id));
    }
    // Table ids are distinct names: sorting is all it takes.
    std::sort(out_.sources.begin(), out_.sources.end());
    finish_reads();
    finish_joins();
    std::vector<std::string_view> functions = an_.functions_;
    std::sort(functions.begin(), functions.end());
    functions.erase(std::unique(functions.begin(), functions.end()), functions.end());
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
  struct NameLess {
    bool operator()(const std::string* a, const std::string* b) const { return *a < *b; }
  };

  void sort_unique(std::vector<const std::string*>& v) const {
    std::sort(v.begin(), v.end(), less_);
    v.erase(std::unique(v.begin(), v.end(),
                        [](const std::string* a, const std::string* b) { return *a == *b; }),
            v.end());
  }

  // Reads by (column name, clause), distinct. Ids first, as integers, then names.
  void finish_reads() {
    auto& raw = an_.reads_;
    std::sort(raw.begin(), raw.end());
    raw.erase(std::unique(raw.begin(), raw.end()), raw.end());
    an_.reserve_column_names();
    std::vector<std::pair<const std::string*, Clause>> reads;
    reads.reserve(raw.size());
    for (const auto& [id, clause] : raw)
      reads.emplace_back(&an_.column_name(id), clause);
    std::sort(reads.begin(), reads.end(), [](const auto& a, const auto& b) {
      if (int c = a.first->compare(*b.first); c != 0) return c < 0;
      return a.second < b.second;
    });
    out_.reads.reserve(reads.size());
    for (const auto& [name, clause] : reads) {
      if (!out_.reads.empty() && out_.reads.back().clause == clause &&
          out_.reads.back().column == *name) {
        continue;
      }
      out_.reads.push_back(ColumnRead{*name, clause});
    }
  }

  // Join pairs by (left table, right table, type), left < right, with their distinct column
  // pairs sorted.
  void finish_joins() {
    if (an_.joins_.empty()) return;
    struct Row {
      std::string_view left, right, type, left_column, right_column;
      auto key() const { return std::tie(left, right, type, left_column, right_column); }
    };
    std::vector<Row> rows;
    rows.reserve(an_.joins_.size());
    for (const auto& j : an_.joins_) {
      const auto& lc = an_.column(j.left);
      const auto& rc = an_.column(j.right);
      const std::string_view l = an_.table_name(lc.table);
      const std::string_view r = an_.table_name(rc.table);
      if (l < r) {
        rows.push_back(Row{l, r, j.type, lc.name, rc.name});
      } else {
        rows.push_back(Row{r, l, j.type, rc.name, lc.name});
      }
    }
    std::sort(rows.begin(), rows.end(),
              [](const Row& a, const Row& b) { return a.key() < b.key(); });
    rows.erase(std::unique(rows.begin(), rows.end(),
                           [](const Row& a, const Row& b) { return a.key() == b.key(); }),
               rows.end());
    for (const Row& row : rows) {
      if (out_.joins.empty() || out_.joins.back().left != row.left ||
          out_.joins.back().right != row.right || out_.joins.back().join_type != row.type) {
        JoinPair p;
        p.left = row.left;
        p.right = row.right;
        p.join_type = row.type;
        out_.joins.push_back(std::move(p));
      }
      out_.joins.back().columns.emplace_back(row.left_column, row.right_column);
    }
  }

  Analyzer& an_;
  StatementLineage& out_;
  NameLess less_;
  std::vector<const std::string*> names_;      // scratch for column()
  std::vector<const std::string*> cond_names_; // scratch for column()
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
    s.columns.push_back(ColumnInfo{i < names.size() ? names[i] : std::string(shape.columns[i].name),
                                   std::string(shape.columns[i].type)});
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
      names.emplace_back(shape.columns[i].name);
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
      names.emplace_back(c.name);
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
      tb.alias = ident(m->alias);
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
