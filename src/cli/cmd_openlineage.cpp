// `athena-lineage openlineage`: the store -> OpenLineage RunEvents (src/openlineage/).
#include <filesystem>
#include <iostream>
#include <memory>
#include <string>

#include "src/cli/commands.h"
#include "src/cli/config_loading.h"
#include "src/cli/store_access.h"
#include "src/openlineage/export_job.h"
#include "src/openlineage/run_step.h"
#include "src/store/store.h"

namespace athena::cli {
namespace {

struct OpenLineageArgs {
  std::string db;
  std::string url;
  std::string out;
  std::string ns;
  std::string region;
  std::string since;
  std::string config;
  bool dry_run = false;
  bool retry_failed = false;
  int max_attempts = -1;
  double retry_base_seconds = -1;
};

int run(const OpenLineageArgs& a) {
  std::optional<config::WorkflowConfig> cfg;
  if (!a.config.empty()) {
    cfg = load_config_or_report(a.config);
    if (!cfg) return static_cast<int>(ExitCode::kUsageOrIo);
  }
  openlineage::ExportOptions o;
  if (cfg && cfg->open_lineage) o = openlineage::options_from_config(*cfg);
  if (!a.url.empty() || !a.out.empty()) o.url = a.url;
  o.out_file = a.out;
  if (!a.ns.empty()) o.job_namespace = a.ns;
  o.region = openlineage::region(a.region, cfg ? &*cfg : nullptr);
  o.since = a.since;
  o.dry_run = a.dry_run;
  o.retry_failed = a.retry_failed;
  o.dry_run_out = &std::cout;
  if (o.sender.api_key.empty()) o.sender.api_key = openlineage::api_key({});
  if (a.max_attempts > 0) o.sender.max_attempts = a.max_attempts;
  if (a.retry_base_seconds >= 0) {
    o.sender.retry_base_seconds = a.retry_base_seconds;
    o.sender.max_backoff_seconds = a.retry_base_seconds * 16;
  }
  if (o.url.empty() == o.out_file.empty()) {
    std::cerr << "athena-lineage: error: openlineage: give exactly one of --url and --out\n";
    return static_cast<int>(ExitCode::kUsageOrIo);
  }
  const std::string db = cfg ? database_path(a.db, *cfg) : a.db;
  auto store = open_store_for_sink(db);
  if (!store) return static_cast<int>(ExitCode::kUsageOrIo);
  const openlineage::ExportSummary s = openlineage::run_export(o, *store);
  if (s.exit_code == 2) {
    std::cerr << "athena-lineage: error: openlineage: " << s.error << "\n";
    return s.exit_code;
  }
  // The summary is a diagnostic when the events themselves go to stdout.
  (a.dry_run ? std::cerr : std::cout) << openlineage::summary_text(s);
  return s.exit_code;
}

} // namespace

void add_openlineage_command(CLI::App& app, int& exit_code) {
  auto* cmd = app.add_subcommand(
      "openlineage", "Send every stored data statement as OpenLineage RunEvents (Marquez, "
                     "DataHub, ...), or write them as JSON Lines");
  auto a = std::make_shared<OpenLineageArgs>();
  cmd->add_option("--db", a->db, "SQLite database")->required();
  cmd->add_option("--url", a->url,
                  "POST the events here (Marquez's /api/v1/lineage when the URL has no path)");
  cmd->add_option("--out", a->out, "write the events as JSON Lines to FILE instead");
  cmd->add_option("--namespace", a->ns, "job namespace (default: athena)");
  cmd->add_option("--region", a->region,
                  "AWS region of the dataset namespace awsathena://athena.REGION.amazonaws.com "
                  "(default: the config's, else $AWS_REGION)");
  cmd->add_option("--since", a->since,
                  "only executions submitted on or after this UTC day (YYYY-MM-DD)");
  cmd->add_flag("--dry-run", a->dry_run,
                "print the events that would be sent or written (stdout), send nothing");
  cmd->add_option("--config", a->config,
                  "workflow config whose athenaLineage.openLineage gives defaults");
  cmd->add_flag("--retry-failed", a->retry_failed,
                "send again events the server refused (4xx) in an earlier run");
  cmd->add_option("--max-attempts", a->max_attempts, "attempts per event (default 5)")->group("");
  cmd->add_option("--retry-base-seconds", a->retry_base_seconds, "backoff base")->group("");
  cmd->callback([&exit_code, a] { exit_code = run(*a); });
}

} // namespace athena::cli
