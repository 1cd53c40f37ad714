#include "src/store/migrations.h"

#include <algorithm>
#include <array>
#include <string>
#include <utility>
#include <vector>

#include "src/analysis/fingerprint.h"
#include "src/model/names.h"
#include "src/store/query_strings.h"
#include "src/store/table_parts.h"
#include "src/store/texts.h"

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

// Version 8: a database that lives for years (SCHEMA.md, "Retention"). Recomputing a day reads
// only that day's queries, and `prune` finds old days, through an index on `day` alone (the
// narrowest that serves both). The file is switched to `auto_vacuum = INCREMENTAL` (by
// migrate(), before this SQL) so `prune` can hand freed pages back to the file system.
// `reanalyze_queue` holds the queries `reanalyze` takes out to derive again (their records as
// stored), so a killed re-analysis resumes from it rather than losing them.
constexpr std::string_view kV8 = R"sql(
CREATE INDEX IF NOT EXISTS queries_day ON queries(day);
CREATE TABLE reanalyze_queue(
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL,
  id_synthetic INTEGER NOT NULL,
  query TEXT NOT NULL,
  statement_type TEXT NOT NULL,
  substatement_type TEXT NOT NULL,
  catalog TEXT NOT NULL,
  database TEXT NOT NULL,
  workgroup TEXT NOT NULL,
  engine_version TEXT NOT NULL,
  selected_engine_version TEXT NOT NULL,
  state TEXT NOT NULL,
  state_change_reason TEXT NOT NULL,
  error_category INTEGER,
  error_type INTEGER,
  error_message TEXT NOT NULL,
  error_retryable INTEGER,
  submitted_ms INTEGER,
  completed_ms INTEGER,
  data_scanned_bytes INTEGER,
  engine_ms INTEGER,
  queue_ms INTEGER,
  total_ms INTEGER,
  planning_ms INTEGER,
  service_pre_processing_ms INTEGER,
  service_processing_ms INTEGER,
  reused_previous_result INTEGER,
  data_manifest_location TEXT NOT NULL,
  output_location TEXT NOT NULL,
  user TEXT NOT NULL,
  cost_usd REAL NOT NULL,
  cost_stated INTEGER NOT NULL,
  session_id TEXT NOT NULL,
  origin TEXT NOT NULL
);
)sql";

// Version 9: compact storage (SCHEMA.md, "Compact storage"). Query texts are stored once by
// content, compressed, in `texts`; a query refers to its text through `query_text_refs`, and
// `query_texts` becomes a view giving the same (q, query) rows as before. A raw API record is
// stored as its compressed remainder with its query text cut out into `texts` (text_id).
// convert_v9 moves the existing rows.
constexpr std::string_view kV9 = R"sql(
CREATE TABLE texts(id INTEGER PRIMARY KEY, hash INTEGER NOT NULL, body BLOB NOT NULL);
CREATE INDEX texts_hash ON texts(hash);
CREATE TABLE query_text_refs(q INTEGER PRIMARY KEY, text_id INTEGER NOT NULL);
ALTER TABLE raw_executions ADD COLUMN text_id INTEGER;
-- A query's column reads, as version 2 packed them, stored once per distinct set.
CREATE TABLE read_sets(id INTEGER PRIMARY KEY, reads TEXT NOT NULL UNIQUE);
CREATE TABLE query_read_refs(q INTEGER PRIMARY KEY, set_id INTEGER NOT NULL);
INSERT OR IGNORE INTO read_sets(reads) SELECT reads FROM query_column_reads ORDER BY q;
INSERT INTO query_read_refs(q, set_id)
SELECT c.q, s.id FROM query_column_reads c JOIN read_sets s ON s.reads = c.reads ORDER BY c.q;
DROP TABLE query_column_reads;
CREATE VIEW query_column_reads(q, reads) AS
SELECT r.q, s.reads FROM query_read_refs r JOIN read_sets s ON s.id = r.set_id;
CREATE TRIGGER query_column_reads_delete INSTEAD OF DELETE ON query_column_reads
BEGIN DELETE FROM query_read_refs WHERE q = OLD.q; END;
)sql";

