#pragma once

#include <chrono>
#include <filesystem>
#include <memory>
#include <string>

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

  /// Takes the lock, waiting up to `wait` for its holder to release it. nullptr with `*busy`
  /// true when it is still held after that, or `*busy` false and `*error` set when the lock
  /// file cannot be used.
  static std::unique_ptr<DbLock> acquire(const std::filesystem::path& db, LockRole role,
                                         bool exclusive, std::chrono::milliseconds wait, bool* busy,
                                         std::string* error);

private:
  explicit DbLock(int fd) : fd_(fd) {}
  int fd_;
};

} // namespace athena::store
