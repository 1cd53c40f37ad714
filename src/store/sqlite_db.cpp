#include "src/store/sqlite_db.h"

#include <filesystem>
#include <system_error>

#include <sqlite3.h>

#include "src/store/text_codec.h"

namespace athena::store {

namespace {
[[noreturn]] void fail(sqlite3* db, std::string_view what) {
  throw SqliteError(std::string(what) + ": " + (db != nullptr ? sqlite3_errmsg(db) : "no memory"));
}
} // namespace

Db::Db(const std::string& path) : path_(path) {
  open(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
}

namespace {

/// `file:` URI of `path` with the given query ("mode=ro", "immutable=1").
std::string file_uri(const std::string& path, const char* query) {
  std::error_code ec;
  std::string abs = std::filesystem::absolute(path, ec).string();
  if (ec) abs = path;
  std::string uri = "file://";
  for (char c : abs) {
    if (c == '%' || c == '?' || c == '#') {
      static constexpr char kHex[] = "0123456789ABCDEF";
      uri += '%';
      uri += kHex[(static_cast<unsigned char>(c) >> 4) & 0xF];
      uri += kHex[static_cast<unsigned char>(c) & 0xF];
    } else {
      uri += c;
    }
  }
  return uri + "?" + query;
}

} // namespace

Db::Db(const std::string& path, ReadOnly) : path_(path), read_only_(true) {
  constexpr int kFlags = SQLITE_OPEN_READONLY | SQLITE_OPEN_URI;
  open(file_uri(path, "mode=ro"), kFlags);
  // A WAL database needs its -shm file even to read; in a folder we cannot write it cannot be
  // created. Without a WAL file every committed page is in the main file, so reading it as
  // immutable is exact.
  if (sqlite3_exec(db_, "SELECT count(*) FROM sqlite_schema", nullptr, nullptr, nullptr) ==
      SQLITE_OK) {
    return;
  }
  std::error_code ec;
  const auto wal_size = std::filesystem::file_size(path + "-wal", ec);
  if (!ec && wal_size > 0) {
    const std::string msg = "cannot read database " + path + ": " + sqlite3_errmsg(db_) +
                            " (its write-ahead log " + path +
                            "-wal holds changes that can only be read by a user who can write "
                            "the folder)";
    sqlite3_close(db_);
    db_ = nullptr;
    throw SqliteError(msg);
  }
  sqlite3_close(db_);
  db_ = nullptr;
  open(file_uri(path, "immutable=1"), kFlags);
}

void Db::open(const std::string& name, int flags) {
  // Before SQLite's first use in the process: no allocation statistics, which take a global
  // mutex on every allocation (nothing here reads them). Later calls have no effect.
  static const bool configured = [] {
    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    return true;
  }();
  (void)configured;
  int rc = sqlite3_open_v2(name.c_str(), &db_, flags | SQLITE_OPEN_NOMUTEX, nullptr);
  if (rc != SQLITE_OK) {
    std::string msg = "cannot open database " + path_ + ": " +
                      (db_ != nullptr ? sqlite3_errmsg(db_) : sqlite3_errstr(rc));
    sqlite3_close(db_);
    db_ = nullptr;
    throw SqliteError(msg);
  }
  // A writer waits for another's transaction rather than failing with "database is locked".
  // Write transactions are bounded (Store::insert_batch commits a group after kGroupMaxMs;
  // prune commits per day and per chunk of raw records), so two minutes is ample even on a
  // loaded machine; only the one-time VACUUM of the version-8 upgrade can hold longer.
  sqlite3_busy_timeout(db_, kBusyTimeoutMs);
  register_text_functions(db_);
  sqlite3_extended_result_codes(db_, 1);
}

Db::~Db() {
  sqlite3_close(db_);
}

void Db::exec(std::string_view sql) {
  std::string s(sql);
  char* err = nullptr;
  if (sqlite3_exec(db_, s.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
    std::string msg = err != nullptr ? err : sqlite3_errmsg(db_);
    sqlite3_free(err);
    throw SqliteError(path_ + ": " + msg + " (in: " + s.substr(0, 120) + ")");
  }
}

int64_t Db::scalar(std::string_view sql) {
  Statement st(*this, sql);
  return st.step() ? st.int64(0) : 0;
}

int64_t Db::changes() const {
  return sqlite3_changes(db_);
}

int64_t Db::last_insert_rowid() const {
  return sqlite3_last_insert_rowid(db_);
}

Statement::Statement(Db& db, std::string_view sql) : db_(db) {
  if (sqlite3_prepare_v3(db.handle(), sql.data(), static_cast<int>(sql.size()),
                         SQLITE_PREPARE_PERSISTENT, &stmt_, nullptr) != SQLITE_OK) {
    fail(db.handle(), db.path() + ": cannot prepare \"" + std::string(sql.substr(0, 120)) + "\"");
  }
}

Statement::~Statement() {
  sqlite3_finalize(stmt_);
}

Statement& Statement::bind(int i, int64_t v) {
  if (sqlite3_bind_int64(stmt_, i, v) != SQLITE_OK) fail(db_.handle(), "bind");
  return *this;
}

Statement& Statement::bind(int i, double v) {
  if (sqlite3_bind_double(stmt_, i, v) != SQLITE_OK) fail(db_.handle(), "bind");
  return *this;
}

Statement& Statement::bind(int i, std::string_view v) {
  if (sqlite3_bind_text64(stmt_, i, v.data(), v.size(), SQLITE_TRANSIENT, SQLITE_UTF8) !=
      SQLITE_OK) {
    fail(db_.handle(), "bind");
  }
  return *this;
}

Statement& Statement::bind_static(int i, std::string_view v) {
  if (sqlite3_bind_text64(stmt_, i, v.data(), v.size(), SQLITE_STATIC, SQLITE_UTF8) != SQLITE_OK) {
    fail(db_.handle(), "bind");
  }
  return *this;
}

Statement& Statement::bind_blob(int i, std::string_view v) {
  if (sqlite3_bind_blob64(stmt_, i, v.data(), v.size(), SQLITE_TRANSIENT) != SQLITE_OK) {
    fail(db_.handle(), "bind");
  }
  return *this;
}

Statement& Statement::bind_null(int i) {
  if (sqlite3_bind_null(stmt_, i) != SQLITE_OK) fail(db_.handle(), "bind");
  return *this;
}

bool Statement::step() {
  int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  std::string msg = db_.path() + ": " + sqlite3_errmsg(db_.handle()) +
                    " (in: " + std::string(sqlite3_sql(stmt_)).substr(0, 120) + ")";
  sqlite3_reset(stmt_);
  throw SqliteError(msg);
}

void Statement::run() {
  while (step()) {
  }
  reset();
}

void Statement::reset() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

bool Statement::is_null(int col) const {
  return sqlite3_column_type(stmt_, col) == SQLITE_NULL;
}
int64_t Statement::int64(int col) const {
  return sqlite3_column_int64(stmt_, col);
}
double Statement::real(int col) const {
  return sqlite3_column_double(stmt_, col);
}
std::string Statement::text(int col) const {
  const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, col));
  return p != nullptr ? std::string(p, static_cast<size_t>(sqlite3_column_bytes(stmt_, col)))
                      : std::string();
}

} // namespace athena::store
