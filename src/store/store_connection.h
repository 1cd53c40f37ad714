#pragma once

// Private to src/store/: the Store's SQLite connection, for the typed readers and writers that
// live next to it. Modules outside src/store/ use those readers, never the connection.

#include "src/store/sqlite_db.h"
#include "src/store/store.h"

namespace athena::store {

class StoreConnection {
public:
  static Db& of(Store& store) { return store.db(); }
};

} // namespace athena::store
