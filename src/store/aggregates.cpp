// The aggregates (README, "What counts"; SCHEMA.md): each batch adds its exact integer sums
// in its own transaction (apply); days marked dirty (a replaced QUEUED/RUNNING query) are
// recomputed from the per-query facts (refresh). Both compute costs as integer 1e-9 USD and
// store k / 1000000000.0, so the content does not depend on batches, runs or which path ran.

#include <algorithm>
#include <type_traits>
#include <vector>

#include "src/store/store.h"
#include "src/store/store_impl.h"

namespace athena::store {

namespace {

/// The entries of a hashed map or set in key order (what a std::map would give).
template <class Container>
std::vector<const typename Container::value_type*> in_key_order(const Container& c) {
  std::vector<const typename Container::value_type*> out;
  out.reserve(c.size());
  for (const auto& e : c)
    out.push_back(&e);
  constexpr bool kIsMap =
      !std::is_same_v<typename Container::key_type, typename Container::value_type>;
  std::sort(out.begin(), out.end(), [](const auto* a, const auto* b) {
    if constexpr (kIsMap) {
      return a->first < b->first;
    } else {
      return *a < *b;
    }
  });
  return out;
}

constexpr std::string_view kRefreshSql = R"sql(
-- The distinct-user sets behind usage_daily.users and table_usage_daily.users.
DELETE FROM day_users WHERE day IN (SELECT day FROM dirty_days);
INSERT INTO day_users(day, user)
SELECT DISTINCT day, user FROM queries
WHERE day IN (SELECT day FROM dirty_days) AND state = 'SUCCEEDED' AND is_usage AND user <> '';
DELETE FROM table_day_users WHERE day IN (SELECT day FROM dirty_days);
INSERT INTO table_day_users(table_id, day, user)
SELECT DISTINCT t.table_id, q.day, q.user FROM queries q JOIN query_tables t ON t.q = q.q
WHERE q.day IN (SELECT day FROM dirty_days) AND q.state = 'SUCCEEDED' AND q.is_usage
  AND q.user <> '';

-- Per day: every query counted by state; usage = SUCCEEDED data statements.
DELETE FROM usage_daily WHERE day IN (SELECT day FROM dirty_days);
INSERT INTO usage_daily(day, queries, usage_queries, succeeded, failed, cancelled, users,
                        bytes_scanned, cost_usd)
SELECT day, count(*),
       sum(state = 'SUCCEEDED' AND is_usage),
       sum(state = 'SUCCEEDED'), sum(state = 'FAILED'), sum(state = 'CANCELLED'),
       count(DISTINCT CASE WHEN state = 'SUCCEEDED' AND is_usage AND user <> '' THEN user END),
       sum(CASE WHEN state = 'SUCCEEDED' AND is_usage THEN ifnull(data_scanned_bytes, 0)
           ELSE 0 END),
       sum(CASE WHEN state = 'SUCCEEDED' AND is_usage THEN CAST(round(cost_usd * 1000000000) AS INTEGER)
           ELSE 0 END) / 1000000000.0
FROM queries WHERE day IN (SELECT day FROM dirty_days) GROUP BY day;

-- Per table and day: a query counts once per table it reads or writes (query_tables has
-- one row per query and table); failures are FAILED/CANCELLED data statements.
DELETE FROM table_usage_daily WHERE day IN (SELECT day FROM dirty_days);
INSERT INTO table_usage_daily(table_id, day, queries, users, bytes_scanned, cost_usd, failures)
SELECT t.table_id, q.day,
       sum(q.state = 'SUCCEEDED' AND q.is_usage),
       count(DISTINCT CASE WHEN q.state = 'SUCCEEDED' AND q.is_usage AND q.user <> ''
                      THEN q.user END),
       sum(CASE WHEN q.state = 'SUCCEEDED' AND q.is_usage THEN t.bytes_share ELSE 0 END),
       sum(CASE WHEN q.state = 'SUCCEEDED' AND q.is_usage
           THEN CAST(round(t.cost_share * 1000000000) AS INTEGER) ELSE 0 END) / 1000000000.0,
       sum(q.state IN ('FAILED', 'CANCELLED') AND q.is_usage)
FROM queries q JOIN query_tables t ON t.q = q.q
WHERE q.day IN (SELECT day FROM dirty_days) AND q.is_usage
  AND q.state IN ('SUCCEEDED', 'FAILED', 'CANCELLED')
GROUP BY t.table_id, q.day;

-- Per column, day and clause: usage queries reading it there.
DELETE FROM column_reads_daily WHERE day IN (SELECT day FROM dirty_days);
INSERT INTO column_reads_daily(column_id, day, clause, reads)
SELECT json_extract(j.value, '$[0]'), q.day, json_extract(j.value, '$[1]'), count(*)
FROM queries q JOIN query_column_reads r ON r.q = q.q JOIN json_each(r.reads) j
WHERE q.day IN (SELECT day FROM dirty_days) AND q.state = 'SUCCEEDED' AND q.is_usage
GROUP BY 1, 2, 3;

-- Per table pair and day: usage queries joining them, and by join keys.
DELETE FROM joins_daily WHERE day IN (SELECT day FROM dirty_days);
INSERT INTO joins_daily(left_id, right_id, day, queries)
SELECT j.left_id, j.right_id, q.day, count(DISTINCT j.q)
FROM queries q JOIN query_joins j ON j.q = q.q
WHERE q.day IN (SELECT day FROM dirty_days) AND q.state = 'SUCCEEDED' AND q.is_usage
GROUP BY j.left_id, j.right_id, q.day;
DELETE FROM join_columns_daily WHERE day IN (SELECT day FROM dirty_days);
INSERT INTO join_columns_daily(left_id, right_id, day, columns, queries)
SELECT j.left_id, j.right_id, q.day, j.columns, count(DISTINCT j.q)
FROM queries q JOIN query_joins j ON j.q = q.q
WHERE q.day IN (SELECT day FROM dirty_days) AND q.state = 'SUCCEEDED' AND q.is_usage
GROUP BY j.left_id, j.right_id, q.day, j.columns;

-- Per query shape and day: every execution, whatever its state.
DELETE FROM fingerprints_daily WHERE day IN (SELECT day FROM dirty_days);
INSERT INTO fingerprints_daily(fingerprint, day, queries, succeeded, failures, bytes_scanned,
                               cost_usd, example_query_id)
SELECT fingerprint, day, count(*), sum(state = 'SUCCEEDED'),
       sum(state IN ('FAILED', 'CANCELLED')), sum(ifnull(data_scanned_bytes, 0)),
       sum(CAST(round(cost_usd * 1000000000) AS INTEGER)) / 1000000000.0, min(id)
FROM queries WHERE day IN (SELECT day FROM dirty_days)
GROUP BY fingerprint, day;

-- Table edges: recomputed whole for every dirty pair (facts exist for SUCCEEDED only).
-- last_query_id is the id of the latest query (by submission time, then id) with the edge.
DELETE FROM table_edges WHERE EXISTS (
  SELECT 1 FROM dirty_table_edges d
  WHERE d.source_id = table_edges.source_id AND d.target_id = table_edges.target_id);
INSERT INTO table_edges(source_id, target_id, queries, first_seen_ms, last_seen_ms,
                        last_query_id)
SELECT e.source_id, e.target_id, count(*), min(q.submitted_ms), max(q.submitted_ms),
       substr(max(printf('%020d', ifnull(q.submitted_ms, 0)) || q.id), 21)
FROM dirty_table_edges d
JOIN query_table_edges e ON e.source_id = d.source_id AND e.target_id = d.target_id
JOIN queries q ON q.q = e.q
GROUP BY e.source_id, e.target_id;

DELETE FROM column_edges WHERE EXISTS (
  SELECT 1 FROM dirty_column_edges d
  WHERE d.source_id = column_edges.source_id AND d.target_id = column_edges.target_id
    AND d.transform = column_edges.transform AND d.condition = column_edges.condition);
INSERT INTO column_edges(source_id, target_id, transform, condition, queries, first_seen_ms,
                         last_seen_ms, last_query_id)
SELECT e.source_id, e.target_id, e.transform, e.condition, count(*), min(q.submitted_ms),
       max(q.submitted_ms),
       substr(max(printf('%020d', ifnull(q.submitted_ms, 0)) || q.id), 21)
FROM dirty_column_edges d
JOIN query_column_edges e ON e.source_id = d.source_id AND e.target_id = d.target_id
  AND e.transform = d.transform AND e.condition = d.condition
JOIN queries q ON q.q = e.q
GROUP BY e.source_id, e.target_id, e.transform, e.condition;

DELETE FROM dirty_days;
DELETE FROM dirty_table_edges;
DELETE FROM dirty_column_edges;
)sql";

} // namespace

