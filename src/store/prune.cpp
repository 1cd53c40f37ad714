// Retention (SCHEMA.md, "Retention"): old per-query rows and raw records go, the aggregates
// and the evidence that `graph` and the sinks read stay.
#include "src/store/prune.h"

#include <chrono>

#include "src/readers/time_text.h"
#include "src/store/sqlite_db.h"
#include "src/store/store_connection.h"
#include "src/store/texts.h"

namespace athena::store {

namespace {

constexpr int64_t kDayMs = 86400000;
/// Raw records removed per transaction (bounded write transactions, sqlite_db.h).
constexpr int64_t kRawChunk = 20000;
/// `push` sends query entities of its window: today and the 29 days before (push_plan.cpp).
constexpr int64_t kPushWindowDays = 30;
constexpr std::string_view kHorizonKey = "retention_horizon";
constexpr std::string_view kFinal = "('SUCCEEDED', 'FAILED', 'CANCELLED')";

int64_t clock_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

/// Rolls back a transaction left open by an exception.
class OpenTransaction {
public:
  explicit OpenTransaction(Db& db) : db_(db) { db_.exec("BEGIN IMMEDIATE"); }
  ~OpenTransaction() {
    if (done_) return;
    try {
      db_.exec("ROLLBACK");
    } catch (const SqliteError&) {
      // SQLite already ended it.
    }
  }
  OpenTransaction(const OpenTransaction&) = delete;
  OpenTransaction& operator=(const OpenTransaction&) = delete;
  /// Commits, or rolls back for a dry run.
  void finish(bool dry_run) {
    db_.exec(dry_run ? "ROLLBACK" : "COMMIT");
    done_ = true;
  }

private:
  Db& db_;
  bool done_ = false;
};

int64_t count(Db& db, std::string_view sql, const std::string& a, const std::string& b = "") {
  Statement st(db, sql);
  st.bind(1, a);
  if (!b.empty()) st.bind(2, b);
  return st.step() ? st.int64(0) : 0;
}

/// Runs `sql` (bound to `day`) and returns the rows it changed.
int64_t change(Db& db, std::string_view sql, const std::string& day) {
  Statement st(db, sql);
  if (sql.find("?1") != std::string_view::npos) st.bind(1, day);
  st.run();
  return db.changes();
}

void add_hold(PruneResult& r, const std::string& reason, int64_t n) {
  if (n <= 0) return;
  for (auto& h : r.held) {
    if (h.reason == reason) {
      h.queries += n;
      return;
    }
  }
  r.held.push_back({reason, n});
}

/// OpenMetadata: once push has been used, the queries of its window stay (it sends their
/// query entities), and so do those of the window of a push that did not finish.
std::string om_floor(Db& db, int64_t now, std::string* why) {
  if (db.scalar("SELECT EXISTS(SELECT 1 FROM om_outbox) OR EXISTS(SELECT 1 FROM om_delivered)") ==
      0) {
    return "";
  }
  std::string floor = readers::format_day(now - (kPushWindowDays - 1) * kDayMs);
  *why = "push sends the query entities of the last 30 days to OpenMetadata";
  Statement pending(db, "SELECT min(created_ms), count(*) FROM om_outbox WHERE state = "
                        "'pending' OR in_doubt = 1");
  if (pending.step() && !pending.is_null(0)) {
    const std::string day = readers::format_day(pending.int64(0) - (kPushWindowDays - 1) * kDayMs);
    if (day < floor) floor = day;
    *why = std::to_string(pending.int64(1)) +
           " OpenMetadata request(s) of an unfinished push are not delivered (run push again)";
  }
  return floor;
}

/// Per-run lookups: one SUCCEEDED query per table (report's known tables) and the last query
/// of every edge (push's lineage SQL) stay.
void prepare_evidence(Db& db) {
  db.exec(R"sql(
CREATE TEMP TABLE IF NOT EXISTS prune_witness(q INTEGER PRIMARY KEY);
DELETE FROM prune_witness;
INSERT OR IGNORE INTO prune_witness SELECT max(qt.q) FROM query_tables qt
  JOIN queries q ON q.q = qt.q WHERE q.state = 'SUCCEEDED' GROUP BY qt.table_id;
CREATE TEMP TABLE IF NOT EXISTS prune_last(q INTEGER PRIMARY KEY);
DELETE FROM prune_last;
INSERT OR IGNORE INTO prune_last SELECT q FROM queries WHERE id IN (
  SELECT last_query_id FROM table_edges UNION SELECT last_query_id FROM column_edges);
CREATE TEMP TABLE IF NOT EXISTS prune_q(
  q INTEGER PRIMARY KEY, evidence INTEGER NOT NULL, keep_text INTEGER NOT NULL);
)sql");
}

/// One day in one transaction.
void prune_day(Db& db, const std::string& day, const std::vector<std::string>& ol_targets,
               bool dry_run, PruneResult& r) {
  OpenTransaction tx(db);
  // A day with a query that may still finish is recomputed from its queries when it does.
  const int64_t open =
      count(db,
            "SELECT count(*) FROM queries WHERE day = ?1 AND state NOT IN " + std::string(kFinal),
            day) +
      count(db, "SELECT count(*) FROM dirty_days WHERE day = ?1", day);
  if (open > 0) {
    add_hold(r,
             "on days with QUEUED or RUNNING queries (a day is recomputed from its queries when "
             "they finish)",
             count(db,
                   "SELECT count(*) FROM queries q WHERE day = ?1 AND EXISTS (SELECT 1 FROM "
                   "query_text_refs t WHERE t.q = q.q)",
                   day));
    tx.finish(true);
    return;
  }
  change(db, "DELETE FROM prune_q", day);
  change(db,
         "INSERT INTO prune_q(q, evidence, keep_text) SELECT q, 0, 0 FROM queries WHERE day = ?1",
         day);
  for (const std::string& target : ol_targets) {
    // Executions the export would send that have no delivered event for a target it sends to.
    Statement held(db, R"sql(DELETE FROM prune_q WHERE q IN (
      SELECT q.q FROM queries q WHERE q.day = ?1
        AND q.state IN ('SUCCEEDED', 'FAILED', 'CANCELLED')
        AND (q.is_usage = 1 OR ('+' || q.statement_kind || '+') LIKE '%+create_view+%')
        AND EXISTS (SELECT 1 FROM query_text_refs t WHERE t.q = q.q)
        AND (NOT EXISTS (SELECT 1 FROM ol_outbox o WHERE o.target = ?2 AND o.query_id = q.id)
          OR EXISTS (SELECT 1 FROM ol_outbox o WHERE o.target = ?2 AND o.query_id = q.id
                     AND o.state = 'pending')))
    )sql");
    held.bind(1, day).bind(2, target);
    held.run();
    add_hold(r, "OpenLineage has not delivered them to " + target, db.changes());
  }
  // Lineage evidence: the queries that wrote (graph lists them per edge, and views), one
  // SUCCEEDED query per table, and each edge's last query with its text (push's lineage SQL).
  change(db, R"sql(UPDATE prune_q SET evidence = 1 WHERE q IN (
    SELECT q FROM queries WHERE day = ?1 AND state = 'SUCCEEDED' AND tables_written > 0)
    OR q IN (SELECT q FROM prune_witness))sql",
         day);
  change(db, "UPDATE prune_q SET evidence = 1, keep_text = 1 WHERE q IN (SELECT q FROM prune_last)",
         day);
  change(db, "DELETE FROM query_errors WHERE q IN (SELECT q FROM prune_q)", day);
  change(db, "DELETE FROM query_read_refs WHERE q IN (SELECT q FROM prune_q)", day);
  change(db, "DELETE FROM query_joins WHERE q IN (SELECT q FROM prune_q)", day);
  const int64_t texts = change(
      db, "DELETE FROM query_text_refs WHERE q IN (SELECT q FROM prune_q WHERE evidence = 0)", day);
  const int64_t trimmed = change(db,
                                 "DELETE FROM query_text_refs WHERE q IN (SELECT q FROM prune_q "
                                 "WHERE evidence = 1 AND keep_text = 0)",
                                 day);
  change(db, "DELETE FROM query_tables WHERE q IN (SELECT q FROM prune_q WHERE evidence = 0)", day);
  change(db,
         "DELETE FROM query_temp_relations WHERE q IN (SELECT q FROM prune_q WHERE evidence = 0)",
         day);
  const int64_t removed = change(
      db, "DELETE FROM query_rows WHERE q IN (SELECT q FROM prune_q WHERE evidence = 0)", day);
  r.texts_removed += texts + trimmed;
  r.queries_trimmed += trimmed;
  r.queries_removed += removed;
  if (removed + trimmed > 0) ++r.days;
  tx.finish(dry_run);
}

