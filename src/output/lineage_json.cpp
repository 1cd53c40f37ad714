#include "src/output/lineage_json.h"

#include "lineage/json_writer.h"
#include "src/util/text_escape.h"

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
  out += ']';
  if (!lin.schema_edges.empty()) {
    out += ",\"schema_edges\":[";
    for (size_t i = 0; i < lin.schema_edges.size(); ++i) {
      if (i > 0) out += ',';
      out += "{\"source\":";
      append_json_string(out, lin.schema_edges[i].source);
      out += ",\"target\":";
      append_json_string(out, lin.schema_edges[i].target);
      out += '}';
    }
    out += ']';
  }
  out += ",\"reads\":[";
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

std::string lineage_text(int statement, std::string_view file, const lineage::StatementLineage& lin,
                         const std::vector<PositionedError>& errors,
                         const std::vector<PositionedError>& warnings) {
  // Names and messages come from the SQL: control characters in them are shown escaped.
  const auto esc = [](std::string_view s) { return util::escape_control(s); };
  std::string out = "statement " + std::to_string(statement) + " (" + esc(file) +
                    "): " + std::string(lineage::to_string(lin.kind)) + "\n";
  auto list = [&](const char* label, const std::vector<std::string>& items) {
    if (items.empty()) return;
    out += "  ";
    out += label;
    out += ":";
    for (const auto& i : items)
      out += " " + esc(i);
    out += "\n";
  };
  list("targets", lin.targets);
  list("sources", lin.sources);
  for (const auto& c : lin.columns) {
    out += "  " + esc(c.target) + " <- ";
    if (c.sources.empty()) out += c.unresolved ? "(unresolved)" : "(none)";
    if (c.unresolved && !c.sources.empty()) out += "(unresolved), ";
    for (size_t i = 0; i < c.sources.size(); ++i)
      out += (i > 0 ? ", " : "") + esc(c.sources[i]);
    out += " [" + std::string(lineage::to_string(c.transform));
    if (c.mapped != lineage::Mapped::kNone) {
      out += ", by " + std::string(lineage::to_string(c.mapped));
    }
    out += "]";
    if (!c.conditions.empty()) {
      out += " if";
      for (const auto& cond : c.conditions)
        out += " " + esc(cond);
    }
    out += "\n";
  }
  for (const auto& e : lin.table_edges)
    out += "  edge " + esc(e.source) + " -> " + esc(e.target) + "\n";
  for (const auto& e : lin.schema_edges)
    out += "  schema edge " + esc(e.source) + " -> " + esc(e.target) + "\n";
  for (const auto& r : lin.reads) {
    out += "  read " + std::string(lineage::to_string(r.clause)) + " " + esc(r.column) + "\n";
  }
  for (const auto& j : lin.joins) {
    out += "  join " + j.join_type + " " + esc(j.left) + " ~ " + esc(j.right);
    for (const auto& [l, r] : j.columns)
      out += " " + esc(l) + "=" + esc(r);
    out += "\n";
  }
  list("functions", lin.functions);
  if (!lin.complete || !errors.empty()) out += "  incomplete\n";
  for (const auto& e : errors) {
    out += "  error " + std::to_string(e.line) + ":" + std::to_string(e.col) + ": " +
           esc(e.message) + "\n";
  }
  for (const auto& w : warnings) {
    out += "  warning " + std::to_string(w.line) + ":" + std::to_string(w.col) + ": " +
           esc(w.message) + "\n";
  }
  return out;
}

} // namespace athena::output
