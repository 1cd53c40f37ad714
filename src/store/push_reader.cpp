// The reads of `push` (push_reader.h).
#include "src/store/push_reader.h"

#include "src/store/guarded_read.h"
#include "src/store/result_rows.h"
#include "src/store/sqlite_db.h"
#include "src/store/store_connection.h"

namespace athena::store {

namespace {

/// The stored shape text of a query whose own text is stored (push sends it as the query).
constexpr const char* kShapeText =
    "fingerprint_texts ft ON ft.fingerprint = q.fingerprint AND EXISTS (SELECT 1 FROM "
    "query_texts x WHERE x.q = q.q)";

} // namespace

PushReader::PushReader(Store& store) : store_(store) {}

PushReader::~PushReader() = default;

util::Result<std::vector<StoredTable>> PushReader::tables() {
  return guarded_read([&] {
    Statement st(StoreConnection::of(store_),
                 "SELECT name, location, catalog_name, schema_name, table_name "
                 "FROM tables ORDER BY name");
    return read_rows(st, [](const Statement& r) {
      StoredTable t;
      t.name = r.text(0);
      t.parts.location = r.int64(1) != 0;
      t.parts.catalog = r.text(2);
      t.parts.schema = r.text(3);
      t.parts.table = r.text(4);
      return t;
    });
  });
}

util::Result<std::vector<ColumnFlow>> PushReader::column_flows() {
  return guarded_read([&] {
    Statement c(StoreConnection::of(store_),
                "SELECT st.name, sc.name, tt.name, tc.name, e.transform, e.queries "
                "FROM column_edges e JOIN columns sc ON sc.id = e.source_id "
                "JOIN tables st ON st.id = sc.table_id JOIN columns tc ON tc.id = e.target_id "
                "JOIN tables tt ON tt.id = tc.table_id WHERE e.condition = 0");
    return read_rows(c, [](const Statement& r) {
      return ColumnFlow{r.text(0), r.text(1), r.text(2), r.text(3), r.text(4), r.int64(5)};
    });
  });
}

util::Result<std::vector<TableFlow>> PushReader::table_flows() {
  return guarded_read([&] {
    Statement e(StoreConnection::of(store_),
                std::string("SELECT s.name, t.name, e.last_seen_ms, "
                            "q.statement_kind, ft.text "
                            "FROM table_edges e JOIN tables s ON s.id = e.source_id "
                            "JOIN tables t ON t.id = e.target_id "
                            "LEFT JOIN queries q ON q.id = e.last_query_id "
                            "LEFT JOIN ") +
                    kShapeText + " WHERE e.source_id != e.target_id ORDER BY s.name, t.name");
    return read_rows(e, [](const Statement& r) {
      return TableFlow{r.text(0), r.text(1), optional_int(r, 2), r.is_null(3) ? "" : r.text(3),
                       r.is_null(4) ? "" : r.text(4)};
    });
  });
}

util::Result<std::vector<std::pair<int64_t, std::string>>>
PushReader::usage_query_tables(const std::string& first_day, const std::string& last_day) {
  return guarded_read([&] {
    Statement t(StoreConnection::of(store_),
                "SELECT qt.q, t.name FROM query_tables qt JOIN tables t ON t.id = qt.table_id "
                "JOIN queries q ON q.q = qt.q WHERE q.state = 'SUCCEEDED' AND q.is_usage = 1 "
                "AND q.day >= ? AND q.day <= ?");
    t.bind(1, first_day).bind(2, last_day);
    return read_rows(t, [](const Statement& r) {
      return std::pair<int64_t, std::string>{r.int64(0), r.text(1)};
    });
  });
}

util::Result<std::vector<UsageQuery>> PushReader::usage_queries(const std::string& first_day,
                                                                const std::string& last_day) {
  return guarded_read([&] {
    Statement q(StoreConnection::of(store_),
                "SELECT q, fingerprint, user, workgroup, submitted_ms, total_ms, "
                "tool, dbt_model FROM queries WHERE state = 'SUCCEEDED' AND "
                "is_usage = 1 AND day >= ? AND day <= ?");
    q.bind(1, first_day).bind(2, last_day);
    return read_rows(q, [](const Statement& r) {
      return UsageQuery{r.int64(0),         r.int64(1),         r.text(2), r.text(3),
                        optional_int(r, 4), optional_int(r, 5), r.text(6), r.text(7)};
    });
  });
}

util::Result<std::string> PushReader::masked_sql(int64_t q) {
  return guarded_read([&] {
    if (masked_ == nullptr) {
      masked_ = std::make_unique<Statement>(StoreConnection::of(store_),
                                            std::string("SELECT ft.text FROM queries q JOIN ") +
                                                kShapeText + " WHERE q.q = ?1");
    }
    masked_->bind(1, q);
    std::string text = masked_->step() ? masked_->text(0) : std::string();
    masked_->reset();
    return text;
  });
}

util::Result<std::vector<JoinDay>> PushReader::join_days(const std::string& last_day) {
  return guarded_read([&] {
    Statement j(StoreConnection::of(store_),
                "SELECT l.name, r.name, j.day, j.queries FROM joins_daily j "
                "JOIN tables l ON l.id = j.left_id JOIN tables r ON r.id = "
                "j.right_id WHERE j.day <= ? AND j.left_id != j.right_id");
    j.bind(1, last_day);
    return read_rows(j, [](const Statement& r) {
      return JoinDay{r.text(0), r.text(1), r.text(2), "", r.int64(3)};
    });
  });
}

util::Result<std::vector<JoinDay>> PushReader::join_column_days(const std::string& first_day,
                                                                const std::string& last_day) {
  return guarded_read([&] {
    Statement c(StoreConnection::of(store_),
                "SELECT l.name, r.name, j.day, j.columns, j.queries FROM join_columns_daily j "
                "JOIN tables l ON l.id = j.left_id JOIN tables r ON r.id = j.right_id "
                "WHERE j.day >= ? AND j.day <= ? AND j.left_id != j.right_id");
    c.bind(1, first_day).bind(2, last_day);
    return read_rows(c, [](const Statement& r) {
      return JoinDay{r.text(0), r.text(1), r.text(2), r.text(3), r.int64(4)};
    });
  });
}

util::Result<std::vector<UsageDay>> PushReader::usage_days(const std::string& last_day) {
  return guarded_read([&] {
    Statement u(StoreConnection::of(store_),
                "SELECT t.name, u.day, u.queries FROM table_usage_daily u "
                "JOIN tables t ON t.id = u.table_id WHERE u.queries > 0 AND "
                "u.day <= ? ORDER BY u.day, t.name");
    u.bind(1, last_day);
    return read_rows(u, [](const Statement& r) {
      return UsageDay{r.text(0), r.text(1), r.int64(2)};
    });
  });
}

util::Result<std::vector<std::pair<std::string, int64_t>>> PushReader::open_executions() {
  return guarded_read([&] {
    Statement open(StoreConnection::of(store_),
                   "SELECT day, count(*) FROM queries WHERE state IN ('QUEUED', "
                   "'RUNNING') AND day IS NOT NULL GROUP BY day ORDER BY day");
    return read_rows(open, [](const Statement& r) {
      return std::pair<std::string, int64_t>{r.text(0), r.int64(1)};
    });
  });
}

ReadSnapshot::ReadSnapshot(Store& store) : store_(store) {
  try {
    StoreConnection::of(store_).exec("BEGIN");
  } catch (const SqliteError& e) {
    status_ = util::Error{e.what()};
  }
}

ReadSnapshot::~ReadSnapshot() {
  if (!status_.ok()) return;
  try {
    StoreConnection::of(store_).exec("COMMIT");
  } catch (const SqliteError&) {
    // nothing was written: nothing to keep
  }
}

} // namespace athena::store
