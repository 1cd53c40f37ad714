// A test database's rows as text, so the store's tests compare what they find by value.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>

#include <gtest/gtest.h>
#include <sqlite3.h>

#include "src/store/text_codec.h"

namespace athena::testing {

/// The rows of each statement of `sql` (';'-separated), one line each, '|' between columns,
/// NULL as "NULL"; with `separate`, a "--" line after each statement's rows. Statements may
/// write. The function the query_texts view unpacks texts with is registered.
inline std::string sqlite_rows(const std::filesystem::path& db, const std::string& sql,
                               bool separate = false) {
  sqlite3* h = nullptr;
  std::string out;
  if (sqlite3_open(db.c_str(), &h) != SQLITE_OK) {
    ADD_FAILURE() << "cannot open " << db;
    sqlite3_close(h);
    return out;
  }
  store::register_text_functions(h);
  const char* tail = sql.c_str();
  while (tail != nullptr && *tail != '\0') {
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(h, tail, -1, &st, &tail) != SQLITE_OK) {
      ADD_FAILURE() << sqlite3_errmsg(h) << " in " << tail;
      break;
    }
    if (st == nullptr) break;
    while (sqlite3_step(st) == SQLITE_ROW) {
      for (int i = 0; i < sqlite3_column_count(st); ++i) {
        if (i > 0) out += '|';
        const unsigned char* t = sqlite3_column_text(st, i);
        out += t != nullptr ? reinterpret_cast<const char*>(t) : "NULL";
      }
      out += '\n';
    }
    sqlite3_finalize(st);
    if (separate) out += "--\n";
  }
  sqlite3_close(h);
  return out;
}

/// The first column of the first row `sql` returns, as a number; -1 when there is none.
inline int64_t sqlite_number(const std::filesystem::path& db, const std::string& sql) {
  const std::string r = sqlite_rows(db, sql);
  return r.empty() ? -1 : std::stoll(r);
}

} // namespace athena::testing
