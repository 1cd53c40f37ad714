#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "src/store/store.h"
#include "src/util/result.h"

namespace athena::store {

/// The stored queries an earlier run analyzed without a definition that a later run brings
/// (README, `analyze`): looked up by what they name, to be
/// derived again (Reanalysis::begin_keys).

/// The largest key of a stored query (0 when none): the queries stored before a run are those
/// with a key up to it.
util::Result<int64_t> last_query_key(Store& store);

/// The keys of the stored queries with a key up to `max_q` that read or write one of `tables`
/// (as TableName::text() prints them), ascending.
util::Result<std::vector<int64_t>>
queries_naming_tables(Store& store, const std::vector<std::string>& tables, int64_t max_q);

/// The ids of the definitions a run that had not finished took into account (it queued the
/// queries they change before storing its own): known to the queries it stored.
util::Result<std::vector<std::string>> pending_definitions(Store& store);
/// Forgets them (a run finished).
util::Status clear_pending_definitions(Store& store);

/// True when a query with this id is stored (in any state); false on a database error.
bool query_stored(Store& store, const std::string& id);
/// The ids of the queries in the re-analysis queue.
util::Result<std::vector<std::string>> queued_ids(Store& store);

/// A stored query's key and text.
struct KeyedText {
  int64_t q = 0;
  std::string text;
};

/// The stored queries with a key up to `max_q` of `workgroup`, submitted at or after `from_ms`
/// or without a submission time, whose shape starts with EXECUTE, with their texts (those
/// whose text is gone are left out), by key.
util::Result<std::vector<KeyedText>> stored_executes(Store& store, const std::string& workgroup,
                                                     int64_t from_ms, int64_t max_q);

} // namespace athena::store
