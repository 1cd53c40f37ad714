#pragma once

// Tests only: what a test needs of a Store beyond its API. RawDb reaches the connection to run
// SQL a test sets up or checks with (production code reads through src/store/'s readers);
// opened_store and is_ok turn the store's results into test failures with their message.

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>
#include <sqlite3.h>

#include "src/store/sqlite_db.h"
#include "src/store/store.h"
#include "src/util/result.h"

namespace athena::store::testing {

struct RawDb {
  static Db& of(Store& store) { return store.db(); }
};

/// The opened store, or nullptr after a test failure naming the error.
inline std::unique_ptr<Store> opened_store(util::Result<std::unique_ptr<Store>> result) {
  if (result) return std::move(result).value();
  ADD_FAILURE() << result.error();
  return nullptr;
}

/// Success, or a failure carrying the status's message: `ASSERT_TRUE(is_ok(store->...))`.
inline ::testing::AssertionResult is_ok(const util::Status& status) {
  if (status) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << status.error();
}

/// The rows of `sql` as "v1|v2|..." strings (SQLite's own text conversion, NULL as "NULL").
inline std::vector<std::string> text_rows(Db& db, const std::string& sql) {
  std::vector<std::string> out;
  sqlite3_stmt* st = nullptr;
  EXPECT_EQ(sqlite3_prepare_v2(db.handle(), sql.c_str(), -1, &st, nullptr), SQLITE_OK)
      << sqlite3_errmsg(db.handle());
  while (sqlite3_step(st) == SQLITE_ROW) {
    std::string row;
    for (int i = 0; i < sqlite3_column_count(st); ++i) {
      if (i > 0) row += "|";
      const unsigned char* t = sqlite3_column_text(st, i);
      row += t != nullptr ? reinterpret_cast<const char*>(t) : "NULL";
    }
    out.push_back(row);
  }
  sqlite3_finalize(st);
  return out;
}

} // namespace athena::store::testing
