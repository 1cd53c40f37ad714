// `athena-lineage pull --config F`: Athena query history into the store, then analyzed
// (src/pull/pull_job.h).
#include <cstdio>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "src/auth/aws_error.h"
#include "src/cli/commands.h"
#include "src/cli/config_loading.h"
#include "src/cli/ingest_lock.h"
#include "src/config/workflow_config.h"
#include "src/pull/pull_job.h"
#include "src/pull/pull_report.h"

namespace athena::cli {

namespace {

struct PullArgs {
  ConnectionArgs connection;
  std::string db;
  std::string since;
  int days = -1; ///< -1: not given
  std::vector<std::string> workgroups;
  unsigned threads = 0;
  std::string format = "text";
  bool quiet = false;
  bool no_metadata = false;
  std::vector<std::string> schema_files;
};

void run(const PullArgs& a, int& exit_code) {
  const auto fail = [&exit_code](const std::string& message) {
    std::cerr << "athena-lineage: error: " << message << "\n";
    exit_code = static_cast<int>(ExitCode::kUsageOrIo);
  };
  if (a.format != "text" && a.format != "json") {
    return fail("--format: expected text or json, found '" + a.format + "'");
  }
  std::optional<config::WorkflowConfig> loaded = load_connection_or_report(a.connection);
  if (!loaded) {
    exit_code = static_cast<int>(ExitCode::kUsageOrIo);
    return;
  }
  const config::WorkflowConfig& config = *loaded;
  lineage::SchemaCatalog schemas;
  if (!load_schema_files_or_report(config.lineage.schema_files, schemas) ||
      !load_schema_files_or_report(a.schema_files, schemas)) {
    exit_code = static_cast<int>(ExitCode::kUsageOrIo);
    return;
  }
  pull::PullJobOptions options;
  options.schemas = &schemas;
  options.window.since = a.since;
  if (a.days != -1) options.window.days = a.days;
  if (std::string e = pull::validate_window(options.window); !e.empty()) return fail(e);
  options.workgroups = a.workgroups;
  options.threads = a.threads;
  options.progress = !a.quiet;
  options.metadata = !a.no_metadata;
  options.warn = [](const std::string& m) {
    std::cerr << "athena-lineage: warning: " << m << "\n";
  };
  const std::string db = database_path(a.db, config);
  auto opened = store::Store::open(db, store::StoreOptions{});
  if (!opened) return fail("cannot open the database: " + opened.error());
  auto store = std::move(opened).value();
  const auto ingest = hold_ingest_lock(db); // a concurrent push snapshots before or after
  if (!ingest) {
    exit_code = static_cast<int>(ExitCode::kUsageOrIo);
    return;
  }
  pull::PullSummary s = pull::run_pull(config, options, *store);
  if (!s.fatal_error.empty()) return fail(s.fatal_error);
  if (a.format == "json") {
    std::fputs(pull::summary_json(s, db).c_str(), stdout);
  } else {
    std::fputs(pull::summary_text(s, db).c_str(), stdout);
  }
  std::fflush(stdout);
  exit_code = s.exit_code();
}

} // namespace

void add_pull_command(CLI::App& app, int& exit_code) {
  auto* cmd = app.add_subcommand(
      "pull", "Pull Athena query history over the API into the database and analyze it");
  auto a = std::make_shared<PullArgs>();
  add_connection_options(cmd, a->connection);
  cmd->add_option("--db", a->db,
                  "SQLite database (default: athenaLineage.db, else athena-lineage.db)");
  cmd->add_option("--since", a->since,
                  "pull executions submitted since this UTC date, YYYY-MM-DD (default: since "
                  "each workgroup's last complete pull)");
  cmd->add_option("--days", a->days, "pull the last N days (1-45)");
  cmd->add_option("--workgroup", a->workgroups,
                  "workgroup to pull (repeatable; default: athenaLineage.workgroups, else every "
                  "enabled workgroup)");
  cmd->add_option("--threads", a->threads, "analysis threads (default: one per core)");
  cmd->add_option("--format", a->format, "summary format: text or json");
  cmd->add_flag("--quiet", a->quiet, "no progress on stderr");
  cmd->add_flag_callback(
      "--verbose", [] { aws::show_error_bodies(true); },
      "AWS errors also show the reply body (one line, at most 500 bytes, secrets masked)");
  cmd->add_flag("--no-metadata", a->no_metadata,
                "do not call ListDataCatalogs/ListDatabases/ListTableMetadata (use the cache)");
  cmd->add_option("--schema", a->schema_files,
                  "JSON file of known table schemas, as for analyze (repeatable; added to "
                  "athenaLineage.schemaFiles; fetched catalog metadata replaces a table's entry)")
      ->allow_extra_args(false);
  cmd->callback([&exit_code, a] { run(*a, exit_code); });
}

} // namespace athena::cli
