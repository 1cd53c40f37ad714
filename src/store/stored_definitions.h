#pragma once

#include <vector>

#include "src/model/query_record.h"
#include "src/store/store.h"
#include "src/util/result.h"

namespace athena::store {

/// The stored SUCCEEDED statements that may define a schema or a prepared statement (CTAS,
/// CREATE TABLE/VIEW, other DDL, and utility statements such as PREPARE), in submission order,
/// with their texts: what earlier runs saw, replayed before this run's history so that a view
/// created or a statement prepared in an earlier run is known (README, `analyze`).
/// Statements whose text was pruned are left out.
util::Result<std::vector<model::QueryRecord>> stored_definitions(Store& store);

} // namespace athena::store
