// Gathers the report from the store: the store's query API plus the few queries it lacks
// (unused tables, query shapes, failures, coverage).
#include "src/report/report_data.h"

#include <algorithm>
#include <cstdio>
#include <set>
#include <tuple>

#include "src/store/sqlite_db.h"

namespace athena::report {

namespace {

/// SQL condition on a `day` column for ?1 = since, ?2 = until ("" = unbounded). A NULL day
/// passes only an unbounded window.
std::string window_sql(const std::string& column) {
  return "(?1 = '' OR " + column + " >= ?1) AND (?2 = '' OR " + column + " <= ?2)";
}

std::string hex64(int64_t v) {
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(v));
  return buf;
}

/// Tables a SUCCEEDED data statement of the window read: named in FROM/JOIN, or with a
/// column read (a MERGE or DELETE target whose columns its conditions read).
std::set<std::string> read_tables(store::Db& db, const store::DayWindow& w) {
  std::set<std::string> out;
  store::Statement st(db, "SELECT DISTINCT t.name FROM query_tables qt JOIN queries q ON q.q = "
                          "qt.q JOIN tables t ON t.id = qt.table_id WHERE qt.reads = 1 AND "
                          "q.state = 'SUCCEEDED' AND q.is_usage = 1 AND " +
                              window_sql("q.day"));
  st.bind(1, w.since).bind(2, w.until);
  while (st.step())
    out.insert(st.text(0));
  store::Statement cols(
      db, "SELECT DISTINCT t.name FROM query_column_reads r JOIN queries q ON q.q = r.q "
          "JOIN json_each(r.reads) j JOIN columns c ON c.id = json_extract(j.value, '$[0]') "
          "JOIN tables t ON t.id = c.table_id WHERE q.state = 'SUCCEEDED' AND q.is_usage = 1 "
          "AND " +
              window_sql("q.day"));
  cols.bind(1, w.since).bind(2, w.until);
  while (cols.step())
    out.insert(cols.text(0));
  return out;
}

/// Tables the database knows exist: named by a statement that SUCCEEDED (at any time: a read,
/// a write, CREATE TABLE or VIEW in the log), or listed by the catalog's metadata. Names only
/// failed statements used (a misspelt table) are not evidence. S3 locations are lineage nodes,
/// not tables anyone queries by name.
// S3 locations are nodes of the lineage graph, not tables anyone queries by name.
std::set<std::string> known_tables(store::Db& db, std::vector<std::string>* sources) {
  std::set<std::string> known;
  store::Statement st(db, "SELECT DISTINCT t.name FROM query_tables qt JOIN queries q ON q.q = "
                          "qt.q JOIN tables t ON t.id = qt.table_id WHERE q.state = 'SUCCEEDED' "
                          "AND t.location = 0");
  while (st.step())
    known.insert(st.text(0));
  sources->push_back("succeeded statements");
  store::Statement meta(db, "SELECT lower(catalog || '.' || database || '.' || name) FROM "
                            "metadata_tables");
  bool any_metadata = false;
  while (meta.step()) {
    known.insert(meta.text(0));
    any_metadata = true;
  }
  if (any_metadata) sources->push_back("catalog metadata");
  return known;
}

std::vector<std::string> unused_tables(store::Db& db, const ReportOptions& options,
                                       bool* from_schema, std::vector<std::string>* sources) {
  std::set<std::string> known;
  *from_schema = !options.schema_tables.empty();
  if (*from_schema) {
    known.insert(options.schema_tables.begin(), options.schema_tables.end());
    sources->push_back("schema files");
  } else {
    known = known_tables(db, sources);
  }
  for (const auto& name : read_tables(db, options.window))
    known.erase(name);
  return {known.begin(), known.end()};
}

std::vector<QueryShape> expensive_shapes(store::Db& db, const ReportOptions& options) {
  store::Statement st(
      db, "SELECT f.fingerprint, sum(f.queries), sum(f.succeeded), sum(f.failures), "
          "sum(f.bytes_scanned) AS bytes, total(f.cost_usd) AS cost, min(f.example_query_id), "
          "ifnull(ft.text, '') FROM fingerprints_daily f LEFT JOIN fingerprint_texts ft ON "
          "ft.fingerprint = f.fingerprint WHERE " +
              window_sql("f.day") +
              " GROUP BY f.fingerprint ORDER BY cost DESC, bytes DESC, f.fingerprint LIMIT ?3");
  st.bind(1, options.window.since)
      .bind(2, options.window.until)
      .bind(3, static_cast<int64_t>(options.top));
  std::vector<QueryShape> out;
  while (st.step()) {
    QueryShape s;
    s.fingerprint = hex64(st.int64(0));
    s.queries = st.int64(1);
    s.succeeded = st.int64(2);
    s.failures = st.int64(3);
    s.bytes_scanned = st.int64(4);
    s.cost_usd = st.real(5);
    s.example_query_id = st.text(6);
    s.text = st.text(7);
    out.push_back(std::move(s));
  }
  return out;
}

std::vector<FailureGroup> failures(store::Db& db, const ReportOptions& options) {
  store::Statement st(
      db, "SELECT CASE WHEN error_message <> '' THEN error_message WHEN state_change_reason <> "
          "'' THEN state_change_reason ELSE '(no error message)' END AS err, count(*) AS n, "
          "sum(state = 'FAILED'), sum(state = 'CANCELLED'), min(id), ifnull(min(day), ''), "
          "ifnull(max(day), '') FROM queries WHERE state IN ('FAILED', 'CANCELLED') AND " +
              window_sql("day") + " GROUP BY err ORDER BY n DESC, err LIMIT ?3");
  st.bind(1, options.window.since)
      .bind(2, options.window.until)
      .bind(3, static_cast<int64_t>(options.top));
  std::vector<FailureGroup> out;
  while (st.step()) {
    FailureGroup g;
    g.error = st.text(0);
    g.count = st.int64(1);
    g.failed = st.int64(2);
    g.cancelled = st.int64(3);
    g.example_query_id = st.text(4);
    g.first_seen = st.text(5);
    g.last_seen = st.text(6);
    out.push_back(std::move(g));
  }
  return out;
}

/// Users or workgroups (`column`) by the cost of their SUCCEEDED data statements.
std::vector<Spender> spenders(store::Db& db, const ReportOptions& options, const char* column) {
  store::Statement st(db, std::string("SELECT ") + column +
                              ", count(*), sum(data_scanned_bytes), total(cost_usd) AS cost FROM "
                              "queries WHERE state = 'SUCCEEDED' AND is_usage = 1 AND " +
                              window_sql("day") + " GROUP BY " + column +
                              " ORDER BY cost DESC, count(*) DESC, " + column + " LIMIT ?3");
  st.bind(1, options.window.since)
      .bind(2, options.window.until)
      .bind(3, static_cast<int64_t>(options.top));
  std::vector<Spender> out;
  while (st.step())
    out.push_back({st.text(0), st.int64(1), st.int64(2), st.real(3)});
  return out;
}

/// Column edges whose target is a column of `table`, by target then source.
std::vector<store::ColumnEdge> column_edges_into(store::Db& db, const std::string& table) {
  store::Statement st(
      db, "SELECT s.name, t.name, e.transform, e.condition, e.queries FROM column_edges e "
          "JOIN columns s ON s.id = e.source_id JOIN columns t ON t.id = e.target_id "
          "JOIN tables tt ON tt.id = t.table_id WHERE tt.name = ?1 "
          "ORDER BY t.name, e.condition, s.name, e.transform");
  st.bind(1, table);
  std::vector<store::ColumnEdge> out;
  while (st.step()) {
    store::ColumnEdge e;
    e.source = st.text(0);
    e.target = st.text(1);
    e.transform = st.text(2);
    e.condition = st.int64(3) != 0;
    e.queries = st.int64(4);
    out.push_back(std::move(e));
  }
  return out;
}

Coverage coverage(store::Db& db, const store::DayWindow& w) {
  store::Statement st(db, "SELECT count(*), ifnull(sum(lineage_complete), 0), "
                          "ifnull(sum(parsed = 0), 0) FROM queries WHERE state = 'SUCCEEDED' AND "
                          "(is_usage = 1 OR parsed = 0) AND " +
                              window_sql("day"));
  st.bind(1, w.since).bind(2, w.until);
  Coverage c;
  if (st.step()) {
    c.statements = st.int64(0);
    c.complete = st.int64(1);
    c.parse_failed = st.int64(2);
  }
  c.share =
      c.statements > 0 ? static_cast<double>(c.complete) / static_cast<double>(c.statements) : 0.0;
  return c;
}

} // namespace

