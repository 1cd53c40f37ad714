// Typed reads of dbt's temporary relations (query_temp_relations, SCHEMA.md) for the analysis
// of statements that move one into its model when the statement that filled it was stored by
// an earlier run.
#include "src/store/temp_relations.h"

#include "src/store/sqlite_db.h"

namespace athena::store {

std::optional<TempFill> last_temp_fill(Store& store, const model::TableName& temp) {
  Db& db = store.db();
  Statement last(db, R"sql(
SELECT r.q, r.base FROM query_temp_relations r JOIN queries q ON q.q = r.q
WHERE r.temp = ?1 AND q.state = 'SUCCEEDED'
  AND ('+' || q.statement_kind || '+') LIKE '%+ctas+%'
ORDER BY ifnull(q.submitted_ms, 0) DESC, r.q DESC LIMIT 1)sql");
  last.bind(1, temp.text());
  if (!last.step()) return std::nullopt;
  const int64_t q = last.int64(0);
  const std::string base = last.text(1);
  TempFill fill;
  Statement tables(db, "SELECT s.name, s.location FROM query_table_edges e "
                       "JOIN tables s ON s.id = e.source_id JOIN tables t ON t.id = e.target_id "
                       "WHERE e.q = ?1 AND t.name = ?2 ORDER BY s.name");
  tables.bind(1, q).bind(2, base);
  while (tables.step())
    fill.sources.push_back({{}, {}, tables.text(0), tables.int64(1) != 0});
  Statement columns(db, "SELECT st.name, st.location, s.name, t.name, e.transform, e.condition "
                        "FROM query_column_edges e JOIN columns s ON s.id = e.source_id "
                        "JOIN tables st ON st.id = s.table_id JOIN columns t ON t.id = e.target_id "
                        "JOIN tables tt ON tt.id = t.table_id WHERE e.q = ?1 AND tt.name = ?2 "
                        "ORDER BY s.name, t.name");
  columns.bind(1, q).bind(2, base);
  while (columns.step()) {
    const std::string source_table = columns.text(0);
    const std::string source = columns.text(2);
    const std::string target = columns.text(3);
    fill.columns.push_back(
        {{{{}, {}, source_table, columns.int64(1) != 0}, source.substr(source_table.size() + 1)},
         {temp, target.substr(base.size() + 1)},
         columns.text(4),
         columns.int64(5) != 0});
  }
  return fill;
}

} // namespace athena::store
