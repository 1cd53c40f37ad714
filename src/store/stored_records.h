#pragma once

#include <string_view>
#include <vector>

#include "src/model/query_record.h"
#include "src/store/sqlite_db.h"
#include "src/store/store.h"
#include "src/util/result.h"

namespace athena::store {

/// The columns records_of() reads, of `queries q`: a SELECT over stored queries starts with
/// them.
constexpr std::string_view kRecordColumns =
    "SELECT q.id, q.state, q.catalog, q.database, q.workgroup, q.submitted_ms, "
    "q.statement_type, q.substatement_type ";

/// The record of the row `st` (selecting kRecordColumns) is on, without its text.
model::QueryRecord record_of(const Statement& st);

/// The records `st` (selecting kRecordColumns) gives, with their texts, to be analyzed again;
/// those whose text is gone (pruned) are left out.
util::Result<std::vector<model::QueryRecord>> records_of(Store& store, Statement& st);

} // namespace athena::store
