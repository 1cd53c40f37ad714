#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <map>
#include <ostream>
#include <set>
#include <string>
#include <vector>

#include "src/config/workflow_config.h"
#include "src/openmetadata/push_plan.h"
#include "src/store/outbox.h"
#include "src/store/store.h"

namespace athena::openmetadata {

struct PushOptions {
  bool dry_run = false;      ///< write the requests as JSON Lines to `dry_run_out` instead
  bool prune = false;        ///< delete edges we created earlier that are no longer stored
  bool retry_failed = false; ///< re-send requests OM refused (4xx) in an earlier run
  std::string since;         ///< YYYY-MM-DD or "": nothing older
  std::string today;         ///< YYYY-MM-DD or "" for the current UTC date
  std::ostream* dry_run_out = nullptr;
  int64_t now_ms = 0; ///< the time the settle rule counts from; 0 = the clock
  /// The database file: a push holds its advisory lock (a second push is refused) and reads
  /// its snapshot while no pull or analyze writes. Empty: no locking (tests of the library).
  std::filesystem::path db_path;
  std::chrono::milliseconds ingest_wait{std::chrono::hours(1)};
};

/// Requests of one kind (lineage, query, joins, usage, percentile, unlineage) in one run.
struct KindCounts {
  int64_t planned = 0;   ///< what the store holds now
  int64_t unchanged = 0; ///< OM already holds it (delivered earlier)
  int64_t sent = 0;      ///< delivered in this run (2xx)
  int64_t failed = 0;    ///< refused (4xx) or still failing after every retry
  int64_t pending = 0;   ///< left in the outbox for the next run
};

struct PushSummary {
  int exit_code = 0;  ///< 0 ok; 1 something skipped or failed; 2 nothing done (error)
  std::string error;  ///< why nothing was done (exit 2)
  std::string server; ///< host:port/api (no credentials)
  std::string server_version;
  std::string window_start, today;
  int64_t schemas_listed = 0, list_requests = 0, tables_known = 0;
  std::vector<SkippedTable> skipped_tables;
  std::vector<std::string> s3_locations;
  int64_t edges = 0, edges_skipped = 0, column_mappings = 0, columns_skipped = 0;
  int64_t usage_rows_skipped = 0, days_outside_window = 0, usage_backfill_skipped = 0;
  int64_t queries_skipped = 0;
  // Usage days: settled and sent (or found already held), waiting to settle, and table-days
  // OpenMetadata cannot take (recorded once; the ones recorded by this run in `_new`).
  std::string usage_waiting_from, usage_waiting_reason;
  int64_t usage_waiting_days = 0, usage_waiting_table_days = 0;
  std::set<std::string> usage_days_sent;
  int64_t usage_read_backs = 0; ///< writes whose outcome was unknown, read back
  int64_t usage_reconciled = 0; ///< table-days OM already held as intended (no write)
  /// Read-backs that first waited for an earlier write's request timeout to pass.
  int64_t usage_read_back_waits = 0;
  std::vector<store::Unrepresentable> unrepresentable; ///< recorded, within the window
  std::vector<store::Unrepresentable> unrepresentable_new;
  // Leftovers (unknown tables, days OM cannot take, unknown columns) and how many are new
  // since the previous push: only new ones or failed requests make the exit status 1.
  int64_t leftovers = 0, leftovers_new = 0;
  std::string notice;
  std::map<std::string, KindCounts> kinds;
  std::vector<std::string> failures; ///< one line per failed request
  bool dry_run = false;
  int64_t dry_run_requests = 0;
  long http_attempts = 0, http_retries = 0;
  double seconds = 0;
};

/// The whole push: resolve tables, plan from the store, record in the outbox what changed,
/// send every pending request (lineage, queries, joins, usage oldest day first, percentiles),
/// and mark each done after its 2xx. Safe to run again after any failure.
PushSummary run_push(const config::WorkflowConfig& config, const PushOptions& options,
                     store::Store& store);

/// The one-screen summary.
std::string summary_text(const PushSummary& s);
/// The summary as one JSON object (a line).
std::string summary_json(const PushSummary& s);

} // namespace athena::openmetadata
