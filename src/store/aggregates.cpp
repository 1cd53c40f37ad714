// Recomputing the aggregates from the per-query facts (README, "What counts"; SCHEMA.md).
// Every statement here is a pure function of the facts for the dirty keys, so the result
// does not depend on how many runs or batches stored them.

#include "src/store/store.h"
#include "src/store/store_impl.h"

namespace athena::store {

namespace {

constexpr std::string_view kRefreshSql = R"sql(
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
       total(CASE WHEN state = 'SUCCEEDED' AND is_usage THEN cost_usd ELSE 0 END)
FROM queries WHERE day IN (SELECT day FROM dirty_days) GROUP BY day;

-- Per table and day: a query counts once per table it reads or writes (query_tables has
-- one row per query and table); failures are FAILED/CANCELLED data statements.
DELETE FROM table_usage_daily WHERE day IN (SELECT day FROM dirty_days);
INSERT INTO table_usage_daily(table_id, day, queries, users, bytes_scanned, cost_usd, failures)
SELECT t.table_id, q.day,
       sum(q.state = 'SUCCEEDED' AND q.is_usage),
       count(DISTINCT CASE WHEN q.state = 'SUCCEEDED' AND q.is_usage AND q.user <> ''
                      THEN q.user END),
       total(CASE WHEN q.state = 'SUCCEEDED' AND q.is_usage THEN t.bytes_share ELSE 0 END),
       total(CASE WHEN q.state = 'SUCCEEDED' AND q.is_usage THEN t.cost_share ELSE 0 END),
       sum(q.state IN ('FAILED', 'CANCELLED') AND q.is_usage)
FROM queries q JOIN query_tables t ON t.q = q.q
WHERE q.day IN (SELECT day FROM dirty_days) AND q.is_usage
  AND q.state IN ('SUCCEEDED', 'FAILED', 'CANCELLED')
GROUP BY t.table_id, q.day;

-- Per column, day and clause: usage queries reading it there.
DELETE FROM column_reads_daily WHERE day IN (SELECT day FROM dirty_days);
INSERT INTO column_reads_daily(column_id, day, clause, reads)
SELECT r.column_id, q.day, r.clause, count(*)
FROM queries q JOIN query_column_reads r ON r.q = q.q
WHERE q.day IN (SELECT day FROM dirty_days) AND q.state = 'SUCCEEDED' AND q.is_usage
GROUP BY r.column_id, q.day, r.clause;

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
       total(cost_usd), min(id)
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

void Store::Impl::refresh() {
  db.exec(kRefreshSql);
}

} // namespace athena::store
