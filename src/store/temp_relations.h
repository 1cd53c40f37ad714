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

/// What the last stored SUCCEEDED statement creating the dbt temporary relation `temp`
/// (`query_temp_relations`) submitted before `before_ms` put into it: its table edges and
/// column edges into the model relation it was attributed to, with their targets named `temp`
/// again. Names are read back whole (a table's text as its `table` part), as they were stored.
/// nullopt when no stored statement created it before then.
struct TempFill {
  std::vector<model::TableName> sources;
  std::vector<model::ColumnEdgeFact> columns;
};
util::Result<std::optional<TempFill>> last_temp_fill(Store& store, const model::TableName& temp,
                                                     int64_t before_ms);

/// The stored queries that named the dbt temporary relation `temp` and were submitted at or
/// after `from_ms`, as records to analyze again (id, state, context, workgroup, submission
/// time and text), by submission time. Queries whose text is gone (pruned) are left out.
util::Result<std::vector<model::QueryRecord>>
queries_naming_temp(Store& store, const model::TableName& temp, int64_t from_ms);

/// Replaces the table and column edges of the stored query `id` by those of `facts` (its
/// other facts stay); the edges it had and has now are recomputed by the next
/// refresh_aggregates(). Nothing happens when no such query is stored.
util::Status replace_query_edges(Store& store, const std::string& id,
                                 const model::QueryFacts& facts);

} // namespace athena::store
