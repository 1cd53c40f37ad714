#include "src/store/query_count.h"

#include "src/store/guarded_read.h"
#include "src/store/sqlite_db.h"
#include "src/store/store_connection.h"

namespace athena::store {

util::Result<int64_t> stored_query_count(Store& store) {
  return guarded_read(
      [&] { return StoreConnection::of(store).scalar("SELECT count(*) FROM queries"); });
}

} // namespace athena::store
