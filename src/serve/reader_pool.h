#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "src/store/explorer_reader.h"

namespace athena::serve {

/// Read-only connections to the database, one per request in flight: a request leases one
/// and gives it back when done. Connections are opened on demand and kept for reuse; each
/// request reads in its own short transaction, so a connection never pins an old snapshot
/// and sees what a concurrent writer committed before the request began.
class ReaderPool {
public:
  explicit ReaderPool(std::string db_path) : db_path_(std::move(db_path)) {}

  class Lease {
  public:
    Lease(ReaderPool& pool, std::unique_ptr<store::ExplorerReader> reader)
        : pool_(&pool), reader_(std::move(reader)) {}
    Lease(Lease&& other) noexcept = default;
    Lease& operator=(Lease&&) = delete;
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    ~Lease();
    store::ExplorerReader& operator*() const { return *reader_; }
    store::ExplorerReader* operator->() const { return reader_.get(); }

  private:
    ReaderPool* pool_;
    std::unique_ptr<store::ExplorerReader> reader_;
  };

  /// A connection for this thread until the lease ends; throws store::SqliteError (with the
  /// path) when the database cannot be opened.
  Lease lease();
  [[nodiscard]] const std::string& db_path() const { return db_path_; }
  /// True when a writer committed since the last call (and on the first): asked of one
  /// connection kept for that, so every request compares with the same history. Call it
  /// before the request's own snapshot begins. Throws store::SqliteError.
  bool database_changed();

private:
  void give_back(std::unique_ptr<store::ExplorerReader> reader);

  std::string db_path_;
  std::mutex mutex_;
  std::vector<std::unique_ptr<store::ExplorerReader>> idle_;
  std::mutex sentinel_mutex_;
  std::unique_ptr<store::ExplorerReader> sentinel_;
};

} // namespace athena::serve
