// The Store's read-side API for reports and graphs.

#include "src/store/sqlite_db.h"
#include "src/store/store.h"
#include "src/store/store_impl.h"

namespace athena::store {

namespace {

/// SQL condition on a `day` column for ?1 = since, ?2 = until ("" = unbounded).
std::string window_sql(std::string_view column) {
  std::string c(column);
  return "(?1 = '' OR " + c + " >= ?1) AND (?2 = '' OR " + c + " <= ?2)";
}

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

std::optional<int64_t> optional_int(const Statement& st, int col) {
  if (st.is_null(col)) return std::nullopt;
  return st.int64(col);
}

/// f()'s value, or the SQLite failure it threw as the error.
template <typename F> auto guarded(F&& f) -> util::Result<decltype(f())> {
  try {
    return f();
  } catch (const SqliteError& e) {
    return util::Error{e.what()};
  }
}

} // namespace

util::Result<std::vector<TableUsage>> Store::top_tables(const DayWindow& window, TableOrder order,
                                                        size_t limit) {
  return guarded([&]() -> std::vector<TableUsage> {
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
    st.bind(1, window.since).bind(2, window.until).bind(3, static_cast<int64_t>(limit));
    std::vector<TableUsage> out;
    while (st.step()) {
      TableUsage u;
      u.name = st.text(0);
      u.queries = st.int64(1);
      u.users = st.int64(2);
      u.bytes_scanned = st.real(3);
      u.cost_usd = st.real(4);
      u.failures = st.int64(5);
      u.first_seen = st.text(6);
      u.last_seen = st.text(7);
      out.push_back(std::move(u));
    }
    return out;
  });
}

util::Result<std::vector<DayUsage>> Store::daily_trend(const DayWindow& window) {
  return guarded([&]() -> std::vector<DayUsage> {
    Statement st(impl_->db,
                 "SELECT day, queries, usage_queries, succeeded, failed, cancelled, users, "
                 "bytes_scanned, cost_usd FROM usage_daily WHERE " +
                     window_sql("day") + " ORDER BY day");
    st.bind(1, window.since).bind(2, window.until);
    std::vector<DayUsage> out;
    while (st.step()) {
      DayUsage d;
      d.day = st.text(0);
      d.queries = st.int64(1);
      d.usage_queries = st.int64(2);
      d.succeeded = st.int64(3);
      d.failed = st.int64(4);
      d.cancelled = st.int64(5);
      d.users = st.int64(6);
      d.bytes_scanned = st.int64(7);
      d.cost_usd = st.real(8);
      out.push_back(std::move(d));
    }
    return out;
  });
}

util::Result<std::vector<JoinUsage>> Store::top_joins(const DayWindow& window, size_t limit) {
  return guarded([&]() -> std::vector<JoinUsage> {
    Statement st(impl_->db,
                 "SELECT j.left_id, j.right_id, l.name, r.name, sum(j.queries) AS n "
                 "FROM joins_daily j JOIN tables l ON l.id = j.left_id "
                 "JOIN tables r ON r.id = j.right_id WHERE " +
                     window_sql("j.day") +
                     " GROUP BY j.left_id, j.right_id ORDER BY n DESC, l.name, r.name LIMIT ?3");
    st.bind(1, window.since).bind(2, window.until).bind(3, static_cast<int64_t>(limit));
    Statement cols(impl_->db, "SELECT columns, sum(queries) AS n FROM join_columns_daily "
                              "WHERE " +
                                  window_sql("day") +
                                  " AND left_id = ?3 AND right_id = ?4 GROUP BY columns "
                                  "ORDER BY n DESC, columns");
    std::vector<JoinUsage> out;
    while (st.step()) {
      JoinUsage j;
      j.left = st.text(2);
      j.right = st.text(3);
      j.count = st.int64(4);
      cols.bind(1, window.since).bind(2, window.until).bind(3, st.int64(0)).bind(4, st.int64(1));
      while (cols.step())
        j.columns.emplace_back(cols.text(0), cols.int64(1));
      cols.reset();
      out.push_back(std::move(j));
    }
    return out;
  });
}

util::Result<std::vector<TableEdge>> Store::table_edges(const std::string& table,
                                                        EdgeDirection direction) {
  return guarded([&]() -> std::vector<TableEdge> {
    const std::string where = edge_condition(direction);
    Statement st(impl_->db,
                 "SELECT s.name, t.name, e.queries, e.first_seen_ms, e.last_seen_ms, "
                 "e.last_query_id FROM table_edges e JOIN tables s ON s.id = e.source_id "
                 "JOIN tables t ON t.id = e.target_id WHERE " +
                     where + " ORDER BY s.name, t.name");
    st.bind(1, table);
    std::vector<TableEdge> out;
    while (st.step()) {
      TableEdge e;
      e.source = st.text(0);
      e.target = st.text(1);
      e.queries = st.int64(2);
      e.first_seen_ms = optional_int(st, 3);
      e.last_seen_ms = optional_int(st, 4);
      e.last_query_id = st.text(5);
      out.push_back(std::move(e));
    }
    return out;
  });
}

util::Result<std::vector<ColumnEdge>> Store::column_edges(const std::string& column,
                                                          EdgeDirection direction) {
  return guarded([&]() -> std::vector<ColumnEdge> {
    const std::string where = edge_condition(direction);
    Statement st(impl_->db,
                 "SELECT s.name, t.name, e.transform, e.condition, e.queries, e.first_seen_ms, "
                 "e.last_seen_ms, e.last_query_id FROM column_edges e "
                 "JOIN columns s ON s.id = e.source_id JOIN columns t ON t.id = e.target_id "
                 "WHERE " +
                     where + " ORDER BY s.name, t.name, e.transform, e.condition");
    st.bind(1, column);
    std::vector<ColumnEdge> out;
    while (st.step()) {
      ColumnEdge e;
      e.source = st.text(0);
      e.target = st.text(1);
      e.transform = st.text(2);
      e.condition = st.int64(3) != 0;
      e.queries = st.int64(4);
      e.first_seen_ms = optional_int(st, 5);
      e.last_seen_ms = optional_int(st, 6);
      e.last_query_id = st.text(7);
      out.push_back(std::move(e));
    }
    return out;
  });
}

util::Result<QueryCounts> Store::query_counts(const DayWindow& window) {
  return guarded([&]() -> QueryCounts {
    // Queries without a submission time have no day and count only in an unbounded window.
    std::string cond = "((?1 = '' AND ?2 = '') OR (day IS NOT NULL AND " + window_sql("day") + "))";
    Statement st(impl_->db, "SELECT state, count(*), sum(parsed) FROM queries WHERE " + cond +
                                " GROUP BY state ORDER BY state");
    st.bind(1, window.since).bind(2, window.until);
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
