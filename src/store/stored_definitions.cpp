// The definitions earlier runs stored, read back for the schema pass.
#include "src/store/stored_definitions.h"

#include <string>
#include <utility>

#include "src/store/sqlite_db.h"
#include "src/store/sqlite_result.h"
#include "src/store/store_connection.h"
#include "src/store/stored_records.h"

namespace athena::store {

namespace {

/// The condition on a query row (`q`) whose kind may define a schema or a prepared statement:
/// the first term is the partial index query_rows_maybe_defining's, word for word, so that
/// SQLite reads the index rather than every row. statement_kind joins a multi-statement
/// query's kinds with '+'.
constexpr std::string_view kMayDefine = R"sql(
  q.statement_kind NOT IN ('select', 'insert', 'merge', 'update', 'delete', 'unload', 'other')
  AND (('+' || q.statement_kind || '+') LIKE '%+ctas+%'
    OR ('+' || q.statement_kind || '+') LIKE '%+create_table+%'
    OR ('+' || q.statement_kind || '+') LIKE '%+create_view+%'
    OR ('+' || q.statement_kind || '+') LIKE '%+ddl+%'
    OR ('+' || q.statement_kind || '+') LIKE '%+utility+%'))sql";

/// Decides, once per stored query, whether the text of a row that may define something does
/// (`definition_scan`); rows whose text is gone are left for later.
void scan_new_rows(Db& db, const std::function<bool(std::string_view)>& defines) {
  std::vector<std::tuple<int64_t, std::string, bool>> scanned;
  {
    Statement st(db, "SELECT q.q, q.id, t.query FROM query_rows q JOIN query_texts t ON t.q = q.q "
                     "WHERE " +
                         std::string(kMayDefine) +
                         " AND NOT EXISTS (SELECT 1 FROM definition_scan s "
                         "WHERE s.q = q.q AND s.id = q.id)");
    while (st.step())
      scanned.emplace_back(st.int64(0), st.text(1), defines(st.text(2)));
  }
  if (scanned.empty()) return;
  Statement put(db, "INSERT OR REPLACE INTO definition_scan(q, id, defines) VALUES(?1, ?2, ?3)");
  for (const auto& [q, id, does] : scanned) {
    put.bind(1, q).bind(2, id).bind(3, does ? 1 : 0);
    put.run();
  }
}

/// The record of a row of the columns kRecordColumns names, then the text.
model::QueryRecord record_with_text(const Statement& st) {
  model::QueryRecord r = record_of(st);
  r.query = st.text(8);
  return r;
}

} // namespace

util::Result<std::vector<model::QueryRecord>>
stored_definitions(Store& store, const std::function<bool(std::string_view)>& defines) {
  try {
    Db& db = StoreConnection::of(store);
    if (util::Status s = in_write_transaction(db, [&] { scan_new_rows(db, defines); }); !s) {
      return util::Error{s.error()};
    }
    std::vector<model::QueryRecord> records;
    // The texts come with the rows: one statement, not a look-up per definition.
    Statement st(db, R"sql(
SELECT q.id, q.state, q.catalog, q.database, q.workgroup, q.submitted_ms, q.statement_type,
  q.substatement_type, t.query
FROM definition_scan s JOIN queries q ON q.q = s.q AND q.id = s.id JOIN query_texts t ON t.q = s.q
WHERE s.defines = 1 AND q.state = 'SUCCEEDED'
ORDER BY ifnull(q.submitted_ms, 0), q.q)sql");
    while (st.step())
      records.push_back(record_with_text(st));
    // Queries a re-analysis took out (a killed run left them queued) define what they did.
    Statement queued(db, "SELECT id, state, catalog, database, workgroup, submitted_ms, "
                         "statement_type, substatement_type, query FROM reanalyze_queue "
                         "WHERE state = 'SUCCEEDED' ORDER BY seq");
    while (queued.step()) {
      if (defines(queued.text(8))) records.push_back(record_with_text(queued));
    }
    return records;
  } catch (const SqliteError& e) {
    return util::Error{e.what()};
  }
}

util::Status
record_judgements(Store& store, int64_t after_q,
                  const std::function<std::optional<bool>(const std::string&)>& judge) {
  Db& db = StoreConnection::of(store);
  return in_write_transaction(db, [&] {
    std::vector<std::pair<int64_t, std::string>> rows;
    {
      Statement st(db, "SELECT q.q, q.id FROM query_rows q WHERE " + std::string(kMayDefine) +
                           " AND q.q > ?1 AND NOT EXISTS (SELECT 1 FROM definition_scan s "
                           "WHERE s.q = q.q AND s.id = q.id)");
      st.bind(1, after_q);
      while (st.step())
        rows.emplace_back(st.int64(0), st.text(1));
    }
    Statement put(db, "INSERT OR REPLACE INTO definition_scan(q, id, defines) VALUES(?1, ?2, ?3)");
    for (const auto& [q, id] : rows) {
      const std::optional<bool> does = judge(id);
      if (!does) continue;
      put.bind(1, q).bind(2, id).bind(3, *does ? 1 : 0);
      put.run();
    }
  });
}

} // namespace athena::store
