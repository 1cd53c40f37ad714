#include "src/output/lineage_json.h"

#include "lineage/json_writer.h"

namespace athena::output {

namespace {

using lineage::JsonWriter;

void error_array(JsonWriter& w, std::string_view key, const std::vector<PositionedError>& errors) {
  w.key(key);
  w.begin_array();
  for (const auto& e : errors) {
    w.begin_object();
    w.member("message", e.message);
    w.member_int("line", e.line);
    w.member_int("col", e.col);
    w.end_object();
  }
  w.end_array();
}

void column_array(JsonWriter& w, const std::vector<lineage::ColumnLineage>& columns) {
  w.key("columns");
  w.begin_array();
  for (const auto& c : columns) {
    w.begin_object();
    w.member("target", c.target);
    w.member_strings("sources", c.sources);
    w.member_strings("conditions", c.conditions);
    w.member("transform", lineage::to_string(c.transform));
    if (c.mapped != lineage::Mapped::kNone) w.member("mapped", lineage::to_string(c.mapped));
    if (c.unresolved) w.member_bool("unresolved", true);
    w.end_object();
  }
  w.end_array();
}

void table_edge_array(JsonWriter& w, const std::vector<lineage::TableEdge>& edges,
                      std::string_view key = "table_edges") {
  w.key(key);
  w.begin_array();
  for (const auto& e : edges) {
    w.begin_object();
    w.member("source", e.source);
    w.member("target", e.target);
    w.end_object();
  }
  w.end_array();
}

} // namespace

std::string lineage_json_line(int statement, std::string_view file,
                              const lineage::StatementLineage& lin,
                              const std::vector<PositionedError>& errors,
                              const std::vector<PositionedError>& warnings) {
  std::string out;
  JsonWriter w(out, false);
  w.begin_object();
  w.member_int("statement", statement);
  w.member("kind", lineage::to_string(lin.kind));
  w.member_strings("targets", lin.targets);
  w.member_strings("sources", lin.sources);
  column_array(w, lin.columns);
  error_array(w, "errors", errors);
  if (!warnings.empty()) error_array(w, "warnings", warnings);
  w.member("file", file);
  w.member_bool("complete", lin.complete && errors.empty());
  table_edge_array(w, lin.table_edges);
  if (!lin.schema_edges.empty()) table_edge_array(w, lin.schema_edges, "schema_edges");
  w.key("reads");
  w.begin_array();
  for (const auto& r : lin.reads) {
    w.begin_object();
    w.member("column", r.column);
    w.member("clause", lineage::to_string(r.clause));
    w.end_object();
  }
  w.end_array();
  w.key("joins");
  w.begin_array();
  for (const auto& j : lin.joins) {
    w.begin_object();
    w.member("left", j.left);
    w.member("right", j.right);
    w.member("type", j.join_type);
    w.key("columns");
    w.begin_array();
    for (const auto& [left, right] : j.columns) {
      w.begin_array();
      w.string(left);
      w.string(right);
      w.end_array();
    }
    w.end_array();
    w.end_object();
  }
  w.end_array();
  w.member_strings("functions", lin.functions);
  w.end_object();
  return out;
}

std::string lineage_json_combined(std::string_view file, const lineage::StatementLineage& lin) {
  std::string out;
  JsonWriter w(out, false);
  w.begin_object();
  w.member_bool("combined", true);
  w.member("file", file);
  w.member_strings("targets", lin.targets);
  w.member_strings("sources", lin.sources);
  column_array(w, lin.columns);
  table_edge_array(w, lin.table_edges);
  w.end_object();
  return out;
}

} // namespace athena::output
