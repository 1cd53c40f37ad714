#pragma once

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

struct sqlite3;
struct sqlite3_stmt;

namespace athena::store {

/// A SQLite failure. Thrown only inside src/store/ and turned into an error string at the
/// Store's public methods, so it never crosses the library boundary.
class SqliteError : public std::runtime_error {
public:
  using std::runtime_error::runtime_error;
};

class Statement;

/// How long a connection waits for another connection's write transaction (ms).
constexpr int kBusyTimeoutMs = 120000;

/// An open SQLite connection (RAII).
class Db {
public:
  /// Opens (creating if needed) the database file; throws SqliteError naming the path.
  explicit Db(const std::string& path);
  /// Opens an existing database file for reading only: nothing is written, not even the
  /// WAL's shared-memory file when the folder is read-only (the file is then read as
  /// immutable, which SQLite allows only when no WAL file holds uncommitted pages).
  struct ReadOnly {};
  Db(const std::string& path, ReadOnly);
  ~Db();
  Db(const Db&) = delete;
  Db& operator=(const Db&) = delete;

  /// Runs one or more statements without results.
  void exec(std::string_view sql);
  /// A single integer result of `sql` (0 when there is no row).
  int64_t scalar(std::string_view sql);
  [[nodiscard]] int64_t last_insert_rowid() const;
  /// Rows changed by the last INSERT, UPDATE or DELETE.
  [[nodiscard]] int64_t changes() const;
  [[nodiscard]] sqlite3* handle() const { return db_; }
  [[nodiscard]] bool read_only() const { return read_only_; }
  [[nodiscard]] const std::string& path() const { return path_; }

private:
  void open(const std::string& name, int flags);
  sqlite3* db_ = nullptr;
  std::string path_;
  bool read_only_ = false;
};

/// A prepared statement (RAII). bind() indexes are 1-based; column() indexes 0-based.
class Statement {
public:
  Statement(Db& db, std::string_view sql);
  ~Statement();
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  Statement& bind(int i, int64_t v);
  Statement& bind(int i, int v) { return bind(i, static_cast<int64_t>(v)); }
  Statement& bind(int i, double v);
  Statement& bind(int i, std::string_view v); ///< copied by SQLite (SQLITE_TRANSIENT)
  /// Text without a copy (SQLITE_STATIC): `v` must stay valid until the statement is reset.
  Statement& bind_static(int i, std::string_view v);
  Statement& bind_null(int i);
  Statement& bind_blob(int i, std::string_view v); ///< copied by SQLite
  template <typename T> Statement& bind(int i, const std::optional<T>& v) {
    return v ? bind(i, *v) : bind_null(i);
  }
  /// Advances; true when a row is available.
  bool step();
  /// step() for statements without results, then reset().
  void run();
  void reset();

  [[nodiscard]] bool is_null(int col) const;
  [[nodiscard]] int64_t int64(int col) const;
  [[nodiscard]] double real(int col) const;
  [[nodiscard]] std::string text(int col) const;

private:
  sqlite3_stmt* stmt_ = nullptr;
  Db& db_;
};

} // namespace athena::store
