#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace athena::model {

/// Athena's `Status.State`; kUnknown when a log gives none we recognise.
enum class QueryState { kQueued, kRunning, kSucceeded, kFailed, kCancelled, kUnknown };

/// "SUCCEEDED", "FAILED", ... as Athena spells them.
std::string_view to_string(QueryState state);
/// Case-insensitive inverse of to_string(); kUnknown for anything else.
QueryState parse_query_state(std::string_view text);
/// True for SUCCEEDED, FAILED and CANCELLED.
bool is_terminal(QueryState state);

/// One query execution as every reader and the Athena client hand it on: the fields of
/// Athena's QueryExecution we use, plus what other logs add (user, cost). Times are
/// milliseconds since the Unix epoch, UTC.
struct QueryRecord {
  /// QueryExecutionId; for logs without one, "h-" + a stable hash of the record's content.
  std::string id;
  bool id_is_synthetic = false;
  std::string query;             ///< the SQL text
  std::string statement_type;    ///< DDL | DML | UTILITY as reported ("" when absent)
  std::string substatement_type; ///< SELECT, INSERT, ... as reported ("" when absent)
  std::string catalog;           ///< QueryExecutionContext.Catalog ("" when absent)
  std::string database;          ///< QueryExecutionContext.Database ("" when absent)
  std::string workgroup;
  std::string engine_version;          ///< EngineVersion.EffectiveEngineVersion
  std::string selected_engine_version; ///< EngineVersion.SelectedEngineVersion ("AUTO", ...)
  QueryState state = QueryState::kUnknown;
  std::string state_change_reason;
  std::optional<int> error_category;   ///< Status.AthenaError.ErrorCategory
  std::optional<int> error_type;       ///< Status.AthenaError.ErrorType
  std::string error_message;           ///< Status.AthenaError.ErrorMessage
  std::optional<bool> error_retryable; ///< Status.AthenaError.Retryable
  std::optional<int64_t> submission_ms;
  std::optional<int64_t> completion_ms;
  std::optional<int64_t> data_scanned_bytes;
  std::optional<int64_t> engine_ms;
  std::optional<int64_t> queue_ms;
  std::optional<int64_t> total_ms;
  std::optional<int64_t> planning_ms;
  std::optional<int64_t> service_pre_processing_ms; ///< ServicePreProcessingTimeInMillis
  std::optional<int64_t> service_processing_ms;     ///< ServiceProcessingTimeInMillis
  std::optional<bool> reused_previous_result;       ///< ResultReuseInformation
  std::string data_manifest_location;               ///< Statistics.DataManifestLocation
  std::string output_location;                      ///< ResultConfiguration.OutputLocation
  std::string user;               ///< from CloudTrail, the CSV or DataHub; "" when unknown
  std::optional<double> cost_usd; ///< when the log states it (OpenMetadata's CSV)
  std::string session_id;         ///< DataHub's session_id ("" when absent)
  /// Where the record came from, for diagnostics: "FILE:LINE" or "FILE#RECORD".
  std::string origin;
};

} // namespace athena::model
