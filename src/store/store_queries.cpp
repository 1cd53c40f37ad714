// The Store's read-side API for reports and graphs.

#include "src/store/guarded_read.h"
#include "src/store/result_rows.h"
#include "src/store/sqlite_db.h"
#include "src/store/store.h"
#include "src/store/store_impl.h"

namespace athena::store {

namespace {

/// The SQL condition choosing edges by their source `s` and target `t` names (?1).
std::string edge_condition(EdgeDirection direction) {
  switch (direction) {
  case EdgeDirection::kUpstream:
    return "t.name = ?1";
  case EdgeDirection::kDownstream:
    return "s.name = ?1";
  case EdgeDirection::kBoth:
    break;
  }
  return "(s.name = ?1 OR t.name = ?1)";
}

} // namespace

util::Result<std::vector<TableUsage>> Store::top_tables(const DayWindow& window, TableOrder order,
                                                        size_t limit) {
  return guarded_read([&]() -> std::vector<TableUsage> {
    std::string order_by;
    switch (order) {
    case TableOrder::kQueries:
      order_by = "queries DESC";
      break;
    case TableOrder::kUsers:
      order_by = "users DESC";
      break;
    case TableOrder::kBytes:
      order_by = "bytes DESC";
      break;
    case TableOrder::kCost:
      order_by = "cost DESC";
      break;
    case TableOrder::kFailures:
      order_by = "failures DESC";
      break;
    }
    std::string sql =
        "WITH users AS (SELECT table_id, count(DISTINCT user) AS n FROM table_day_users "
        "WHERE " +
        window_sql("day") +
        " GROUP BY table_id) "
        "SELECT t.name, sum(u.queries) AS queries, ifnull(users.n, 0) AS users, "
        "total(u.bytes_scanned) AS bytes, total(u.cost_usd) AS cost, sum(u.failures) AS failures, "
        "min(u.day), max(u.day) FROM table_usage_daily u JOIN tables t ON t.id = u.table_id "
        "LEFT JOIN users ON users.table_id = u.table_id WHERE " +
        window_sql("u.day") + " GROUP BY u.table_id ORDER BY " + order_by + ", t.name LIMIT ?3";
    Statement st(impl_->db, sql);
    bind_window(st, window).bind(3, static_cast<int64_t>(limit));
    return read_rows(st, [](const Statement& r) {
      return TableUsage{.name = r.text(0),
                        .queries = r.int64(1),
                        .users = r.int64(2),
                        .bytes_scanned = r.real(3),
                        .cost_usd = r.real(4),
                        .failures = r.int64(5),
                        .first_seen = r.text(6),
                        .last_seen = r.text(7)};
    });
  });
}

util::Result<std::vector<DayUsage>> Store::daily_trend(const DayWindow& window) {
  return guarded_read([&]() -> std::vector<DayUsage> {
    Statement st(impl_->db,
                 "SELECT day, queries, usage_queries, succeeded, failed, cancelled, users, "
                 "bytes_scanned, cost_usd FROM usage_daily WHERE " +
                     window_sql("day") + " ORDER BY day");
    bind_window(st, window);
    return read_rows(st, [](const Statement& r) {
      return DayUsage{.day = r.text(0),
                      .queries = r.int64(1),
                      .usage_queries = r.int64(2),
                      .succeeded = r.int64(3),
                      .failed = r.int64(4),
                      .cancelled = r.int64(5),
                      .users = r.int64(6),
                      .bytes_scanned = r.int64(7),
                      .cost_usd = r.real(8)};
    });
  });
}

util::Result<std::vector<JoinUsage>> Store::top_joins(const DayWindow& window, size_t limit) {
  return guarded_read([&]() -> std::vector<JoinUsage> {
    Statement st(impl_->db,
                 "SELECT j.left_id, j.right_id, l.name, r.name, sum(j.queries) AS n "
                 "FROM joins_daily j JOIN tables l ON l.id = j.left_id "
                 "JOIN tables r ON r.id = j.right_id WHERE " +
                     window_sql("j.day") +
                     " GROUP BY j.left_id, j.right_id ORDER BY n DESC, l.name, r.name LIMIT ?3");
    bind_window(st, window).bind(3, static_cast<int64_t>(limit));
    Statement cols(impl_->db, "SELECT columns, sum(queries) AS n FROM join_columns_daily "
                              "WHERE " +
                                  window_sql("day") +
                                  " AND left_id = ?3 AND right_id = ?4 GROUP BY columns "
                                  "ORDER BY n DESC, columns");
    return read_rows(st, [&](const Statement& r) {
      JoinUsage j{.left = r.text(2), .right = r.text(3), .count = r.int64(4), .columns = {}};
      bind_window(cols, window).bind(3, r.int64(0)).bind(4, r.int64(1));
      while (cols.step())
        j.columns.emplace_back(cols.text(0), cols.int64(1));
      cols.reset();
      return j;
    });
  });
}

util::Result<std::vector<TableEdge>> Store::table_edges(const std::string& table,
                                                        EdgeDirection direction) {
  return guarded_read([&]() -> std::vector<TableEdge> {
    const std::string where = edge_condition(direction);
    Statement st(impl_->db,
                 "SELECT s.name, t.name, e.queries, e.first_seen_ms, e.last_seen_ms, "
                 "e.last_query_id FROM table_edges e JOIN tables s ON s.id = e.source_id "
                 "JOIN tables t ON t.id = e.target_id WHERE " +
                     where + " ORDER BY s.name, t.name");
    st.bind(1, table);
    return read_rows(st, [](const Statement& r) {
      return TableEdge{.source = r.text(0),
                       .target = r.text(1),
                       .queries = r.int64(2),
                       .first_seen_ms = optional_int(r, 3),
                       .last_seen_ms = optional_int(r, 4),
                       .last_query_id = r.text(5)};
    });
  });
}

util::Result<std::vector<ColumnEdge>> Store::column_edges(const std::string& column,
                                                          EdgeDirection direction) {
  return guarded_read([&]() -> std::vector<ColumnEdge> {
    const std::string where = edge_condition(direction);
    Statement st(impl_->db, "SELECT " + std::string(kColumnEdgeColumns) +
                                " FROM column_edges e "
                                "JOIN columns s ON s.id = e.source_id JOIN columns t ON "
                                "t.id = e.target_id WHERE " +
                                where + " ORDER BY s.name, t.name, e.transform, e.condition");
    st.bind(1, column);
    return read_rows(st, read_column_edge);
  });
}

util::Result<QueryCounts> Store::query_counts(const DayWindow& window) {
  return guarded_read([&]() -> QueryCounts {
    // Queries without a submission time have no day and count only in an unbounded window.
    std::string cond = "((?1 = '' AND ?2 = '') OR (day IS NOT NULL AND " + window_sql("day") + "))";
    Statement st(impl_->db, "SELECT state, count(*), sum(parsed) FROM queries WHERE " + cond +
                                " GROUP BY state ORDER BY state");
    bind_window(st, window);
    QueryCounts c;
    while (st.step()) {
      int64_t n = st.int64(1);
      c.by_state[st.text(0)] = n;
      c.total += n;
      c.analyzed += st.int64(2);
    }
    c.parse_failed = c.total - c.analyzed;
    return c;
  });
}

} // namespace athena::store
