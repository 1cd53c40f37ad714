#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
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

/// Writes the judgement stored_definitions() would make for the stored rows with a key after
/// `after_q` not judged yet, as `judge` gives it from the id (nullopt: left for
/// stored_definitions() to judge from the text): a run judges its own rows from its schema
/// pass, without decoding their texts again. One transaction.
util::Status record_judgements(Store& store, int64_t after_q,
                               const std::function<std::optional<bool>(const std::string&)>& judge);

} // namespace athena::store
