// The reads of `graph` (graph_reader.h).
#include "src/store/graph_reader.h"

#include "src/store/guarded_read.h"
#include "src/store/sqlite_db.h"
#include "src/store/store_connection.h"

namespace athena::store {

namespace {

// One row per (edge, query): the edge's ends, its transform and condition flag (columns
// only), and the query that created it.
constexpr const char* kTableEdges =
    "SELECT s.name, t.name, '', 0, q.id, ifnull(q.submitted_ms, 0), s.location, t.location "
    "FROM table_edges e "
    "JOIN tables s ON s.id = e.source_id JOIN tables t ON t.id = e.target_id "
    "JOIN query_table_edges qe ON qe.source_id = e.source_id AND qe.target_id = e.target_id "
    "JOIN queries q ON q.q = qe.q WHERE q.state = 'SUCCEEDED' AND ";
constexpr const char* kColumnEdges =
    "SELECT s.name, t.name, e.transform, e.condition, q.id, ifnull(q.submitted_ms, 0), 0, 0 "
    "FROM column_edges e JOIN columns s ON s.id = e.source_id "
    "JOIN columns t ON t.id = e.target_id JOIN query_column_edges qe ON qe.source_id = "
    "e.source_id AND qe.target_id = e.target_id AND qe.transform = e.transform AND "
    "qe.condition = e.condition JOIN queries q ON q.q = qe.q WHERE q.state = 'SUCCEEDED' AND ";

bool has_row(Db& db, const char* sql, const std::string& name) {
  Statement st(db, sql);
  st.bind(1, name);
  return st.step();
}

} // namespace

GraphReader::GraphReader(Store& store) : store_(store) {}

GraphReader::~GraphReader() = default;

util::Result<bool> GraphReader::known(const std::string& name, bool columns) {
  return guarded_read([&] {
    return has_row(StoreConnection::of(store_),
                   columns ? "SELECT 1 FROM columns WHERE name = ?1"
                           : "SELECT 1 FROM tables WHERE name = ?1",
                   name);
  });
}

util::Result<bool> GraphReader::names_column(const std::string& name) {
  return guarded_read([&] {
    return has_row(StoreConnection::of(store_),
                   "SELECT 1 FROM columns WHERE name = ?1 OR name = 'awsdatacatalog.' || ?1", name);
  });
}

util::Result<bool> GraphReader::is_location(const std::string& name) {
  return guarded_read([&] {
    Statement st(StoreConnection::of(store_), "SELECT location FROM tables WHERE name = ?1");
    st.bind(1, name);
    return st.step() && st.int64(0) != 0;
  });
}

util::Result<std::set<std::string>> GraphReader::view_names() {
  return guarded_read([&] {
    std::set<std::string> out;
    Statement views(StoreConnection::of(store_),
                    "SELECT DISTINCT t.name FROM query_tables qt JOIN queries q ON q.q = qt.q "
                    "JOIN tables t ON t.id = qt.table_id WHERE qt.writes = 1 AND "
                    "q.state = 'SUCCEEDED' AND q.statement_kind LIKE '%create_view%'");
    while (views.step())
      out.insert(views.text(0));
    return out;
  });
}

util::Result<std::vector<GraphEdgeRow>> GraphReader::edges(const std::string& node, bool columns,
                                                           bool downstream) {
  return guarded_read([&] {
    std::unique_ptr<Statement>& st = edges_[(columns ? 2 : 0) + (downstream ? 1 : 0)];
    if (st == nullptr) {
      std::string sql = columns ? kColumnEdges : kTableEdges;
      sql += downstream ? "s.name = ?1" : "t.name = ?1";
      sql += " ORDER BY s.name, t.name, q.id"; // stable node order in the output
      st = std::make_unique<Statement>(StoreConnection::of(store_), sql);
    }
    std::vector<GraphEdgeRow> out;
    st->reset();
    st->bind(1, node);
    while (st->step()) {
      out.push_back({st->text(0), st->text(1), st->text(2), st->int64(3) != 0, st->text(4),
                     st->int64(5), st->int64(6) != 0, st->int64(7) != 0});
    }
    st->reset();
    return out;
  });
}

} // namespace athena::store
