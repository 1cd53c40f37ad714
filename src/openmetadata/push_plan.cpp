// The plan: the store's edges, query shapes, joins and usage as OpenMetadata requests.
#include "src/openmetadata/push_plan.h"

#include <algorithm>
#include <unordered_map>

#include "src/analysis/fingerprint.h"
#include "src/auth/crypto.h"
#include "src/openmetadata/fqn.h"
#include "src/openmetadata/payloads.h"
#include "src/readers/time_text.h"
#include "src/store/sqlite_db.h"

namespace athena::openmetadata {
namespace {

using store::Statement;

constexpr int64_t kDayMs = 86400000;
constexpr size_t kMaxSqlBytes = 1 << 20; // masked SQL kept whole up to 1 MiB

/// Resolves names once per plan and remembers every skipped table with its reason.
class Resolver {
public:
  Resolver(const TableIndex& index, Plan& plan) : index_(index), plan_(plan) {}
  const OmTable* get(const std::string& name) {
    auto it = cache_.find(name);
    if (it != cache_.end()) return it->second;
    std::string reason;
    const OmTable* t = index_.resolve(name, &reason);
    if (t == nullptr) {
      if (name.starts_with("s3://")) {
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

std::string masked(const std::string& sql) {
  return analysis::fingerprint(sql, kMaxSqlBytes).text;
}

std::optional<int64_t> day_ms(const std::string& day) {
  return day.empty() ? std::nullopt : readers::parse_datetime_ms(day);
}

void plan_lineage(store::Db& db, Resolver& resolve, const PlanOptions& options, Plan& plan) {
  // Column mappings of value edges (conditions are not data flow), per table pair.
  struct Mapping {
    std::string transform;
    int64_t queries = 0;
  };
  std::map<std::pair<std::string, std::string>,
           std::map<std::pair<std::string, std::string>, Mapping>>
      columns;
  Statement c(db, "SELECT st.name, sc.name, tt.name, tc.name, e.transform, e.queries "
                  "FROM column_edges e JOIN columns sc ON sc.id = e.source_id "
                  "JOIN tables st ON st.id = sc.table_id JOIN columns tc ON tc.id = e.target_id "
                  "JOIN tables tt ON tt.id = tc.table_id WHERE e.condition = 0");
  while (c.step()) {
    const std::string st = c.text(0), sc = c.text(1), tt = c.text(2), tc = c.text(3);
    if (sc.size() <= st.size() || tc.size() <= tt.size()) continue;
    Mapping& m = columns[{st, tt}][{sc.substr(st.size() + 1), tc.substr(tt.size() + 1)}];
    const int64_t q = c.int64(5);
    // Several derivations of one pair (different queries): the most frequent names it.
    if (q > m.queries || (q == m.queries && c.text(4) < m.transform)) {
      m.transform = c.text(4);
      m.queries = q;
    }
  }
  const auto since = day_ms(options.since);
  Statement e(db, "SELECT s.name, t.name, e.last_seen_ms, q.statement_kind, x.query "
                  "FROM table_edges e JOIN tables s ON s.id = e.source_id "
                  "JOIN tables t ON t.id = e.target_id "
                  "LEFT JOIN queries q ON q.id = e.last_query_id "
                  "LEFT JOIN query_texts x ON x.q = q.q "
                  "WHERE e.source_id != e.target_id ORDER BY s.name, t.name");
  while (e.step()) {
    if (since && !e.is_null(2) && e.int64(2) < *since) continue;
    const std::string from = e.text(0), to = e.text(1);
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
    const std::string kind = e.is_null(3) ? "" : e.text(3);
    const std::string source =
        kind.find("create_view") != std::string::npos ? "ViewLineage" : "QueryLineage";
    const std::string sql = e.is_null(4) ? "" : masked(e.text(4));
    const std::string key = "lineage|" + a->fqn + "|" + b->fqn;
    plan.rows.push_back(make_row("lineage", key, key, "PUT", "/lineage",
                                 lineage_body(a->id, b->id, source, sql, mappings)));
  }
}

void plan_queries(store::Db& db, Resolver& resolve, const PlanOptions& options,
                  const std::string& first_day, Plan& plan) {
  // Tables of each usage query in the window.
  std::unordered_map<int64_t, std::vector<std::string>> tables_of;
  Statement t(db, "SELECT qt.q, t.name FROM query_tables qt JOIN tables t ON t.id = qt.table_id "
                  "JOIN queries q ON q.q = qt.q WHERE q.state = 'SUCCEEDED' AND q.is_usage = 1 "
                  "AND q.day >= ? AND q.day <= ?");
  t.bind(1, first_day).bind(2, options.today);
  while (t.step())
    tables_of[t.int64(0)].push_back(t.text(1));
  struct Shape {
    std::set<std::string> table_ids;
    std::set<std::string> used_by;
    int64_t latest_ms = -1;
    int64_t latest_q = 0;
    std::optional<int64_t> duration;
  };
  std::map<int64_t, Shape> shapes;
  Statement q(db, "SELECT q, fingerprint, user, workgroup, submitted_ms, total_ms, tool, "
                  "dbt_model FROM queries "
                  "WHERE state = 'SUCCEEDED' AND is_usage = 1 AND day >= ? AND day <= ?");
  q.bind(1, first_day).bind(2, options.today);
  while (q.step()) {
    Shape& s = shapes[q.int64(1)];
    for (const auto& name : tables_of[q.int64(0)]) {
      if (const OmTable* om = resolve.get(name)) s.table_ids.insert(om->id);
    }
    const std::string user = q.text(2);
    s.used_by.insert(user.empty() ? "workgroup:" + q.text(3) : user);
    // A dbt model's statements say so: OpenMetadata's own workflow skips them.
    if (q.text(6) == "dbt" || !q.text(7).empty()) s.used_by.insert("dbt");
    const int64_t ms = q.is_null(4) ? 0 : q.int64(4);
    if (ms > s.latest_ms || (ms == s.latest_ms && q.int64(0) > s.latest_q)) {
      s.latest_ms = ms;
      s.latest_q = q.int64(0);
      s.duration = q.is_null(5) ? std::nullopt : std::optional<int64_t>(q.int64(5));
    }
  }
  Statement text(db, "SELECT query FROM query_texts WHERE q = ?");
  std::vector<std::pair<std::string, store::OutboxRow>> rows;
  for (auto& [fp, s] : shapes) {
    if (s.table_ids.empty()) {
      ++plan.queries_skipped;
      continue;
    }
    text.bind(1, s.latest_q);
    std::string sql = text.step() ? text.text(0) : std::string();
    text.reset();
    QueryEntity entity;
    entity.query = masked(sql);
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
}

void plan_joins(store::Db& db, Resolver& resolve, const PlanOptions& options,
                const std::string& first_day, Plan& plan) {
  struct TableDay {
    std::map<std::string, int64_t> direct;                         // partner FQN -> count
    std::map<std::string, std::map<std::string, int64_t>> columns; // local -> col FQN -> count
  };
  std::map<std::pair<std::string, std::string>, TableDay> days; // (day, table FQN)
  std::map<std::string, const OmTable*> by_fqn;
  Statement j(db, "SELECT l.name, r.name, j.day, j.queries FROM joins_daily j "
                  "JOIN tables l ON l.id = j.left_id JOIN tables r ON r.id = j.right_id "
                  "WHERE j.day <= ? AND j.left_id != j.right_id");
  j.bind(1, options.today);
  while (j.step()) {
    const std::string day = j.text(2);
    if (day < first_day) {
      ++plan.days_outside_window;
      continue;
    }
    const OmTable* l = resolve.get(j.text(0));
    const OmTable* r = resolve.get(j.text(1));
    if (l == nullptr || r == nullptr) continue;
    by_fqn[l->fqn] = l;
    by_fqn[r->fqn] = r;
    days[{day, l->fqn}].direct[r->fqn] += j.int64(3);
    days[{day, r->fqn}].direct[l->fqn] += j.int64(3);
  }
  Statement c(db, "SELECT l.name, r.name, j.day, j.columns, j.queries FROM join_columns_daily j "
                  "JOIN tables l ON l.id = j.left_id JOIN tables r ON r.id = j.right_id "
                  "WHERE j.day >= ? AND j.day <= ? AND j.left_id != j.right_id");
  c.bind(1, first_day).bind(2, options.today);
  while (c.step()) {
    const OmTable* l = resolve.get(c.text(0));
    const OmTable* r = resolve.get(c.text(1));
    if (l == nullptr || r == nullptr) continue;
    const std::string day = c.text(2), keys = c.text(3);
    const int64_t n = c.int64(4);
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
    const std::string key = "joins|" + fqn + "|" + day;
    plan.rows.push_back(make_row("joins", key, key, "PUT", "/tables/" + by_fqn[fqn]->id + "/joins",
                                 joins_body(day, cols, direct)));
  }
}

void plan_usage(store::Db& db, Resolver& resolve, const PlanOptions& options,
                const std::string& first_day, Plan& plan) {
  std::map<std::string, int64_t> skipped_usage;
  Statement u(db, "SELECT t.name, u.day, u.queries FROM table_usage_daily u "
                  "JOIN tables t ON t.id = u.table_id WHERE u.queries > 0 AND u.day <= ? "
                  "ORDER BY u.day, t.name");
  u.bind(1, options.today);
  while (u.step()) {
    const std::string day = u.text(1);
    if (day < first_day) {
      ++plan.days_outside_window;
      continue;
    }
    const OmTable* t = resolve.get(u.text(0));
    if (t == nullptr) {
      ++plan.usage_rows_skipped;
      skipped_usage[u.text(0)] += u.int64(2);
      continue;
    }
    if (!options.usage_waiting_from.empty() && day >= options.usage_waiting_from) {
      ++plan.usage_waiting_table_days;
      plan.usage_waiting_days.insert(day);
      continue;
    }
    store::OutboxRow r = make_row("usage", "usage|" + t->fqn + "|" + day, "usage|" + t->fqn, "POST",
                                  "/usage/table/" + t->id, usage_body(day, u.int64(2)));
    r.value = u.int64(2);
    plan.rows.push_back(std::move(r));
  }
  for (auto& t : plan.skipped_tables) {
    if (auto it = skipped_usage.find(t.name); it != skipped_usage.end()) t.usage = it->second;
  }
}

} // namespace

std::string window_start(const std::string& today, const std::string& since) {
  auto ms = readers::parse_datetime_ms(today);
  std::string start = ms ? readers::format_day(*ms - 29 * kDayMs) : std::string();
  return std::max(start, since);
}

std::optional<std::vector<std::string>> plan_table_names(store::Store& store, std::string* error) {
  try {
    std::vector<std::string> out;
    Statement s(store.db(), "SELECT name FROM tables ORDER BY name");
    while (s.step())
      out.push_back(s.text(0));
    return out;
  } catch (const store::SqliteError& e) {
    if (error != nullptr) *error = e.what();
    return std::nullopt;
  }
}

std::optional<Plan> build_plan(store::Store& store, const TableIndex& index,
                               const PlanOptions& options, std::string* error) {
  try {
    Plan plan;
    Resolver resolve(index, plan);
    const std::string first_day = window_start(options.today, options.since);
    plan_lineage(store.db(), resolve, options, plan);
    if (options.query_entities) plan_queries(store.db(), resolve, options, first_day, plan);
    plan_joins(store.db(), resolve, options, first_day, plan);
    plan_usage(store.db(), resolve, options, first_day, plan);
    std::sort(plan.skipped_tables.begin(), plan.skipped_tables.end(),
              [](const auto& a, const auto& b) { return a.name < b.name; });
    std::sort(plan.s3_locations.begin(), plan.s3_locations.end());
    return plan;
  } catch (const store::SqliteError& e) {
    if (error != nullptr) *error = e.what();
    return std::nullopt;
  }
}

} // namespace athena::openmetadata
