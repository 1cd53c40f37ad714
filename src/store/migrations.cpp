#include "src/store/migrations.h"

#include <array>
#include <string>

namespace athena::store {

namespace {

// Version 1: the whole first schema (documented in src/store/SCHEMA.md).
constexpr std::string_view kV1 = R"sql(
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;

CREATE TABLE queries(
  q INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  id_synthetic INTEGER NOT NULL,
  state TEXT NOT NULL,
  day TEXT,
  submitted_ms INTEGER,
  completed_ms INTEGER,
  statement_type TEXT NOT NULL,
  substatement_type TEXT NOT NULL,
  statement_kind TEXT NOT NULL,
  is_usage INTEGER NOT NULL,
  parsed INTEGER NOT NULL,
  lineage_complete INTEGER NOT NULL,
  catalog TEXT NOT NULL,
  database TEXT NOT NULL,
  workgroup TEXT NOT NULL,
  engine_version TEXT NOT NULL,
  selected_engine_version TEXT NOT NULL,
  user TEXT NOT NULL,
  data_scanned_bytes INTEGER,
  cost_usd REAL NOT NULL,
  cost_stated INTEGER NOT NULL,
  engine_ms INTEGER,
  queue_ms INTEGER,
  total_ms INTEGER,
  planning_ms INTEGER,
  service_pre_processing_ms INTEGER,
  service_processing_ms INTEGER,
  reused_previous_result INTEGER,
  state_change_reason TEXT NOT NULL,
  error_category INTEGER,
  error_type INTEGER,
  error_retryable INTEGER,
  error_message TEXT NOT NULL,
  output_location TEXT NOT NULL,
  data_manifest_location TEXT NOT NULL,
  fingerprint INTEGER NOT NULL,
  tool TEXT NOT NULL,
  dbt_model TEXT NOT NULL,
  session_id TEXT NOT NULL,
  origin TEXT NOT NULL,
  tables_read INTEGER NOT NULL,
  tables_written INTEGER NOT NULL
);
-- Covers the per-day aggregates, so recomputing a day never reads the wide rows.
CREATE INDEX queries_day ON queries(day, state, is_usage, user);
-- The SQL text apart from the row, which keeps `queries` narrow for scans.
CREATE TABLE query_texts(q INTEGER PRIMARY KEY, query TEXT NOT NULL);

CREATE TABLE tables(id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);
CREATE TABLE columns(
  id INTEGER PRIMARY KEY,
  table_id INTEGER NOT NULL REFERENCES tables(id),
  name TEXT NOT NULL UNIQUE
);
CREATE TABLE fingerprint_texts(fingerprint INTEGER PRIMARY KEY, text TEXT NOT NULL);

CREATE TABLE query_tables(
  q INTEGER NOT NULL,
  table_id INTEGER NOT NULL,
  reads INTEGER NOT NULL,
  writes INTEGER NOT NULL,
  bytes_share REAL NOT NULL,
  cost_share REAL NOT NULL,
  PRIMARY KEY(q, table_id)
) WITHOUT ROWID;
CREATE TABLE query_column_reads(
  q INTEGER NOT NULL,
  column_id INTEGER NOT NULL,
  clause TEXT NOT NULL,
  PRIMARY KEY(q, column_id, clause)
) WITHOUT ROWID;
CREATE TABLE query_joins(
  q INTEGER NOT NULL,
  left_id INTEGER NOT NULL,
  right_id INTEGER NOT NULL,
  join_type TEXT NOT NULL,
  columns TEXT NOT NULL,
  PRIMARY KEY(q, left_id, right_id, join_type, columns)
) WITHOUT ROWID;
CREATE TABLE query_table_edges(
  source_id INTEGER NOT NULL,
  target_id INTEGER NOT NULL,
  q INTEGER NOT NULL,
  PRIMARY KEY(source_id, target_id, q)
) WITHOUT ROWID;
CREATE TABLE query_column_edges(
  source_id INTEGER NOT NULL,
  target_id INTEGER NOT NULL,
  transform TEXT NOT NULL,
  condition INTEGER NOT NULL,
  q INTEGER NOT NULL,
  PRIMARY KEY(source_id, target_id, transform, condition, q)
) WITHOUT ROWID;
CREATE TABLE query_errors(
  q INTEGER NOT NULL,
  seq INTEGER NOT NULL,
  kind TEXT NOT NULL,
  message TEXT NOT NULL,
  line INTEGER NOT NULL,
  col INTEGER NOT NULL,
  offset INTEGER NOT NULL,
  PRIMARY KEY(q, seq)
) WITHOUT ROWID;

CREATE TABLE raw_executions(
  id TEXT PRIMARY KEY,
  workgroup TEXT NOT NULL,
  submitted_ms INTEGER,
  state TEXT NOT NULL,
  raw TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE dirty_days(day TEXT PRIMARY KEY) WITHOUT ROWID;
CREATE TABLE dirty_table_edges(
  source_id INTEGER NOT NULL, target_id INTEGER NOT NULL,
  PRIMARY KEY(source_id, target_id)
) WITHOUT ROWID;
CREATE TABLE dirty_column_edges(
  source_id INTEGER NOT NULL, target_id INTEGER NOT NULL,
  transform TEXT NOT NULL, condition INTEGER NOT NULL,
  PRIMARY KEY(source_id, target_id, transform, condition)
) WITHOUT ROWID;

CREATE TABLE usage_daily(
  day TEXT PRIMARY KEY,
  queries INTEGER NOT NULL,
  usage_queries INTEGER NOT NULL,
  succeeded INTEGER NOT NULL,
  failed INTEGER NOT NULL,
  cancelled INTEGER NOT NULL,
  users INTEGER NOT NULL,
  bytes_scanned INTEGER NOT NULL,
  cost_usd REAL NOT NULL
) WITHOUT ROWID;
CREATE TABLE table_usage_daily(
  table_id INTEGER NOT NULL,
  day TEXT NOT NULL,
  queries INTEGER NOT NULL,
  users INTEGER NOT NULL,
  bytes_scanned REAL NOT NULL,
  cost_usd REAL NOT NULL,
  failures INTEGER NOT NULL,
  PRIMARY KEY(table_id, day)
) WITHOUT ROWID;
CREATE INDEX table_usage_daily_day ON table_usage_daily(day);
CREATE TABLE column_reads_daily(
  column_id INTEGER NOT NULL,
  day TEXT NOT NULL,
  clause TEXT NOT NULL,
  reads INTEGER NOT NULL,
  PRIMARY KEY(column_id, day, clause)
) WITHOUT ROWID;
CREATE INDEX column_reads_daily_day ON column_reads_daily(day);
CREATE TABLE joins_daily(
  left_id INTEGER NOT NULL,
  right_id INTEGER NOT NULL,
  day TEXT NOT NULL,
  queries INTEGER NOT NULL,
  PRIMARY KEY(left_id, right_id, day)
) WITHOUT ROWID;
CREATE INDEX joins_daily_day ON joins_daily(day);
CREATE TABLE join_columns_daily(
  left_id INTEGER NOT NULL,
  right_id INTEGER NOT NULL,
  day TEXT NOT NULL,
  columns TEXT NOT NULL,
  queries INTEGER NOT NULL,
  PRIMARY KEY(left_id, right_id, day, columns)
) WITHOUT ROWID;
CREATE INDEX join_columns_daily_day ON join_columns_daily(day);
CREATE TABLE fingerprints_daily(
  fingerprint INTEGER NOT NULL,
  day TEXT NOT NULL,
  queries INTEGER NOT NULL,
  succeeded INTEGER NOT NULL,
  failures INTEGER NOT NULL,
  bytes_scanned INTEGER NOT NULL,
  cost_usd REAL NOT NULL,
  example_query_id TEXT NOT NULL,
  PRIMARY KEY(fingerprint, day)
) WITHOUT ROWID;
CREATE INDEX fingerprints_daily_day ON fingerprints_daily(day);
CREATE TABLE table_edges(
  source_id INTEGER NOT NULL,
  target_id INTEGER NOT NULL,
  queries INTEGER NOT NULL,
  first_seen_ms INTEGER,
  last_seen_ms INTEGER,
  last_query_id TEXT NOT NULL,
  PRIMARY KEY(source_id, target_id)
) WITHOUT ROWID;
CREATE INDEX table_edges_target ON table_edges(target_id);
CREATE TABLE column_edges(
  source_id INTEGER NOT NULL,
  target_id INTEGER NOT NULL,
  transform TEXT NOT NULL,
  condition INTEGER NOT NULL,
  queries INTEGER NOT NULL,
  first_seen_ms INTEGER,
  last_seen_ms INTEGER,
  last_query_id TEXT NOT NULL,
  PRIMARY KEY(source_id, target_id, transform, condition)
) WITHOUT ROWID;
CREATE INDEX column_edges_target ON column_edges(target_id);
)sql";

// Version 2: aggregates maintained per batch (SCHEMA.md, "Performance"). Distinct users come
// from user sets; the per-day index on `queries` is gone (only a replaced QUEUED/RUNNING
// query makes a day dirty). Every stored day is marked dirty once, so the next refresh
// rebuilds the sets and the exact integer sums.
constexpr std::string_view kV2 = R"sql(
CREATE TABLE day_users(day TEXT NOT NULL, user TEXT NOT NULL, PRIMARY KEY(day, user))
  WITHOUT ROWID;
CREATE TABLE table_day_users(
  table_id INTEGER NOT NULL, day TEXT NOT NULL, user TEXT NOT NULL,
  PRIMARY KEY(table_id, day, user)
) WITHOUT ROWID;
DROP INDEX queries_day;
-- A query's column reads in one row: [[column_id, "clause"], ...] sorted.
CREATE TABLE query_column_reads_v2(q INTEGER PRIMARY KEY, reads TEXT NOT NULL);
INSERT INTO query_column_reads_v2(q, reads)
SELECT q, json_group_array(json_array(column_id, clause)) FROM (
  SELECT q, column_id, clause FROM query_column_reads ORDER BY q, column_id, clause)
GROUP BY q;
DROP TABLE query_column_reads;
ALTER TABLE query_column_reads_v2 RENAME TO query_column_reads;
INSERT OR IGNORE INTO dirty_days(day) SELECT DISTINCT day FROM queries WHERE day IS NOT NULL;
)sql";

// Version 3: `pull` state (SCHEMA.md, "pull"): raw executions waiting for analysis, the
// per-workgroup watermark of the last complete pull, and the catalog metadata cache.
constexpr std::string_view kV3 = R"sql(
CREATE TABLE raw_pending(
  sort_ms INTEGER NOT NULL,
  id TEXT NOT NULL,
  PRIMARY KEY(sort_ms, id)
) WITHOUT ROWID;
CREATE INDEX raw_executions_open ON raw_executions(workgroup, submitted_ms)
  WHERE state IN ('QUEUED', 'RUNNING');
CREATE TABLE pull_watermarks(
  workgroup TEXT PRIMARY KEY,
  newest_ms INTEGER NOT NULL,
  pulled_at_ms INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE metadata_catalogs(
  catalog TEXT PRIMARY KEY,
  type TEXT NOT NULL,
  databases_fetched_ms INTEGER
) WITHOUT ROWID;
CREATE TABLE metadata_databases(
  catalog TEXT NOT NULL,
  database TEXT NOT NULL,
  tables_fetched_ms INTEGER,
  error TEXT NOT NULL,
  PRIMARY KEY(catalog, database)
) WITHOUT ROWID;
CREATE TABLE metadata_tables(
  catalog TEXT NOT NULL,
  database TEXT NOT NULL,
  name TEXT NOT NULL,
  table_type TEXT NOT NULL,
  columns TEXT NOT NULL,
  PRIMARY KEY(catalog, database, name)
) WITHOUT ROWID;
)sql";

// Version 4: the OpenMetadata sink's outbox (SCHEMA.md, "push"): every request is recorded
// before it is sent and marked done after a 2xx; `om_delivered` remembers what OpenMetadata
// holds per logical key, so a re-run sends only what changed.
constexpr std::string_view kV4 = R"sql(
CREATE TABLE om_outbox(
  seq INTEGER PRIMARY KEY,
  key TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL,
  lane TEXT NOT NULL,
  method TEXT NOT NULL,
  path TEXT NOT NULL,
  body TEXT NOT NULL,
  body_hash TEXT NOT NULL,
  value INTEGER,
  state TEXT NOT NULL,
  attempts INTEGER NOT NULL,
  last_status INTEGER,
  last_error TEXT NOT NULL,
  created_ms INTEGER NOT NULL,
  sent_ms INTEGER
);
CREATE INDEX om_outbox_state ON om_outbox(state, seq);
CREATE TABLE om_delivered(
  key TEXT PRIMARY KEY,
  kind TEXT NOT NULL,
  body_hash TEXT NOT NULL,
  value INTEGER,
  om_id TEXT NOT NULL,
  delivered_ms INTEGER NOT NULL
) WITHOUT ROWID;
)sql";

