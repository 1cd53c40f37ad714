#pragma once

#include <atomic>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "src/auth/aws_error.h"
#include "src/auth/credential_provider.h"
#include "src/auth/endpoint.h"
#include "src/http/http_client.h"
#include "src/http/rate_limiter.h"
#include "src/http/retry.h"
#include "src/util/result.h"

namespace athena::aws {

struct AthenaClientOptions {
  Endpoint endpoint; ///< from resolve_athena_endpoint(); must have no error
  /// The JSON 1.1 service spoken: X-Amz-Target prefix and SigV4 service name. Glue speaks
  /// the same protocol ("AWSGlue", "glue"), so its client is this class too.
  std::string target_prefix = "AmazonAthena";
  std::string signing_service = "athena";
  http::HttpOptions http;
  http::RetryPolicy retry;
  /// Calls per second (0 = unlimited) and burst, per operation (spec §3.3 quotas).
  double list_query_executions_rate = 5;
  double batch_get_rate = 20;
  double other_rate = 5;
  /// Back-to-back calls allowed after idle time; Athena's own bursts are 10 (list) and 40
  /// (batch), but other callers in the account share them, so we default to none.
  double list_query_executions_burst = 1;
  double batch_get_burst = 1;
  double other_burst = 1;
  uint64_t jitter_seed = 0; ///< 0: random
};

/// An AWS call's outcome: its value, or the AwsError saying why not (operation, HTTP status,
/// code, message and the attempts made).
template <class T> using AwsResult = util::Result<T, AwsError>;

/// A successful call's reply, after retries.
struct CallReply {
  std::string body;
  int attempts = 0; ///< tries made, the first included
};

/// Counters over the client's lifetime.
struct ClientStats {
  uint64_t calls = 0;    ///< logical calls
  uint64_t attempts = 0; ///< HTTP requests sent
  uint64_t throttled = 0;
  uint64_t server_errors = 0;
  uint64_t transport_errors = 0;
  uint64_t retries = 0;
  uint64_t quota_exhausted = 0;
};

struct WorkGroupSummary {
  std::string name;
  std::string state; ///< ENABLED | DISABLED
};

struct DataCatalogSummary {
  std::string name;
  std::string type; ///< GLUE | LAMBDA | HIVE | FEDERATED
};

struct ColumnInfo {
  std::string name;
  std::string type;
};

struct TableMetadata {
  std::string name;
  std::string table_type;
  std::vector<ColumnInfo> columns; ///< Columns, then PartitionKeys (SELECT * order)
  std::string location;            ///< S3 location (Glue StorageDescriptor.Location), or ""
  std::string view_sql;            ///< a view's SQL (Glue ViewOriginalText, decoded), or ""
  std::string view_catalog;        ///< the catalog and schema the view's SQL names tables in
  std::string view_schema;         ///< (an Athena view's JSON), or "" when not given
};

/// One execution as a pull delivers it: the fields the caller needs to store and order it, and
/// the raw QueryExecution JSON object (minified) for the store to keep as is.
struct FetchedExecution {
  std::string id;
  std::string workgroup;
  std::string state;           ///< Status.State, "" when absent
  double submission_time = -1; ///< Status.SubmissionDateTime (epoch seconds), -1 when absent
  std::string raw_json;
};

struct WorkgroupOutcome {
  std::string workgroup;
  bool complete = false; ///< paged to the end, the cutoff or the limit without error
  std::string error;     ///< why not, when not complete
  std::size_t listed = 0;
  std::size_t fetched = 0;
  std::size_t skipped_known = 0;
  std::size_t unprocessed = 0; ///< ids BatchGet and GetQueryExecution both failed on
  /// Ids fetched with GetQueryExecution because BatchGetQueryExecution refused a whole call.
  std::size_t fetched_one_by_one = 0;
  bool credentials_refused = false; ///< AWS rejected the credentials themselves
  double newest_submission = -1;    ///< newest SubmissionDateTime seen (fetched or known)
};

struct PullOptions {
  /// Workgroups to pull; empty: every ENABLED workgroup from ListWorkGroups (falling back to
  /// `primary` with a warning when that is denied).
  std::vector<std::string> workgroups;
  /// Epoch seconds: stop paging a workgroup after a page whose executions are all older.
  std::optional<double> cutoff;
  /// Per-workgroup cutoffs (epoch seconds), overriding `cutoff` for the workgroups named.
  std::map<std::string, double> workgroup_cutoffs;
  /// Stop a workgroup after listing this many ids (0: no limit).
  std::size_t max_per_workgroup = 0;
  /// For ids already stored (and terminal): their SubmissionDateTime, so they are not fetched
  /// again but still count for the cutoff. nullopt = fetch.
  std::function<std::optional<double>(const std::string& id)> known;
  /// Receives executions as they arrive (several calls per page is possible).
  std::function<void(std::vector<FetchedExecution>&&)> on_batch;
  std::function<void(const WorkgroupOutcome&)> on_workgroup_done;
  std::function<void(const std::string&)> warn;
  /// How many list pages a workgroup may run ahead of their details.
  std::size_t pages_ahead = 4;
};

struct PullResult {
  std::vector<WorkgroupOutcome> workgroups;
  std::vector<std::string> warnings;
  std::size_t fetched = 0;
  [[nodiscard]] bool complete() const;
};

/// The Athena JSON 1.1 client: signs each attempt with fresh credentials, retries in standard
/// mode with a retry quota, paces each operation with its own rate limiter, and runs many
/// calls in parallel on one libcurl multi loop. Not thread-safe; use from one thread.
class AthenaClient {
public:
  AthenaClient(AthenaClientOptions options, std::shared_ptr<CachingCredentials> credentials);
  ~AthenaClient();

  /// Queues `operation` with JSON `body`; `done` runs inside run().
  void call_async(std::string operation, std::string body,
                  std::function<void(AwsResult<CallReply>&&)> done);
  void run();
  /// One call, blocking.
  [[nodiscard]] AwsResult<CallReply> call(const std::string& operation, std::string body);

  [[nodiscard]] AwsResult<std::vector<WorkGroupSummary>> list_work_groups();
  [[nodiscard]] AwsResult<std::vector<DataCatalogSummary>> list_data_catalogs();
  [[nodiscard]] AwsResult<std::vector<std::string>> list_databases(const std::string& catalog);
  [[nodiscard]] AwsResult<std::vector<TableMetadata>>
  list_table_metadata(const std::string& catalog, const std::string& database);
  /// Lists and fetches query executions of every workgroup (see PullOptions).
  PullResult pull(const PullOptions& options);

  const ClientStats& stats() const { return stats_; }

private:
  struct CallState;
  void attempt(const std::shared_ptr<CallState>& st);
  void send(const std::shared_ptr<CallState>& st);
  void on_response(const std::shared_ptr<CallState>& st, http::HttpResponse&& resp);
  http::RateLimiter& limiter_for(const std::string& operation);

  AthenaClientOptions options_;
  std::shared_ptr<CachingCredentials> credentials_;
  http::HttpClient http_;
  http::RetryQuota quota_;
  http::RateLimiter list_limiter_;
  http::RateLimiter batch_limiter_;
  http::RateLimiter other_limiter_;
  std::mt19937_64 rng_;
  ClientStats stats_;
};

} // namespace athena::aws