void prune_queries(Db& db, const PruneOptions& o, int64_t now, PruneResult& r) {
  std::string cutoff = r.cutoff_day;
  std::string why;
  if (const std::string floor = om_floor(db, now, &why); !floor.empty() && floor < cutoff) {
    add_hold(r, why,
             count(db,
                   "SELECT count(*) FROM queries q WHERE day >= ?1 AND day < ?2 AND EXISTS "
                   "(SELECT 1 FROM query_text_refs t WHERE t.q = q.q)",
                   floor, cutoff));
    cutoff = floor;
  }
  if (!o.dry_run && cutoff > retention_horizon(db)) {
    // Closed first: a concurrent analyze skips the days before it from now on.
    OpenTransaction tx(db);
    Statement st(db, "INSERT OR REPLACE INTO meta(key, value) VALUES(?1, ?2)");
    st.bind(1, kHorizonKey).bind(2, cutoff);
    st.run();
    tx.finish(false);
  }
  std::vector<std::string> days;
  {
    Statement st(db, "SELECT DISTINCT day FROM queries WHERE day < ?1 ORDER BY day");
    st.bind(1, cutoff);
    while (st.step())
      days.push_back(st.text(0));
  }
  if (days.empty()) return;
  std::vector<std::string> targets;
  {
    Statement st(db, "SELECT DISTINCT target FROM ol_outbox ORDER BY target");
    while (st.step())
      targets.push_back(st.text(0));
  }
  prepare_evidence(db);
  for (const std::string& day : days)
    prune_day(db, day, targets, o.dry_run, r);
}

