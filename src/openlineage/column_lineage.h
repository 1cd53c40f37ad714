#pragma once

#include <map>
#include <set>
#include <string>
#include <string_view>
#include <utility>

#include "lineage/json_writer.h"
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

/// A source column's transformations (type, subtype), in a stable order.
using Transformations = std::set<std::pair<std::string_view, std::string_view>>;

/// The column lineage of one output table of a run: `fields` from the column edges into the
/// table (target column -> source column -> transformations), `dataset` from the columns read
/// in filters, joins, groupings, sorts and windows.
struct ColumnLineageFacet {
  std::map<std::string, std::map<store::RunColumn, Transformations>> fields;
  std::map<store::RunColumn, Transformations> dataset;
  [[nodiscard]] bool empty() const { return fields.empty() && dataset.empty(); }
};

/// What the store knows of the column lineage of output `table` of `run` (empty when nothing).
ColumnLineageFacet column_lineage_of(const store::LineageRun& run, std::string_view table);

/// Writes the `columnLineage` facet member (key and object) into the open facets object.
void write_column_lineage(lineage::JsonWriter& w, const ColumnLineageFacet& facet,
                          std::string_view region);

} // namespace athena::openlineage
