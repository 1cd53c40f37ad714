// The store's reader for the dbt declared-vs-observed report: per dbt node, its builds' cost
// and the tables it read; per table, who read it. Reads count for every SUCCEEDED statement,
// data statement or not: a view model is built by CREATE VIEW, which reads its sources.
#include "src/store/dbt_activity.h"

#include "src/store/sqlite_db.h"
#include "src/store/store_connection.h"

namespace athena::store {

namespace {

constexpr const char* kWindow = "(?1 = '' OR q.day >= ?1) AND (?2 = '' OR q.day <= ?2)";

} // namespace

util::Result<DbtActivity> dbt_activity(Store& store, const DayWindow& window) {
  try {
    DbtActivity out;
    std::map<std::string, DbtNodeActivity> nodes;
    {
      // QUEUED/RUNNING queries have not cost anything yet; failed builds have.
      Statement st(StoreConnection::of(store),
                   std::string("SELECT q.dbt_model, count(*), total(q.data_scanned_bytes), "
                               "total(q.cost_usd) FROM queries q WHERE q.dbt_model <> '' AND "
                               "q.state IN ('SUCCEEDED', 'FAILED', 'CANCELLED') AND ") +
                       kWindow + " GROUP BY q.dbt_model");
      st.bind(1, window.since).bind(2, window.until);
      while (st.step()) {
        DbtNodeActivity& n = nodes[st.text(0)];
        n.node_id = st.text(0);
        n.queries = st.int64(1);
        n.bytes_scanned = static_cast<int64_t>(st.real(2));
        n.cost_usd = st.real(3);
      }
    }
    {
      Statement st(StoreConnection::of(store),
                   std::string("SELECT t.name, q.dbt_model, count(*) FROM query_tables qt "
                               "JOIN queries q ON q.q = qt.q JOIN tables t ON t.id = qt.table_id "
                               "WHERE qt.reads = 1 AND t.location = 0 AND q.state = 'SUCCEEDED' "
                               "AND ") +
                       kWindow + " GROUP BY t.name, q.dbt_model ORDER BY t.name, q.dbt_model");
      st.bind(1, window.since).bind(2, window.until);
      while (st.step()) {
        TableReaders r{st.text(0), st.text(1), st.int64(2)};
        if (!r.node_id.empty()) {
          DbtNodeActivity& n = nodes[r.node_id];
          n.node_id = r.node_id;
          n.reads[r.table] += r.queries;
        }
        out.readers.push_back(std::move(r));
      }
    }
    for (auto& [id, n] : nodes)
      out.nodes.push_back(std::move(n));
    return out;
  } catch (const SqliteError& e) {
    return util::Error{e.what()};
  }
}

} // namespace athena::store
