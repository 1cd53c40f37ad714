// `pull`'s state in the store: raw executions with their analysis queue, watermarks, and the
// catalog metadata cache (schema v3; SCHEMA.md, "pull").
#include "src/store/pull_state.h"

#include <algorithm>
#include <cctype>

#include <simdjson.h>

#include "lineage/json_writer.h"
#include "src/model/query_record.h"
#include "src/store/sqlite_db.h"
#include "src/store/store_connection.h"
#include "src/store/texts.h"

namespace athena::store {

namespace {

constexpr std::size_t kPendingChunk = 1024;

/// BEGIN IMMEDIATE ... COMMIT, rolled back unless commit() ran.
class WriteTx {
public:
  explicit WriteTx(Db& db) : db_(db) { db_.exec("BEGIN IMMEDIATE"); }
  ~WriteTx() {
    if (done_) return;
    try {
      db_.exec("ROLLBACK");
    } catch (const SqliteError&) {
      // SQLite already rolled back.
    }
  }
  WriteTx(const WriteTx&) = delete;
  WriteTx& operator=(const WriteTx&) = delete;
  void commit() {
    db_.exec("COMMIT");
    done_ = true;
  }

private:
  Db& db_;
  bool done_ = false;
};

std::string lower(std::string s) {
  for (char& c : s)
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

void columns_array(lineage::JsonWriter& w,
                   const std::vector<std::pair<std::string, std::string>>& columns) {
  w.begin_array();
  for (const auto& [name, type] : columns) {
    w.begin_array();
    w.string(name);
    w.string(type);
    w.end_array();
  }
  w.end_array();
}

/// The `columns` cell: the columns array alone, or (when Glue gave a location or a view's
/// text) an object holding it with `location`, `view_sql`, `view_catalog`, `view_schema`.
std::string table_json(const CachedTable& t) {
  std::string out;
  lineage::JsonWriter w(out, false);
  if (t.location.empty() && t.view_sql.empty()) {
    columns_array(w, t.columns);
    return out;
  }
  using IfSet = lineage::JsonWriter::IfSet;
  w.begin_object();
  w.key("columns");
  columns_array(w, t.columns);
  w.fields("location", IfSet{t.location}, "view_sql", IfSet{t.view_sql}, "view_catalog",
           IfSet{t.view_catalog}, "view_schema", IfSet{t.view_schema});
  w.end_object();
  return out;
}

std::vector<std::pair<std::string, std::string>> parse_columns(simdjson::dom::array arr) {
  std::vector<std::pair<std::string, std::string>> out;
  for (auto item : arr) {
    simdjson::dom::array pair;
    if (item.get(pair) != simdjson::SUCCESS || pair.size() != 2) continue;
    std::string_view name, type;
    if (pair.at(0).get(name) != simdjson::SUCCESS || pair.at(1).get(type) != simdjson::SUCCESS) {
      continue;
    }
    out.emplace_back(std::string(name), std::string(type));
  }
  return out;
}

/// Reads what table_json wrote (either form) into `t`.
void parse_table_json(simdjson::dom::parser& parser, const std::string& text, CachedTable& t) {
  simdjson::dom::element doc;
  if (parser.parse(text).get(doc) != simdjson::SUCCESS) return;
  simdjson::dom::array arr;
  if (doc.get(arr) == simdjson::SUCCESS) {
    t.columns = parse_columns(arr);
    return;
  }
  if (doc["columns"].get(arr) == simdjson::SUCCESS) t.columns = parse_columns(arr);
  auto field = [&doc](const char* key) {
    std::string_view v;
    return doc[key].get(v) == simdjson::SUCCESS ? std::string(v) : std::string();
  };
  t.location = field("location");
  t.view_sql = field("view_sql");
  t.view_catalog = field("view_catalog");
  t.view_schema = field("view_schema");
}

} // namespace

PullState::PullState(Store& store)
    : db_(StoreConnection::of(store)), texts_(std::make_unique<TextStore>(db_)) {}

PullState::~PullState() = default;

util::Status PullState::put(std::span<const RawExecution> raws) {
  try {
    if (!insert_raw_) {
      insert_raw_ = std::make_unique<Statement>(
          db_, "INSERT OR REPLACE INTO raw_executions(id, workgroup, submitted_ms, state, raw, "
               "text_id) VALUES(?1, ?2, ?3, ?4, ?5, ?6)");
      insert_pending_ =
          std::make_unique<Statement>(db_, "INSERT OR IGNORE INTO raw_pending(sort_ms, id) "
                                           "VALUES(?1, ?2)");
    }
    WriteTx tx(db_);
    texts_->sync();
    for (const RawExecution& r : raws) {
      insert_raw_->bind(1, r.id).bind(2, r.workgroup).bind(3, r.submitted_ms).bind(4, r.state);
      const PackedRaw packed = pack_raw(*texts_, r.json);
      insert_raw_->bind_blob(5, packed.rest).bind(6, packed.text_id);
      insert_raw_->run();
      insert_pending_->bind(1, r.submitted_ms.value_or(0)).bind(2, r.id);
      insert_pending_->run();
    }
    tx.commit();
    return util::Status::success();
  } catch (const SqliteError& e) {
    if (insert_raw_) insert_raw_->reset();
    if (insert_pending_) insert_pending_->reset();
    texts_->forget(); // rolled back with the batch
    return util::Error{e.what()};
  }
}

std::optional<int64_t> PullState::terminal_submitted_ms(const std::string& id) {
  try {
    if (!find_terminal_) {
      find_terminal_ = std::make_unique<Statement>(
          db_, "SELECT submitted_ms, state FROM raw_executions WHERE id = ?1");
    }
    find_terminal_->bind(1, id);
    std::optional<int64_t> out;
    if (find_terminal_->step() && !find_terminal_->is_null(0) &&
        model::is_terminal(model::parse_query_state(find_terminal_->text(1)))) {
      out = find_terminal_->int64(0);
    }
    find_terminal_->reset();
    return out;
  } catch (const SqliteError&) {
    if (find_terminal_) find_terminal_->reset();
    return std::nullopt; // fetched again: never wrong, only slower
  }
}

std::optional<PullWatermark> PullState::watermark(const std::string& workgroup) {
  try {
    Statement st(db_, "SELECT newest_ms, pulled_at_ms FROM pull_watermarks WHERE workgroup = ?1");
    st.bind(1, workgroup);
    if (!st.step()) return std::nullopt;
    return PullWatermark{st.int64(0), st.int64(1)};
  } catch (const SqliteError&) {
    return std::nullopt;
  }
}

util::Status PullState::set_watermark(const std::string& workgroup, const PullWatermark& mark) {
  try {
    Statement st(db_, "INSERT OR REPLACE INTO pull_watermarks(workgroup, newest_ms, pulled_at_ms) "
                      "VALUES(?1, ?2, ?3)");
    st.bind(1, workgroup).bind(2, mark.newest_ms).bind(3, mark.pulled_at_ms);
    st.run();
    return util::Status::success();
  } catch (const SqliteError& e) {
    return util::Error{e.what()};
  }
}

std::optional<int64_t> PullState::oldest_open_ms(const std::string& workgroup) {
  try {
    Statement st(db_, "SELECT min(submitted_ms) FROM raw_executions WHERE workgroup = ?1 AND "
                      "state IN ('QUEUED', 'RUNNING')");
    st.bind(1, workgroup);
    if (!st.step() || st.is_null(0)) return std::nullopt;
    return st.int64(0);
  } catch (const SqliteError&) {
    return std::nullopt;
  }
}

int64_t PullState::pending_count() {
  try {
    return db_.scalar("SELECT count(*) FROM raw_pending");
  } catch (const SqliteError&) {
    return -1;
  }
}

util::Status PullState::for_each_pending(const std::function<void(RawExecution&&)>& fn) {
  try {
    // A connection of its own: `fn` feeds the analysis pipeline, whose writer thread stores
    // through the Store's connection meanwhile (WAL: this reader sees the committed queue).
    Db reader(db_.path());
    reader.exec("PRAGMA busy_timeout=60000");
    std::vector<std::string> ids;
    {
      Statement keys(reader, "SELECT id FROM raw_pending ORDER BY sort_ms, id");
      while (keys.step())
        ids.push_back(keys.text(0));
    }
    Statement row(reader, "SELECT workgroup, submitted_ms, state, raw, text_id "
                          "FROM raw_executions WHERE id = ?1");
    std::vector<RawExecution> chunk;
    for (std::size_t first = 0; first < ids.size(); first += kPendingChunk) {
      chunk.clear();
      const std::size_t last = std::min(ids.size(), first + kPendingChunk);
      for (std::size_t i = first; i < last; ++i) {
        row.bind(1, ids[i]);
        if (row.step()) {
          RawExecution r;
          r.id = std::move(ids[i]);
          r.workgroup = row.text(0);
          if (!row.is_null(1)) r.submitted_ms = row.int64(1);
          r.state = row.text(2);
          std::optional<int64_t> text_id;
          if (!row.is_null(4)) text_id = row.int64(4);
          r.json = unpack_raw(reader, row.text(3), text_id);
          chunk.push_back(std::move(r));
        }
        row.reset();
      }
      for (RawExecution& r : chunk)
        fn(std::move(r));
    }
    return util::Status::success();
  } catch (const SqliteError& e) {
    return util::Error{e.what()};
  }
}

util::Status PullState::clear_pending() {
  try {
    db_.exec("DELETE FROM raw_pending");
    return util::Status::success();
  } catch (const SqliteError& e) {
    return util::Error{e.what()};
  }
}

std::optional<int64_t> CatalogCache::databases_fetched_ms(const std::string& catalog) {
  try {
    Statement st(StoreConnection::of(store_), "SELECT databases_fetched_ms FROM metadata_catalogs "
                                              "WHERE lower(catalog) = ?1");
    st.bind(1, lower(catalog));
    if (!st.step() || st.is_null(0)) return std::nullopt;
    return st.int64(0);
  } catch (const SqliteError&) {
    return std::nullopt;
  }
}

std::vector<std::string> CatalogCache::databases(const std::string& catalog) {
  std::vector<std::string> out;
  try {
    Statement st(StoreConnection::of(store_),
                 "SELECT database FROM metadata_databases WHERE lower(catalog) = ?1 "
                 "ORDER BY database");
    st.bind(1, lower(catalog));
    while (st.step())
      out.push_back(st.text(0));
  } catch (const SqliteError&) {
    out.clear();
  }
  return out;
}

util::Status CatalogCache::put_catalog(const std::string& catalog, const std::string& type,
                                       const std::vector<std::string>& databases, int64_t now_ms) {
  Db& db = StoreConnection::of(store_);
  try {
    WriteTx tx(db);
    Statement del(db, "DELETE FROM metadata_catalogs WHERE lower(catalog) = ?1");
    del.bind(1, lower(catalog));
    del.run();
    Statement ins(db, "INSERT INTO metadata_catalogs(catalog, type, databases_fetched_ms) "
                      "VALUES(?1, ?2, ?3)");
    ins.bind(1, catalog).bind(2, type).bind(3, now_ms);
    ins.run();
    Statement add(db, "INSERT OR IGNORE INTO metadata_databases(catalog, database, "
                      "tables_fetched_ms, error) VALUES(?1, ?2, NULL, '')");
    for (const auto& d : databases) {
      add.bind(1, catalog).bind(2, d);
      add.run();
    }
    tx.commit();
    return util::Status::success();
  } catch (const SqliteError& e) {
    return util::Error{e.what()};
  }
}

std::optional<int64_t> CatalogCache::tables_fetched_ms(const std::string& catalog,
                                                       const std::string& database) {
  try {
    Statement st(StoreConnection::of(store_), "SELECT tables_fetched_ms FROM metadata_databases "
                                              "WHERE lower(catalog) = ?1 AND database = ?2");
    st.bind(1, lower(catalog)).bind(2, database);
    if (!st.step() || st.is_null(0)) return std::nullopt;
    return st.int64(0);
  } catch (const SqliteError&) {
    return std::nullopt;
  }
}

util::Status CatalogCache::put_tables(const std::string& catalog, const std::string& database,
                                      const std::vector<CachedTable>& tables, int64_t now_ms,
                                      const std::string& note) {
  Db& db = StoreConnection::of(store_);
  try {
    WriteTx tx(db);
    Statement del(db, "DELETE FROM metadata_tables WHERE lower(catalog) = ?1 AND database = ?2");
    del.bind(1, lower(catalog)).bind(2, database);
    del.run();
    Statement del_db(db,
                     "DELETE FROM metadata_databases WHERE lower(catalog) = ?1 AND database = ?2");
    del_db.bind(1, lower(catalog)).bind(2, database);
    del_db.run();
    Statement ins_db(db, "INSERT INTO metadata_databases(catalog, database, tables_fetched_ms, "
                         "error) VALUES(?1, ?2, ?3, ?4)");
    ins_db.bind(1, catalog).bind(2, database).bind(3, now_ms).bind(4, note);
    ins_db.run();
    Statement ins(db, "INSERT OR REPLACE INTO metadata_tables(catalog, database, name, "
                      "table_type, columns) VALUES(?1, ?2, ?3, ?4, ?5)");
    for (const CachedTable& t : tables) {
      ins.bind(1, catalog).bind(2, database).bind(3, t.name).bind(4, t.table_type);
      ins.bind(5, table_json(t));
      ins.run();
    }
    tx.commit();
    return util::Status::success();
  } catch (const SqliteError& e) {
    return util::Error{e.what()};
  }
}

util::Result<std::vector<CachedTable>> CatalogCache::tables() {
  try {
    std::vector<CachedTable> out;
    simdjson::dom::parser parser;
    Statement st(StoreConnection::of(store_),
                 "SELECT catalog, database, name, table_type, columns "
                 "FROM metadata_tables ORDER BY catalog, database, name");
    while (st.step()) {
      CachedTable t;
      t.catalog = st.text(0);
      t.database = st.text(1);
      t.name = st.text(2);
      t.table_type = st.text(3);
      parse_table_json(parser, st.text(4), t);
      out.push_back(std::move(t));
    }
    return out;
  } catch (const SqliteError& e) {
    return util::Error{e.what()};
  }
}

} // namespace athena::store
