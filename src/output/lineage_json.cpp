#include "src/output/lineage_json.h"

#include "lineage/json_writer.h"

namespace athena::output {

namespace {

using lineage::append_json_string;

void string_array(std::string& out, const std::vector<std::string>& items) {
  out += '[';
  for (size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += ',';
    append_json_string(out, items[i]);
  }
  out += ']';
}

void error_array(std::string& out, const std::vector<PositionedError>& errors) {
  out += '[';
  for (size_t i = 0; i < errors.size(); ++i) {
    if (i > 0) out += ',';
    out += "{\"message\":";
    append_json_string(out, errors[i].message);
    out += ",\"line\":" + std::to_string(errors[i].line) +
           ",\"col\":" + std::to_string(errors[i].col) + "}";
  }
  out += ']';
}

void column_array(std::string& out, const std::vector<lineage::ColumnLineage>& columns) {
  out += '[';
  for (size_t i = 0; i < columns.size(); ++i) {
    const auto& c = columns[i];
    if (i > 0) out += ',';
    out += "{\"target\":";
    append_json_string(out, c.target);
    out += ",\"sources\":";
    string_array(out, c.sources);
    out += ",\"conditions\":";
    string_array(out, c.conditions);
    out += ",\"transform\":";
    append_json_string(out, lineage::to_string(c.transform));
    if (c.mapped != lineage::Mapped::kNone) {
      out += ",\"mapped\":";
      append_json_string(out, lineage::to_string(c.mapped));
    }
    if (c.unresolved) out += ",\"unresolved\":true";
    out += '}';
  }
  out += ']';
}

} // namespace

std::string lineage_json_line(int statement, std::string_view file,
                              const lineage::StatementLineage& lin,
                              const std::vector<PositionedError>& errors,
                              const std::vector<PositionedError>& warnings) {
  std::string out = "{\"statement\":" + std::to_string(statement) + ",\"kind\":";
  append_json_string(out, lineage::to_string(lin.kind));
  out += ",\"targets\":";
  string_array(out, lin.targets);
  out += ",\"sources\":";
  string_array(out, lin.sources);
  out += ",\"columns\":";
  column_array(out, lin.columns);
  out += ",\"errors\":";
  error_array(out, errors);
  if (!warnings.empty()) {
    out += ",\"warnings\":";
    error_array(out, warnings);
  }
  out += ",\"file\":";
  append_json_string(out, file);
  out += ",\"complete\":";
  out += lin.complete && errors.empty() ? "true" : "false";
  out += ",\"table_edges\":[";
  for (size_t i = 0; i < lin.table_edges.size(); ++i) {
    if (i > 0) out += ',';
    out += "{\"source\":";
    append_json_string(out, lin.table_edges[i].source);
    out += ",\"target\":";
    append_json_string(out, lin.table_edges[i].target);
    out += '}';
  }
  out += "],\"reads\":[";
  for (size_t i = 0; i < lin.reads.size(); ++i) {
    if (i > 0) out += ',';
    out += "{\"column\":";
    append_json_string(out, lin.reads[i].column);
    out += ",\"clause\":";
    append_json_string(out, lineage::to_string(lin.reads[i].clause));
    out += '}';
  }
  out += "],\"joins\":[";
  for (size_t i = 0; i < lin.joins.size(); ++i) {
    const auto& j = lin.joins[i];
    if (i > 0) out += ',';
    out += "{\"left\":";
    append_json_string(out, j.left);
    out += ",\"right\":";
    append_json_string(out, j.right);
    out += ",\"type\":";
    append_json_string(out, j.join_type);
    out += ",\"columns\":[";
    for (size_t k = 0; k < j.columns.size(); ++k) {
      if (k > 0) out += ',';
      out += '[';
      append_json_string(out, j.columns[k].first);
      out += ',';
      append_json_string(out, j.columns[k].second);
      out += ']';
    }
    out += "]}";
  }
  out += "],\"functions\":";
  string_array(out, lin.functions);
  out += '}';
  return out;
}

std::string lineage_json_combined(std::string_view file, const lineage::StatementLineage& lin) {
  std::string out = "{\"combined\":true,\"file\":";
  append_json_string(out, file);
  out += ",\"targets\":";
  string_array(out, lin.targets);
  out += ",\"sources\":";
  string_array(out, lin.sources);
  out += ",\"columns\":";
  column_array(out, lin.columns);
  out += ",\"table_edges\":[";
  for (size_t i = 0; i < lin.table_edges.size(); ++i) {
    if (i > 0) out += ',';
    out += "{\"source\":";
    append_json_string(out, lin.table_edges[i].source);
    out += ",\"target\":";
    append_json_string(out, lin.table_edges[i].target);
    out += '}';
  }
  out += "]}";
  return out;
}

} // namespace athena::output
