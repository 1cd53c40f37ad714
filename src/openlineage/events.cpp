#include "src/openlineage/events.h"

#include "lineage/json_writer.h"
#include "src/openlineage/column_lineage.h"
#include "src/openlineage/naming.h"
#include "src/openlineage/run_id.h"
#include "src/version.h"

namespace athena::openlineage {
namespace {

using lineage::append_json_string;

constexpr std::string_view kEventSchema =
    "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent";
constexpr std::string_view kFacets = "https://openlineage.io/spec/facets/";

/// `"key":{"_producer":...,"_schemaURL":...` (the caller appends the rest and the `}`).
void open_facet(std::string& out, std::string_view key, std::string_view version,
                std::string_view type) {
  append_json_string(out, key);
  out += ":{\"_producer\":";
  append_json_string(out, producer());
  out += ",\"_schemaURL\":";
  append_json_string(out, std::string(kFacets) + std::string(version) + "/" + std::string(type) +
                              ".json#/$defs/" + std::string(type));
}

void member(std::string& out, std::string_view key, std::string_view value) {
  out += ',';
  append_json_string(out, key);
  out += ':';
  append_json_string(out, value);
}

void append_schema_facet(std::string& out, const store::TableColumns& columns) {
  open_facet(out, "schema", "1-2-0", "SchemaDatasetFacet");
  out += ",\"fields\":[";
  for (size_t i = 0; i < columns.size(); ++i) {
    if (i > 0) out += ',';
    out += "{\"name\":";
    append_json_string(out, columns[i].first);
    // Typed columns come from the catalog, in table order; the others are only the columns
    // queries named, whose position is unknown.
    if (!columns[i].second.empty()) {
      member(out, "type", columns[i].second);
      out += ",\"ordinal_position\":" + std::to_string(i + 1);
    }
    out += '}';
  }
  out += "]}";
}

void append_dataset(std::string& out, const store::LineageRun& run, const std::string& table,
                    const EventContext& ctx, bool output) {
  const DatasetName d = dataset_name(table, ctx.region);
  out += "{\"namespace\":";
  append_json_string(out, d.ns);
  member(out, "name", d.name);
  std::string facets;
  if (ctx.columns != nullptr) {
    auto it = ctx.columns->find(table);
    if (it != ctx.columns->end() && !it->second.empty()) append_schema_facet(facets, it->second);
  }
  if (output && !d.s3 && run.state == "SUCCEEDED") {
    std::string lineage;
    if (append_column_lineage(lineage, run, table, ctx.region)) {
      if (!facets.empty()) facets += ',';
      facets += lineage;
    }
  }
  if (!facets.empty()) out += ",\"facets\":{" + facets + "}";
  out += '}';
}

void append_datasets(std::string& out, const store::LineageRun& run,
                     const std::vector<std::string>& tables, const EventContext& ctx, bool output) {
  out += '[';
  for (size_t i = 0; i < tables.size(); ++i) {
    if (i > 0) out += ',';
    append_dataset(out, run, tables[i], ctx, output);
  }
  out += ']';
}

std::string event_json(const store::LineageRun& run, const EventContext& ctx, std::string_view type,
                       const std::string& time, const std::string& run_id,
                       const std::string& datasets) {
  std::string out = "{\"eventType\":";
  append_json_string(out, type);
  member(out, "eventTime", time);
  out += ",\"run\":{\"runId\":";
  append_json_string(out, run_id);
  out += ",\"facets\":{";
  open_facet(out, "processing_engine", "1-1-1", "ProcessingEngineRunFacet");
  std::string version = run.engine_version;
  if (version.empty()) version = run.selected_engine_version;
  if (version.empty()) version = "unknown";
  member(out, "version", version);
  member(out, "name", "Athena");
  member(out, "openlineageAdapterVersion", kVersion);
  out += "},";
  open_facet(out, "externalQuery", "1-0-2", "ExternalQueryRunFacet");
  member(out, "externalQueryId", run.id);
  member(out, "source", "athena");
  out += '}';
  if (type == "FAIL") {
    out += ',';
    open_facet(out, "errorMessage", "1-0-1", "ErrorMessageRunFacet");
    std::string message = run.error_message;
    if (message.empty()) message = run.state_change_reason;
    if (message.empty()) message = "the query failed";
    member(out, "message", message);
    member(out, "programmingLanguage", "SQL");
    out += '}';
  }
  out += "}},\"job\":{\"namespace\":";
  append_json_string(out, ctx.job_namespace);
  member(out, "name", job_name(run));
  out += ",\"facets\":{";
  open_facet(out, "jobType", "2-0-4", "JobTypeJobFacet");
  member(out, "processingType", "BATCH");
  member(out, "integration", "ATHENA");
  member(out, "jobType", "QUERY");
  out += "},";
  open_facet(out, "sql", "1-1-0", "SQLJobFacet");
  member(out, "query", run.query);
  member(out, "dialect", "athena");
  out += "}}}";
  out += datasets;
  member(out, "producer", producer());
  member(out, "schemaURL", kEventSchema);
  out += '}';
  return out;
}

} // namespace

std::string producer() {
  return std::string("urn:athena-lineage:") + kVersion;
}

std::vector<store::OlEvent> build_events(const store::LineageRun& run, const EventContext& ctx) {
  std::string_view end_type = "COMPLETE";
  if (run.state == "FAILED") end_type = "FAIL";
  if (run.state == "CANCELLED") end_type = "ABORT";
  const int64_t start_ms = run.submitted_ms.value_or(run.completed_ms.value_or(0));
  const int64_t end_ms = run.completed_ms.value_or(start_ms);
  const std::string run_id = run_id_for(run.id);
  std::string datasets = ",\"inputs\":";
  append_datasets(datasets, run, run.reads, ctx, false);
  datasets += ",\"outputs\":";
  append_datasets(datasets, run, run.writes, ctx, true);
  std::vector<store::OlEvent> out;
  for (const auto& [type, ms] : {std::pair<std::string_view, int64_t>{"START", start_ms},
                                 std::pair<std::string_view, int64_t>{end_type, end_ms}}) {
    store::OlEvent e;
    e.query_id = run.id;
    e.run_id = run_id;
    e.event_type = std::string(type);
    e.event_time = lineage::iso8601_utc(ms);
    e.body = event_json(run, ctx, type, e.event_time, run_id, datasets);
    out.push_back(std::move(e));
  }
  return out;
}

} // namespace athena::openlineage
