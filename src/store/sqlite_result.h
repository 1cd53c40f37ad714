#pragma once

// Where a SqliteError (thrown only inside src/store/) becomes the util::Result or Status the
// store's public methods return: the error message is the exception's text, unchanged.

#include <type_traits>
#include <utility>

#include "src/store/sqlite_db.h"
#include "src/util/result.h"

namespace athena::store {

/// `fn()` as a Result, or the SQLite error it threw.
template <class Fn> auto catch_sqlite(Fn&& fn) -> util::Result<std::invoke_result_t<Fn>> {
  try {
    return std::forward<Fn>(fn)();
  } catch (const SqliteError& e) {
    return util::Error{e.what()};
  }
}

/// Runs `fn()` (returning nothing) as a Status, or the SQLite error it threw.
template <class Fn> util::Status catch_sqlite_status(Fn&& fn) {
  try {
    std::forward<Fn>(fn)();
    return util::Status::success();
  } catch (const SqliteError& e) {
    return util::Error{e.what()};
  }
}

/// Runs `fn()` in one write transaction (BEGIN IMMEDIATE ... COMMIT, rolled back when `fn`
/// throws); the SQLite error when it fails.
template <class Fn> util::Status in_write_transaction(Db& db, Fn&& fn) {
  return catch_sqlite_status([&] {
    db.exec("BEGIN IMMEDIATE");
    try {
      std::forward<Fn>(fn)();
      db.exec("COMMIT");
    } catch (...) {
      try {
        db.exec("ROLLBACK");
      } catch (const SqliteError&) {
        // already rolled back
      }
      throw;
    }
  });
}

} // namespace athena::store
