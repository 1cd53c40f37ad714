// The report's own reads (report_reader.h): the SQL `report` needs beyond the Store's API.
#include "src/store/report_reader.h"

#include "src/store/guarded_read.h"
#include "src/store/result_rows.h"
#include "src/store/sqlite_db.h"
#include "src/store/store_connection.h"

namespace athena::store {

namespace {

/// Shapes keep at most this much of their masked text in the report (push reads it whole).
constexpr int kShapeTextBytes = 4096;

} // namespace

util::Result<std::set<std::string>> ReportReader::read_tables(const DayWindow& w) {
  return guarded_read([&] {
    std::set<std::string> out;
    Statement st(StoreConnection::of(store_),
                 "SELECT DISTINCT t.name FROM query_tables qt JOIN queries q ON "
                 "q.q = qt.q JOIN tables t ON t.id = qt.table_id WHERE qt.reads = 1 "
                 "AND q.state = 'SUCCEEDED' AND q.is_usage = 1 AND " +
                     window_sql("q.day"));
    bind_window(st, w);
    while (st.step())
      out.insert(st.text(0));
    Statement cols(
        StoreConnection::of(store_),
        "SELECT DISTINCT t.name FROM query_column_reads r JOIN queries q ON q.q = r.q "
        "JOIN json_each(r.reads) j JOIN columns c ON c.id = json_extract(j.value, '$[0]') "
        "JOIN tables t ON t.id = c.table_id WHERE q.state = 'SUCCEEDED' AND q.is_usage = 1 "
        "AND " +
            window_sql("q.day"));
    bind_window(cols, w);
    while (cols.step())
      out.insert(cols.text(0));
    return out;
  });
}

util::Result<KnownTables> ReportReader::known_tables() {
  return guarded_read([&] {
    KnownTables known;
    Statement st(StoreConnection::of(store_),
                 "SELECT DISTINCT t.name FROM query_tables qt JOIN queries q ON "
                 "q.q = qt.q JOIN tables t ON t.id = qt.table_id WHERE q.state = "
                 "'SUCCEEDED' AND t.location = 0");
    while (st.step())
      known.names.insert(st.text(0));
    Statement meta(StoreConnection::of(store_),
                   "SELECT lower(catalog || '.' || database || '.' || name) FROM "
                   "metadata_tables");
    while (meta.step()) {
      known.names.insert(meta.text(0));
      known.from_metadata = true;
    }
    return known;
  });
}

util::Result<std::vector<ShapeCost>> ReportReader::expensive_shapes(const DayWindow& w,
                                                                    size_t limit) {
  return guarded_read([&] {
    Statement st(
        StoreConnection::of(store_),
        "SELECT f.fingerprint, sum(f.queries), sum(f.succeeded), sum(f.failures), "
        "sum(f.bytes_scanned) AS bytes, total(f.cost_usd) AS cost, min(f.example_query_id), "
        "ifnull(CAST(substr(CAST(ft.text AS BLOB), 1, " +
            std::to_string(kShapeTextBytes) +
            ") AS TEXT), '') FROM fingerprints_daily f LEFT JOIN fingerprint_texts ft ON "
            "ft.fingerprint = f.fingerprint WHERE " +
            window_sql("f.day") +
            " GROUP BY f.fingerprint ORDER BY cost DESC, bytes DESC, f.fingerprint LIMIT ?3");
    bind_window(st, w).bind(3, static_cast<int64_t>(limit));
    return read_rows(st, [](const Statement& r) {
      return ShapeCost{.fingerprint = r.int64(0),
                       .text = r.text(7),
                       .queries = r.int64(1),
                       .succeeded = r.int64(2),
                       .failures = r.int64(3),
                       .bytes_scanned = r.int64(4),
                       .cost_usd = r.real(5),
                       .example_query_id = r.text(6)};
    });
  });
}

util::Result<std::vector<FailureGroup>> ReportReader::failures(const DayWindow& w, size_t limit) {
  return guarded_read([&] {
    Statement st(
        StoreConnection::of(store_),
        "SELECT CASE WHEN error_message <> '' THEN error_message WHEN state_change_reason <> "
        "'' THEN state_change_reason ELSE '(no error message)' END AS err, count(*) AS n, "
        "sum(state = 'FAILED'), sum(state = 'CANCELLED'), min(id), ifnull(min(day), ''), "
        "ifnull(max(day), '') FROM queries WHERE state IN ('FAILED', 'CANCELLED') AND " +
            window_sql("day") + " GROUP BY err ORDER BY n DESC, err LIMIT ?3");
    bind_window(st, w).bind(3, static_cast<int64_t>(limit));
    return read_rows(st, [](const Statement& r) {
      return FailureGroup{.error = r.text(0),
                          .count = r.int64(1),
                          .failed = r.int64(2),
                          .cancelled = r.int64(3),
                          .example_query_id = r.text(4),
                          .first_seen = r.text(5),
                          .last_seen = r.text(6)};
    });
  });
}

util::Result<std::vector<Spender>> ReportReader::spenders(const DayWindow& w, SpenderKey key,
                                                          size_t limit) {
  return guarded_read([&] {
    const std::string column = key == SpenderKey::kUser ? "user" : "workgroup";
    Statement st(StoreConnection::of(store_),
                 "SELECT " + column +
                     ", count(*), sum(data_scanned_bytes), total(cost_usd) AS cost FROM "
                     "queries WHERE state = 'SUCCEEDED' AND is_usage = 1 AND " +
                     window_sql("day") + " GROUP BY " + column +
                     " ORDER BY cost DESC, count(*) DESC, " + column + " LIMIT ?3");
    bind_window(st, w).bind(3, static_cast<int64_t>(limit));
    return read_rows(st, [](const Statement& r) {
      return Spender{r.text(0), r.int64(1), r.int64(2), r.real(3)};
    });
  });
}

util::Result<LineageCoverage> ReportReader::coverage(const DayWindow& w) {
  return guarded_read([&] {
    Statement st(StoreConnection::of(store_),
                 "SELECT count(*), ifnull(sum(lineage_complete), 0), ifnull(sum(parsed = 0), 0) "
                 "FROM queries WHERE state = 'SUCCEEDED' AND (is_usage = 1 OR parsed = 0) AND " +
                     window_sql("day"));
    bind_window(st, w);
    LineageCoverage c;
    if (st.step()) {
      c.statements = st.int64(0);
      c.complete = st.int64(1);
      c.parse_failed = st.int64(2);
    }
    return c;
  });
}

util::Result<std::vector<ColumnEdge>> ReportReader::column_edges_into(const std::string& table) {
  return guarded_read([&] {
    Statement st(StoreConnection::of(store_),
                 "SELECT " + std::string(kColumnEdgeColumns) +
                     " FROM column_edges e "
                     "JOIN columns s ON s.id = e.source_id JOIN columns t ON t.id = e.target_id "
                     "JOIN tables tt ON tt.id = t.table_id WHERE tt.name = ?1 "
                     "ORDER BY t.name, e.condition, s.name, e.transform");
    st.bind(1, table);
    return read_rows(st, read_column_edge);
  });
}

} // namespace athena::store
