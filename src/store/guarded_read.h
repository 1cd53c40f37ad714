#pragma once

// Private to src/store/: runs one read of the typed reader API and turns a SqliteError into a
// failed util::Result, so no exception leaves src/store/.

#include <type_traits>

#include "src/store/sqlite_db.h"
#include "src/util/result.h"

namespace athena::store {

template <class F> auto guarded_read(F&& read) -> util::Result<std::invoke_result_t<F>> {
  try {
    return read();
  } catch (const SqliteError& e) {
    return util::Error{e.what()};
  }
}

} // namespace athena::store
