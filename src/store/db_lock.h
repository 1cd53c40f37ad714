#pragma once

#include <chrono>
#include <filesystem>
#include <memory>
#include <string>

#include "src/util/result.h"

namespace athena::store {

/// What a lock guards, as a byte of the database's lock file.
enum class LockRole {
  kPush = 0,   ///< one push at a time (exclusive)
  kIngest = 1, ///< pull/analyze hold it shared while they write; a push takes it exclusive
               ///< for the moment it reads its snapshot, so it never sees half a pull
};

/// An advisory lock on the database: an open-file-description lock on one byte of
/// `<db>-lock` beside the database file. The kernel releases it when the holder exits, even
/// by SIGKILL, so a killed run never leaves it behind. Released by the destructor.
class DbLock {
public:
  ~DbLock();
  DbLock(const DbLock&) = delete;
  DbLock& operator=(const DbLock&) = delete;

  /// Takes the lock, waiting up to `wait` for its holder to release it: the held lock, or
  /// nullptr when it is still held by another after that (busy); the error says why the lock
  /// file cannot be used.
  static util::Result<std::unique_ptr<DbLock>> acquire(const std::filesystem::path& db,
                                                       LockRole role, bool exclusive,
                                                       std::chrono::milliseconds wait);

private:
  explicit DbLock(int fd) : fd_(fd) {}
  int fd_;
};

} // namespace athena::store
