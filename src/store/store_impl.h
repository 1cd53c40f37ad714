#pragma once

// Private to src/store/: the Store's connection, prepared statements and name caches.

#include <memory>
#include <string>
#include <unordered_map>

#include "src/store/sqlite_db.h"

namespace athena::store {

struct Store::Impl {
  explicit Impl(const std::string& path) : db(path) {}

  Db db;
  // Prepared once, reused for every row (created after migration).
  std::unique_ptr<Statement> find_query;
  std::unique_ptr<Statement> insert_query;
  std::unique_ptr<Statement> insert_query_text;
  std::unique_ptr<Statement> find_table;
  std::unique_ptr<Statement> insert_table;
  std::unique_ptr<Statement> find_column;
  std::unique_ptr<Statement> insert_column;
  std::unique_ptr<Statement> insert_query_table;
  std::unique_ptr<Statement> insert_column_read;
  std::unique_ptr<Statement> insert_join;
  std::unique_ptr<Statement> insert_table_edge;
  std::unique_ptr<Statement> insert_column_edge;
  std::unique_ptr<Statement> insert_error;
  std::unique_ptr<Statement> insert_fingerprint_text;
  std::unique_ptr<Statement> insert_dirty_day;
  std::unique_ptr<Statement> insert_dirty_table_edge;
  std::unique_ptr<Statement> insert_dirty_column_edge;

  /// Name → id of rows committed or written in the open transaction; cleared on rollback.
  std::unordered_map<std::string, int64_t> table_ids;
  std::unordered_map<std::string, int64_t> column_ids;

  void prepare();
  int64_t table_id(const std::string& name);
  int64_t column_id(const std::string& name);
  /// Deletes a stored query and its facts (for replacing a non-terminal one).
  void delete_query(int64_t q);
  /// Recomputes every dirty aggregate; called inside a transaction.
  void refresh();
};

} // namespace athena::store
