#include "src/readers/query_execution_json.h"

#include "src/readers/json_fields.h"
#include "src/readers/record_hash.h"

namespace athena::readers {

util::Status query_execution_from_json(simdjson::dom::element element, model::QueryRecord& out) {
  simdjson::dom::object obj;
  if (element.get(obj) != simdjson::SUCCESS) {
    return util::Error{"expected a QueryExecution object, found " +
                       std::string(json_type_name(element.type()))};
  }
  std::string error;
  JsonFields qe(obj, "", error);
  out = model::QueryRecord{};
  qe.string("QueryExecutionId", out.id);
  qe.string("Query", out.query);
  qe.string("StatementType", out.statement_type);
  qe.string("SubstatementType", out.substatement_type);
  qe.string("WorkGroup", out.workgroup);
  if (auto ctx = qe.object("QueryExecutionContext")) {
    ctx->string("Database", out.database);
    ctx->string("Catalog", out.catalog);
  }
  if (auto status = qe.object("Status")) {
    std::string state;
    status->string("State", state);
    if (!state.empty()) {
      out.state = model::parse_query_state(state);
      if (out.state == model::QueryState::kUnknown && error.empty()) {
        error = "Status.State: expected QUEUED, RUNNING, SUCCEEDED, FAILED or CANCELLED, found \"" +
                state.substr(0, 64) + "\"";
      }
    }
    status->string("StateChangeReason", out.state_change_reason);
    out.submission_ms = status->timestamp_ms("SubmissionDateTime");
    out.completion_ms = status->timestamp_ms("CompletionDateTime");
    if (auto ae = status->object("AthenaError")) {
      // The model bounds these to 1..3 and 0..9999; anything far outside is not Athena's.
      auto small_int = [&](std::string_view key) -> std::optional<int> {
        auto v = ae->integer(key);
        if (!v) return std::nullopt;
        if (*v < 0 || *v > 1'000'000) {
          if (error.empty()) error = ae->path_of(key) + ": out of range: " + std::to_string(*v);
          return std::nullopt;
        }
        return static_cast<int>(*v);
      };
      out.error_category = small_int("ErrorCategory");
      out.error_type = small_int("ErrorType");
      out.error_retryable = ae->boolean("Retryable");
      ae->string("ErrorMessage", out.error_message);
    }
  }
  if (auto st = qe.object("Statistics")) {
    out.engine_ms = st->integer("EngineExecutionTimeInMillis");
    out.data_scanned_bytes = st->integer("DataScannedInBytes");
    out.total_ms = st->integer("TotalExecutionTimeInMillis");
    out.queue_ms = st->integer("QueryQueueTimeInMillis");
    out.planning_ms = st->integer("QueryPlanningTimeInMillis");
    out.service_pre_processing_ms = st->integer("ServicePreProcessingTimeInMillis");
    out.service_processing_ms = st->integer("ServiceProcessingTimeInMillis");
    st->string("DataManifestLocation", out.data_manifest_location);
    if (auto reuse = st->object("ResultReuseInformation")) {
      out.reused_previous_result = reuse->boolean("ReusedPreviousResult");
    }
  }
  if (auto rc = qe.object("ResultConfiguration")) rc->string("OutputLocation", out.output_location);
  if (auto ev = qe.object("EngineVersion")) {
    ev->string("EffectiveEngineVersion", out.engine_version);
    ev->string("SelectedEngineVersion", out.selected_engine_version);
  }
  if (!error.empty()) return util::Error{std::move(error)};
  if (out.query.empty()) {
    return util::Error{qe.element("Query")
                           ? "Query: empty query text"
                           : "Query: missing (a QueryExecution needs its query text)"};
  }
  if (out.id.empty()) {
    out.id_is_synthetic = true;
    std::string submitted = out.submission_ms ? std::to_string(*out.submission_ms) : "";
    out.id = synthetic_query_id(
        {"athena", out.query, out.catalog, out.database, out.workgroup, submitted});
  }
  return util::Status::success();
}

util::Status query_execution_from_json(simdjson::dom::parser& parser, std::string_view json,
                                       model::QueryRecord& out) {
  simdjson::dom::element el;
  auto rc = parser.parse(json.data(), json.size(), true).get(el);
  if (rc != simdjson::SUCCESS) {
    return util::Error{std::string("invalid JSON: ") + simdjson::error_message(rc)};
  }
  return query_execution_from_json(el, out);
}

} // namespace athena::readers