// Version 5: usage exactly once. `in_doubt` marks an additive request that may have been
// applied without our knowing (sent, no reply; or a day to reconcile): it is read back before
// anything is sent. Days OpenMetadata cannot take are recorded once; what a push left over
// (unknown tables, such days) is kept so the next push can tell new leftovers from old ones.
constexpr std::string_view kV5 = R"sql(
ALTER TABLE om_outbox ADD COLUMN in_doubt INTEGER NOT NULL DEFAULT 0;
CREATE TABLE om_unrepresentable(
  key TEXT PRIMARY KEY,
  table_fqn TEXT NOT NULL,
  day TEXT NOT NULL,
  count INTEGER NOT NULL,
  reason TEXT NOT NULL,
  recorded_ms INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE om_leftovers(
  kind TEXT NOT NULL,
  name TEXT NOT NULL,
  PRIMARY KEY(kind, name)
) WITHOUT ROWID;
)sql";

// Version 6: the OpenLineage outbox (SCHEMA.md, "OpenLineage outbox"): every event is recorded
// before it is sent and marked done after a 2xx, per target endpoint, so a re-run sends only
// what is new or still pending, with the same bytes.
constexpr std::string_view kV6 = R"sql(
CREATE TABLE ol_outbox(
  seq INTEGER PRIMARY KEY,
  target TEXT NOT NULL,
  query_id TEXT NOT NULL,
  run_id TEXT NOT NULL,
  event_type TEXT NOT NULL,
  event_time TEXT NOT NULL,
  body TEXT NOT NULL,
  state TEXT NOT NULL,
  attempts INTEGER NOT NULL,
  last_status INTEGER,
  last_error TEXT NOT NULL,
  created_ms INTEGER NOT NULL,
  sent_ms INTEGER,
  UNIQUE(target, run_id, event_type)
);
CREATE INDEX ol_outbox_query ON ol_outbox(target, query_id);
CREATE INDEX ol_outbox_state ON ol_outbox(target, state, seq);
)sql";

