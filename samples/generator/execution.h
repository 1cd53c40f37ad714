#pragma once

#include <cstdint>
#include <string>

#include "samples/generator/outcome.h"
#include "samples/generator/people.h"
#include "samples/generator/statement.h"

namespace athena::samplegen {

/// Athena's Statistics block. Fields Athena leaves out are marked absent.
struct Statistics {
  int64_t engine_ms = 0;
  int64_t scanned_bytes = 0;
  int64_t total_ms = 0;
  int64_t queue_ms = 0;
  int64_t preprocessing_ms = 0;
  int64_t planning_ms = 0;
  int64_t service_processing_ms = 0;
  bool has_service_processing = true; ///< absent while QUEUED/RUNNING
  bool reused = false;
  std::string manifest_location; ///< DataManifestLocation; empty when absent
};

/// One QueryExecution as batch-get-query-execution returns it, plus the CloudTrail side.
struct Execution {
  std::string id;
  const Statement* stmt = nullptr;
  std::string output_location;
  const Workgroup* workgroup = nullptr;
  const User* user = nullptr;
  ExecContext ctx;
  Outcome outcome;
  int64_t submission_ms = 0;
  int64_t completion_ms = 0; ///< meaningful only for terminal states
  Statistics stats;
  std::string request_id;   ///< CloudTrail requestID
  std::string event_id;     ///< CloudTrail eventID
  std::string client_token; ///< StartQueryExecution ClientRequestToken
};

/// A version-4 UUID from the generator's stream.
std::string make_uuid(Rng& rng);

/// Fills realistic, mutually consistent statistics and the completion time. `now_ms` is the end
/// of the window (how far a RUNNING or QUEUED query has got).
void fill_statistics(Rng& rng, Execution& e, int64_t now_ms);

/// Appends the QueryExecution object (pretty or compact) at the given indent depth.
void write_query_execution(std::string& out, const Execution& e, bool pretty, int indent);

/// Appends the CloudTrail StartQueryExecution event as one compact JSON object.
void write_cloudtrail_event(std::string& out, const Execution& e);

} // namespace athena::samplegen