std::string_view refresh_sql() {
  return kRefreshSql;
}

void Store::Impl::refresh() {
  db.exec(kRefreshSql);
}

void BatchDelta::Edge::add(std::optional<int64_t> submitted, const std::string& id) {
  ++queries;
  if (submitted) {
    first_ms = first_ms ? std::min(*first_ms, *submitted) : *submitted;
    last_ms = last_ms ? std::max(*last_ms, *submitted) : *submitted;
  }
  const int64_t ms = submitted.value_or(0);
  if (best_id.empty() || ms > best_ms || (ms == best_ms && id > best_id)) {
    best_ms = ms;
    best_id = id;
  }
}

void Store::Impl::prepare_aggregates() {
  auto p = [&](std::string_view sql) { return std::make_unique<Statement>(db, sql); };
  add_day_user = p("INSERT OR IGNORE INTO day_users(day, user) VALUES(?1, ?2)");
  add_table_user =
      p("INSERT OR IGNORE INTO table_day_users(table_id, day, user) VALUES(?1, ?2, ?3)");
  // Costs arrive as integer 1e-9 USD; stored values are always k / 1000000000.0 of an exact k.
  upsert_usage_daily = p(R"sql(INSERT INTO usage_daily(day, queries, usage_queries, succeeded,
      failed, cancelled, users, bytes_scanned, cost_usd)
    VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9 / 1000000000.0)
    ON CONFLICT(day) DO UPDATE SET queries = queries + excluded.queries,
      usage_queries = usage_queries + excluded.usage_queries,
      succeeded = succeeded + excluded.succeeded, failed = failed + excluded.failed,
      cancelled = cancelled + excluded.cancelled, users = users + excluded.users,
      bytes_scanned = bytes_scanned + excluded.bytes_scanned,
      cost_usd = (CAST(round(cost_usd * 1000000000) AS INTEGER) + ?9) / 1000000000.0)sql");
  upsert_table_usage = p(R"sql(INSERT INTO table_usage_daily(table_id, day, queries, users,
      bytes_scanned, cost_usd, failures) VALUES(?1, ?2, ?3, ?4, ?5, ?6 / 1000000000.0, ?7)
    ON CONFLICT(table_id, day) DO UPDATE SET queries = queries + excluded.queries,
      users = users + excluded.users, bytes_scanned = bytes_scanned + excluded.bytes_scanned,
      cost_usd = (CAST(round(cost_usd * 1000000000) AS INTEGER) + ?6) / 1000000000.0,
      failures = failures + excluded.failures)sql");
  upsert_column_reads = p(R"sql(INSERT INTO column_reads_daily(column_id, day, clause, reads)
    VALUES(?1, ?2, ?3, ?4)
    ON CONFLICT(column_id, day, clause) DO UPDATE SET reads = reads + excluded.reads)sql");
  upsert_joins = p(R"sql(INSERT INTO joins_daily(left_id, right_id, day, queries)
    VALUES(?1, ?2, ?3, ?4)
    ON CONFLICT(left_id, right_id, day) DO UPDATE SET queries = queries + excluded.queries)sql");
  upsert_join_columns = p(R"sql(INSERT INTO join_columns_daily(left_id, right_id, day, columns,
      queries) VALUES(?1, ?2, ?3, ?4, ?5)
    ON CONFLICT(left_id, right_id, day, columns)
    DO UPDATE SET queries = queries + excluded.queries)sql");
  upsert_fingerprints = p(R"sql(INSERT INTO fingerprints_daily(fingerprint, day, queries,
      succeeded, failures, bytes_scanned, cost_usd, example_query_id)
    VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7 / 1000000000.0, ?8)
    ON CONFLICT(fingerprint, day) DO UPDATE SET queries = queries + excluded.queries,
      succeeded = succeeded + excluded.succeeded, failures = failures + excluded.failures,
      bytes_scanned = bytes_scanned + excluded.bytes_scanned,
      cost_usd = (CAST(round(cost_usd * 1000000000) AS INTEGER) + ?7) / 1000000000.0,
      example_query_id = min(example_query_id, excluded.example_query_id))sql");
  // The latest query is the largest (ifnull(submitted_ms, 0), id); ?7 is the batch's
  // ifnull(submitted_ms, 0) of its latest query, compared with the stored one's.
  constexpr std::string_view kEdgeSet = R"sql(queries = queries + excluded.queries,
      first_seen_ms = CASE WHEN first_seen_ms IS NULL THEN excluded.first_seen_ms
        WHEN excluded.first_seen_ms IS NULL THEN first_seen_ms
        ELSE min(first_seen_ms, excluded.first_seen_ms) END,
      last_seen_ms = CASE WHEN last_seen_ms IS NULL THEN excluded.last_seen_ms
        WHEN excluded.last_seen_ms IS NULL THEN last_seen_ms
        ELSE max(last_seen_ms, excluded.last_seen_ms) END,
      last_query_id = CASE WHEN ?7 > ifnull(last_seen_ms, 0)
        OR (?7 = ifnull(last_seen_ms, 0) AND excluded.last_query_id > last_query_id)
        THEN excluded.last_query_id ELSE last_query_id END)sql";
  upsert_table_edges = p(std::string(R"sql(INSERT INTO table_edges(source_id, target_id, queries,
      first_seen_ms, last_seen_ms, last_query_id) VALUES(?1, ?2, ?3, ?4, ?5, ?6)
    ON CONFLICT(source_id, target_id) DO UPDATE SET )sql") +
                         std::string(kEdgeSet));
  upsert_column_edges = p(std::string(R"sql(INSERT INTO column_edges(source_id, target_id,
      transform, condition, queries, first_seen_ms, last_seen_ms, last_query_id)
    VALUES(?1, ?2, ?8, ?9, ?3, ?4, ?5, ?6)
    ON CONFLICT(source_id, target_id, transform, condition) DO UPDATE SET )sql") +
                          std::string(kEdgeSet));
}

