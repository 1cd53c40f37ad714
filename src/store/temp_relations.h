#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "src/model/query_facts.h"
#include "src/model/query_record.h"
#include "src/store/store.h"
#include "src/util/result.h"

namespace athena::store {

/// The last stored SUCCEEDED statement that created the dbt temporary relation `temp` (a CTAS
/// or CREATE TABLE naming it in `query_temp_relations`) and was submitted before `before_ms`,
/// as a record to analyze again (as queries_naming_temp gives them); nullopt when none is
/// stored, or its text is gone.
util::Result<std::optional<model::QueryRecord>>
last_temp_creation(Store& store, const model::TableName& temp, int64_t before_ms);

/// The stored queries that named the dbt temporary relation `temp` and were submitted at or
/// after `from_ms`, as records to analyze again (id, state, context, workgroup, submission
/// time and text), by submission time. Queries whose text is gone (pruned) are left out.
util::Result<std::vector<model::QueryRecord>>
queries_naming_temp(Store& store, const model::TableName& temp, int64_t from_ms);

/// The latest submission time of a stored query naming the dbt temporary relation `temp`
/// (none without a time count as 0); nullopt when none is stored.
util::Result<std::optional<int64_t>> latest_temp_time(Store& store, const model::TableName& temp);

/// Replaces the table and column edges of the stored query `id` by those of `facts` (its
/// other facts stay); the edges it had and has now are recomputed by the next
/// refresh_aggregates(). Nothing happens when no such query is stored.
util::Status replace_query_edges(Store& store, const std::string& id,
                                 const model::QueryFacts& facts);

} // namespace athena::store
