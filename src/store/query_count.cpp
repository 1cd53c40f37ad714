#include "src/store/query_count.h"

#include "src/store/guarded_read.h"
#include "src/store/sqlite_db.h"

namespace athena::store {

util::Result<int64_t> stored_query_count(Store& store) {
  return guarded_read([&] { return store.db().scalar("SELECT count(*) FROM queries"); });
}

} // namespace athena::store
