#pragma once

#include <cstdint>

#include "src/store/store.h"
#include "src/util/result.h"

namespace athena::store {

/// How many query executions the database holds (every state, with or without a day).
util::Result<int64_t> stored_query_count(Store& store);

} // namespace athena::store
