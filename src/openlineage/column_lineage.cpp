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

using lineage::append_json_string;

constexpr std::string_view kSchemaUrl = "https://openlineage.io/spec/facets/1-2-0/"
                                        "ColumnLineageDatasetFacet.json#/$defs/"
                                        "ColumnLineageDatasetFacet";

/// One InputField: a source column and its transformations, in a stable order.
using Transformations = std::set<std::pair<std::string_view, std::string_view>>;

void append_input_field(std::string& out, const store::RunColumn& column, const Transformations& ts,
                        std::string_view region) {
  const DatasetName d = dataset_name(column.table, region);
  out += "{\"namespace\":";
  append_json_string(out, d.ns);
  out += ",\"name\":";
  append_json_string(out, d.name);
  out += ",\"field\":";
  append_json_string(out, column.column);
  out += ",\"transformations\":[";
  bool first = true;
  for (const auto& [type, subtype] : ts) {
    if (!first) out += ',';
    first = false;
    out += "{\"type\":";
    append_json_string(out, type);
    out += ",\"subtype\":";
    append_json_string(out, subtype);
    out += '}';
  }
  out += "]}";
}

void append_fields(std::string& out, const std::map<store::RunColumn, Transformations>& sources,
                   std::string_view region) {
  bool first = true;
  for (const auto& [column, ts] : sources) {
    if (!first) out += ',';
    first = false;
    append_input_field(out, column, ts, region);
  }
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

bool append_column_lineage(std::string& out, const store::LineageRun& run, std::string_view table,
                           std::string_view region) {
  // target field -> source column -> transformations
  std::map<std::string, std::map<store::RunColumn, Transformations>> fields;
  for (const auto& e : run.column_edges) {
    if (e.target.table != table) continue;
    const Transformation t = edge_transformation(e.transform, e.condition);
    fields[e.target.column][e.source].insert({t.type, t.subtype});
  }
  std::map<store::RunColumn, Transformations> dataset;
  for (const auto& r : run.column_reads) {
    const std::string_view subtype = clause_subtype(r.clause);
    if (subtype.empty() || r.column.table.empty()) continue;
    dataset[r.column].insert({"INDIRECT", subtype});
  }
  if (fields.empty() && dataset.empty()) return false;
  out += "\"columnLineage\":{\"_producer\":";
  append_json_string(out, producer());
  out += ",\"_schemaURL\":";
  append_json_string(out, kSchemaUrl);
  out += ",\"fields\":{";
  bool first = true;
  for (const auto& [field, sources] : fields) {
    if (!first) out += ',';
    first = false;
    append_json_string(out, field);
    out += ":{\"inputFields\":[";
    append_fields(out, sources, region);
    out += "]}";
  }
  out += '}';
  if (!dataset.empty()) {
    out += ",\"dataset\":[";
    append_fields(out, dataset, region);
    out += ']';
  }
  out += '}';
  return true;
}

} // namespace athena::openlineage
