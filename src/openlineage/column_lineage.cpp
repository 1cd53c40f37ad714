#include "src/openlineage/column_lineage.h"

#include <map>
#include <set>
#include <utility>
#include <vector>

#include "lineage/json_writer.h"
#include "src/openlineage/events.h"
#include "src/openlineage/naming.h"

namespace athena::openlineage {
namespace {

using lineage::JsonWriter;

constexpr std::string_view kSchemaUrl = "https://openlineage.io/spec/facets/1-2-0/"
                                        "ColumnLineageDatasetFacet.json#/$defs/"
                                        "ColumnLineageDatasetFacet";

/// InputField objects: each source column with its transformations.
void input_fields(JsonWriter& w, std::string_view key,
                  const std::map<store::RunColumn, Transformations>& sources,
                  std::string_view region) {
  w.key(key);
  w.begin_array();
  for (const auto& [column, ts] : sources) {
    const DatasetName d = dataset_name(column.table, region);
    w.begin_object();
    w.fields("namespace", d.ns, "name", d.name, "field", column.column);
    w.member_objects("transformations", ts,
                     [&w](const auto& t) { w.fields("type", t.first, "subtype", t.second); });
    w.end_object();
  }
  w.end_array();
}

} // namespace

Transformation edge_transformation(std::string_view transform, bool condition) {
  if (condition) return {"INDIRECT", "CONDITIONAL"};
  if (transform == "identity") return {"DIRECT", "IDENTITY"};
  if (transform == "aggregation") return {"DIRECT", "AGGREGATION"};
  if (transform == "window") return {"DIRECT", "WINDOW"};
  return {"DIRECT", "TRANSFORMATION"}; // expression (and constant, which has no sources)
}

std::string_view clause_subtype(std::string_view clause) {
  if (clause == "where" || clause == "having") return "FILTER";
  if (clause == "join") return "JOIN";
  if (clause == "group_by") return "GROUP_BY";
  if (clause == "order_by") return "SORT";
  if (clause == "window") return "WINDOW";
  return {};
}

ColumnLineageFacet column_lineage_of(const store::LineageRun& run, std::string_view table) {
  ColumnLineageFacet f;
  for (const auto& e : run.column_edges) {
    if (e.target.table != table) continue;
    const Transformation t = edge_transformation(e.transform, e.condition);
    f.fields[e.target.column][e.source].insert({t.type, t.subtype});
  }
  for (const auto& r : run.column_reads) {
    const std::string_view subtype = clause_subtype(r.clause);
    if (subtype.empty() || r.column.table.empty()) continue;
    f.dataset[r.column].insert({"INDIRECT", subtype});
  }
  return f;
}

void write_column_lineage(JsonWriter& w, const ColumnLineageFacet& facet, std::string_view region) {
  w.key("columnLineage");
  w.begin_object();
  w.fields("_producer", producer(), "_schemaURL", kSchemaUrl);
  w.key("fields");
  w.begin_object();
  for (const auto& [field, sources] : facet.fields) {
    w.key(field);
    w.begin_object();
    input_fields(w, "inputFields", sources, region);
    w.end_object();
  }
  w.end_object();
  if (!facet.dataset.empty()) input_fields(w, "dataset", facet.dataset, region);
  w.end_object();
}

} // namespace athena::openlineage