void convert_v9(Db& db) {
  TextStore texts(db);
  {
    Statement read(db, "SELECT q, query FROM query_texts ORDER BY q");
    Statement put(db, "INSERT INTO query_text_refs(q, text_id) VALUES(?1, ?2)");
    while (read.step()) {
      put.bind(1, read.int64(0)).bind(2, texts.intern(read.text(1)));
      put.run();
    }
  }
  db.exec("DROP TABLE query_texts");
  db.exec("CREATE VIEW query_texts(q, query) AS SELECT r.q, athena_text(t.body) "
          "FROM query_text_refs r JOIN texts t ON t.id = r.text_id");
  db.exec("CREATE TRIGGER query_texts_delete INSTEAD OF DELETE ON query_texts "
          "BEGIN DELETE FROM query_text_refs WHERE q = OLD.q; END");
  // In chunks by id, never updating the table under an open read of it.
  Statement read(db, "SELECT id, raw FROM raw_executions WHERE id > ?1 ORDER BY id LIMIT 1000");
  Statement put(db, "UPDATE raw_executions SET raw = ?2, text_id = ?3 WHERE id = ?1");
  std::string last;
  for (;;) {
    std::vector<std::pair<std::string, std::string>> chunk;
    read.bind(1, last);
    while (read.step())
      chunk.emplace_back(read.text(0), read.text(1));
    read.reset();
    if (chunk.empty()) break;
    for (const auto& [id, raw] : chunk) {
      const PackedRaw packed = pack_raw(texts, raw);
      put.bind(1, id).bind_blob(2, packed.rest).bind(3, packed.text_id);
      put.run();
    }
    last = chunk.back().first;
  }
}

/// Switches the file to `auto_vacuum = INCREMENTAL`. An existing file needs a VACUUM for it,
/// which SQLite runs as one atomic write (through the WAL): a kill or a full disk leaves the
/// file as it was, and the next open tries again. Nothing to do on a file already converted
/// (new files are created with it).
void ensure_incremental_vacuum(Db& db) {
  if (db.scalar("PRAGMA auto_vacuum") == 2) return;
  db.exec("PRAGMA auto_vacuum = INCREMENTAL");
  try {
    db.exec("VACUUM");
  } catch (const SqliteError& e) {
    throw SqliteError(std::string(e.what()) +
                      " (turning on incremental vacuum rewrites the file once: it needs free disk "
                      "space about its size; nothing was changed)");
  }
}

// Version 10: the dbt temporary relations a query named (`x__dbt_tmp`, `x__ha`, ...), by name,
// with the model relation its other facts were attributed to (SCHEMA.md). They are kept only
// here: `tables` and every other fact name the model relation.
constexpr std::string_view kV10 = R"sql(
CREATE TABLE query_temp_relations(
  q INTEGER NOT NULL,
  temp TEXT NOT NULL,
  base TEXT NOT NULL,
  PRIMARY KEY(q, temp)
) WITHOUT ROWID;
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

// Version 12: narrow query rows (SCHEMA.md, "Narrow query rows"). The engine versions, the
// result and manifest locations (as templates with the query id cut out) and the origin's file
// part are stored once in `query_strings`; `query_rows` refers to them, and the view `queries`
// gives the rows of version 11 byte for byte. convert_v12 moves the existing rows.
constexpr std::string_view kV12 = R"sql(
CREATE TABLE query_strings(id INTEGER PRIMARY KEY, text TEXT NOT NULL UNIQUE);
CREATE TABLE query_rows(
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
  engine_ref INTEGER,
  selected_engine_ref INTEGER,
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
  output_ref INTEGER,
  manifest_ref INTEGER,
  fingerprint INTEGER NOT NULL,
  tool TEXT NOT NULL,
  dbt_model TEXT NOT NULL,
  session_id TEXT NOT NULL,
  origin_ref INTEGER,
  origin_line INTEGER,
  tables_read INTEGER NOT NULL,
  tables_written INTEGER NOT NULL
);
)sql";

