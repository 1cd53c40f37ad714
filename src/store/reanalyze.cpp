// Re-analysis of stored queries (reanalyze.h).
#include "src/store/reanalyze.h"

#include <limits>
#include <vector>

#include "src/store/prune.h"
#include "src/store/sqlite_db.h"
#include "src/store/sqlite_result.h"
#include "src/store/store_connection.h"

namespace athena::store {

namespace {

/// Records read per statement while replaying.
constexpr int64_t kReplayChunk = 5000;
/// The key's column in a replayed row: after the 32 record columns and the text.
constexpr int kKeyColumn = 33;

/// The record's columns, as `queries` and `reanalyze_queue` both name them (the text apart).
constexpr std::string_view kColumns =
    "id, id_synthetic, statement_type, substatement_type, catalog, database, workgroup, "
    "engine_version, selected_engine_version, state, state_change_reason, error_category, "
    "error_type, error_message, error_retryable, submitted_ms, completed_ms, "
    "data_scanned_bytes, engine_ms, queue_ms, total_ms, planning_ms, service_pre_processing_ms, "
    "service_processing_ms, reused_previous_result, data_manifest_location, output_location, "
    "user, cost_usd, cost_stated, session_id, origin";

/// Column `c` of the row as a record field (the order of kColumns, then the text).
model::QueryRecord record_of(const Statement& st) {
  auto opt = [&](int c) -> std::optional<int64_t> {
    if (st.is_null(c)) return std::nullopt;
    return st.int64(c);
  };
  auto opt_int = [&](int c) -> std::optional<int> {
    if (st.is_null(c)) return std::nullopt;
    return static_cast<int>(st.int64(c));
  };
  auto opt_bool = [&](int c) -> std::optional<bool> {
    if (st.is_null(c)) return std::nullopt;
    return st.int64(c) != 0;
  };
  model::QueryRecord r;
  int c = 0;
  r.id = st.text(c++);
  r.id_is_synthetic = st.int64(c++) != 0;
  r.statement_type = st.text(c++);
  r.substatement_type = st.text(c++);
  r.catalog = st.text(c++);
  r.database = st.text(c++);
  r.workgroup = st.text(c++);
  r.engine_version = st.text(c++);
  r.selected_engine_version = st.text(c++);
  r.state = model::parse_query_state(st.text(c++));
  r.state_change_reason = st.text(c++);
  r.error_category = opt_int(c++);
  r.error_type = opt_int(c++);
  r.error_message = st.text(c++);
  r.error_retryable = opt_bool(c++);
  r.submission_ms = opt(c++);
  r.completion_ms = opt(c++);
  r.data_scanned_bytes = opt(c++);
  r.engine_ms = opt(c++);
  r.queue_ms = opt(c++);
  r.total_ms = opt(c++);
  r.planning_ms = opt(c++);
  r.service_pre_processing_ms = opt(c++);
  r.service_processing_ms = opt(c++);
  r.reused_previous_result = opt_bool(c++);
  r.data_manifest_location = st.text(c++);
  r.output_location = st.text(c++);
  r.user = st.text(c++);
  const double cost = st.real(c++);
  if (st.int64(c++) != 0) r.cost_usd = cost; // a computed cost is computed again
  r.session_id = st.text(c++);
  r.origin = st.text(c++);
  r.query = st.text(c++);
  return r;
}

std::string prefixed(std::string_view prefix) {
  std::string out;
  size_t start = 0;
  const std::string cols(kColumns);
  while (start < cols.size()) {
    size_t end = cols.find(", ", start);
    if (end == std::string::npos) end = cols.size();
    if (!out.empty()) out += ", ";
    out += std::string(prefix) + cols.substr(start, end - start);
    start = end + 2;
  }
  return out;
}

/// Feeds the records `sql` selects (the record's columns, the text, then a unique key bound
/// by ?1 and limited by ?2) in chunks; each statement is finished before its records are fed,
/// since the pipeline writes on this connection between records.
void feed(Db& db, const std::string& sql, const std::function<void(model::QueryRecord&&)>& sink) {
  Statement st(db, sql);
  int64_t after = std::numeric_limits<int64_t>::min();
  for (;;) {
    std::vector<model::QueryRecord> records;
    st.bind(1, after).bind(2, kReplayChunk);
    while (st.step()) {
      records.push_back(record_of(st));
      after = st.int64(kKeyColumn);
    }
    st.reset();
    if (records.empty()) return;
    for (auto& r : records)
      sink(std::move(r));
  }
}

void create_picks(Db& db) {
  db.exec("CREATE TEMP TABLE IF NOT EXISTS reanalyze_q(q INTEGER PRIMARY KEY); "
          "DELETE FROM reanalyze_q;");
}

/// Moves the queries whose keys `reanalyze_q` holds into `reanalyze_queue` with their records,
/// marks their days and edges for recomputation and deletes their facts (in the caller's
/// transaction).
void take_out(Db& db) {
  db.exec("INSERT INTO reanalyze_queue(seq, " + std::string(kColumns) + ", query) SELECT q.q, " +
          prefixed("q.") +
          ", t.query FROM reanalyze_q r JOIN queries q ON q.q = r.q "
          "JOIN query_texts t ON t.q = q.q ORDER BY q.q");
  // Their days and edges are recomputed from the facts at the end (refresh_aggregates);
  // edges the new analysis no longer finds go then.
  db.exec(R"sql(
INSERT OR IGNORE INTO dirty_days(day)
  SELECT DISTINCT q.day FROM reanalyze_q r JOIN queries q ON q.q = r.q WHERE q.day IS NOT NULL;
INSERT OR IGNORE INTO dirty_table_edges(source_id, target_id)
  SELECT DISTINCT source_id, target_id FROM query_table_edges
  WHERE q IN (SELECT q FROM reanalyze_q);
INSERT OR IGNORE INTO dirty_column_edges(source_id, target_id, transform, condition)
  SELECT DISTINCT source_id, target_id, transform, condition FROM query_column_edges
  WHERE q IN (SELECT q FROM reanalyze_q);
DELETE FROM query_table_edges WHERE q IN (SELECT q FROM reanalyze_q);
DELETE FROM query_column_edges WHERE q IN (SELECT q FROM reanalyze_q);
DELETE FROM query_tables WHERE q IN (SELECT q FROM reanalyze_q);
DELETE FROM query_column_reads WHERE q IN (SELECT q FROM reanalyze_q);
DELETE FROM query_joins WHERE q IN (SELECT q FROM reanalyze_q);
DELETE FROM query_errors WHERE q IN (SELECT q FROM reanalyze_q);
DELETE FROM query_temp_relations WHERE q IN (SELECT q FROM reanalyze_q);
DELETE FROM query_texts WHERE q IN (SELECT q FROM reanalyze_q);
DELETE FROM query_rows WHERE q IN (SELECT q FROM reanalyze_q);
DELETE FROM reanalyze_q;
)sql");
}

} // namespace

util::Result<ReanalysisQueue> Reanalysis::begin(const std::string& since) {
  Db& db = StoreConnection::of(store_);
  ReanalysisQueue queue;
  try {
    db.exec("BEGIN IMMEDIATE");
    try {
      const int64_t left = db.scalar("SELECT count(*) FROM reanalyze_queue");
      queue.resumed = left > 0;
      if (left == 0) {
        // Days before the retention horizon keep their aggregates: their facts are partial.
        const std::string from = std::max(since, retention_horizon(db));
        create_picks(db);
        Statement pick(db, "INSERT INTO reanalyze_q(q) SELECT q.q FROM queries q WHERE "
                           "EXISTS (SELECT 1 FROM query_texts t WHERE t.q = q.q) AND "
                           "(?1 = '' OR q.day >= ?1)");
        pick.bind(1, from);
        pick.run();
        take_out(db);
      }
      queue.queued = db.scalar("SELECT count(*) FROM reanalyze_queue");
      db.exec("COMMIT");
    } catch (const SqliteError&) {
      db.exec("ROLLBACK");
      throw;
    }
    return queue;
  } catch (const SqliteError& e) {
    return util::Error{e.what()};
  }
}

util::Result<ReanalysisQueue> Reanalysis::begin_keys(const std::vector<int64_t>& keys,
                                                     const std::vector<std::string>& pending) {
  Db& db = StoreConnection::of(store_);
  ReanalysisQueue queue;
  auto status = catch_sqlite_status([&] {
    db.exec("BEGIN IMMEDIATE");
    try {
      queue.resumed = db.scalar("SELECT count(*) FROM reanalyze_queue") > 0;
      if (!keys.empty()) {
        create_picks(db);
        // Only queries still stored with their text (a pruned text cannot be analyzed again),
        // and not of a day before the retention horizon (its facts are partial: its
        // aggregates stay as they are).
        const std::string horizon = retention_horizon(db);
        Statement pick(db, "INSERT OR IGNORE INTO reanalyze_q(q) SELECT ?1 WHERE EXISTS "
                           "(SELECT 1 FROM query_rows r JOIN query_texts t ON t.q = r.q "
                           "WHERE r.q = ?1 AND (?2 = '' OR r.day >= ?2))");
        for (int64_t q : keys) {
          pick.bind(1, q).bind(2, horizon);
          pick.run();
        }
        take_out(db);
      }
      Statement note(db, "INSERT OR IGNORE INTO definitions_pending(id) VALUES(?1)");
      for (const std::string& id : pending) {
        note.bind(1, id);
        note.run();
      }
      queue.queued = db.scalar("SELECT count(*) FROM reanalyze_queue");
      db.exec("COMMIT");
    } catch (const SqliteError&) {
      db.exec("ROLLBACK");
      throw;
    }
  });
  if (!status) return util::Error{status.error()};
  return queue;
}

util::Status Reanalysis::replay(bool schema_pass,
                                const std::function<void(model::QueryRecord&&)>& sink) {
  return catch_sqlite_status([&] {
    // The schema pass sees every stored text (the pipeline orders the defining ones by
    // submission time), then the queued ones; the analysis pass the queued ones.
    if (schema_pass) {
      feed(StoreConnection::of(store_),
           "SELECT " + prefixed("q.") +
               ", t.query, q.q FROM queries q JOIN query_texts t ON t.q = q.q WHERE q.q > ?1 "
               "ORDER BY q.q LIMIT ?2",
           sink);
    }
    feed(StoreConnection::of(store_),
         "SELECT " + std::string(kColumns) +
             ", query, seq FROM reanalyze_queue WHERE seq > ?1 ORDER BY seq LIMIT ?2",
         sink);
  });
}

util::Status Reanalysis::finish() {
  try {
    // Every edge is recomputed from its facts (the queries prune keeps as lineage evidence
    // hold them all), so an edge whose facts changed or were lost agrees with them again.
    StoreConnection::of(store_).exec(R"sql(
INSERT OR IGNORE INTO dirty_table_edges(source_id, target_id)
  SELECT source_id, target_id FROM table_edges;
INSERT OR IGNORE INTO dirty_column_edges(source_id, target_id, transform, condition)
  SELECT source_id, target_id, transform, condition FROM column_edges;
)sql");
    if (util::Status refreshed = store_.refresh_aggregates(); !refreshed) return refreshed;
    StoreConnection::of(store_).exec("DELETE FROM reanalyze_queue");
    return util::Status::success();
  } catch (const SqliteError& e) {
    return util::Error{e.what()};
  }
}

util::Status Reanalysis::finish_queue(bool all_edges) {
  return catch_sqlite_status([&] {
    Db& db = StoreConnection::of(store_);
    db.exec("BEGIN IMMEDIATE");
    try {
      if (all_edges) {
        db.exec(R"sql(
INSERT OR IGNORE INTO dirty_table_edges(source_id, target_id)
  SELECT source_id, target_id FROM table_edges;
INSERT OR IGNORE INTO dirty_column_edges(source_id, target_id, transform, condition)
  SELECT source_id, target_id, transform, condition FROM column_edges;
)sql");
      }
      db.exec("DELETE FROM reanalyze_queue");
      db.exec("COMMIT");
    } catch (const SqliteError&) {
      db.exec("ROLLBACK");
      throw;
    }
  });
}

} // namespace athena::store
