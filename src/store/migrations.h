#pragma once

#include <span>
#include <string_view>

#include "src/store/sqlite_db.h"

namespace athena::store {

/// One schema step: the SQL that takes the schema from version `version - 1` to `version`,
/// then, when set, `convert` (rewrites rows SQL alone cannot; same transaction).
struct Migration {
  int version;
  std::string_view sql;
  /// Turn on `auto_vacuum = INCREMENTAL` first (a VACUUM, outside any transaction, when the
  /// file has it off), so deleted pages can be handed back to the file system.
  bool incremental_vacuum = false;
  /// Rewrites rows SQL alone cannot, after `sql` in the same transaction.
  void (*convert)(Db& db) = nullptr;
};

/// Every migration, in order. Append new ones; never edit a released one.
std::span<const Migration> migrations();
/// The version a fully migrated database has.
int latest_schema_version();

/// Brings the database to the latest version, each step in its own transaction with
/// `PRAGMA user_version` set inside it, so an interrupted upgrade resumes where it stopped.
/// Throws SqliteError when the file is newer than this build knows.
void migrate(Db& db);

} // namespace athena::store