void Store::Impl::apply(const BatchDelta& delta) {
  const auto day = [&](int key) -> const std::string& { return delta.day_keys.name(key); };
  // New members of the user sets raise the distinct-user counts.
  std::map<int, int64_t> new_day_users;
  for (const auto* e : in_key_order(delta.day_users)) {
    const auto& [d, user] = *e;
    add_day_user->bind(1, day(d)).bind(2, delta.user_keys.name(user));
    add_day_user->run();
    if (db.changes() > 0) ++new_day_users[d];
  }
  std::map<std::pair<int64_t, int>, int64_t> new_table_users;
  for (const auto* e : in_key_order(delta.table_users)) {
    const auto& [table, d, user] = *e;
    add_table_user->bind(1, table).bind(2, day(d)).bind(3, delta.user_keys.name(user));
    add_table_user->run();
    if (db.changes() > 0) ++new_table_users[{table, d}];
  }
  for (const auto& [d, sums] : delta.days) {
    auto users = new_day_users.find(d);
    upsert_usage_daily->bind(1, day(d))
        .bind(2, sums.queries)
        .bind(3, sums.usage)
        .bind(4, sums.succeeded)
        .bind(5, sums.failed)
        .bind(6, sums.cancelled)
        .bind(7, users == new_day_users.end() ? int64_t{0} : users->second)
        .bind(8, sums.bytes)
        .bind(9, sums.cost_nano);
    upsert_usage_daily->run();
  }
  for (const auto* entry : in_key_order(delta.tables)) {
    const auto& [key, t] = *entry;
    auto users = new_table_users.find(key);
    upsert_table_usage->bind(1, key.first)
        .bind(2, day(key.second))
        .bind(3, t.queries)
        .bind(4, users == new_table_users.end() ? int64_t{0} : users->second)
        .bind(5, t.bytes)
        .bind(6, t.cost_nano)
        .bind(7, t.failures);
    upsert_table_usage->run();
  }
  for (const auto* entry : in_key_order(delta.column_reads)) {
    const auto& [key, n] = *entry;
    upsert_column_reads->bind(1, std::get<0>(key))
        .bind(2, day(std::get<1>(key)))
        .bind(3, delta.clause_keys.name(std::get<2>(key)))
        .bind(4, n);
    upsert_column_reads->run();
  }
  for (const auto* entry : in_key_order(delta.joins)) {
    const auto& [key, n] = *entry;
    upsert_joins->bind(1, std::get<0>(key))
        .bind(2, std::get<1>(key))
        .bind(3, day(std::get<2>(key)))
        .bind(4, n);
    upsert_joins->run();
  }
  for (const auto* entry : in_key_order(delta.join_columns)) {
    const auto& [key, n] = *entry;
    upsert_join_columns->bind(1, std::get<0>(key))
        .bind(2, std::get<1>(key))
        .bind(3, day(std::get<2>(key)))
        .bind(4, std::get<3>(key))
        .bind(5, n);
    upsert_join_columns->run();
  }
  for (const auto* entry : in_key_order(delta.fingerprints)) {
    const auto& [key, f] = *entry;
    upsert_fingerprints->bind(1, key.first)
        .bind(2, day(key.second))
        .bind(3, f.queries)
        .bind(4, f.succeeded)
        .bind(5, f.failures)
        .bind(6, f.bytes)
        .bind(7, f.cost_nano)
        .bind(8, f.example);
    upsert_fingerprints->run();
  }
  auto bind_edge = [](Statement& st, const BatchDelta::Edge& e) {
    st.bind(3, e.queries)
        .bind(4, e.first_ms)
        .bind(5, e.last_ms)
        .bind(6, e.best_id)
        .bind(7, e.best_ms);
  };
  for (const auto* entry : in_key_order(delta.table_edges)) {
    const auto& [key, e] = *entry;
    upsert_table_edges->bind(1, key.first).bind(2, key.second);
    bind_edge(*upsert_table_edges, e);
    upsert_table_edges->run();
  }
  for (const auto* entry : in_key_order(delta.column_edges)) {
    const auto& [key, e] = *entry;
    upsert_column_edges->bind(1, std::get<0>(key))
        .bind(2, std::get<1>(key))
        .bind(8, std::get<2>(key))
        .bind(9, std::get<3>(key));
    bind_edge(*upsert_column_edges, e);
    upsert_column_edges->run();
  }
}

} // namespace athena::store
