// `athena-lineage push --config F`: the store -> OpenMetadata (src/openmetadata/push_job.h).
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <string>

#include "src/cli/commands.h"
#include "src/cli/config_loading.h"
#include "src/cli/output_target.h"
#include "src/cli/store_access.h"
#include "src/config/workflow_config.h"
#include "src/openmetadata/push_job.h"
#include "src/readers/time_text.h"
#include "src/store/store.h"

namespace athena::cli {
namespace {

struct PushArgs {
  std::string config;
  std::string db;
  bool dry_run = false;
  bool prune = false;
  bool retry_failed = false;
  bool json = false;
  std::string out;
  std::string since;
  std::string today;
  std::string now;
};

int run(const PushArgs& a) {
  std::optional<config::WorkflowConfig> loaded = load_config_or_report(a.config);
  if (!loaded) return static_cast<int>(ExitCode::kUsageOrIo);
  const config::WorkflowConfig& cfg = *loaded;
  const std::string db = database_path(a.db, cfg);
  auto store = open_store_for_sink(db);
  if (!store) return static_cast<int>(ExitCode::kUsageOrIo);
  OutputTarget target;
  if (!target.open(a.out)) return static_cast<int>(ExitCode::kUsageOrIo);
  std::ostream* out = &target.stream();
  openmetadata::PushOptions options;
  options.dry_run = a.dry_run;
  options.prune = a.prune;
  options.retry_failed = a.retry_failed;
  options.since = a.since;
  options.today = a.today;
  options.dry_run_out = out;
  options.db_path = db;
  if (!a.now.empty()) {
    auto ms = readers::parse_datetime_ms(a.now);
    if (!ms) {
      std::cerr << "athena-lineage: error: --now '" << a.now
                << "' is not a time YYYY-MM-DDTHH:MM:SSZ\n";
      return static_cast<int>(ExitCode::kUsageOrIo);
    }
    options.now_ms = *ms;
  }
  openmetadata::PushSummary s = openmetadata::run_push(cfg, options, *store);
  // The summary is the result, unless the requests of --dry-run are (then it is a diagnostic).
  std::ostream& summary = a.dry_run ? std::cerr : *out;
  if (s.exit_code == 2) {
    std::cerr << "athena-lineage: error: " << s.error << "\n";
    if (a.json) summary << openmetadata::summary_json(s);
    return s.exit_code;
  }
  summary << (a.json ? openmetadata::summary_json(s) : openmetadata::summary_text(s));
  summary.flush();
  if (!target.finish()) return static_cast<int>(ExitCode::kUsageOrIo);
  return s.exit_code;
}

} // namespace

void add_push_command(CLI::App& app, int& exit_code) {
  auto* cmd = app.add_subcommand(
      "push", "Send the stored lineage, usage, joins and query shapes to OpenMetadata");
  auto a = std::make_shared<PushArgs>();
  cmd->add_option("--config", a->config, "OpenMetadata workflow config (JSON or YAML)")->required();
  cmd->add_option("--db", a->db, "SQLite database (default: athenaLineage.db, athena-lineage.db)");
  cmd->add_flag("--dry-run", a->dry_run,
                "write the requests as JSON Lines (to --out or stdout) instead of sending");
  cmd->add_flag("--prune", a->prune,
                "delete lineage edges an earlier push created that are no longer stored");
  cmd->add_flag("--retry-failed", a->retry_failed,
                "send again requests OpenMetadata refused (4xx) in an earlier run");
  cmd->add_flag("--json", a->json, "print the summary as one JSON object");
  cmd->add_option("--out", a->out, "write the summary (or the --dry-run requests) to FILE");
  cmd->add_option("--since", a->since, "send nothing older than this day (YYYY-MM-DD)");
  cmd->add_option("--today", a->today, "the UTC day the 30-day window ends on (default: today)")
      ->group("");
  cmd->add_option("--now", a->now, "the time the usage settle rule counts from (default: now)")
      ->group("");
  cmd->callback([&exit_code, a] { exit_code = run(*a); });
}

} // namespace athena::cli
