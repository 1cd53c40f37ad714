// Reads for the `serve` explorer's graph that the Store's report API does not cover: node
// kinds, name lookups and the columns of tables. Every value is bound, never spliced into the SQL.
#include "src/store/explorer_reads.h"

#include "src/store/sqlite_db.h"

namespace athena::store {

namespace {

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

} // namespace athena::store
