// The read side of `serve` (explorer_reader.h). Every statement binds its parameters.
#include "src/store/explorer_reader.h"

#include "src/store/sqlite_db.h"

namespace athena::store {

ExplorerReader::ExplorerReader(const std::string& path)
    : db_(std::make_unique<Db>(path, Db::ReadOnly{})) {}

ExplorerReader::~ExplorerReader() = default;

ExplorerReader::Snapshot::Snapshot(ExplorerReader& reader) : reader_(reader) {
  reader_.db_->exec("BEGIN");
}

ExplorerReader::Snapshot::~Snapshot() {
  try {
    reader_.db_->exec("COMMIT");
  } catch (const SqliteError&) {
    // Nothing was written; the transaction ends with the statement that failed.
  }
}

int ExplorerReader::schema_version() {
  return static_cast<int>(db_->scalar("PRAGMA user_version"));
}

} // namespace athena::store