// After the rows moved: the old table and its indexes go, the view takes its name. Each
// column of the view is a plain column or one lookup, so SQLite flattens the view into the
// statements that read it (also as the right side of a LEFT JOIN) and looks up only the
// strings a statement uses.
constexpr std::string_view kV12View = R"sql(
DROP INDEX queries_day;
DROP INDEX queries_fingerprint;
DROP INDEX queries_create_view;
DROP TABLE queries;
CREATE INDEX queries_day ON query_rows(day);
CREATE INDEX queries_fingerprint ON query_rows(fingerprint);
CREATE INDEX queries_create_view ON query_rows(q) WHERE statement_kind LIKE '%create_view%';
CREATE VIEW queries AS SELECT q, id, id_synthetic, state, day, submitted_ms, completed_ms,
  statement_type, substatement_type, statement_kind, is_usage, parsed, lineage_complete,
  catalog, database, workgroup,
  ifnull((SELECT text FROM query_strings WHERE id = engine_ref), '') AS engine_version,
  ifnull((SELECT text FROM query_strings WHERE id = selected_engine_ref), '')
    AS selected_engine_version,
  user, data_scanned_bytes, cost_usd, cost_stated, engine_ms, queue_ms, total_ms, planning_ms,
  service_pre_processing_ms, service_processing_ms, reused_previous_result,
  state_change_reason, error_category, error_type, error_retryable, error_message,
  CASE WHEN output_ref IS NULL THEN ''
       WHEN output_ref & 1 THEN replace((SELECT text FROM query_strings
                                         WHERE id = output_ref >> 1), char(1), id)
       ELSE (SELECT text FROM query_strings WHERE id = output_ref >> 1) END AS output_location,
  CASE WHEN manifest_ref IS NULL THEN ''
       WHEN manifest_ref & 1 THEN replace((SELECT text FROM query_strings
                                           WHERE id = manifest_ref >> 1), char(1), id)
       ELSE (SELECT text FROM query_strings WHERE id = manifest_ref >> 1) END
    AS data_manifest_location,
  fingerprint, tool, dbt_model, session_id,
  ifnull((SELECT text FROM query_strings WHERE id = origin_ref), '') ||
    ifnull(origin_line, '') AS origin,
  tables_read, tables_written
FROM query_rows;
CREATE TRIGGER queries_delete INSTEAD OF DELETE ON queries
BEGIN DELETE FROM query_rows WHERE q = OLD.q; END;
)sql";

void convert_v12(Db& db) {
  QueryStrings strings(db);
  // Columns of version 11's `queries` (kV1), by position; the text ones are copied as text,
  // the others as numbers.
  constexpr std::array<int, 15> kText{1, 3, 4, 7, 8, 9, 13, 14, 15, 18, 29, 33, 37, 38, 39};
  Statement read(db, "SELECT * FROM queries ORDER BY q");
  Statement put(db, insert_query_row_sql("", true));
  while (read.step()) {
    int i = 0;
    auto copy = [&](int col) {
      ++i;
      if (read.is_null(col)) {
        put.bind_null(i);
      } else if (col == 20) {
        put.bind(i, read.real(col));
      } else if (std::find(kText.begin(), kText.end(), col) != kText.end()) {
        put.bind(i, read.text(col));
      } else {
        put.bind(i, read.int64(col));
      }
    };
    for (int c = 0; c <= 15; ++c)
      copy(c);
    const std::string id = read.text(1);
    put.bind(++i, strings.intern(read.text(16)));
    put.bind(++i, strings.intern(read.text(17)));
    for (int c = 18; c <= 33; ++c)
      copy(c);
    put.bind(++i, location_ref(strings, read.text(34), id));
    put.bind(++i, location_ref(strings, read.text(35), id));
    for (int c = 36; c <= 39; ++c)
      copy(c);
    const std::string origin = read.text(40);
    const OriginParts o = split_origin(origin);
    put.bind(++i, strings.intern(o.prefix));
    put.bind(++i, o.line);
    copy(41);
    copy(42);
    put.run();
  }
  read.reset();
  db.exec(kV12View);
  // The old table's pages are free now: hand them back (the file uses incremental vacuum).
  db.exec("PRAGMA incremental_vacuum");
}

// Version 13: each table's parts as lineage resolved them (a quoted part may contain dots, so
// push never splits the name again), and each shape's whole masked text (push sends it as the
// query; the report shows its first 4 KiB). Rows stored before get the parts the name's first
// two dots give (what push assumed until now) and the shape texts that were cut at 4 KiB are
// recomputed from a stored query of the shape.
constexpr std::string_view kV13 = R"sql(
ALTER TABLE tables ADD COLUMN catalog_name TEXT NOT NULL DEFAULT '';
ALTER TABLE tables ADD COLUMN schema_name TEXT NOT NULL DEFAULT '';
ALTER TABLE tables ADD COLUMN table_name TEXT NOT NULL DEFAULT '';
)sql";

