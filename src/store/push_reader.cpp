// The reads of `push` (push_reader.h).
#include "src/store/push_reader.h"

#include "src/store/guarded_read.h"
#include "src/store/sqlite_db.h"

namespace athena::store {

namespace {

std::optional<int64_t> optional_int(const Statement& st, int col) {
  if (st.is_null(col)) return std::nullopt;
  return st.int64(col);
}

/// The stored shape text of a query whose own text is stored (push sends it as the query).
constexpr const char* kShapeText =
    "fingerprint_texts ft ON ft.fingerprint = q.fingerprint AND EXISTS (SELECT 1 FROM "
    "query_texts x WHERE x.q = q.q)";

} // namespace

PushReader::PushReader(Store& store) : store_(store) {}

PushReader::~PushReader() = default;

util::Result<std::vector<StoredTable>> PushReader::tables() {
  return guarded_read([&] {
    std::vector<StoredTable> out;
    Statement st(store_.db(), "SELECT name, location, catalog_name, schema_name, table_name "
                              "FROM tables ORDER BY name");
    while (st.step()) {
      StoredTable t;
      t.name = st.text(0);
      t.parts.location = st.int64(1) != 0;
      t.parts.catalog = st.text(2);
      t.parts.schema = st.text(3);
      t.parts.table = st.text(4);
      out.push_back(std::move(t));
    }
    return out;
  });
}

util::Result<std::vector<ColumnFlow>> PushReader::column_flows() {
  return guarded_read([&] {
    std::vector<ColumnFlow> out;
    Statement c(store_.db(),
                "SELECT st.name, sc.name, tt.name, tc.name, e.transform, e.queries "
                "FROM column_edges e JOIN columns sc ON sc.id = e.source_id "
                "JOIN tables st ON st.id = sc.table_id JOIN columns tc ON tc.id = e.target_id "
                "JOIN tables tt ON tt.id = tc.table_id WHERE e.condition = 0");
    while (c.step())
      out.push_back({c.text(0), c.text(1), c.text(2), c.text(3), c.text(4), c.int64(5)});
    return out;
  });
}

util::Result<std::vector<TableFlow>> PushReader::table_flows() {
  return guarded_read([&] {
    std::vector<TableFlow> out;
    Statement e(store_.db(), std::string("SELECT s.name, t.name, e.last_seen_ms, "
                                         "q.statement_kind, ft.text "
                                         "FROM table_edges e JOIN tables s ON s.id = e.source_id "
                                         "JOIN tables t ON t.id = e.target_id "
                                         "LEFT JOIN queries q ON q.id = e.last_query_id "
                                         "LEFT JOIN ") +
                                 kShapeText +
                                 " WHERE e.source_id != e.target_id ORDER BY s.name, t.name");
    while (e.step()) {
      out.push_back({e.text(0), e.text(1), optional_int(e, 2), e.is_null(3) ? "" : e.text(3),
                     e.is_null(4) ? "" : e.text(4)});
    }
    return out;
  });
}

util::Result<std::vector<std::pair<int64_t, std::string>>>
PushReader::usage_query_tables(const std::string& first_day, const std::string& last_day) {
  return guarded_read([&] {
    std::vector<std::pair<int64_t, std::string>> out;
    Statement t(store_.db(),
                "SELECT qt.q, t.name FROM query_tables qt JOIN tables t ON t.id = qt.table_id "
                "JOIN queries q ON q.q = qt.q WHERE q.state = 'SUCCEEDED' AND q.is_usage = 1 "
                "AND q.day >= ? AND q.day <= ?");
    t.bind(1, first_day).bind(2, last_day);
    while (t.step())
      out.emplace_back(t.int64(0), t.text(1));
    return out;
  });
}

util::Result<std::vector<UsageQuery>> PushReader::usage_queries(const std::string& first_day,
                                                                const std::string& last_day) {
  return guarded_read([&] {
    std::vector<UsageQuery> out;
    Statement q(store_.db(), "SELECT q, fingerprint, user, workgroup, submitted_ms, total_ms, "
                             "tool, dbt_model FROM queries WHERE state = 'SUCCEEDED' AND "
                             "is_usage = 1 AND day >= ? AND day <= ?");
    q.bind(1, first_day).bind(2, last_day);
    while (q.step()) {
      out.push_back({q.int64(0), q.int64(1), q.text(2), q.text(3), optional_int(q, 4),
                     optional_int(q, 5), q.text(6), q.text(7)});
    }
    return out;
  });
}

util::Result<std::string> PushReader::masked_sql(int64_t q) {
  return guarded_read([&] {
    if (masked_ == nullptr) {
      masked_ = std::make_unique<Statement>(store_.db(),
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
    std::vector<JoinDay> out;
    Statement j(store_.db(), "SELECT l.name, r.name, j.day, j.queries FROM joins_daily j "
                             "JOIN tables l ON l.id = j.left_id JOIN tables r ON r.id = "
                             "j.right_id WHERE j.day <= ? AND j.left_id != j.right_id");
    j.bind(1, last_day);
    while (j.step())
      out.push_back({j.text(0), j.text(1), j.text(2), "", j.int64(3)});
    return out;
  });
}

util::Result<std::vector<JoinDay>> PushReader::join_column_days(const std::string& first_day,
                                                                const std::string& last_day) {
  return guarded_read([&] {
    std::vector<JoinDay> out;
    Statement c(store_.db(),
                "SELECT l.name, r.name, j.day, j.columns, j.queries FROM join_columns_daily j "
                "JOIN tables l ON l.id = j.left_id JOIN tables r ON r.id = j.right_id "
                "WHERE j.day >= ? AND j.day <= ? AND j.left_id != j.right_id");
    c.bind(1, first_day).bind(2, last_day);
    while (c.step())
      out.push_back({c.text(0), c.text(1), c.text(2), c.text(3), c.int64(4)});
    return out;
  });
}

util::Result<std::vector<UsageDay>> PushReader::usage_days(const std::string& last_day) {
  return guarded_read([&] {
    std::vector<UsageDay> out;
    Statement u(store_.db(), "SELECT t.name, u.day, u.queries FROM table_usage_daily u "
                             "JOIN tables t ON t.id = u.table_id WHERE u.queries > 0 AND "
                             "u.day <= ? ORDER BY u.day, t.name");
    u.bind(1, last_day);
    while (u.step())
      out.push_back({u.text(0), u.text(1), u.int64(2)});
    return out;
  });
}

util::Result<std::vector<std::pair<std::string, int64_t>>> PushReader::open_executions() {
  return guarded_read([&] {
    std::vector<std::pair<std::string, int64_t>> out;
    Statement open(store_.db(), "SELECT day, count(*) FROM queries WHERE state IN ('QUEUED', "
                                "'RUNNING') AND day IS NOT NULL GROUP BY day ORDER BY day");
    while (open.step())
      out.emplace_back(open.text(0), open.int64(1));
    return out;
  });
}

ReadSnapshot::ReadSnapshot(Store& store) : store_(store) {
  try {
    store_.db().exec("BEGIN");
  } catch (const SqliteError& e) {
    status_ = util::Error{e.what()};
  }
}

ReadSnapshot::~ReadSnapshot() {
  if (!status_.ok()) return;
  try {
    store_.db().exec("COMMIT");
  } catch (const SqliteError&) {
    // nothing was written: nothing to keep
  }
}

} // namespace athena::store
