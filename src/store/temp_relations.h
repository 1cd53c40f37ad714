#pragma once

#include <optional>
#include <string>

#include "src/model/query_facts.h"
#include "src/store/store.h"

namespace athena::store {

/// What the last stored SUCCEEDED statement creating the dbt temporary relation `temp`
/// (`query_temp_relations`) put into it: its table edges and column edges into the model
/// relation it was attributed to, with their targets named `temp` again. Names are read back
/// whole (a table's text as its `table` part), as they were stored. nullopt when no stored
/// statement created it; throws SqliteError.
struct TempFill {
  std::vector<model::TableName> sources;
  std::vector<model::ColumnEdgeFact> columns;
};
std::optional<TempFill> last_temp_fill(Store& store, const model::TableName& temp);

} // namespace athena::store