void prune_raw(Db& db, int64_t cutoff_ms, bool dry_run, PruneResult& r) {
  db.exec(R"sql(CREATE TEMP TABLE IF NOT EXISTS prune_raw(n INTEGER PRIMARY KEY, id TEXT NOT NULL);
    DELETE FROM prune_raw;)sql");
  // Kept: QUEUED/RUNNING records (a pull reaches back to them) and those not analyzed yet.
  constexpr std::string_view kOld =
      "submitted_ms < ?1 AND state IN ('SUCCEEDED', 'FAILED', 'CANCELLED') AND id NOT IN "
      "(SELECT id FROM raw_pending)";
  {
    Statement st(db, "INSERT INTO prune_raw(id) SELECT id FROM raw_executions WHERE " +
                         std::string(kOld));
    st.bind(1, cutoff_ms);
    st.run();
  }
  const int64_t n = db.scalar("SELECT count(*) FROM prune_raw");
  for (int64_t lo = 0; lo < n; lo += kRawChunk) {
    OpenTransaction tx(db);
    Statement st(db, "DELETE FROM raw_executions WHERE id IN (SELECT id FROM prune_raw WHERE n > "
                     "?2 AND n <= ?3) AND " +
                         std::string(kOld));
    st.bind(1, cutoff_ms).bind(2, lo).bind(3, lo + kRawChunk);
    st.run();
    r.raw_removed += db.changes();
    tx.finish(dry_run);
  }
}

} // namespace

std::string retention_horizon(Db& db) {
  Statement st(db, "SELECT value FROM meta WHERE key = ?1");
  st.bind(1, kHorizonKey);
  return st.step() ? st.text(0) : std::string();
}

util::Result<PruneResult> prune(Store& store, const PruneOptions& o) {
  PruneResult r;
  try {
    Db& db = StoreConnection::of(store);
    if (db.read_only()) throw SqliteError(db.path() + ": opened read-only");
    const int64_t now = o.now_ms != 0 ? o.now_ms : clock_ms();
    const std::optional<int> raw_days = o.keep_raw_days ? o.keep_raw_days : o.keep_days;
    r.page_size = db.scalar("PRAGMA page_size");
    r.pages_before = db.scalar("PRAGMA page_count");
    if (!o.dry_run) {
      if (util::Status refreshed = store.refresh_aggregates(); !refreshed)
        return util::Error{refreshed.error()};
    }
    if (o.keep_days) {
      r.cutoff_day = readers::format_day(now - *o.keep_days * kDayMs);
      prune_queries(db, o, now, r);
    }
    if (raw_days) {
      const int64_t start = (now - *raw_days * kDayMs) / kDayMs * kDayMs; // that day, 00:00 UTC
      r.raw_cutoff_day = readers::format_day(start);
      prune_raw(db, start, o.dry_run, r);
    }
    if (!o.dry_run) {
      // Texts and column-read sets are shared by content: those nothing refers to any more.
      OpenTransaction tx(db);
      delete_unreferenced_texts(db);
      tx.finish(false);
      db.exec("PRAGMA incremental_vacuum");
      // Hands the freed pages back now rather than at the next automatic checkpoint.
      db.exec("PRAGMA wal_checkpoint(TRUNCATE)");
    }
    r.pages_after = db.scalar("PRAGMA page_count");
  } catch (const SqliteError& e) {
    return util::Error{e.what()};
  }
  return r;
}

} // namespace athena::store
