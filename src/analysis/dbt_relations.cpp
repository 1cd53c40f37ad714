#include "src/analysis/dbt_relations.h"

#include <algorithm>
#include <array>
#include <limits>

namespace athena::analysis {

namespace {

// The suffixes dbt-athena gives its temporary relations: incremental models and Iceberg
// snapshots `__dbt_tmp`, Hive snapshots `__dbt_tmp_1`, tables with `ha` (and Iceberg tables)
// `__ha`, the renamed old Iceberg table `__bkp`, partition batches `__tmp_not_partitioned`.
constexpr std::array<std::string_view, 5> kSuffixes = {"__tmp_not_partitioned", "__dbt_tmp_1",
                                                       "__dbt_tmp", "__ha", "__bkp"};

/// How far ahead in a workgroup a statement moving a temporary relation is looked for.
constexpr int kLookahead = 16;

template <class T> void sort_unique(std::vector<T>& v) {
  std::sort(v.begin(), v.end());
  v.erase(std::unique(v.begin(), v.end()), v.end());
}

bool contains(const std::vector<model::TableName>& v, const model::TableName& t) {
  return std::find(v.begin(), v.end(), t) != v.end();
}

/// The statement moves `temp` into `base`: writes `base` reading `temp` (INSERT, MERGE), or
/// writes both (a rename).
bool moves(const model::QueryFacts& f, const model::TableName& temp, const model::TableName& base) {
  return contains(f.tables_written, base) &&
         (contains(f.tables_read, temp) || contains(f.tables_written, temp));
}

/// Every table the facts name.
std::set<model::TableName> names_of(const model::QueryFacts& f) {
  std::set<model::TableName> out(f.tables_read.begin(), f.tables_read.end());
  out.insert(f.tables_written.begin(), f.tables_written.end());
  for (const auto& e : f.table_edges) {
    out.insert(e.source);
    out.insert(e.target);
  }
  for (const auto& e : f.column_edges) {
    out.insert(e.source.table);
    out.insert(e.target.table);
  }
  for (const auto& r : f.column_reads)
    out.insert(r.column.table);
  for (const auto& j : f.joins) {
    out.insert(j.left);
    out.insert(j.right);
  }
  return out;
}

/// A temporary relation dbt reads into its base (INSERT, MERGE or CTAS from it) rather than
/// swaps or renames into place: `__dbt_tmp`, `__dbt_tmp_1`, `__tmp_not_partitioned` last.
bool is_read_into_base(std::string_view table) {
  return !table.ends_with("__ha") && !table.ends_with("__bkp");
}

/// The time bound of a statement without a submission time: every stored fill is before it.
constexpr int64_t kNoTime = std::numeric_limits<int64_t>::max();

/// Where a statement is replayed: by submission time (none first), then id.
int64_t time_of(const model::QueryRecord& r) {
  return r.submission_ms.value_or(0);
}

} // namespace

std::optional<std::string> dbt_temp_base(std::string_view table) {
  bool stripped = false;
  for (bool again = true; again;) {
    again = false;
    for (std::string_view suffix : kSuffixes) {
      if (table.size() > suffix.size() && table.ends_with(suffix)) {
        table.remove_suffix(suffix.size());
        stripped = again = true;
        break;
      }
    }
  }
  if (!stripped) return std::nullopt;
  return std::string(table);
}

std::string dbt_node_name(std::string_view node_id) {
  const size_t first = node_id.find('.');
  if (first == std::string_view::npos) return {};
  const size_t second = node_id.find('.', first + 1);
  if (second == std::string_view::npos || second + 1 >= node_id.size()) return {};
  return std::string(node_id.substr(second + 1));
}

const DbtRelations::Filled* DbtRelations::fill_of(const model::TableName& temp, int64_t before_ms,
                                                  Fills& fills) {
  if (auto it = fills.filled.find(temp); it != fills.filled.end()) return &it->second;
  if (!stored_) return nullptr;
  auto [it, added] = fills.stored.try_emplace({temp, before_ms});
  if (added) {
    // What the stored statement put into it: attributed again on its own, with what it read
    // from other temporary relations as stored before it (a chain ends: each step is earlier).
    if (auto q = stored_(temp, before_ms)) {
      const TempMap temps = temps_named(q->facts);
      if (temps.contains(temp)) {
        Fills own;
        rewrite(q->facts, temps, q->record.state == model::QueryState::kSucceeded,
                q->record.submission_ms.value_or(0), own);
        if (auto filled = own.filled.find(temp); filled != own.filled.end())
          fills.stored[{temp, before_ms}] = std::move(filled->second);
      }
    }
  }
  const auto& stored = fills.stored[{temp, before_ms}];
  return stored ? &*stored : nullptr;
}

DbtRelations::TempMap DbtRelations::temps_of(const std::vector<store::AnalyzedQuery>& batch,
                                             size_t i) {
  const model::QueryFacts& f = batch[i].facts;
  TempMap temps;
  // Every table a statement names is one it reads or writes: most name no temporary relation.
  auto temp_named = [](const model::TableName& t) {
    return !t.location && dbt_temp_base(t.table).has_value();
  };
  if (std::none_of(f.tables_read.begin(), f.tables_read.end(), temp_named) &&
      std::none_of(f.tables_written.begin(), f.tables_written.end(), temp_named))
    return temps;
  const std::string node = dbt_node_name(f.dbt_model);
  for (const auto& name : names_of(f)) {
    if (name.location) continue;
    auto base_table = dbt_temp_base(name.table);
    if (!base_table) continue;
    model::TableName base{name.catalog, name.schema, std::move(*base_table), false};
    bool is_temp =
        (!node.empty() && base.table == node) || known_.contains(name) || moves(f, name, base);
    for (size_t j = i + 1, seen = 0; !is_temp && j < batch.size() && seen < kLookahead; ++j) {
      if (batch[j].record.workgroup != batch[i].record.workgroup) continue;
      ++seen;
      is_temp = moves(batch[j].facts, name, base);
    }
    if (!is_temp) continue;
    known_.insert(name);
    temps.emplace(name, std::move(base));
  }
  return temps;
}

void DbtRelations::rewrite(model::QueryFacts& f, const TempMap& temps, bool succeeded,
                           int64_t time_ms, Fills& fills) {
  auto base_of = [&](const model::TableName& t) -> const model::TableName& {
    auto it = temps.find(t);
    return it == temps.end() ? t : it->second;
  };
  // Edges out of a temporary relation the statement reads become the edges into it, composed;
  // out of one it writes (a CTAS's external location), they leave the model relation.
  auto composes = [&](const model::TableName& t) {
    return temps.contains(t) && contains(f.tables_read, t) && !contains(f.tables_written, t);
  };
  std::vector<model::TableEdgeFact> table_edges;
  for (auto& e : f.table_edges) {
    if (!composes(e.source)) {
      e.source = base_of(e.source);
      table_edges.push_back(std::move(e));
      continue;
    }
    if (const Filled* fill = fill_of(e.source, time_ms, fills)) {
      for (const auto& s : fill->sources)
        table_edges.push_back({s, e.target});
    }
  }
  std::vector<model::ColumnEdgeFact> column_edges;
  for (auto& e : f.column_edges) {
    if (!composes(e.source.table)) {
      e.source.table = base_of(e.source.table);
      column_edges.push_back(std::move(e));
      continue;
    }
    if (const Filled* fill = fill_of(e.source.table, time_ms, fills)) {
      for (const auto& in : fill->columns) {
        if (in.target.column != e.source.column) continue;
        column_edges.push_back({in.source, e.target, std::max(in.transform, e.transform),
                                in.condition || e.condition});
      }
    }
  }
  // A statement creating a temporary relation fills it anew; others add to it.
  const bool creates = model::has_statement_kind(f, lineage::StatementKind::kCtas) ||
                       model::has_statement_kind(f, lineage::StatementKind::kCreateTable);
  for (const auto& [temp, base] : temps) {
    if (succeeded && creates && contains(f.tables_written, temp)) fills.filled[temp] = Filled{};
    f.temp_relations.push_back({temp, base});
  }
  for (auto& e : table_edges) {
    if (succeeded && temps.contains(e.target)) fills.filled[e.target].sources.insert(e.source);
    e.target = base_of(e.target);
  }
  // A model read while it is rebuilt (a snapshot's own rows, an incremental model's latest
  // date) reaches itself through its temporary relation: a self-edge, kept at column level
  // only (README, "What counts").
  std::erase_if(table_edges,
                [](const model::TableEdgeFact& e) { return e.source.text() == e.target.text(); });
  for (auto& e : column_edges) {
    if (succeeded && temps.contains(e.target.table))
      fills.filled[e.target.table].columns.push_back(e);
  }
  // Columns of a temporary relation dbt reads into the model afterwards (a staging table's
  // bookkeeping columns, which the model may not have) reach the model through that move
  // only; those of one that becomes the model (`__ha` swapped or renamed in) are its own.
  std::erase_if(column_edges, [&](const model::ColumnEdgeFact& e) {
    return temps.contains(e.target.table) && is_read_into_base(e.target.table.table);
  });
  for (auto& e : column_edges)
    e.target.table = base_of(e.target.table);
  f.table_edges = std::move(table_edges);
  f.column_edges = std::move(column_edges);
  for (auto& t : f.tables_read)
    t = base_of(t);
  for (auto& t : f.tables_written)
    t = base_of(t);
  for (auto& r : f.column_reads)
    r.column.table = base_of(r.column.table);
  for (auto& j : f.joins) {
    j.left = base_of(j.left);
    j.right = base_of(j.right);
    if (j.right < j.left) {
      std::swap(j.left, j.right);
      for (auto& pair : j.columns) {
        const size_t eq = pair.find('=');
        if (eq != std::string::npos) pair = pair.substr(eq + 1) + "=" + pair.substr(0, eq);
      }
      std::sort(j.columns.begin(), j.columns.end());
    }
  }
  sort_unique(f.tables_read);
  sort_unique(f.tables_written);
  sort_unique(f.table_edges);
  sort_unique(f.column_edges);
  sort_unique(f.column_reads);
  sort_unique(f.joins);
  sort_unique(f.temp_relations);
}

void DbtRelations::attribute(std::vector<store::AnalyzedQuery>& batch) {
  for (size_t i = 0; i < batch.size(); ++i) {
    TempMap temps = temps_of(batch, i);
    if (temps.empty()) continue;
    store::AnalyzedQuery& q = batch[i];
    const int64_t time = time_of(q.record);
    for (const auto& [temp, base] : temps) {
      auto [latest, added] = latest_.try_emplace(temp, std::numeric_limits<int64_t>::min());
      if (added && stored_latest_) {
        if (auto stored = stored_latest_(temp)) latest->second = *stored;
      }
      if (time < latest->second) {
        auto [from, first] = out_of_order_.try_emplace(temp, time);
        if (!first) from->second = std::min(from->second, time);
      }
      latest->second = std::max(latest->second, time);
    }
    rewrite(q.facts, temps, q.record.state == model::QueryState::kSucceeded,
            q.record.submission_ms.value_or(kNoTime), fills_);
  }
}

DbtRelations::TempMap DbtRelations::temps_named(const model::QueryFacts& f) const {
  const std::string node = dbt_node_name(f.dbt_model);
  TempMap temps;
  for (const auto& name : names_of(f)) {
    if (name.location) continue;
    auto base_table = dbt_temp_base(name.table);
    if (!base_table) continue;
    model::TableName base{name.catalog, name.schema, std::move(*base_table), false};
    if ((!node.empty() && base.table == node) || known_.contains(name) || moves(f, name, base))
      temps.emplace(name, std::move(base));
  }
  return temps;
}

std::vector<store::AnalyzedQuery> DbtRelations::recompose() {
  if (out_of_order_.empty() || !stored_queries_) return {};
  // The stored statements naming the relations out of order from then on; those name more
  // temporary relations (a snapshot's `x__dbt_tmp_1` filled from `x__dbt_tmp`), whose later
  // statements are replayed too.
  std::vector<store::AnalyzedQuery> stored;
  std::vector<TempMap> stored_temps;
  std::set<std::string> ids;
  std::map<model::TableName, int64_t> from = out_of_order_;
  std::vector<std::pair<model::TableName, int64_t>> work(from.begin(), from.end());
  while (!work.empty()) {
    auto [temp, since] = std::move(work.back());
    work.pop_back();
    for (auto& q : stored_queries_(temp, since)) {
      if (!ids.insert(q.record.id).second) continue;
      TempMap temps = temps_named(q.facts);
      for (const auto& [other, base] : temps) {
        auto [it, added] = from.try_emplace(other, time_of(q.record));
        if (added || time_of(q.record) < it->second) {
          it->second = time_of(q.record);
          work.emplace_back(other, it->second);
        }
      }
      stored.push_back(std::move(q));
      stored_temps.push_back(std::move(temps));
    }
  }
  std::vector<size_t> order;
  for (size_t i = 0; i < stored.size(); ++i) {
    if (!stored_temps[i].empty()) order.push_back(i);
  }
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    const int64_t ta = time_of(stored[a].record), tb = time_of(stored[b].record);
    return ta != tb ? ta < tb : stored[a].record.id < stored[b].record.id;
  });
  Fills fills;
  std::vector<store::AnalyzedQuery> out;
  for (size_t i : order) {
    store::AnalyzedQuery& q = stored[i];
    rewrite(q.facts, stored_temps[i], q.record.state == model::QueryState::kSucceeded,
            q.record.submission_ms.value_or(kNoTime), fills);
    out.push_back(std::move(q));
  }
  return out;
}

util::Status recompose_dbt(DbtRelations& relations,
                           const std::function<void(model::QueryFacts&)>& filter,
                           store::Store& store) {
  std::vector<store::AnalyzedQuery> recomposed = relations.recompose();
  if (recomposed.empty()) return {};
  if (util::Status begun = store.begin_group(); !begun) return begun;
  for (auto& q : recomposed) {
    if (filter) filter(q.facts);
    if (auto replaced = store::replace_query_edges(store, q.record.id, q.facts); !replaced) {
      (void)store.commit_group(); // what was replaced so far is consistent
      return replaced;
    }
  }
  return store.commit_group();
}

} // namespace athena::analysis
