// The analyzer's names and ids: identifiers as Athena compares them, qualified table names,
// table and column ids, the name ranks that order the output without building strings, and
// the errors collected while resolving.
#include <algorithm>
#include <cstring>

#include "lineage/analyzer.h"

namespace athena::lineage::detail {

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

std::string_view Analyzer::keep(std::string_view s) {
  if (s.empty()) return {};
  auto* p = static_cast<char*>(arena_.allocate(s.size(), 1));
  std::memcpy(p, s.data(), s.size());
  return {p, s.size()};
}

namespace {

constexpr uint64_t kOnes = 0x0101010101010101ULL;
constexpr uint64_t kHighs = 0x8080808080808080ULL;

// Whether any byte of `x` is an ASCII uppercase letter. Bytes are taken 7 bits at a time so
// that no addition carries into the next byte; bytes >= 0x80 never count.
bool has_upper(uint64_t x) {
  const uint64_t low = x & ~kHighs;
  const uint64_t from_a = low + kOnes * (0x80 - 'A');     // high bit: byte >= 'A'
  const uint64_t past_z = low + kOnes * (0x80 - 'Z' - 1); // high bit: byte > 'Z'
  return (from_a & ~past_z & ~x & kHighs) != 0;
}

// Whether any byte of `x` equals `c` (exact: the classic zero-byte test).
bool has_byte(uint64_t x, unsigned char c) {
  const uint64_t v = x ^ (kOnes * c);
  return ((v - kOnes) & ~v & kHighs) != 0;
}

} // namespace

std::string_view Analyzer::ident(const sql::Identifier& id) {
  // The text is the name unless it holds an uppercase letter or (quoted) an escaped quote.
  // Eight bytes at a time: this runs for every name of every statement.
  const std::string_view t = id.text();
  const bool quoted = id.quoted();
  auto needs_copy = [quoted](const char* p) {
    uint64_t x = 0;
    std::memcpy(&x, p, sizeof x);
    return has_upper(x) || (quoted && (has_byte(x, '"') || has_byte(x, '`')));
  };
  const size_t n = t.size();
  if (n >= 8) {
    for (size_t i = 0; i + 8 <= n; i += 8) {
      if (needs_copy(t.data() + i)) return keep(id.name());
    }
    // The last eight bytes, overlapping the words already seen.
    if (n % 8 != 0 && needs_copy(t.data() + n - 8)) return keep(id.name());
    return t;
  }
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
  append_table_name(scratch_, catalog, schema, table);
  if (auto id = table_index_.find(scratch_)) return *id;
  const auto id = static_cast<TableId>(tables_.size());
  TableInfo& info = tables_.emplace_back();
  info.name = keep(scratch_);
  info.table = info.name.substr(info.name.size() - table.size());
  info.schema =
      schema.empty()
          ? std::string_view()
          : info.name.substr(info.name.size() - table.size() - 1 - schema.size(), schema.size());
  info.catalog = schema.empty() ? keep(catalog) : info.name.substr(0, catalog.size());
  table_index_.add(info.name, id);
  return id;
}

ColId Analyzer::column_id(TableId table, std::string_view column) {
  TableInfo& info = tables_[table];
  if (auto id = info.extra.find(column)) return *id;
  if (info.columns != nullptr) {
    // A known table's columns have ids from its first binding.
    const uint32_t i = info.columns->find(column, name_hash(column));
    if (i != TableColumns::kNotFound)
      return info.base + info.columns->columns()[i].deriv.values.ids()[0];
  }
  const auto id = static_cast<ColId>(columns_.size());
  columns_.push_back(ColumnEntry{table, column, kNoRank});
  info.extra.add(column, id);
  return id;
}

namespace {

// Compares `a1.a2` with `b1.b2` as strings compare, without building them. Only reached when
// one table name is a proper prefix of the other (rare): character by character.
int compare_joined_slow(std::string_view a1, std::string_view a2, std::string_view b1,
                        std::string_view b2) {
  auto at = [](std::string_view x1, std::string_view x2, size_t i) -> unsigned char {
    if (i < x1.size()) return static_cast<unsigned char>(x1[i]);
    if (i == x1.size()) return '.';
    return static_cast<unsigned char>(x2[i - x1.size() - 1]);
  };
  const size_t na = a1.size() + 1 + a2.size();
  const size_t nb = b1.size() + 1 + b2.size();
  for (size_t i = 0; i < na && i < nb; ++i) {
    const unsigned char ca = at(a1, a2, i);
    const unsigned char cb = at(b1, b2, i);
    if (ca != cb) return ca < cb ? -1 : 1;
  }
  return na < nb ? -1 : (na > nb ? 1 : 0);
}

} // namespace

void Analyzer::rank_tables() {
  if (table_rank_.size() == tables_.size()) return;
  std::vector<TableId> order(tables_.size());
  for (size_t i = 0; i < order.size(); ++i)
    order[i] = static_cast<TableId>(i);
  std::sort(order.begin(), order.end(),
            [&](TableId a, TableId b) { return tables_[a].name < tables_[b].name; });
  table_rank_.resize(tables_.size());
  ranks_decide_ = true;
  for (size_t i = 0; i < order.size(); ++i) {
    table_rank_[order[i]] = static_cast<uint32_t>(i);
    // `p.c1` and `pq.c2` (p a proper prefix) order as p and pq unless q starts with a
    // character that sorts before or as '.'. The names that start with p follow it, in
    // nondecreasing order of that character: checking each name's successor is enough.
    if (i > 0) {
      const std::string_view prev = tables_[order[i - 1]].name;
      const std::string_view name = tables_[order[i]].name;
      if (name.size() > prev.size() && name.starts_with(prev) &&
          static_cast<unsigned char>(name[prev.size()]) <= '.') {
        ranks_decide_ = false;
      }
    }
  }
}

int Analyzer::compare_column_names_slow(ColId a, ColId b) const {
  const ColumnEntry& ca = columns_[a];
  const ColumnEntry& cb = columns_[b];
  if (ca.table != cb.table) {
    const std::string_view ta = tables_[ca.table].name;
    const std::string_view tb = tables_[cb.table].name;
    if (ta.size() != tb.size()) {
      const size_t n = std::min(ta.size(), tb.size());
      if (int c = ta.substr(0, n).compare(tb.substr(0, n)); c != 0) return c;
      return compare_joined_slow(ta, ca.name, tb, cb.name);
    }
    // The same length: the '.' sits at the same place in both.
    if (int c = ta.compare(tb); c != 0) return c;
  }
  return ca.name.compare(cb.name);
}

std::string Analyzer::column_name(ColId id) const {
  const ColumnEntry& c = columns_[id];
  const std::string_view table = tables_[c.table].name;
  std::string name;
  name.reserve(table.size() + 1 + c.name.size());
  name += table;
  name += '.';
  name += c.name;
  return name;
}

void Analyzer::error(uint32_t offset, std::string message) {
  complete_ = false;
  errors_.push_back(LineageError{std::move(message), offset});
}

} // namespace athena::lineage::detail
