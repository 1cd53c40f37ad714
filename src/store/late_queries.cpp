// Stored queries that named something a later run defines (late_queries.h).
#include "src/store/late_queries.h"

#include <algorithm>

#include "src/store/sqlite_db.h"
#include "src/store/store_connection.h"

namespace athena::store {

util::Result<int64_t> last_query_key(Store& store) {
  try {
    return StoreConnection::of(store).scalar("SELECT ifnull(max(q), 0) FROM query_rows");
  } catch (const SqliteError& e) {
    return util::Error{e.what()};
  }
}

namespace {

/// The first column of every row `sql` selects.
util::Result<std::vector<std::string>> texts_of(Store& store, const char* sql) {
  try {
    Statement st(StoreConnection::of(store), sql);
    std::vector<std::string> out;
    while (st.step())
      out.push_back(st.text(0));
    return out;
  } catch (const SqliteError& e) {
    return util::Error{e.what()};
  }
}

} // namespace

util::Result<std::vector<std::string>> pending_definitions(Store& store) {
  return texts_of(store, "SELECT id FROM definitions_pending");
}

bool query_stored(Store& store, const std::string& id) {
  try {
    Statement st(StoreConnection::of(store), "SELECT 1 FROM query_rows WHERE id = ?1");
    st.bind(1, id);
    return st.step();
  } catch (const SqliteError&) {
    return false;
  }
}

util::Result<std::vector<std::string>> queued_ids(Store& store) {
  return texts_of(store, "SELECT id FROM reanalyze_queue");
}

util::Status clear_pending_definitions(Store& store) {
  try {
    StoreConnection::of(store).exec("DELETE FROM definitions_pending");
    return util::Status::success();
  } catch (const SqliteError& e) {
    return util::Error{e.what()};
  }
}

util::Result<std::vector<int64_t>>
queries_naming_tables(Store& store, const std::vector<std::string>& tables, int64_t max_q) {
  try {
    Statement st(StoreConnection::of(store),
                 "SELECT DISTINCT x.q FROM tables t JOIN query_tables x "
                 "ON x.table_id = t.id WHERE t.name = ?1 AND x.q <= ?2");
    std::vector<int64_t> out;
    for (const std::string& name : tables) {
      st.bind(1, name).bind(2, max_q);
      while (st.step())
        out.push_back(st.int64(0));
      st.reset();
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
  } catch (const SqliteError& e) {
    return util::Error{e.what()};
  }
}

util::Result<std::vector<KeyedText>> stored_executes(Store& store, const std::string& workgroup,
                                                     int64_t from_ms, int64_t max_q) {
  try {
    // Shapes are few: the EXECUTE ones are found by their masked text (lowercase keywords,
    // no comments), their queries by the fingerprint index.
    Statement st(StoreConnection::of(store), R"sql(
SELECT q.q, t.query FROM fingerprint_texts f
  JOIN query_rows q ON q.fingerprint = f.fingerprint
  JOIN query_texts t ON t.q = q.q
WHERE f.text LIKE 'execute %' AND q.workgroup = ?1 AND q.q <= ?3
  AND (q.submitted_ms IS NULL OR q.submitted_ms >= ?2)
ORDER BY q.q)sql");
    st.bind(1, workgroup).bind(2, from_ms).bind(3, max_q);
    std::vector<KeyedText> out;
    while (st.step())
      out.push_back({st.int64(0), st.text(1)});
    return out;
  } catch (const SqliteError& e) {
    return util::Error{e.what()};
  }
}

} // namespace athena::store
