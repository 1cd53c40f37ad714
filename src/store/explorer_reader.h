#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

namespace athena::store {

class Db;

/// The read side of `serve`: typed queries over the stored lineage and usage for the JSON API
/// and the explorer. Opens the database read-only (it works on a file the user cannot write)
/// and binds every parameter. Not thread-safe: one reader per thread (serve pools them).
/// Every method throws SqliteError on a database error.
class ExplorerReader {
public:
  /// Opens `path` read-only; throws SqliteError naming it when it cannot.
  explicit ExplorerReader(const std::string& path);
  ~ExplorerReader();
  ExplorerReader(const ExplorerReader&) = delete;
  ExplorerReader& operator=(const ExplorerReader&) = delete;

  /// One consistent view of the database for the reads of a request: a read transaction
  /// begun here and ended by the destructor (never longer), so the next request sees what a
  /// writer committed meanwhile.
  class Snapshot {
  public:
    explicit Snapshot(ExplorerReader& reader);
    ~Snapshot();
    Snapshot(const Snapshot&) = delete;
    Snapshot& operator=(const Snapshot&) = delete;

  private:
    ExplorerReader& reader_;
  };

  /// `PRAGMA user_version` of the file.
  int schema_version();

private:
  std::unique_ptr<Db> db_;
};

} // namespace athena::store
