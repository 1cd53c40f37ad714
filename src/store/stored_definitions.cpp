// The definitions earlier runs stored, read back for the schema pass.
#include "src/store/stored_definitions.h"

#include <string>

#include "src/store/sqlite_db.h"
#include "src/store/store_connection.h"
#include "src/store/stored_records.h"

namespace athena::store {

util::Result<std::vector<model::QueryRecord>> stored_definitions(Store& store) {
  try {
    // statement_kind joins a multi-statement query's kinds with '+'.
    Statement st(StoreConnection::of(store), std::string(kRecordColumns) + R"sql(
FROM queries q
WHERE q.state = 'SUCCEEDED'
  AND (('+' || q.statement_kind || '+') LIKE '%+ctas+%'
    OR ('+' || q.statement_kind || '+') LIKE '%+create_table+%'
    OR ('+' || q.statement_kind || '+') LIKE '%+create_view+%'
    OR ('+' || q.statement_kind || '+') LIKE '%+ddl+%'
    OR ('+' || q.statement_kind || '+') LIKE '%+utility+%')
ORDER BY ifnull(q.submitted_ms, 0), q.q)sql");
    return records_of(store, st);
  } catch (const SqliteError& e) {
    return util::Error{e.what()};
  }
}

} // namespace athena::store