// Version 7: a table row says whether it is an S3 location, as the SQL that named it said
// (LOCATION, external_location, UNLOAD ... TO); a quoted table name may look like a URI.
// Earlier versions stored locations only under their `s3://` text.
constexpr std::string_view kV7 = R"sql(
ALTER TABLE tables ADD COLUMN location INTEGER NOT NULL DEFAULT 0;
UPDATE tables SET location = 1 WHERE name LIKE 's3://%';
)sql";

// Version 11: indexes for `serve`'s reads (explorer_reader.cpp): a table's queries (its page's
// users, workgroups and query shapes), a shape's executions, a table's columns, and the few
// queries that create views (a partial index; the reader's term on statement_kind is the same).
constexpr std::string_view kV11 = R"sql(
CREATE INDEX query_tables_table ON query_tables(table_id);
CREATE INDEX queries_fingerprint ON queries(fingerprint);
CREATE INDEX columns_table ON columns(table_id);
CREATE INDEX queries_create_view ON queries(q) WHERE statement_kind LIKE '%create_view%';
)sql";

constexpr std::array<Migration, 8> kMigrations{
    {{1, kV1}, {2, kV2}, {3, kV3}, {4, kV4}, {5, kV5}, {6, kV6}, {7, kV7}, {11, kV11}}};

} // namespace

std::span<const Migration> migrations() {
  return kMigrations;
}

int latest_schema_version() {
  return kMigrations.back().version;
}

void migrate(Db& db) {
  int current = static_cast<int>(db.scalar("PRAGMA user_version"));
  if (current > latest_schema_version()) {
    throw SqliteError(db.path() + ": schema version " + std::to_string(current) +
                      " is newer than this athena-lineage knows (" +
                      std::to_string(latest_schema_version()) + "); use a newer release");
  }
  for (const Migration& m : kMigrations) {
    if (m.version <= current) continue;
    db.exec("BEGIN IMMEDIATE");
    try {
      // Another process may have migrated while we waited for the lock.
      if (db.scalar("PRAGMA user_version") >= m.version) {
        db.exec("COMMIT");
        continue;
      }
      db.exec(m.sql);
      db.exec("PRAGMA user_version = " + std::to_string(m.version));
      db.exec("COMMIT");
    } catch (...) {
      try {
        db.exec("ROLLBACK");
      } catch (const SqliteError&) {
        // The failed statement may already have ended the transaction.
      }
      throw;
    }
  }
}

} // namespace athena::store
