#pragma once

#include <functional>
#include <string_view>
#include <vector>

#include "src/model/query_record.h"
#include "src/store/store.h"
#include "src/util/result.h"

namespace athena::store {

/// The stored SUCCEEDED statements that may define a schema or a prepared statement (CTAS,
/// CREATE TABLE/VIEW, other DDL, and utility statements such as PREPARE), in submission order,
/// with their texts: what earlier runs saw, replayed before this run's history so that a view
/// created or a statement prepared in an earlier run is known (README, `analyze`).
/// Statements whose text was pruned are left out. Only the texts `defines` accepts are
/// returned (the statements whose first word may define something); each stored text is
/// decoded and judged once, when first met (`definition_scan`, SCHEMA.md "Definitions"), so a
/// run reads only the definitions, not every DDL or utility statement (SHOW, DESCRIBE) stored.
/// Queries a killed re-analysis left queued count too. Writes the judgements in a transaction
/// of its own.
util::Result<std::vector<model::QueryRecord>>
stored_definitions(Store& store, const std::function<bool(std::string_view)>& defines);

} // namespace athena::store
