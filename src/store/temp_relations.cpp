// Typed reads and writes of dbt's temporary relations (query_temp_relations, SCHEMA.md) for the
// analysis: the stored statement that created one, the stored statements that named one, and
// the edges of a statement composed again once the statement filling its temporary relation
// is known (README, "Models and temporary relations").
#include "src/store/temp_relations.h"

#include "src/store/sqlite_db.h"
#include "src/store/store_connection.h"
#include "src/store/stored_records.h"

namespace athena::store {

namespace {

/// The id of the table `name`, added when new (its location flag from `t`).
int64_t table_id(Db& db, const model::TableName& t) {
  const std::string name = t.text();
  Statement find(db, "SELECT id FROM tables WHERE name = ?1");
  find.bind(1, name);
  if (find.step()) return find.int64(0);
  Statement add(db, "INSERT INTO tables(name, location) VALUES(?1, ?2)");
  add.bind(1, name).bind(2, t.location ? 1 : 0);
  add.run();
  return db.last_insert_rowid();
}

/// The id of the column `c`, added (with its table) when new.
int64_t column_id(Db& db, const model::ColumnName& c) {
  const std::string name = c.text();
  Statement find(db, "SELECT id FROM columns WHERE name = ?1");
  find.bind(1, name);
  if (find.step()) return find.int64(0);
  const int64_t table = table_id(db, c.table);
  Statement add(db, "INSERT INTO columns(table_id, name) VALUES(?1, ?2)");
  add.bind(1, table).bind(2, name);
  add.run();
  return db.last_insert_rowid();
}

/// Marks the edges of query `q` for recomputation by refresh_aggregates().
void mark_edges_dirty(Db& db, int64_t q) {
  Statement tables(db, "INSERT OR IGNORE INTO dirty_table_edges(source_id, target_id) "
                       "SELECT source_id, target_id FROM query_table_edges WHERE q = ?1");
  tables.bind(1, q);
  tables.run();
  Statement columns(db, "INSERT OR IGNORE INTO dirty_column_edges(source_id, target_id, "
                        "transform, condition) SELECT source_id, target_id, transform, "
                        "condition FROM query_column_edges WHERE q = ?1");
  columns.bind(1, q);
  columns.run();
}

} // namespace

util::Result<std::optional<model::QueryRecord>>
last_temp_creation(Store& store, const model::TableName& temp, int64_t before_ms) {
  try {
    Statement last(StoreConnection::of(store), std::string(kRecordColumns) + R"sql(
FROM query_temp_relations r JOIN queries q ON q.q = r.q
WHERE r.temp = ?1 AND q.state = 'SUCCEEDED' AND ifnull(q.submitted_ms, 0) < ?2
  AND (('+' || q.statement_kind || '+') LIKE '%+ctas+%'
    OR ('+' || q.statement_kind || '+') LIKE '%+create_table+%')
ORDER BY ifnull(q.submitted_ms, 0) DESC, q.id DESC LIMIT 1)sql");
    last.bind(1, temp.text()).bind(2, before_ms);
    auto records = records_of(store, last);
    if (!records) return util::Error{records.error()};
    if (records->empty()) return std::optional<model::QueryRecord>{};
    return std::optional<model::QueryRecord>(std::move(records->front()));
  } catch (const SqliteError& e) {
    return util::Error{e.what()};
  }
}

util::Result<std::vector<model::QueryRecord>>
queries_naming_temp(Store& store, const model::TableName& temp, int64_t from_ms) {
  try {
    Statement st(StoreConnection::of(store), std::string(kRecordColumns) + R"sql(
FROM query_temp_relations r JOIN queries q ON q.q = r.q
WHERE r.temp = ?1 AND ifnull(q.submitted_ms, 0) >= ?2
ORDER BY ifnull(q.submitted_ms, 0), q.id)sql");
    st.bind(1, temp.text()).bind(2, from_ms);
    return records_of(store, st);
  } catch (const SqliteError& e) {
    return util::Error{e.what()};
  }
}

util::Result<std::optional<int64_t>> latest_temp_time(Store& store, const model::TableName& temp) {
  try {
    Statement st(StoreConnection::of(store),
                 "SELECT max(ifnull(q.submitted_ms, 0)) FROM query_temp_relations r "
                 "JOIN queries q ON q.q = r.q WHERE r.temp = ?1");
    st.bind(1, temp.text());
    if (!st.step() || st.is_null(0)) return std::optional<int64_t>{};
    return std::optional<int64_t>(st.int64(0));
  } catch (const SqliteError& e) {
    return util::Error{e.what()};
  }
}

util::Status replace_query_edges(Store& store, const std::string& id,
                                 const model::QueryFacts& facts) {
  Db& db = StoreConnection::of(store);
  try {
    db.exec("SAVEPOINT replace_query_edges");
    try {
      Statement find(db, "SELECT q FROM queries WHERE id = ?1");
      find.bind(1, id);
      if (find.step()) {
        const int64_t q = find.int64(0);
        mark_edges_dirty(db, q);
        for (const char* table : {"query_table_edges", "query_column_edges"}) {
          Statement del(db, std::string("DELETE FROM ") + table + " WHERE q = ?1");
          del.bind(1, q);
          del.run();
        }
        Statement table_edge(db, "INSERT OR IGNORE INTO query_table_edges(source_id, "
                                 "target_id, q) VALUES(?1, ?2, ?3)");
        for (const auto& e : facts.table_edges) {
          table_edge.bind(1, table_id(db, e.source)).bind(2, table_id(db, e.target)).bind(3, q);
          table_edge.run();
        }
        Statement column_edge(db, "INSERT OR IGNORE INTO query_column_edges(source_id, "
                                  "target_id, transform, condition, q) VALUES(?1, ?2, ?3, ?4, ?5)");
        for (const auto& e : facts.column_edges) {
          column_edge.bind(1, column_id(db, e.source))
              .bind(2, column_id(db, e.target))
              .bind(3, lineage::to_string(e.transform))
              .bind(4, e.condition ? 1 : 0)
              .bind(5, q);
          column_edge.run();
        }
        mark_edges_dirty(db, q);
      }
      db.exec("RELEASE replace_query_edges");
    } catch (const SqliteError&) {
      db.exec("ROLLBACK TO replace_query_edges; RELEASE replace_query_edges");
      throw;
    }
    return {};
  } catch (const SqliteError& e) {
    return util::Error{e.what()};
  }
}

} // namespace athena::store
