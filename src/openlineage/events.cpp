#include "src/openlineage/events.h"

#include "lineage/json_writer.h"
#include "src/openlineage/column_lineage.h"
#include "src/openlineage/naming.h"
#include "src/openlineage/run_id.h"
#include "src/version.h"

namespace athena::openlineage {
namespace {

using lineage::JsonWriter;

constexpr std::string_view kEventSchema =
    "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent";
constexpr std::string_view kFacets = "https://openlineage.io/spec/facets/";

/// `"key":{"_producer":...,"_schemaURL":...` (the caller writes the rest and ends the object).
void open_facet(JsonWriter& w, std::string_view key, std::string_view version,
                std::string_view type) {
  std::string url;
  url.reserve(kFacets.size() + version.size() + 2 * type.size() + 16);
  url.append(kFacets).append(version).append("/").append(type).append(".json#/$defs/").append(type);
  w.key(key);
  w.begin_object();
  w.fields("_producer", producer(), "_schemaURL", url);
}

void schema_facet(JsonWriter& w, const store::TableColumns& columns) {
  open_facet(w, "schema", "1-2-0", "SchemaDatasetFacet");
  w.key("fields");
  w.begin_array();
  for (size_t i = 0; i < columns.size(); ++i) {
    // Typed columns come from the catalog, in table order; the others are only the columns
    // queries named, whose position is unknown.
    if (columns[i].second.empty()) {
      w.object("name", columns[i].first);
    } else {
      w.object("name", columns[i].first, "type", columns[i].second, "ordinal_position", i + 1);
    }
  }
  w.end_array();
  w.end_object();
}

void dataset(JsonWriter& w, const store::LineageRun& run, const std::string& table,
             const EventContext& ctx, bool output) {
  const DatasetName d = dataset_name(table, ctx.region);
  w.begin_object();
  w.fields("namespace", d.ns, "name", d.name);
  const store::TableColumns* schema = nullptr;
  if (ctx.columns != nullptr) {
    auto it = ctx.columns->find(table);
    if (it != ctx.columns->end() && !it->second.empty()) schema = &it->second;
  }
  ColumnLineageFacet lineage;
  if (output && !d.s3 && run.state == "SUCCEEDED") lineage = column_lineage_of(run, table);
  if (schema != nullptr || !lineage.empty()) {
    w.key("facets");
    w.begin_object();
    if (schema != nullptr) schema_facet(w, *schema);
    if (!lineage.empty()) write_column_lineage(w, lineage, ctx.region);
    w.end_object();
  }
  w.end_object();
}

/// The `inputs` or `outputs` array, written once for both events of a run.
std::string datasets(const store::LineageRun& run, const std::vector<std::string>& tables,
                     const EventContext& ctx, bool output) {
  std::string out;
  JsonWriter w(out, false);
  w.begin_array();
  for (const auto& table : tables)
    dataset(w, run, table, ctx, output);
  w.end_array();
  return out;
}

std::string event_json(const store::LineageRun& run, const EventContext& ctx, std::string_view type,
                       const std::string& time, const std::string& run_id,
                       const std::string& inputs, const std::string& outputs) {
  std::string out;
  out.reserve(1024 + run.query.size() + inputs.size() + outputs.size());
  JsonWriter w(out, false);
  w.begin_object();
  w.fields("eventType", type, "eventTime", time);
  w.key("run");
  w.begin_object();
  w.member("runId", run_id);
  w.key("facets");
  w.begin_object();
  open_facet(w, "processing_engine", "1-1-1", "ProcessingEngineRunFacet");
  std::string_view version = run.engine_version;
  if (version.empty()) version = run.selected_engine_version;
  if (version.empty()) version = "unknown";
  w.fields("version", version, "name", "Athena", "openlineageAdapterVersion", kVersion);
  w.end_object();
  open_facet(w, "externalQuery", "1-0-2", "ExternalQueryRunFacet");
  w.fields("externalQueryId", run.id, "source", "athena");
  w.end_object();
  if (type == "FAIL") {
    open_facet(w, "errorMessage", "1-0-1", "ErrorMessageRunFacet");
    std::string_view message = run.error_message;
    if (message.empty()) message = run.state_change_reason;
    if (message.empty()) message = "the query failed";
    w.fields("message", message, "programmingLanguage", "SQL");
    w.end_object();
  }
  w.end_object(); // facets
  w.end_object(); // run
  w.key("job");
  w.begin_object();
  w.fields("namespace", ctx.job_namespace, "name", job_name(run));
  w.key("facets");
  w.begin_object();
  open_facet(w, "jobType", "2-0-4", "JobTypeJobFacet");
  w.fields("processingType", "BATCH", "integration", "ATHENA", "jobType", "QUERY");
  w.end_object();
  open_facet(w, "sql", "1-1-0", "SQLJobFacet");
  w.fields("query", run.query, "dialect", "athena");
  w.end_object();
  w.end_object(); // facets
  w.end_object(); // job
  w.fields("inputs", JsonWriter::Raw{inputs}, "outputs", JsonWriter::Raw{outputs}, "producer",
           producer(), "schemaURL", kEventSchema);
  w.end_object();
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
  const std::string inputs = datasets(run, run.reads, ctx, false);
  const std::string outputs = datasets(run, run.writes, ctx, true);
  std::vector<store::OlEvent> out;
  for (const auto& [type, ms] : {std::pair<std::string_view, int64_t>{"START", start_ms},
                                 std::pair<std::string_view, int64_t>{end_type, end_ms}}) {
    store::OlEvent e;
    e.query_id = run.id;
    e.run_id = run_id;
    e.event_type = std::string(type);
    e.event_time = lineage::iso8601_utc(ms);
    e.body = event_json(run, ctx, type, e.event_time, run_id, inputs, outputs);
    out.push_back(std::move(e));
  }
  return out;
}

} // namespace athena::openlineage
