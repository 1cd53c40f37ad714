// `push --json`: the summary object's exact bytes, every field set (the e2e tests read it back
// by key only).
#include <gtest/gtest.h>

#include "src/openmetadata/push_job.h"
#include "tests/support/test_support.h"

namespace athena::openmetadata {
namespace {

std::filesystem::path golden(const std::string& name) {
  return athena::testing::source_dir() / "tests/app/testdata/om" / name;
}

TEST(PushSummaryJson, EveryFieldInOrder) {
  PushSummary s;
  s.exit_code = 1;
  s.error = "a \"quoted\" error";
  s.server = "http://om:8585/api";
  s.server_version = "1.5.4";
  s.window_start = "2026-10-22";
  s.today = "2026-11-20";
  s.schemas_listed = 2;
  s.list_requests = 3;
  s.tables_known = 40;
  s.skipped_tables = {{"awsdatacatalog.raw.gone", "not in OpenMetadata", 7},
                      {"s3://b/x/", "an S3 location", 0}};
  s.s3_locations = {"s3://b/x/"};
  s.edges = 11;
  s.edges_skipped = 1;
  s.column_mappings = 25;
  s.columns_skipped = 4;
  s.usage_rows_skipped = 5;
  s.days_outside_window = 6;
  s.usage_backfill_skipped = 8;
  s.queries_skipped = 9;
  s.usage_waiting_from = "2026-11-19";
  s.usage_waiting_reason = "today is not over";
  s.usage_waiting_days = 2;
  s.usage_waiting_table_days = 12;
  s.usage_days_sent = {"2026-11-17", "2026-11-18"};
  s.usage_read_backs = 1;
  s.usage_reconciled = 3;
  s.unrepresentable = {{"usage|s.d.t|2026-11-01", "s.d.t", "2026-11-01", 3, "too old"}};
  s.unrepresentable_new = s.unrepresentable;
  s.leftovers = 7;
  s.leftovers_new = 2;
  s.notice = "a notice";
  s.kinds["lineage"] = {11, 2, 8, 1, 0};
  s.kinds["usage"] = {4, 0, 3, 0, 1};
  s.failures = {"PUT /v1/lineage: 400 bad"};
  s.dry_run = false;
  s.dry_run_requests = 0;
  s.http_attempts = 30;
  s.http_retries = 2;
  s.seconds = 1.23456;
  athena::testing::expect_golden(golden("push_summary_full.json"), summary_json(s));
}

TEST(PushSummaryJson, OptionalFieldsLeftOutWhenEmpty) {
  PushSummary s;
  s.dry_run = true;
  s.dry_run_requests = 5;
  athena::testing::expect_golden(golden("push_summary_empty.json"), summary_json(s));
}

} // namespace
} // namespace athena::openmetadata
