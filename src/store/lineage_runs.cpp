// Typed reads for the OpenLineage export (src/openlineage/): final data statements with their
// tables, column edges and column reads, and the columns known per table.
#include "src/store/lineage_runs.h"

#include <algorithm>
#include <set>
#include <unordered_map>

#include "lineage/json_writer.h"
#include "src/store/result_rows.h"
#include "src/store/sqlite_db.h"
#include "src/store/sqlite_result.h"
#include "src/store/store_connection.h"

namespace athena::store {
namespace {

/// Executions read per round: their facts are fetched with one statement per kind.
constexpr int64_t kChunk = 2000;

constexpr std::string_view kSelect = R"sql(
SELECT q.q, q.id, q.state, q.submitted_ms, q.completed_ms, q.statement_kind, q.catalog,
       q.database, q.workgroup, q.engine_version, q.selected_engine_version,
       q.state_change_reason, q.error_message, q.fingerprint, q.tool, q.dbt_model,
       ifnull(t.query, ''), ifnull(q.submitted_ms, q.completed_ms) AS k
FROM queries q LEFT JOIN query_texts t ON t.q = q.q
WHERE q.state IN ('SUCCEEDED', 'FAILED', 'CANCELLED')
  AND (q.is_usage = 1 OR ('+' || q.statement_kind || '+') LIKE '%+create_view+%')
  AND ifnull(q.submitted_ms, q.completed_ms) IS NOT NULL
  AND (?1 IS NULL OR q.submitted_ms >= ?1)
  AND (?2 IS NULL OR NOT EXISTS (
        SELECT 1 FROM ol_outbox o WHERE o.target = ?2 AND o.query_id = q.id))
  AND (k > ?3 OR (k = ?3 AND q.id > ?4))
ORDER BY k, q.id LIMIT ?5
)sql";

/// The chunk's q values as a JSON array, for `IN (SELECT value FROM json_each(?))`.
std::string q_list(const std::vector<int64_t>& qs) {
  std::string out;
  lineage::JsonWriter w(out, false);
  w.begin_array();
  for (const int64_t q : qs)
    w.integer(q);
  w.end_array();
  return out;
}

void read_facts(Db& db, const std::vector<int64_t>& qs,
                std::unordered_map<int64_t, LineageRun*>& by_q) {
  const std::string list = q_list(qs);
  constexpr std::string_view kIn = " IN (SELECT value FROM json_each(?1))";
  Statement tables(db, "SELECT qt.q, t.name, qt.reads, qt.writes FROM query_tables qt "
                       "JOIN tables t ON t.id = qt.table_id WHERE qt.q" +
                           std::string(kIn));
  tables.bind(1, list);
  while (tables.step()) {
    LineageRun& r = *by_q.at(tables.int64(0));
    if (tables.int64(2) != 0) r.reads.push_back(tables.text(1));
    if (tables.int64(3) != 0) r.writes.push_back(tables.text(1));
  }
  // Edge targets add what query_tables leaves out: S3 locations (UNLOAD, external_location).
  Statement edges(db, "SELECT e.q, t.name FROM query_table_edges e JOIN tables t ON "
                      "t.id = e.target_id WHERE e.q" +
                          std::string(kIn));
  edges.bind(1, list);
  while (edges.step())
    by_q.at(edges.int64(0))->writes.push_back(edges.text(1));
  // A column's own name is its stored name after its table's name and a dot.
  Statement cols(db, "SELECT e.q, st.name, substr(s.name, length(st.name) + 2), tt.name, "
                     "substr(t.name, length(tt.name) + 2), e.transform, e.condition FROM "
                     "query_column_edges e JOIN columns s ON s.id = e.source_id JOIN tables st ON "
                     "st.id = s.table_id JOIN columns t ON t.id = e.target_id JOIN tables tt ON "
                     "tt.id = t.table_id WHERE e.q" +
                         std::string(kIn));
  cols.bind(1, list);
  while (cols.step()) {
    by_q.at(cols.int64(0))
        ->column_edges.push_back({{cols.text(1), cols.text(2)},
                                  {cols.text(3), cols.text(4)},
                                  cols.text(5),
                                  cols.int64(6) != 0});
  }
  Statement reads(db, "SELECT r.q, t.name, substr(c.name, length(t.name) + 2), "
                      "json_extract(j.value, '$[1]') FROM query_column_reads r, json_each(r.reads) "
                      "j JOIN columns c ON c.id = json_extract(j.value, '$[0]') JOIN tables t ON "
                      "t.id = c.table_id WHERE r.q" +
                          std::string(kIn));
  reads.bind(1, list);
  while (reads.step()) {
    by_q.at(reads.int64(0))
        ->column_reads.push_back({{reads.text(1), reads.text(2)}, reads.text(3)});
  }
  for (auto& [q, r] : by_q) {
    for (auto* v : {&r->reads, &r->writes}) {
      std::sort(v->begin(), v->end());
      v->erase(std::unique(v->begin(), v->end()), v->end());
    }
    std::sort(r->column_edges.begin(), r->column_edges.end());
    std::sort(r->column_reads.begin(), r->column_reads.end());
  }
}

} // namespace

