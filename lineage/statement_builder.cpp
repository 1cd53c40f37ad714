// Turns what the Analyzer collected while resolving a statement into its StatementLineage:
// column lineage in printed names, reads, joins, functions and table edges, sorted.
#include "lineage/statement_builder.h"

#include <algorithm>

namespace athena::lineage::detail {

Transform to_transform(const Deriv& d) {
  // No step recorded: a constant, possibly chosen by conditions (`UPDATE t SET c = 'x' WHERE
  // ...`), or, with value sources, an expression of them.
  if (d.how == Transform::kConstant && !d.values.empty()) return Transform::kExpression;
  return d.how;
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

void StatementBuilder::column(std::string target, const Deriv& d, size_t table_size,
                              Mapped mapped) {
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
void StatementBuilder::outputs(const RelationShape& shape, std::string_view prefix) {
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
void StatementBuilder::positional(const std::string& target,
                                  const std::vector<std::string>& target_columns, bool target_known,
                                  const RelationShape& shape, uint32_t offset, Mapped mapped) {
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
void StatementBuilder::by_name(const std::string& target, const RelationShape& shape) {
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

void StatementBuilder::finish(const std::vector<std::string>& targets) {
  out_.targets = targets;
  std::sort(out_.targets.begin(), out_.targets.end());
  out_.targets.erase(std::unique(out_.targets.begin(), out_.targets.end()), out_.targets.end());
  for (size_t i = 0; i < an_.table_count(); ++i) {
    const auto id = static_cast<TableId>(i);
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
    out_.tables.push_back(an_.table_parts(static_cast<TableId>(i)));
  out_.complete = an_.complete_ && an_.errors_.empty();
}

// Every table read → `target` (self-edges exist at column level only).
void StatementBuilder::edges_into(const std::string& target) {
  for (const auto& s : out_.sources) {
    if (s != target) out_.table_edges.push_back(TableEdge{s, target});
  }
}

// The ids of `set` sorted by printed name, one per name.
void StatementBuilder::sorted_by_name(const ColSet& set, std::pmr::vector<ColId>& out) const {
  const auto ids = set.ids();
  out.assign(ids.begin(), ids.end());
  std::sort(out.begin(), out.end(), less_);
  out.erase(std::unique(out.begin(), out.end(),
                        [&](ColId a, ColId b) { return an_.compare_column_names(a, b) == 0; }),
            out.end());
}

// Reads by (column name, clause), distinct. Ids first, as integers, then names.
void StatementBuilder::finish_reads() {
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
void StatementBuilder::finish_joins() {
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

} // namespace athena::lineage::detail
