#pragma once

#include <string>
#include <string_view>

#include "src/store/lineage_runs.h"

namespace athena::openlineage {

/// The `{"type": ..., "subtype": ...}` transformation of a stored column edge: identity,
/// expression, aggregation, window as DIRECT/IDENTITY, TRANSFORMATION, AGGREGATION, WINDOW; a
/// source reaching the target only through a condition as INDIRECT/CONDITIONAL.
struct Transformation {
  std::string_view type;
  std::string_view subtype;
};
Transformation edge_transformation(std::string_view transform, bool condition);

/// The INDIRECT subtype of a column read in a clause (where and having: FILTER, join: JOIN,
/// group_by: GROUP_BY, order_by: SORT, window: WINDOW), "" for the others.
std::string_view clause_subtype(std::string_view clause);

/// Appends the `columnLineage` facet of output `table` of `run` (the `"columnLineage":{...}`
/// member), or nothing and false when the store knows no column lineage for it: `fields` from
/// the column edges into the table, `dataset` from the columns read in filters, joins,
/// groupings, sorts and windows.
bool append_column_lineage(std::string& out, const store::LineageRun& run, std::string_view table,
                           std::string_view region);

} // namespace athena::openlineage
