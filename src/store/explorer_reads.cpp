// Reads for the `serve` explorer that the Store's report API does not cover: node kinds and
// the queries behind one edge. Every value is bound, never spliced into the SQL.
#include "src/store/explorer_reads.h"

#include "src/store/sqlite_db.h"

namespace athena::store {

namespace {

std::optional<int64_t> optional_int(const Statement& st, int col) {
  if (st.is_null(col)) return std::nullopt;
  return st.int64(col);
}

template <typename F> auto guarded(std::string* error, F&& f) -> decltype(f()) {
  try {
    return f();
  } catch (const SqliteError& e) {
    if (error != nullptr) *error = e.what();
    return std::nullopt;
  }
}

} // namespace

std::optional<TableKinds> table_kinds(Store& store, std::string* error) {
  return guarded(error, [&]() -> std::optional<TableKinds> {
    TableKinds kinds;
    // From the few CREATE VIEW queries to their written tables: query_tables is keyed by q.
    Statement views(store.db(),
                    "SELECT DISTINCT t.name FROM queries q JOIN query_tables qt ON qt.q = q.q "
                    "JOIN tables t ON t.id = qt.table_id WHERE q.state = 'SUCCEEDED' AND "
                    "q.statement_kind LIKE '%create_view%' AND qt.writes = 1");
    while (views.step())
      kinds.views.insert(views.text(0));
    Statement locations(store.db(), "SELECT name FROM tables WHERE location != 0");
    while (locations.step())
      kinds.locations.insert(locations.text(0));
    return kinds;
  });
}

std::optional<int64_t> queries_stamp(Store& store, std::string* error) {
  return guarded(error, [&]() -> std::optional<int64_t> {
    Statement st(store.db(), "SELECT ifnull(max(q), 0) FROM queries");
    st.step();
    return st.int64(0);
  });
}

std::optional<bool> name_known(Store& store, const std::string& name, bool columns,
                               std::string* error) {
  return guarded(error, [&]() -> std::optional<bool> {
    Statement st(store.db(), columns ? "SELECT 1 FROM columns WHERE name = ?1"
                                     : "SELECT 1 FROM tables WHERE name = ?1");
    st.bind(1, name);
    return st.step();
  });
}

std::optional<std::vector<std::string>> table_columns(Store& store, const std::string& table,
                                                      std::string* error) {
  return guarded(error, [&]() -> std::optional<std::vector<std::string>> {
    Statement st(store.db(), "SELECT c.name FROM columns c JOIN tables t ON t.id = c.table_id "
                             "WHERE t.name = ?1 ORDER BY c.name");
    st.bind(1, table);
    std::vector<std::string> out;
    while (st.step())
      out.push_back(st.text(0));
    return out;
  });
}

std::optional<std::map<std::string, std::string>>
column_tables(Store& store, const std::vector<std::string>& columns, std::string* error) {
  return guarded(error, [&]() -> std::optional<std::map<std::string, std::string>> {
    Statement st(store.db(), "SELECT t.name FROM columns c JOIN tables t ON t.id = c.table_id "
                             "WHERE c.name = ?1");
    std::map<std::string, std::string> out;
    for (const auto& column : columns) {
      st.bind(1, column);
      if (st.step()) out.emplace(column, st.text(0));
      st.reset();
    }
    return out;
  });
}

std::optional<std::vector<EdgeQuery>> edge_queries(Store& store, const std::string& from,
                                                   const std::string& to, bool columns,
                                                   size_t limit, int64_t* total,
                                                   std::string* error) {
  return guarded(error, [&]() -> std::optional<std::vector<EdgeQuery>> {
    const std::string edges =
        columns ? "SELECT qe.q, qe.transform, qe.condition FROM query_column_edges qe "
                  "JOIN columns s ON s.id = qe.source_id JOIN columns t ON t.id = qe.target_id "
                  "WHERE s.name = ?1 AND t.name = ?2"
                : "SELECT qe.q, '' AS transform, 0 AS condition FROM query_table_edges qe "
                  "JOIN tables s ON s.id = qe.source_id JOIN tables t ON t.id = qe.target_id "
                  "WHERE s.name = ?1 AND t.name = ?2";
    Statement count(store.db(), "SELECT count(*) FROM (" + edges +
                                    ") e JOIN queries q ON q.q = e.q WHERE q.state = 'SUCCEEDED'");
    count.bind(1, from).bind(2, to);
    count.step();
    *total = count.int64(0);
    Statement st(store.db(),
                 "SELECT q.id, q.submitted_ms, q.user, q.workgroup, ifnull(x.query, ''), "
                 "e.transform, e.condition FROM (" +
                     edges +
                     ") e JOIN queries q ON q.q = e.q LEFT JOIN query_texts x ON x.q = q.q "
                     "WHERE q.state = 'SUCCEEDED' ORDER BY ifnull(q.submitted_ms, 0) DESC, q.id, "
                     "e.transform, e.condition LIMIT ?3");
    st.bind(1, from).bind(2, to).bind(3, static_cast<int64_t>(limit));
    std::vector<EdgeQuery> out;
    while (st.step()) {
      EdgeQuery q;
      q.id = st.text(0);
      q.submitted_ms = optional_int(st, 1);
      q.user = st.text(2);
      q.workgroup = st.text(3);
      q.sql = st.text(4);
      q.transform = st.text(5);
      q.condition = st.int64(6) != 0;
      out.push_back(std::move(q));
    }
    return out;
  });
}

} // namespace athena::store
