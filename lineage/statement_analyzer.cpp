// Statement lineage: what each kind of statement reads and writes, its column lineage, and the
// facts (reads by clause, joins, functions, table edges) collected while resolving it.
#include <algorithm>
#include <cstring>
#include <map>

#include "lineage/analyzer.h"
#include "parser/parser.h"

namespace athena::lineage {

namespace {

using detail::Analyzer;
using detail::Binding;
using detail::ColId;
using detail::Deriv;
using detail::Derivation;
using detail::RelationShape;
using detail::Scope;
using detail::TableId;

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

  void column(std::string target, const Deriv& d, size_t table_size = 0,
              Mapped mapped = Mapped::kNone) {
    an_.rank_tables();
    ColumnLineage c;
    c.target = std::move(target);
    c.table_size = static_cast<uint32_t>(table_size);
    c.mapped = mapped;
    c.unresolved = d.unresolved;
    if (d.unresolved) an_.complete_ = false;
    sorted_by_name(d.values, names_);
    c.sources.reserve(names_.size());
    for (ColId id : names_)
      c.sources.push_back(an_.column_name(id));
    if (!d.conditions.empty()) {
      sorted_by_name(d.conditions, cond_names_);
      for (ColId id : cond_names_) {
        if (!std::binary_search(names_.begin(), names_.end(), id, less_)) {
          c.conditions.push_back(an_.column_name(id));
        }
      }
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

  // A query's outputs onto a target table's columns: by position when the target's columns
  // are known (`mapped` says so when no column list gave them), else by the outputs' names.
  void positional(const std::string& target, const std::vector<std::string>& target_columns,
                  bool target_known, const RelationShape& shape, uint32_t offset,
                  Mapped mapped = Mapped::kNone) {
    if (!target_known) {
      by_name(target, shape);
      return;
    }
    if (shape.has_unknown_star) {
      Deriv all;
      for (const auto& c : shape.columns)
        all.merge(c.deriv);
      column(target + ".*", all, target.size());
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
      column(target + "." + target_columns[i], shape.columns[i].deriv, target.size(), mapped);
  }

  // The target's columns are unknown: each named output goes to the target column of its
  // name. Outputs without a name of their own (`_col0`, an unexpanded star) go to `target.*`:
  // a target column is never invented.
  void by_name(const std::string& target, const RelationShape& shape) {
    Deriv rest;
    bool any_rest = false;
    for (size_t i = 0; i < shape.columns.size(); ++i) {
      const auto& c = shape.columns[i];
      if (c.name.empty() || c.name == "*" || c.name == "_col" + std::to_string(i)) {
        rest.merge(c.deriv);
        any_rest = true;
        continue;
      }
      column(target + "." + std::string(c.name), c.deriv, target.size(), Mapped::kName);
    }
    if (any_rest || shape.has_unknown_star) {
      rest.merge(shape.star_deriv);
      column(target + ".*", rest, target.size());
      an_.complete_ = false;
    }
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
    std::vector<std::string_view> functions(an_.functions_.begin(), an_.functions_.end());
    std::sort(functions.begin(), functions.end());
    functions.erase(std::unique(functions.begin(), functions.end()), functions.end());
    out_.functions.assign(functions.begin(), functions.end());
    std::sort(out_.table_edges.begin(), out_.table_edges.end());
    out_.table_edges.erase(std::unique(out_.table_edges.begin(), out_.table_edges.end()),
                           out_.table_edges.end());
    out_.errors = an_.errors_;
    out_.tables.reserve(out_.tables.size() + an_.table_count());
    for (size_t i = 0; i < an_.table_count(); ++i)
      out_.tables.push_back(an_.table_parts(static_cast<detail::TableId>(i)));
    out_.complete = an_.complete_ && an_.errors_.empty();
  }

  // Every table read → `target` (self-edges exist at column level only).
  void edges_into(const std::string& target) {
    for (const auto& s : out_.sources) {
      if (s != target) out_.table_edges.push_back(TableEdge{s, target});
    }
  }

private:
  // Orders column ids by their printed names.
  struct NameLess {
    const Analyzer* an;
    bool operator()(ColId a, ColId b) const { return an->compare_column_names(a, b) < 0; }
  };

  // The ids of `set` sorted by printed name, one per name.
  void sorted_by_name(const detail::ColSet& set, std::pmr::vector<ColId>& out) const {
    const auto ids = set.ids();
    out.assign(ids.begin(), ids.end());
    std::sort(out.begin(), out.end(), less_);
    out.erase(std::unique(out.begin(), out.end(),
                          [&](ColId a, ColId b) { return an_.compare_column_names(a, b) == 0; }),
              out.end());
  }

  // Reads by (column name, clause), distinct. Ids first, as integers, then names.
  void finish_reads() {
    const auto& raw = an_.reads_;
    if (raw.empty()) return;
    an_.rank_tables();
    // The distinct ids, ordered by name, give each name a position; every read becomes the
    // integer key (position, clause), so one integer sort orders and deduplicates them all.
    names_.clear();
    for (const auto& read : raw)
      names_.push_back(read.first);
    std::sort(names_.begin(), names_.end());
    names_.erase(std::unique(names_.begin(), names_.end()), names_.end());
    std::sort(names_.begin(), names_.end(), less_);
    position_.resize(an_.column_count());
    uint32_t position = 0;
    for (size_t i = 0; i < names_.size(); ++i) {
      // Distinct ids have distinct names; equal ones would share a position.
      if (i > 0 && an_.compare_column_names(names_[i - 1], names_[i]) != 0) ++position;
      position_[names_[i]] = position;
    }
    constexpr uint64_t kClauseBits = 8;
    std::pmr::vector<uint64_t> keys(an_.arena());
    keys.reserve(raw.size());
    for (const auto& [id, clause] : raw)
      keys.push_back(uint64_t{position_[id]} << kClauseBits | static_cast<uint64_t>(clause));
    std::sort(keys.begin(), keys.end());
    keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
    // Position -> an id of that name (names_ holds the ids in position order).
    out_.reads.reserve(keys.size());
    size_t at = 0;
    for (uint64_t key : keys) {
      const auto pos = static_cast<uint32_t>(key >> kClauseBits);
      while (position_[names_[at]] != pos)
        ++at;
      out_.reads.push_back(ColumnRead{an_.column_name(names_[at]),
                                      static_cast<Clause>(key & ((1U << kClauseBits) - 1))});
    }
  }

  // Join pairs by (left table, right table, type), left < right, with their distinct column
  // pairs sorted.
  void finish_joins() {
    if (an_.joins_.empty()) return;
    an_.rank_tables();
    // Ordered as (left table, right table, type, left column, right column) by name; tables
    // and columns compare by rank (see rank_tables()), never by building strings.
    struct Row {
      TableId left, right;
      std::string_view type;
      ColId left_column, right_column;
    };
    std::pmr::vector<Row> rows(an_.arena());
    rows.reserve(an_.joins_.size());
    for (const auto& j : an_.joins_) {
      const TableId l = an_.column(j.left).table;
      const TableId r = an_.column(j.right).table;
      if (an_.table_rank(l) < an_.table_rank(r)) {
        rows.push_back(Row{l, r, j.type, j.left, j.right});
      } else {
        rows.push_back(Row{r, l, j.type, j.right, j.left});
      }
    }
    auto compare = [&](const Row& a, const Row& b) {
      if (a.left != b.left) return an_.table_rank(a.left) < an_.table_rank(b.left) ? -1 : 1;
      if (a.right != b.right) return an_.table_rank(a.right) < an_.table_rank(b.right) ? -1 : 1;
      if (int c = a.type.compare(b.type); c != 0) return c;
      // Columns of the same table: their names decide.
      if (int c = an_.compare_column_names(a.left_column, b.left_column); c != 0) return c;
      return an_.compare_column_names(a.right_column, b.right_column);
    };
    std::sort(rows.begin(), rows.end(),
              [&](const Row& a, const Row& b) { return compare(a, b) < 0; });
    rows.erase(std::unique(rows.begin(), rows.end(),
                           [&](const Row& a, const Row& b) { return compare(a, b) == 0; }),
               rows.end());
    const Row* group = nullptr;
    for (const Row& row : rows) {
      if (group == nullptr || group->left != row.left || group->right != row.right ||
          group->type != row.type) {
        JoinPair p;
        p.left = an_.table_name(row.left);
        p.right = an_.table_name(row.right);
        p.join_type = row.type;
        out_.joins.push_back(std::move(p));
        group = &row;
      }
      out_.joins.back().columns.emplace_back(an_.column(row.left_column).name,
                                             an_.column(row.right_column).name);
    }
  }

  Analyzer& an_;
  StatementLineage& out_;
  NameLess less_{&an_};
  std::pmr::vector<ColId> names_{an_.arena()};       // scratch for column()
  std::pmr::vector<ColId> cond_names_{an_.arena()};  // scratch for column()
  std::pmr::vector<uint32_t> position_{an_.arena()}; // ColId -> position, for finish_reads()
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
    out.tables.push_back(tq);
    RelationShape shape =
        ins->query != nullptr ? analyze_query(*ins->query, nullptr, nullptr) : RelationShape{};
    bool known = false;
    std::vector<std::string> cols;
    std::vector<std::string> not_in_target;
    if (!ins->columns.empty()) {
      bool target_known = false;
      const std::vector<std::string> existing = known_columns(catalog(), tq, &target_known);
      for (const auto& id : ins->columns) {
        cols.push_back(id.name());
        // A listed column the known target lacks is reported, never mapped (Athena rejects it).
        if (target_known && std::find(existing.begin(), existing.end(),
                                      to_lower_ascii(cols.back())) == existing.end()) {
          error(id.span.begin, "column '" + cols.back() + "' is not a column of " + target);
          not_in_target.push_back(target + "." + cols.back());
        }
      }
      known = true;
    } else {
      cols = known_columns(catalog(), tq, &known);
    }
    // Hive's `PARTITION (k = v)`: k takes the value and is not among the query's columns.
    Scope no_scope;
    ExprContext pctx;
    for (const sql::Assignment* p : ins->partition) {
      if (p->value == nullptr) continue;
      const std::string k = p->target.name();
      cols.erase(std::remove(cols.begin(), cols.end(), k), cols.end());
      build.column(target + "." + k, analyze_expr(p->value, no_scope, pctx), target.size());
    }
    build.positional(target, cols, known, shape, statement.span.begin,
                     ins->columns.empty() ? Mapped::kPosition : Mapped::kNone);
    std::erase_if(out.columns, [&](const ColumnLineage& c) {
      return std::find(not_in_target.begin(), not_in_target.end(), c.target) != not_in_target.end();
    });
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
    out.tables.push_back(tq);
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
      out.locations.push_back(location);
    }
    return out;
  }
  case K::kCreateView: {
    out.kind = StatementKind::kCreateView;
    const auto* v = statement.as<sql::CreateView>();
    const QualifiedName tq = qualify(v->name);
    const std::string target = tq.str();
    targets.push_back(target);
    out.tables.push_back(tq);
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
    out.tables.push_back(tq);
    TableSchema schema;
    schema.name = tq;
    bool like_unknown = false;
    for (const sql::ColumnDef* col : c->columns) {
      if (col->like) {
        // `(LIKE s)`: s's columns, in place; only the schema is copied, no data is read.
        if (const TableSchema* like = catalog().find(qualify(col->name))) {
          schema.columns.insert(schema.columns.end(), like->columns.begin(), like->columns.end());
        } else {
          like_unknown = true;
        }
        continue;
      }
      if (col->name.parts.empty()) continue;
      schema.columns.push_back(ColumnInfo{col->name.parts[col->name.parts.size() - 1].name(),
                                          type_text(source(), col->type)});
    }
    if (!c->like.parts.empty()) {
      // Hive `LIKE s`: s's columns (partition columns included); a schema-only edge s → t.
      const QualifiedName like = qualify(c->like);
      out.tables.push_back(like);
      out.schema_edges.push_back(TableEdge{like.str(), target});
      if (const TableSchema* s = catalog().find(like)) {
        schema.columns.insert(schema.columns.end(), s->columns.begin(), s->columns.end());
      } else {
        like_unknown = true;
      }
    }
    for (const sql::ColumnDef* col : c->partition_columns) {
      if (col->name.parts.empty()) continue;
      schema.columns.push_back(ColumnInfo{col->name.parts[col->name.parts.size() - 1].name(),
                                          type_text(source(), col->type)});
    }
    if ((c->has_columns || !c->like.parts.empty()) && !like_unknown) {
      out.defines = std::move(schema);
    }
    build.finish(targets);
    if (const sql::Literal* loc = c->effective_location()) {
      out.locations.push_back(normalize_location(loc->value()));
      out.table_edges.push_back(TableEdge{out.locations.back(), target});
    }
    return out;
  }
  case K::kMerge: {
    out.kind = StatementKind::kMerge;
    const auto* m = statement.as<sql::Merge>();
    const QualifiedName tq = qualify(m->target);
    const std::string target = tq.str();
    targets.push_back(target);
    out.tables.push_back(tq);
    Scope scope;
    bool is_cte = false;
    Binding tb = bind_table(m->target, nullptr, &is_cte);
    mark_read(tb.table_id); // its rows are read to match them (ON)
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
    struct Set {
      std::string column;
      Deriv deriv;
      Mapped mapped;
    };
    std::vector<Set> sets;
    auto set_column = [&](const std::string& col, Deriv d, Mapped mapped) {
      for (auto& set : sets) {
        if (set.column == col) {
          set.deriv.merge(d);
          return;
        }
      }
      sets.push_back(Set{col, std::move(d), mapped});
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
          set_column(a->target.name(), std::move(v), Mapped::kNone);
        }
      } else if (mc->action == sql::MergeAction::kInsert) {
        std::vector<std::string> cols;
        for (const auto& id : mc->columns)
          cols.push_back(id.name());
        Mapped mapped = Mapped::kNone;
        if (cols.empty()) {
          cols = schema_cols;
          mapped = Mapped::kPosition;
        }
        if (cols.empty()) {
          // The target's columns are unknown: a value that is a column names its target.
          mapped = Mapped::kName;
          for (const sql::Expr* e : mc->values) {
            const auto* ref = e->dyn<sql::NameRef>();
            if (ref == nullptr || ref->parts().empty()) {
              cols.clear();
              break;
            }
            cols.emplace_back(ident(ref->parts()[ref->parts().size() - 1]));
          }
        }
        if (cols.empty() && !mc->values.empty()) {
          error(mc->span.begin,
                "INSERT without a column list into '" + target + "', whose columns are unknown");
        }
        for (size_t i = 0; i < mc->values.size() && i < cols.size(); ++i) {
          Deriv v = analyze_expr(mc->values[i], scope, ctx);
          v.merge_as_condition(on);
          v.merge_as_condition(cond);
          set_column(cols[i], std::move(v), mapped);
        }
      }
    }
    for (const auto& set : sets)
      build.column(target + "." + set.column, set.deriv, target.size(), set.mapped);
    build.finish(targets);
    build.edges_into(target);
    return out;
  }
  case K::kUpdate: {
    out.kind = StatementKind::kUpdate;
    const auto* u = statement.as<sql::Update>();
    const QualifiedName tq = qualify(u->target);
    const std::string target = tq.str();
    targets.push_back(target);
    out.tables.push_back(tq);
    Scope scope;
    bool is_cte = false;
    scope.bindings.push_back(bind_table(u->target, nullptr, &is_cte));
    mark_read(scope.bindings.back().table_id); // its rows are read to rewrite them
    ExprContext ctx;
    // WHERE decides which rows change, not any column's value: a read, not a source.
    ctx.clause = Clause::kWhere;
    analyze_expr(u->where, scope, ctx);
    ctx.clause = Clause::kSelect;
    for (const sql::Assignment* a : u->assignments) {
      Deriv v = analyze_expr(a->value, scope, ctx);
      build.column(target + "." + a->target.name(), v, target.size());
    }
    build.finish(targets);
    build.edges_into(target);
    return out;
  }
  case K::kDelete: {
    out.kind = StatementKind::kDelete;
    const auto* d = statement.as<sql::Delete>();
    out.tables.push_back(qualify(d->target));
    targets.push_back(out.tables.back().str());
    Scope scope;
    bool is_cte = false;
    scope.bindings.push_back(bind_table(d->target, nullptr, &is_cte));
    // Its rows are read to decide which to delete (WHERE); a bare DELETE reads nothing.
    if (d->where != nullptr) mark_read(scope.bindings.back().table_id);
    ExprContext ctx;
    ctx.clause = Clause::kWhere;
    analyze_expr(d->where, scope, ctx);
    break;
  }
  case K::kUnload: {
    out.kind = StatementKind::kUnload;
    const auto* u = statement.as<sql::Unload>();
    std::string location = u->location != nullptr ? normalize_location(u->location->value()) : "";
    if (!location.empty()) {
      targets.push_back(location);
      out.locations.push_back(location);
    }
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
      out.tables.push_back(*out.drops);
    }
    break;
  }
  case K::kAlterTable: {
    out.kind = StatementKind::kDdl;
    const auto* a = statement.as<sql::AlterTable>();
    const QualifiedName tq = qualify(a->name);
    targets.push_back(tq.str());
    out.tables.push_back(tq);
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
        out.tables.push_back(to);
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
    out.tables.push_back(qualify(statement.as<sql::TableMaintenance>()->name));
    targets.push_back(out.tables.back().str());
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
