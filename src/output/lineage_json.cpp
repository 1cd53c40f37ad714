#include "src/output/lineage_json.h"

#include "lineage/json_writer.h"

namespace athena::output {

namespace {

using lineage::JsonWriter;

void error_array(JsonWriter& w, std::string_view key, const std::vector<PositionedError>& errors) {
  w.member_objects(key, errors, [&w](const PositionedError& e) {
    w.fields("message", e.message, "line", e.line, "col", e.col);
  });
}

void column_array(JsonWriter& w, const std::vector<lineage::ColumnLineage>& columns) {
  w.member_objects("columns", columns, [&w](const lineage::ColumnLineage& c) {
    w.fields("target", c.target, "sources", c.sources, "conditions", c.conditions, "transform",
             lineage::to_string(c.transform));
    if (c.mapped != lineage::Mapped::kNone) w.member("mapped", lineage::to_string(c.mapped));
    if (c.unresolved) w.member_bool("unresolved", true);
  });
}

void table_edge_array(JsonWriter& w, const std::vector<lineage::TableEdge>& edges,
                      std::string_view key = "table_edges") {
  w.member_objects(key, edges, [&w](const lineage::TableEdge& e) {
    w.fields("source", e.source, "target", e.target);
  });
}

} // namespace

std::string lineage_json_line(int statement, std::string_view file,
                              const lineage::StatementLineage& lin,
                              const std::vector<PositionedError>& errors,
                              const std::vector<PositionedError>& warnings) {
  std::string out;
  JsonWriter w(out, false);
  w.begin_object();
  w.fields("statement", statement, "kind", lineage::to_string(lin.kind), "targets", lin.targets,
           "sources", lin.sources);
  column_array(w, lin.columns);
  error_array(w, "errors", errors);
  if (!warnings.empty()) error_array(w, "warnings", warnings);
  w.fields("file", file, "complete", lin.complete && errors.empty());
  table_edge_array(w, lin.table_edges);
  if (!lin.schema_edges.empty()) table_edge_array(w, lin.schema_edges, "schema_edges");
  w.member_objects("reads", lin.reads, [&w](const auto& r) {
    w.fields("column", r.column, "clause", lineage::to_string(r.clause));
  });
  w.member_objects("joins", lin.joins, [&w](const auto& j) {
    w.fields("left", j.left, "right", j.right, "type", j.join_type);
    w.key("columns");
    w.begin_array();
    for (const auto& [left, right] : j.columns) {
      w.begin_array();
      w.string(left);
      w.string(right);
      w.end_array();
    }
    w.end_array();
  });
  w.member_strings("functions", lin.functions);
  w.end_object();
  return out;
}

std::string lineage_json_combined(std::string_view file, const lineage::StatementLineage& lin) {
  std::string out;
  JsonWriter w(out, false);
  w.begin_object();
  w.fields("combined", true, "file", file, "targets", lin.targets, "sources", lin.sources);
  column_array(w, lin.columns);
  table_edge_array(w, lin.table_edges);
  w.end_object();
  return out;
}

} // namespace athena::output
