// The exact bytes of the small JSON summaries the commands print: `prune --json`, `run --json`,
// `analyze --stats` and `graph --format json` of both directions.
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "lineage/lineage_graph.h"
#include "src/analysis/stage_times.h"
#include "src/cli/prune_step.h"
#include "src/cli/run_summary.h"
#include "src/report/graph_query.h"

namespace athena {
namespace {

TEST(JsonSummaries, PruneResultAndError) {
  store::PruneResult r;
  r.cutoff_day = "2026-11-07";
  r.days = 3;
  r.queries_removed = 1200;
  r.queries_trimmed = 7;
  r.texts_removed = 980;
  r.raw_removed = 0;
  r.pages_before = 4096;
  r.pages_after = 1024;
  r.held = {{"still \"pending\" for OpenMetadata", 12}, {"RUNNING \\ QUEUED", 3}};
  EXPECT_EQ(
      cli::prune_json(r, false),
      R"({"dry_run":false,"cutoff_day":"2026-11-07","raw_cutoff_day":"","queries_removed":1200,)"
      R"("queries_trimmed":7,"texts_removed":980,"raw_removed":0,"pages_before":4096,)"
      R"("pages_after":1024,"kept_back":[{"queries":12,"reason":"still \"pending\" for )"
      R"(OpenMetadata"},{"queries":3,"reason":"RUNNING \\ QUEUED"}]})");
  EXPECT_EQ(cli::prune_json(store::PruneResult{}, true),
            R"({"dry_run":true,"cutoff_day":"","raw_cutoff_day":"","queries_removed":0,)"
            R"("queries_trimmed":0,"texts_removed":0,"raw_removed":0,"pages_before":0,)"
            R"("pages_after":0,"kept_back":[]})");
  EXPECT_EQ(cli::prune_error_json("prune: database \"x.db\" is locked"),
            R"({"error":"prune: database \"x.db\" is locked"})");
}

TEST(JsonSummaries, RunSummary) {
  EXPECT_EQ(cli::run_summary_json(true, R"({"queries":3})", R"({"skipped":true})", "", 0),
            "{\"source\":\"file\",\"analyze\":{\"queries\":3},\"push\":{\"skipped\":true},\"exit_"
            "code\":0}\n");
  EXPECT_EQ(
      cli::run_summary_json(false, R"({"fetched":2})", R"({"sent":1})", R"({"skipped":"lock"})", 1),
      R"({"source":"athena","pull":{"fetched":2},"push":{"sent":1},"retention":{"skipped":"lock"},)"
      "\"exit_code\":1}\n");
}

TEST(JsonSummaries, AnalyzeStageTimes) {
  analysis::StageTimes t;
  t.cloudtrail = 0.25;
  t.read = 1.5;
  t.schema_pass = 0.125;
  t.analysis = {0.5, 2.0, 3.25, 0.75};
  t.analysis_other = 0.0625;
  t.dbt = 0.001;
  t.store = 1.0;
  t.aggregates = -0.0004; // rounding below zero prints as 0
  t.first_batch_at = 102.5;
  EXPECT_EQ(analysis::stage_times_json(t, 4.56789, 12.0, 100.0),
            R"({"wall_seconds":4.568,"cpu_seconds":12.000,"first_batch_at_seconds":2.500,)"
            R"("stage_cpu_seconds":{"cloudtrail":0.250,"read":1.500,"schema_pass":0.125,)"
            R"("fingerprint":0.500,"parse":2.000,"lineage":3.250,"facts":0.750,)"
            R"("analysis_other":0.062,"dbt":0.001,"store":1.000,"aggregates":0.000,"other":2.562}})"
            "\n");
  EXPECT_EQ(analysis::stage_times_json(analysis::StageTimes{}, 0, 0, 0),
            R"({"wall_seconds":0.000,"cpu_seconds":0.000,"first_batch_at_seconds":0.000,)"
            R"("stage_cpu_seconds":{"cloudtrail":0.000,"read":0.000,"schema_pass":0.000,)"
            R"("fingerprint":0.000,"parse":0.000,"lineage":0.000,"facts":0.000,)"
            R"("analysis_other":0.000,"dbt":0.000,"store":0.000,"aggregates":0.000,"other":0.000}})"
            "\n");
}

TEST(JsonSummaries, GraphOfBothDirections) {
  lineage::Subgraph up;
  up.start = "awsdatacatalog.mart.\"odd\"";
  up.direction = lineage::Direction::kUpstream;
  up.nodes = {{up.start, lineage::NodeKind::kTable, 0}};
  lineage::Subgraph down = up;
  down.direction = lineage::Direction::kDownstream;
  EXPECT_EQ(
      report::render_graph({up, down}, "json"),
      R"({"start":"awsdatacatalog.mart.\"odd\"","upstream":{"start":"awsdatacatalog.mart.\"odd\"",)"
      R"("direction":"upstream","nodes":[{"name":"awsdatacatalog.mart.\"odd\"","kind":"table",)"
      R"("depth":0}],"edges":[],"queries":[]},"downstream":{"start":)"
      R"("awsdatacatalog.mart.\"odd\"","direction":"downstream","nodes":[{"name":)"
      R"("awsdatacatalog.mart.\"odd\"","kind":"table","depth":0}],"edges":[],"queries":[]}})"
      "\n");
  EXPECT_EQ(report::render_graph({down}, "json"),
            R"({"start":"awsdatacatalog.mart.\"odd\"","direction":"downstream","nodes":[{"name":)"
            R"("awsdatacatalog.mart.\"odd\"","kind":"table","depth":0}],"edges":[],"queries":[]})"
            "\n");
}

} // namespace
} // namespace athena