void convert_v13(Db& db) {
  // Read first, then write: no statement scans a table while it is updated.
  std::vector<std::pair<int64_t, model::TableName>> parts;
  Statement read(db, "SELECT id, name, location FROM tables ORDER BY id");
  while (read.step()) {
    std::string name = read.text(1);
    parts.emplace_back(read.int64(0), read.int64(2) != 0
                                          ? model::TableName::of_location(std::move(name))
                                          : split_stored_table_name(name));
  }
  Statement set_parts(db, "UPDATE tables SET catalog_name = ?2, schema_name = ?3, "
                          "table_name = ?4 WHERE id = ?1");
  for (const auto& [id, p] : parts) {
    set_parts.bind(1, id).bind(2, p.catalog).bind(3, p.schema).bind(4, p.table);
    set_parts.run();
  }
  std::vector<std::pair<int64_t, std::string>> texts;
  Statement cut(db, "SELECT ft.fingerprint, (SELECT x.query FROM queries q JOIN query_texts x ON "
                    "x.q = q.q WHERE q.fingerprint = ft.fingerprint LIMIT 1) FROM "
                    "fingerprint_texts ft WHERE length(CAST(ft.text AS BLOB)) >= 4096");
  while (cut.step()) {
    if (cut.is_null(1)) continue; // no stored query of the shape has its text: keep it cut
    analysis::Fingerprint fp = analysis::fingerprint(cut.text(1), analysis::kShapeTextMaxBytes);
    if (static_cast<int64_t>(fp.hash) != cut.int64(0)) continue; // fingerprinted differently
    texts.emplace_back(cut.int64(0), std::move(fp.text));
  }
  Statement set_text(db, "UPDATE fingerprint_texts SET text = ?2 WHERE fingerprint = ?1");
  for (const auto& [fingerprint, text] : texts) {
    set_text.bind(1, fingerprint).bind(2, text);
    set_text.run();
  }
}

// Version 14: the stored queries that may define a schema or a prepared statement, found
// without reading every query's row or decoding every DDL and utility text each run
// (SCHEMA.md, "Definitions"). The partial index lists the rows whose kind may define
// something; `definition_scan` remembers, per such row (by key and id), whether its text does.
constexpr std::string_view kV14 = R"sql(
CREATE INDEX IF NOT EXISTS query_rows_maybe_defining ON query_rows(q)
  WHERE statement_kind NOT IN ('select', 'insert', 'merge', 'update', 'delete', 'unload', 'other');
CREATE TABLE IF NOT EXISTS definition_scan(q INTEGER PRIMARY KEY, id TEXT NOT NULL, defines INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS definitions_pending(id TEXT PRIMARY KEY) WITHOUT ROWID;
)sql";

constexpr std::array<Migration, 14> kMigrations{{{1, kV1},
                                                 {2, kV2},
                                                 {3, kV3},
                                                 {4, kV4},
                                                 {5, kV5},
                                                 {6, kV6},
                                                 {7, kV7},
                                                 {8, kV8, true},
                                                 {9, kV9, false, &convert_v9},
                                                 {10, kV10},
                                                 {11, kV11},
                                                 {12, kV12, false, &convert_v12},
                                                 {13, kV13, false, &convert_v13},
                                                 {14, kV14}}};

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
    if (m.incremental_vacuum) ensure_incremental_vacuum(db);
    db.exec("BEGIN IMMEDIATE");
    try {
      // Another process may have migrated while we waited for the lock.
      if (db.scalar("PRAGMA user_version") >= m.version) {
        db.exec("COMMIT");
        continue;
      }
      db.exec(m.sql);
      if (m.convert != nullptr) m.convert(db);
      db.exec("PRAGMA user_version = " + std::to_string(m.version));
      db.exec("COMMIT");
      // Each step rewrites the schema's pages; copied back at once, the WAL stays the size of
      // one step instead of all of them (a new file needs less free space to be created).
      db.exec("PRAGMA wal_checkpoint(PASSIVE)");
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