bool is_valid_day(std::string_view day) {
  if (day.size() != 10 || day[4] != '-' || day[7] != '-') return false;
  for (size_t i : {0u, 1u, 2u, 3u, 5u, 6u, 8u, 9u}) {
    if (day[i] < '0' || day[i] > '9') return false;
  }
  auto num = [&](size_t pos, size_t len) {
    int v = 0;
    for (size_t i = pos; i < pos + len; ++i)
      v = v * 10 + (day[i] - '0');
    return v;
  };
  const int year = num(0, 4), month = num(5, 2), d = num(8, 2);
  if (month < 1 || month > 12 || d < 1) return false;
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  const int max_day = month == 2 && leap ? 29 : kDays[month - 1];
  return d <= max_day;
}

std::optional<ReportData> gather_report(store::Store& store, const ReportOptions& options,
                                        std::string* error) {
  // A read-only store reports what it holds (the CLI warned that totals may be short).
  if (!store.read_only() && store.dirty_count() != 0 && !store.refresh_aggregates(error)) {
    return std::nullopt;
  }
  ReportData r;
  r.options = options;
  const store::DayWindow& w = options.window;
  auto take = [&](auto&& value, auto& into) {
    if (!value) {
      if (error != nullptr) *error = value.error();
      return false;
    }
    into = std::move(*value);
    return true;
  };
  if (!take(store.query_counts(w), r.queries) ||
      !take(store.top_tables(w, store::TableOrder::kQueries, options.top), r.tables_by_queries) ||
      !take(store.top_tables(w, store::TableOrder::kUsers, options.top), r.tables_by_users) ||
      !take(store.top_tables(w, store::TableOrder::kBytes, options.top), r.tables_by_bytes) ||
      !take(store.top_tables(w, store::TableOrder::kCost, options.top), r.tables_by_cost) ||
      !take(store.daily_trend(w), r.daily) || !take(store.top_joins(w, options.top), r.joins)) {
    return std::nullopt;
  }
  // The lineage view: every edge into or out of the most-queried tables.
  std::set<std::pair<std::string, std::string>> seen;
  for (const auto& t : r.tables_by_queries) {
    auto edges = store.table_edges(t.name, store::EdgeDirection::kBoth);
    if (!edges) {
      if (error != nullptr) *error = edges.error();
      return std::nullopt;
    }
    for (auto& e : *edges) {
      if (seen.emplace(e.source, e.target).second) r.lineage.push_back(std::move(e));
    }
  }
  std::sort(r.lineage.begin(), r.lineage.end(), [](const auto& a, const auto& b) {
    return std::tie(a.source, a.target) < std::tie(b.source, b.target);
  });
  try {
    store::Db& db = store.db();
    r.unused_tables = unused_tables(db, options, &r.unused_from_schema, &r.unused_sources);
    r.expensive_shapes = expensive_shapes(db, options);
    r.failures = failures(db, options);
    r.coverage = coverage(db, w);
    r.top_users = spenders(db, options, "user");
    r.top_workgroups = spenders(db, options, "workgroup");
    for (const auto& t : r.tables_by_queries) {
      auto edges = column_edges_into(db, t.name);
      if (!edges.empty()) r.column_lineage[t.name] = std::move(edges);
    }
  } catch (const store::SqliteError& e) {
    *error = e.what();
    return std::nullopt;
  }
  return r;
}

} // namespace athena::report