util::Status for_each_lineage_run(Store& store, const LineageRunSelection& selection,
                                  const std::function<bool(LineageRun&&)>& fn) {
  return catch_sqlite_status([&] {
    Db& db = StoreConnection::of(store);
    Statement select(db, kSelect);
    int64_t after_k = INT64_MIN;
    std::string after_id;
    while (true) {
      select.bind(1, selection.since_ms);
      select.bind(2, selection.skip_recorded_for);
      select.bind(3, after_k).bind(4, after_id).bind(5, kChunk);
      std::vector<LineageRun> runs;
      std::vector<int64_t> qs;
      while (select.step()) {
        LineageRun r;
        qs.push_back(select.int64(0));
        r.id = select.text(1);
        r.state = select.text(2);
        r.submitted_ms = optional_int(select, 3);
        r.completed_ms = optional_int(select, 4);
        r.statement_kind = select.text(5);
        r.catalog = select.text(6);
        r.database = select.text(7);
        r.workgroup = select.text(8);
        r.engine_version = select.text(9);
        r.selected_engine_version = select.text(10);
        r.state_change_reason = select.text(11);
        r.error_message = select.text(12);
        r.fingerprint = static_cast<uint64_t>(select.int64(13));
        r.tool = select.text(14);
        r.dbt_model = select.text(15);
        r.query = select.text(16);
        after_k = select.int64(17);
        after_id = r.id;
        runs.push_back(std::move(r));
      }
      select.reset();
      if (runs.empty()) return;
      std::unordered_map<int64_t, LineageRun*> by_q;
      for (size_t i = 0; i < runs.size(); ++i)
        by_q.emplace(qs[i], &runs[i]);
      read_facts(db, qs, by_q);
      for (auto& r : runs) {
        if (!fn(std::move(r))) return;
      }
      if (static_cast<int64_t>(qs.size()) < kChunk) return;
    }
  });
}

util::Result<std::map<std::string, TableColumns>> known_table_columns(Store& store) {
  return catch_sqlite([&] {
    std::map<std::string, TableColumns> out;
    Statement meta(StoreConnection::of(store),
                   "SELECT lower(m.catalog || '.' || m.database || '.' || m.name), "
                   "json_extract(j.value, '$[0]'), ifnull(json_extract(j.value, '$[1]'), '') "
                   "FROM metadata_tables m, json_each(m.columns) j ORDER BY 1, j.key");
    while (meta.step())
      out[meta.text(0)].emplace_back(meta.text(1), meta.text(2));
    const std::set<std::string> from_metadata = [&] {
      std::set<std::string> keys;
      for (const auto& [k, v] : out)
        keys.insert(k);
      return keys;
    }();
    // Tables without cached metadata: the columns the stored queries named, in first-seen
    // order. A column is stored as TABLE.column.
    Statement seen(StoreConnection::of(store),
                   "SELECT t.name, c.name FROM columns c JOIN tables t ON "
                   "t.id = c.table_id ORDER BY c.table_id, c.id");
    std::string current;
    bool skip = false;
    while (seen.step()) {
      std::string table = seen.text(0);
      if (table != current) {
        current = table;
        skip = from_metadata.contains(table);
      }
      if (skip) continue;
      const std::string column = seen.text(1);
      if (column.size() <= table.size() + 1) continue;
      out[table].emplace_back(column.substr(table.size() + 1), "");
    }
    return out;
  });
}

} // namespace athena::store
