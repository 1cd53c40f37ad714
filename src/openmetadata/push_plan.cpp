// The plan: the store's edges, query shapes, joins and usage as OpenMetadata requests.
#include "src/openmetadata/push_plan.h"

#include <algorithm>
#include <unordered_map>

#include "src/auth/crypto.h"
#include "src/openmetadata/fqn.h"
#include "src/openmetadata/payloads.h"
#include "src/readers/time_text.h"
#include "src/store/push_reader.h"

namespace athena::openmetadata {
namespace {

constexpr int64_t kDayMs = 86400000;

/// Resolves names once per plan and remembers every skipped table with its reason.
/// Names are resolved by the parts the store keeps with them, never by splitting the text.
class Resolver {
public:
  Resolver(const TableIndex& index, const std::vector<store::StoredTable>& tables, Plan& plan)
      : index_(index), plan_(plan) {
    for (const auto& t : tables)
      parts_.emplace(t.name, t.parts);
  }
  const OmTable* get(const std::string& name) {
    auto it = cache_.find(name);
    if (it != cache_.end()) return it->second;
    std::string reason;
    auto parts = parts_.find(name);
    const model::TableName table = parts != parts_.end() ? parts->second : model::TableName{};
    const OmTable* t = index_.resolve(table, &reason);
    if (t == nullptr) {
      if (table.location) {
        plan_.s3_locations.push_back(name);
      } else {
        plan_.skipped_tables.push_back({name, reason});
      }
    }
    cache_.emplace(name, t);
    return t;
  }

private:
  const TableIndex& index_;
  Plan& plan_;
  std::unordered_map<std::string, model::TableName> parts_;
  std::unordered_map<std::string, const OmTable*> cache_;
};

std::string hash_row(const store::OutboxRow& r) {
  return aws::sha256_hex(r.method + " " + r.path + "\n" + r.body);
}

store::OutboxRow make_row(std::string kind, std::string key, std::string lane, std::string method,
                          std::string path, std::string body) {
  store::OutboxRow r;
  r.kind = std::move(kind);
  r.key = std::move(key);
  r.lane = std::move(lane);
  r.method = std::move(method);
  r.path = std::move(path);
  r.body = std::move(body);
  r.body_hash = hash_row(r);
  return r;
}

std::optional<int64_t> day_ms(const std::string& day) {
  return day.empty() ? std::nullopt : readers::parse_datetime_ms(day);
}

util::Status plan_lineage(store::PushReader& reader, Resolver& resolve, const PlanOptions& options,
                          Plan& plan) {
  // Column mappings of value edges (conditions are not data flow), per table pair.
  struct Mapping {
    std::string transform;
    int64_t queries = 0;
  };
  std::map<std::pair<std::string, std::string>,
           std::map<std::pair<std::string, std::string>, Mapping>>
      columns;
  auto flows = reader.column_flows();
  if (!flows) return util::Error{flows.error()};
  for (const auto& c : *flows) {
    const std::string &st = c.source_table, &sc = c.source_column, &tt = c.target_table,
                      &tc = c.target_column;
    if (sc.size() <= st.size() || tc.size() <= tt.size()) continue;
    Mapping& m = columns[{st, tt}][{sc.substr(st.size() + 1), tc.substr(tt.size() + 1)}];
    const int64_t q = c.queries;
    // Several derivations of one pair (different queries): the most frequent names it.
    if (q > m.queries || (q == m.queries && c.transform < m.transform)) {
      m.transform = c.transform;
      m.queries = q;
    }
  }
  const auto since = day_ms(options.since);
  auto edges = reader.table_flows();
  if (!edges) return util::Error{edges.error()};
  for (const auto& e : *edges) {
    if (since && e.last_seen_ms && *e.last_seen_ms < *since) continue;
    const std::string &from = e.source, &to = e.target;
    ++plan.edges;
    const OmTable* a = resolve.get(from);
    const OmTable* b = resolve.get(to);
    if (a == nullptr || b == nullptr) {
      ++plan.edges_skipped;
      continue;
    }
    std::vector<ColumnMapping> mappings;
    if (auto it = columns.find({from, to}); it != columns.end()) {
      for (const auto& [pair, m] : it->second) {
        const std::string f = TableIndex::column_fqn(*a, pair.first);
        const std::string t = TableIndex::column_fqn(*b, pair.second);
        if (f.empty() || t.empty()) {
          ++plan.columns_skipped;
          continue;
        }
        mappings.push_back({{f}, t, m.transform});
      }
    }
    std::sort(mappings.begin(), mappings.end(), [](const auto& x, const auto& y) {
      return std::tie(x.to_column, x.from_columns) < std::tie(y.to_column, y.from_columns);
    });
    plan.column_mappings += static_cast<int64_t>(mappings.size());
    const std::string source =
        e.statement_kind.find("create_view") != std::string::npos ? "ViewLineage" : "QueryLineage";
    const std::string key = "lineage|" + a->fqn + "|" + b->fqn;
    plan.rows.push_back(make_row("lineage", key, key, "PUT", "/lineage",
                                 lineage_body(a->id, b->id, source, e.masked_sql, mappings)));
  }
  return util::Status::success();
}

util::Status plan_queries(store::PushReader& reader, Resolver& resolve, const PlanOptions& options,
                          const std::string& first_day, Plan& plan) {
  // Tables of each usage query in the window.
  std::unordered_map<int64_t, std::vector<std::string>> tables_of;
  auto query_tables = reader.usage_query_tables(first_day, options.today);
  if (!query_tables) return util::Error{query_tables.error()};
  for (auto& [q, name] : *query_tables)
    tables_of[q].push_back(std::move(name));
  struct Shape {
    std::set<std::string> table_ids;
    std::set<std::string> used_by;
    int64_t latest_ms = -1;
    int64_t latest_q = 0;
    std::optional<int64_t> duration;
  };
  std::map<int64_t, Shape> shapes;
  auto queries = reader.usage_queries(first_day, options.today);
  if (!queries) return util::Error{queries.error()};
  for (const auto& q : *queries) {
    Shape& s = shapes[q.fingerprint];
    for (const auto& name : tables_of[q.q]) {
      if (const OmTable* om = resolve.get(name)) s.table_ids.insert(om->id);
    }
    s.used_by.insert(q.user.empty() ? "workgroup:" + q.workgroup : q.user);
    // A dbt model's statements say so: OpenMetadata's own workflow skips them.
    if (q.tool == "dbt" || !q.dbt_model.empty()) s.used_by.insert("dbt");
    const int64_t ms = q.submitted_ms.value_or(0);
    if (ms > s.latest_ms || (ms == s.latest_ms && q.q > s.latest_q)) {
      s.latest_ms = ms;
      s.latest_q = q.q;
      s.duration = q.total_ms;
    }
  }
  std::vector<std::pair<std::string, store::OutboxRow>> rows;
  for (auto& [fp, s] : shapes) {
    if (s.table_ids.empty()) {
      ++plan.queries_skipped;
      continue;
    }
    auto sql = reader.masked_sql(s.latest_q);
    if (!sql) return util::Error{sql.error()};
    QueryEntity entity;
    entity.query = std::move(*sql);
    if (entity.query.empty()) continue;
    entity.service = options.service;
    entity.query_date_ms = s.latest_ms;
    entity.duration_ms = s.duration;
    entity.table_ids.assign(s.table_ids.begin(), s.table_ids.end());
    entity.used_by.assign(s.used_by.begin(), s.used_by.end());
    // Keyed by the text's MD5, as OM names the entity: shapes whose masked texts agree are one.
    const std::string key = "query|" + md5_hex(entity.query);
    rows.emplace_back(key, make_row("query", key, key, "PUT", "/queries", query_body(entity)));
  }
  std::sort(rows.begin(), rows.end(),
            [](const auto& x, const auto& y) { return x.first < y.first; });
  for (size_t i = 0; i < rows.size(); ++i) {
    if (i > 0 && rows[i].first == rows[i - 1].first) continue;
    plan.rows.push_back(std::move(rows[i].second));
  }
  return util::Status::success();
}

util::Status plan_joins(store::PushReader& reader, Resolver& resolve, const PlanOptions& options,
                        const std::string& first_day, Plan& plan) {
  struct TableDay {
    std::map<std::string, int64_t> direct;                         // partner FQN -> count
    std::map<std::string, std::map<std::string, int64_t>> columns; // local -> col FQN -> count
  };
  std::map<std::pair<std::string, std::string>, TableDay> days; // (day, table FQN)
  std::map<std::string, const OmTable*> by_fqn;
  auto pairs = reader.join_days(options.today);
  if (!pairs) return util::Error{pairs.error()};
  for (const auto& j : *pairs) {
    if (j.day < first_day) {
      ++plan.days_outside_window;
      continue;
    }
    const OmTable* l = resolve.get(j.left);
    const OmTable* r = resolve.get(j.right);
    if (l == nullptr || r == nullptr) continue;
    by_fqn[l->fqn] = l;
    by_fqn[r->fqn] = r;
    days[{j.day, l->fqn}].direct[r->fqn] += j.queries;
    days[{j.day, r->fqn}].direct[l->fqn] += j.queries;
  }
  auto keyed = reader.join_column_days(first_day, options.today);
  if (!keyed) return util::Error{keyed.error()};
  for (const auto& c : *keyed) {
    const OmTable* l = resolve.get(c.left);
    const OmTable* r = resolve.get(c.right);
    if (l == nullptr || r == nullptr) continue;
    const std::string &day = c.day, &keys = c.columns;
    const int64_t n = c.queries;
    size_t pos = 0;
    while (pos <= keys.size()) {
      size_t comma = keys.find(',', pos);
      if (comma == std::string::npos) comma = keys.size();
      const std::string pair = keys.substr(pos, comma - pos);
      pos = comma + 1;
      const size_t eq = pair.find('=');
      if (eq == std::string::npos) continue;
      const std::string lf = TableIndex::column_fqn(*l, pair.substr(0, eq));
      const std::string rf = TableIndex::column_fqn(*r, pair.substr(eq + 1));
      if (lf.empty() || rf.empty()) continue;
      days[{day, l->fqn}].columns[lf.substr(l->fqn.size() + 1)][rf] += n;
      days[{day, r->fqn}].columns[rf.substr(r->fqn.size() + 1)][lf] += n;
    }
  }
  for (const auto& [k, td] : days) {
    const auto& [day, fqn] = k;
    std::vector<ColumnJoin> cols;
    for (const auto& [local, with] : td.columns) {
      ColumnJoin cj{local, {}};
      for (const auto& [other, n] : with)
        cj.joined_with.push_back({other, n});
      cols.push_back(std::move(cj));
    }
    std::vector<JoinedWith> direct;
    for (const auto& [other, n] : td.direct)
      direct.push_back({other, n});
    std::string key = "joins|" + fqn;
    key += '|';
    key += day;
    plan.rows.push_back(make_row("joins", key, key, "PUT", "/tables/" + by_fqn[fqn]->id + "/joins",
                                 joins_body(day, cols, direct)));
  }
  return util::Status::success();
}

util::Status plan_usage(store::PushReader& reader, Resolver& resolve, const PlanOptions& options,
                        const std::string& first_day, Plan& plan) {
  std::map<std::string, int64_t> skipped_usage;
  auto usage = reader.usage_days(options.today);
  if (!usage) return util::Error{usage.error()};
  for (const auto& u : *usage) {
    if (u.day < first_day) {
      ++plan.days_outside_window;
      continue;
    }
    const OmTable* t = resolve.get(u.table);
    if (t == nullptr) {
      ++plan.usage_rows_skipped;
      skipped_usage[u.table] += u.queries;
      continue;
    }
    if (!options.usage_waiting_from.empty() && u.day >= options.usage_waiting_from) {
      ++plan.usage_waiting_table_days;
      plan.usage_waiting_days.insert(u.day);
      continue;
    }
    store::OutboxRow r = make_row("usage", "usage|" + t->fqn + "|" + u.day, "usage|" + t->fqn,
                                  "POST", "/usage/table/" + t->id, usage_body(u.day, u.queries));
    r.value = u.queries;
    plan.rows.push_back(std::move(r));
  }
  for (auto& t : plan.skipped_tables) {
    if (auto it = skipped_usage.find(t.name); it != skipped_usage.end()) t.usage = it->second;
  }
  return util::Status::success();
}

} // namespace

std::string window_start(const std::string& today, const std::string& since) {
  auto ms = readers::parse_datetime_ms(today);
  std::string start = ms ? readers::format_day(*ms - 29 * kDayMs) : std::string();
  return std::max(start, since);
}

util::Result<std::vector<store::StoredTable>> plan_tables(store::Store& store) {
  return store::PushReader(store).tables();
}

util::Result<Plan> build_plan(store::Store& store, const TableIndex& index,
                              const PlanOptions& options) {
  store::PushReader reader(store);
  auto tables = reader.tables();
  if (!tables) return util::Error{tables.error()};
  Plan plan;
  Resolver resolve(index, *tables, plan);
  const std::string first_day = window_start(options.today, options.since);
  util::Status status = plan_lineage(reader, resolve, options, plan);
  if (status && options.query_entities)
    status = plan_queries(reader, resolve, options, first_day, plan);
  if (status) status = plan_joins(reader, resolve, options, first_day, plan);
  if (status) status = plan_usage(reader, resolve, options, first_day, plan);
  if (!status) return util::Error{status.error()};
  std::sort(plan.skipped_tables.begin(), plan.skipped_tables.end(),
            [](const auto& a, const auto& b) { return a.name < b.name; });
  std::sort(plan.s3_locations.begin(), plan.s3_locations.end());
  return plan;
}

} // namespace athena::openmetadata
