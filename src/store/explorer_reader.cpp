// The read side of `serve` (explorer_reader.h). Every statement binds its parameters and is
// reset after use, so no statement keeps a read transaction open between requests.
#include "src/store/explorer_reader.h"

#include <algorithm>
#include <cmath>
#include <unordered_map>

#include "src/store/result_rows.h"
#include "src/store/sqlite_db.h"

namespace athena::store {

namespace {

/// Resets a cached statement when the scope ends, whatever happens in it.
class Reset {
public:
  explicit Reset(Statement& st) : st_(st) {}
  ~Reset() { st_.reset(); }
  Reset(const Reset&) = delete;
  Reset& operator=(const Reset&) = delete;

private:
  Statement& st_;
};

/// A sum of costs stored as exact 1e-9 USD units (SCHEMA.md), without the float noise of
/// adding them up.
double nano_round(double usd) {
  return std::round(usd * 1e9) / 1e9;
}

/// A shape's masked text as shown: its first 4 KiB (the store keeps it whole for push).
constexpr const char* kShapeText = "CAST(substr(CAST(text AS BLOB), 1, 4096) AS TEXT)";

/// SQL condition on a `day` column for ?1 = since, ?2 = until ("" = unbounded).
constexpr const char* kWindow = "(?1 = '' OR day >= ?1) AND (?2 = '' OR day <= ?2)";

constexpr const char* kRunColumns =
    "SELECT q.id, q.state, q.submitted_ms, q.user, ifnull(q.workgroup, ''), q.statement_kind, "
    "ifnull(q.fingerprint, 0), ifnull(q.data_scanned_bytes, 0), ifnull(x.query, '') ";

} // namespace

ExplorerReader::ExplorerReader(const std::string& path)
    : db_(std::make_unique<Db>(path, Db::ReadOnly{})) {
  // Pages are read through a memory map shared by every connection (the OS page cache), not
  // copied into each connection's own cache: a table page touches thousands of rows.
  db_->exec("PRAGMA mmap_size=4294967296");
  db_->exec("PRAGMA cache_size=-16384");
}

ExplorerReader::~ExplorerReader() = default;

ExplorerReader::Snapshot::Snapshot(ExplorerReader& reader) : reader_(reader) {
  reader_.db_->exec("BEGIN");
}

ExplorerReader::Snapshot::~Snapshot() {
  try {
    reader_.db_->exec("COMMIT");
  } catch (const SqliteError&) {
    // Nothing was written; the transaction ends with the statement that failed.
  }
}

Statement& ExplorerReader::prepared(std::string_view sql) {
  for (auto& [text, st] : statements_) {
    if (text == sql) return *st;
  }
  statements_.emplace_back(std::string(sql), std::make_unique<Statement>(*db_, sql));
  return *statements_.back().second;
}

int ExplorerReader::schema_version() {
  return static_cast<int>(db_->scalar("PRAGMA user_version"));
}

bool ExplorerReader::changed_since_last_asked() {
  const int64_t now = db_->scalar("PRAGMA data_version");
  const bool changed = !data_version_ || *data_version_ != now;
  data_version_ = now;
  return changed;
}

std::optional<TableRef> ExplorerReader::table(const std::string& name) {
  Statement& st = prepared("SELECT id, name, location FROM tables WHERE name = ?1");
  Reset reset(st);
  st.bind(1, name);
  if (!st.step()) return std::nullopt;
  return TableRef{st.int64(0), st.text(1), st.int64(2) != 0};
}

std::optional<ColumnRef> ExplorerReader::column(const std::string& name) {
  Statement& st = prepared("SELECT c.id, c.name, t.id, t.name, t.location FROM columns c "
                           "JOIN tables t ON t.id = c.table_id WHERE c.name = ?1");
  Reset reset(st);
  st.bind(1, name);
  if (!st.step()) return std::nullopt;
  return ColumnRef{st.int64(0), st.text(1), TableRef{st.int64(2), st.text(3), st.int64(4) != 0}};
}

std::set<int64_t> ExplorerReader::view_ids() {
  // The term on statement_kind is the one of the partial index queries_create_view, and
  // CROSS JOIN keeps that index the outer loop (a few rows, not every query_tables row).
  Statement& st = prepared(
      "SELECT DISTINCT qt.table_id FROM queries q CROSS JOIN query_tables qt ON qt.q = q.q "
      "WHERE q.statement_kind LIKE '%create_view%' AND q.state = 'SUCCEEDED' AND qt.writes = 1");
  Reset reset(st);
  std::set<int64_t> out;
  while (st.step())
    out.insert(st.int64(0));
  return out;
}

std::vector<NameMatch> ExplorerReader::names_containing(std::string_view needle) {
  std::vector<NameMatch> out;
  {
    Statement& st = prepared(
        "SELECT name, location, id FROM tables WHERE instr(lower(name), ?1) > 0 ORDER BY name");
    Reset reset(st);
    st.bind(1, needle);
    while (st.step())
      out.push_back(NameMatch{st.text(0), false, "", st.int64(1) != 0, st.int64(2)});
  }
  Statement& st =
      prepared("SELECT c.name, t.name, t.location, t.id FROM columns c JOIN tables t ON "
               "t.id = c.table_id WHERE instr(lower(c.name), ?1) > 0 ORDER BY c.name");
  Reset reset(st);
  st.bind(1, needle);
  while (st.step())
    out.push_back(NameMatch{st.text(0), true, st.text(1), st.int64(2) != 0, st.int64(3)});
  return out;
}

int64_t ExplorerReader::table_count() {
  Statement& st = prepared("SELECT count(*) FROM tables");
  Reset reset(st);
  return st.step() ? st.int64(0) : 0;
}

std::vector<TableRow> ExplorerReader::tables(TableSort sort, int64_t limit, int64_t offset) {
  // One statement per order (ORDER BY cannot be bound); the text is fixed, never user input.
  std::string order;
  switch (sort) {
  case TableSort::kQueries:
    order = "queries DESC";
    break;
  case TableSort::kUsers:
    order = "users DESC";
    break;
  case TableSort::kCost:
    order = "cost DESC";
    break;
  }
  Statement& st = prepared(
      "WITH u AS (SELECT table_id, sum(queries) AS queries, sum(bytes_scanned) AS bytes, "
      "total(cost_usd) AS cost, sum(failures) AS failures, min(day) AS first, max(day) AS last "
      "FROM table_usage_daily GROUP BY table_id), "
      "n AS (SELECT table_id, count(DISTINCT user) AS users FROM table_day_users "
      "GROUP BY table_id) "
      "SELECT t.id, t.name, t.location, ifnull(u.queries, 0) AS queries, ifnull(n.users, 0) AS "
      "users, ifnull(u.bytes, 0), ifnull(u.cost, 0) AS cost, ifnull(u.failures, 0), "
      "ifnull(u.first, ''), ifnull(u.last, '') FROM tables t "
      "LEFT JOIN u ON u.table_id = t.id LEFT JOIN n ON n.table_id = t.id ORDER BY " +
      order + ", t.name LIMIT ?1 OFFSET ?2");
  Reset reset(st);
  st.bind(1, limit).bind(2, offset);
  std::vector<TableRow> out;
  while (st.step()) {
    TableRow row;
    row.table = TableRef{st.int64(0), st.text(1), st.int64(2) != 0};
    row.stats.queries = st.int64(3);
    row.stats.users = st.int64(4);
    row.stats.bytes_scanned = st.int64(5);
    row.stats.cost_usd = nano_round(st.real(6));
    row.stats.failures = st.int64(7);
    row.stats.first_seen = st.text(8);
    row.stats.last_seen = st.text(9);
    out.push_back(std::move(row));
  }
  return out;
}

TableStats ExplorerReader::table_stats(int64_t table_id, const DayWindow& window) {
  TableStats s;
  {
    Statement& st = prepared(std::string("SELECT ifnull(sum(queries), 0), ifnull(sum("
                                         "bytes_scanned), 0), total(cost_usd), "
                                         "ifnull(sum(failures), 0), ifnull(min(day), ''), "
                                         "ifnull(max(day), '') FROM table_usage_daily WHERE "
                                         "table_id = ?3 AND ") +
                             kWindow);
    Reset reset(st);
    st.bind(1, window.since).bind(2, window.until).bind(3, table_id);
    if (st.step()) {
      s.queries = st.int64(0);
      s.bytes_scanned = st.int64(1);
      s.cost_usd = nano_round(st.real(2));
      s.failures = st.int64(3);
      s.first_seen = st.text(4);
      s.last_seen = st.text(5);
    }
  }
  Statement& st =
      prepared(std::string("SELECT count(DISTINCT user) FROM table_day_users WHERE table_id = ?3 "
                           "AND ") +
               kWindow);
  Reset reset(st);
  st.bind(1, window.since).bind(2, window.until).bind(3, table_id);
  if (st.step()) s.users = st.int64(0);
  return s;
}

std::vector<TableDay> ExplorerReader::table_days(int64_t table_id, const DayWindow& window) {
  Statement& st = prepared(std::string("SELECT day, queries, users, bytes_scanned, cost_usd, "
                                       "failures FROM table_usage_daily WHERE table_id = ?3 AND ") +
                           kWindow + " ORDER BY day");
  Reset reset(st);
  st.bind(1, window.since).bind(2, window.until).bind(3, table_id);
  std::vector<TableDay> out;
  while (st.step()) {
    out.push_back(
        TableDay{st.text(0), st.int64(1), st.int64(2), st.int64(3), st.real(4), st.int64(5)});
  }
  return out;
}

namespace {

std::vector<NamedCount> top(const std::unordered_map<std::string, int64_t>& counts, size_t n) {
  std::vector<NamedCount> out;
  out.reserve(counts.size());
  for (const auto& [name, queries] : counts)
    out.push_back(NamedCount{name, queries});
  std::sort(out.begin(), out.end(), [](const NamedCount& a, const NamedCount& b) {
    return a.queries != b.queries ? a.queries > b.queries : a.name < b.name;
  });
  if (out.size() > n) out.resize(n);
  return out;
}

} // namespace

ExplorerReader::TableQueries ExplorerReader::table_queries(int64_t table_id, size_t top_users,
                                                           size_t top_shapes) {
  std::unordered_map<std::string, int64_t> users, workgroups;
  struct Shape {
    int64_t runs = 0;
    int64_t last = 0; // the latest stored execution (largest q)
  };
  std::unordered_map<int64_t, Shape> shapes;
  {
    // The table's queries come in q order from the index query_tables_table.
    Statement& st = prepared(
        "SELECT q.q, q.state = 'SUCCEEDED' AND q.is_usage = 1, q.user, ifnull(q.workgroup, ''), "
        "q.fingerprint FROM query_tables qt JOIN queries q ON q.q = qt.q WHERE qt.table_id = ?1");
    Reset reset(st);
    st.bind(1, table_id);
    while (st.step()) {
      if (st.int64(1) != 0) {
        ++users[st.text(2)];
        ++workgroups[st.text(3)];
      }
      if (st.is_null(4)) continue;
      Shape& shape = shapes[st.int64(4)];
      ++shape.runs;
      shape.last = std::max(shape.last, st.int64(0));
    }
  }
  TableQueries out;
  out.users = top(users, top_users);
  out.workgroups = top(workgroups, top_users);
  std::vector<std::pair<int64_t, Shape>> ranked(shapes.begin(), shapes.end());
  std::sort(ranked.begin(), ranked.end(), [](const auto& a, const auto& b) {
    return a.second.runs != b.second.runs ? a.second.runs > b.second.runs : a.first < b.first;
  });
  if (ranked.size() > top_shapes) ranked.resize(top_shapes);
  Statement& st = prepared(std::string("SELECT ifnull((SELECT ") + kShapeText +
                           " FROM fingerprint_texts WHERE fingerprint = ?1), ''), q.id, "
                           "ifnull(x.query, '') FROM queries q LEFT JOIN query_texts x ON "
                           "x.q = q.q WHERE q.q = ?2");
  for (const auto& [fingerprint, shape] : ranked) {
    Reset reset(st);
    st.bind(1, fingerprint).bind(2, shape.last);
    if (!st.step()) continue;
    out.shapes.push_back(ShapeUse{fingerprint, shape.runs, st.text(0), st.text(1), st.text(2)});
  }
  return out;
}

std::vector<ColumnReads> ExplorerReader::table_columns(int64_t table_id) {
  Statement& st = prepared("SELECT c.name, r.clause, ifnull(sum(r.reads), 0) FROM columns c "
                           "LEFT JOIN column_reads_daily r ON r.column_id = c.id "
                           "WHERE c.table_id = ?1 GROUP BY c.id, r.clause ORDER BY c.name, "
                           "r.clause");
  Reset reset(st);
  st.bind(1, table_id);
  std::vector<ColumnReads> out;
  while (st.step()) {
    std::string name = st.text(0);
    if (out.empty() || out.back().name != name) out.push_back(ColumnReads{std::move(name), 0, {}});
    if (st.is_null(1)) continue; // never read
    out.back().reads += st.int64(2);
    out.back().clauses.emplace_back(st.text(1), st.int64(2));
  }
  return out;
}

std::vector<ColumnRef> ExplorerReader::columns_of(const TableRef& table) {
  Statement& st = prepared("SELECT id, name FROM columns WHERE table_id = ?1 ORDER BY name");
  Reset reset(st);
  st.bind(1, table.id);
  std::vector<ColumnRef> out;
  while (st.step())
    out.push_back(ColumnRef{st.int64(0), st.text(1), table});
  return out;
}

std::vector<LineageEdge> ExplorerReader::table_edges(int64_t table_id, bool downstream) {
  Statement& st = prepared(
      std::string("SELECT s.id, t.id, s.name, t.name, s.location, t.location, e.queries, "
                  "e.first_seen_ms, e.last_seen_ms, e.last_query_id FROM table_edges e "
                  "JOIN tables s ON s.id = e.source_id JOIN tables t ON t.id = e.target_id "
                  "WHERE ") +
      (downstream ? "e.source_id" : "e.target_id") + " = ?1 ORDER BY s.name, t.name");
  Reset reset(st);
  st.bind(1, table_id);
  std::vector<LineageEdge> out;
  while (st.step()) {
    LineageEdge e;
    e.source_id = e.source_table_id = st.int64(0);
    e.target_id = e.target_table_id = st.int64(1);
    e.source = e.source_table = st.text(2);
    e.target = e.target_table = st.text(3);
    e.source_location = st.int64(4) != 0;
    e.target_location = st.int64(5) != 0;
    e.queries = st.int64(6);
    e.first_seen_ms = optional_int(st, 7);
    e.last_seen_ms = optional_int(st, 8);
    e.last_query_id = st.text(9);
    out.push_back(std::move(e));
  }
  return out;
}

std::vector<LineageEdge> ExplorerReader::column_edges(int64_t column_id, bool downstream) {
  Statement& st = prepared(
      std::string(
          "SELECT s.id, t.id, s.name, t.name, st.name, tt.name, st.location, tt.location, "
          "st.id, tt.id, e.transform, e.condition, e.queries, e.first_seen_ms, e.last_seen_ms, "
          "e.last_query_id FROM column_edges e JOIN columns s ON s.id = e.source_id "
          "JOIN columns t ON t.id = e.target_id JOIN tables st ON st.id = s.table_id "
          "JOIN tables tt ON tt.id = t.table_id WHERE ") +
      (downstream ? "e.source_id" : "e.target_id") +
      " = ?1 ORDER BY s.name, t.name, e.transform, e.condition");
  Reset reset(st);
  st.bind(1, column_id);
  std::vector<LineageEdge> out;
  while (st.step()) {
    LineageEdge e;
    e.source_id = st.int64(0);
    e.target_id = st.int64(1);
    e.source = st.text(2);
    e.target = st.text(3);
    e.source_table = st.text(4);
    e.target_table = st.text(5);
    e.source_location = st.int64(6) != 0;
    e.target_location = st.int64(7) != 0;
    e.source_table_id = st.int64(8);
    e.target_table_id = st.int64(9);
    e.transform = st.text(10);
    e.condition = st.int64(11) != 0;
    e.queries = st.int64(12);
    e.first_seen_ms = optional_int(st, 13);
    e.last_seen_ms = optional_int(st, 14);
    e.last_query_id = st.text(15);
    out.push_back(std::move(e));
  }
  return out;
}

std::vector<QueryRun> ExplorerReader::runs(Statement& st, int64_t limit) {
  std::vector<QueryRun> out;
  while (static_cast<int64_t>(out.size()) < limit && st.step()) {
    QueryRun r;
    r.id = st.text(0);
    r.state = st.text(1);
    r.submitted_ms = optional_int(st, 2);
    r.user = st.text(3);
    r.workgroup = st.text(4);
    r.statement_kind = st.text(5);
    r.fingerprint = st.int64(6);
    r.bytes_scanned = st.int64(7);
    r.sql = st.text(8);
    out.push_back(std::move(r));
  }
  return out;
}

std::vector<QueryRun> ExplorerReader::table_edge_queries(int64_t source_id, int64_t target_id,
                                                         int64_t limit, int64_t* total) {
  {
    Statement& st =
        prepared("SELECT count(*) FROM query_table_edges WHERE source_id = ?1 AND target_id = ?2");
    Reset reset(st);
    st.bind(1, source_id).bind(2, target_id);
    *total = st.step() ? st.int64(0) : 0;
  }
  Statement& st =
      prepared(std::string(kRunColumns) +
               "FROM query_table_edges qe JOIN queries q ON q.q = qe.q LEFT JOIN query_texts x ON "
               "x.q = q.q WHERE qe.source_id = ?1 AND qe.target_id = ?2 "
               "ORDER BY ifnull(q.submitted_ms, 0) DESC, q.id DESC LIMIT ?3");
  Reset reset(st);
  st.bind(1, source_id).bind(2, target_id).bind(3, limit);
  return runs(st, limit);
}

std::vector<QueryRun>
ExplorerReader::column_edge_queries(int64_t source_id, int64_t target_id,
                                    const std::optional<std::string>& transform,
                                    std::optional<bool> condition, int64_t limit, int64_t* total) {
  constexpr const char* kEdge =
      "FROM query_column_edges qe WHERE qe.source_id = ?1 AND qe.target_id = ?2 AND "
      "(?3 IS NULL OR qe.transform = ?3) AND (?4 IS NULL OR qe.condition = ?4)";
  auto bind_edge = [&](Statement& st) {
    st.bind(1, source_id).bind(2, target_id);
    if (transform) {
      st.bind(3, *transform);
    } else {
      st.bind_null(3);
    }
    if (condition) {
      st.bind(4, int64_t{*condition ? 1 : 0});
    } else {
      st.bind_null(4);
    }
  };
  {
    Statement& st = prepared(std::string("SELECT count(DISTINCT qe.q) ") + kEdge);
    Reset reset(st);
    bind_edge(st);
    *total = st.step() ? st.int64(0) : 0;
  }
  Statement& st = prepared(std::string(kRunColumns) +
                           "FROM queries q LEFT JOIN query_texts x "
                           "ON x.q = q.q WHERE q.q IN (SELECT qe.q " +
                           kEdge + ") ORDER BY ifnull(q.submitted_ms, 0) DESC, q.id DESC LIMIT ?5");
  Reset reset(st);
  bind_edge(st);
  st.bind(5, limit);
  return runs(st, limit);
}

std::optional<ShapeTotals> ExplorerReader::shape(int64_t fingerprint) {
  ShapeTotals s;
  bool known = false;
  {
    Statement& st = prepared(std::string("SELECT ") + kShapeText +
                             " FROM fingerprint_texts WHERE fingerprint = ?1");
    Reset reset(st);
    st.bind(1, fingerprint);
    if (st.step()) {
      s.text = st.text(0);
      known = true;
    }
  }
  Statement& st = prepared("SELECT count(*), ifnull(sum(queries), 0), ifnull(sum(succeeded), 0), "
                           "ifnull(sum(failures), 0), ifnull(sum(bytes_scanned), 0), "
                           "total(cost_usd) FROM fingerprints_daily WHERE fingerprint = ?1");
  Reset reset(st);
  st.bind(1, fingerprint);
  if (st.step() && st.int64(0) > 0) {
    known = true;
    s.runs = st.int64(1);
    s.succeeded = st.int64(2);
    s.failures = st.int64(3);
    s.bytes_scanned = st.int64(4);
    s.cost_usd = nano_round(st.real(5));
  }
  if (!known) return std::nullopt;
  return s;
}

std::vector<QueryRun> ExplorerReader::shape_runs(int64_t fingerprint, int64_t limit) {
  Statement& st = prepared(std::string(kRunColumns) +
                           "FROM queries q LEFT JOIN query_texts x ON x.q = q.q "
                           "WHERE q.fingerprint = ?1 ORDER BY ifnull(q.submitted_ms, 0) DESC, "
                           "q.id DESC LIMIT ?2");
  Reset reset(st);
  st.bind(1, fingerprint).bind(2, limit);
  return runs(st, limit);
}

} // namespace athena::store
