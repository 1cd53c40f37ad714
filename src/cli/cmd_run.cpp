// `athena-lineage run --config F`: the nightly job. The source (the Athena API, or the
// config's queryLogFilePath), analysis, then the OpenMetadata sink. Safe to run again after any
// failure: the pull is incremental and lossless, analysis is idempotent, and the push sends
// only what its outbox still has pending.
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "lineage/json_writer.h"
#include "lineage/schema_catalog.h"
#include "src/analysis/pipeline.h"
#include "src/analysis/pipeline_report.h"
#include "src/auth/aws_error.h"
#include "src/catalog/schema_sources.h"
#include "src/cli/commands.h"
#include "src/cli/config_loading.h"
#include "src/cli/ingest_lock.h"
#include "src/cli/output_target.h"
#include "src/cli/prune_step.h"
#include "src/cli/run_summary.h"
#include "src/openlineage/run_step.h"
#include "src/openmetadata/push_job.h"
#include "src/pull/pull_job.h"
#include "src/pull/pull_report.h"

namespace athena::cli {

namespace {

struct RunArgs {
  ConnectionArgs connection;
  std::string db;
  std::string since;
  int days = -1; ///< -1: not given
  std::vector<std::string> workgroups;
  unsigned threads = 0;
  bool json = false;
  bool quiet = false;
  bool dry_run = false;
  bool prune = false;
  bool no_push = false;
  std::string out;
  std::vector<std::string> schema_files;
};

void trim_newline(std::string& s) {
  while (!s.empty() && s.back() == '\n')
    s.pop_back();
}

/// What one step did: its exit status per CONTRACT.md and its summary in both forms.
struct StepOutcome {
  int exit_code = 0;
  std::string fatal; ///< the step could do nothing
  std::string text;
  std::string json;
};

StepOutcome pull_step(const config::WorkflowConfig& cfg, const RunArgs& a, const std::string& db,
                      const lineage::SchemaCatalog& schemas, store::Store& store) {
  StepOutcome out;
  pull::PullJobOptions options;
  options.window.since = a.since;
  if (a.days != -1) options.window.days = a.days;
  if (std::string e = pull::validate_window(options.window); !e.empty()) {
    out.fatal = e;
    return out;
  }
  options.workgroups = a.workgroups;
  // OpenMetadata's tables under the schema files; the pull puts the Athena metadata on top.
  lineage::SchemaCatalog catalog = schemas;
  catalog::gather_schemas(&cfg, store, catalog, [](const std::string& m) {
    std::cerr << "athena-lineage: warning: " << m << "\n";
  });
  options.schemas = &catalog;
  options.threads = a.threads;
  options.progress = !a.quiet;
  options.warn = [](const std::string& m) {
    std::cerr << "athena-lineage: warning: " << m << "\n";
  };
  pull::PullSummary s = pull::run_pull(cfg, options, store);
  out.fatal = s.fatal_error;
  out.exit_code = s.exit_code();
  out.text = pull::summary_text(s, db);
  out.json = pull::summary_json(s, db);
  trim_newline(out.json);
  return out;
}

/// `source.sourceConfig.config.queryLogFilePath`: an exported log instead of the API, read
/// as `analyze` reads it.
StepOutcome file_step(const config::WorkflowConfig& cfg, const RunArgs& a, const std::string& db,
                      const lineage::SchemaCatalog& schemas, store::Store& store) {
  StepOutcome out;
  analysis::PipelineOptions options;
  options.threads = a.threads;
  options.progress = !a.quiet;
  lineage::SchemaCatalog catalog = schemas;
  auto warn = [](const std::string& m) { std::cerr << "athena-lineage: warning: " << m << "\n"; };
  catalog::gather_schemas(&cfg, store, catalog, warn);
  options.catalog_records = catalog::cached_views(store, warn);
  const std::vector<std::filesystem::path> logs = {cfg.query_log_file_path};
  analysis::PipelineSummary s = analysis::run_pipeline(logs, options, catalog, store);
  out.exit_code = analysis::summary_exit_code(s);
  if (out.exit_code == static_cast<int>(ExitCode::kUsageOrIo)) {
    out.fatal = !s.error.empty() ? s.error : cfg.query_log_file_path + ": could not be read";
  }
  out.text = analysis::summary_text(s, db);
  out.json = analysis::summary_json(s, db);
  trim_newline(out.json);
  return out;
}

StepOutcome push_step(const config::WorkflowConfig& cfg, const RunArgs& a, const std::string& db,
                      store::Store& store, std::ostream* requests) {
  StepOutcome out;
  if (!cfg.om_server) {
    out.text = "push: skipped (the config has no workflowConfig.openMetadataServerConfig)\n";
    out.json = lineage::json_object("skipped", "no workflowConfig.openMetadataServerConfig");
    return out;
  }
  openmetadata::PushOptions options;
  options.dry_run = a.dry_run;
  options.prune = a.prune;
  options.dry_run_out = requests;
  options.db_path = db;
  openmetadata::PushSummary s = openmetadata::run_push(cfg, options, store);
  out.exit_code = s.exit_code;
  out.fatal = s.exit_code == static_cast<int>(ExitCode::kUsageOrIo) ? s.error : "";
  out.text = openmetadata::summary_text(s);
  out.json = openmetadata::summary_json(s);
  trim_newline(out.json);
  return out;
}

/// CONTRACT.md: 2 only when nothing was done. A sink that cannot start after the source did
/// its work makes the run incomplete (1), and the next run sends what is pending.
int overall_exit_code(const StepOutcome& source, const StepOutcome& push) {
  if (!push.fatal.empty()) return static_cast<int>(ExitCode::kPartial);
  return std::max(source.exit_code, push.exit_code);
}

int run(const RunArgs& a) {
  std::optional<config::WorkflowConfig> cfg = load_connection_or_report(a.connection);
  if (!cfg) return static_cast<int>(ExitCode::kUsageOrIo);
  lineage::SchemaCatalog schemas;
  if (!load_schema_files_or_report(cfg->lineage.schema_files, schemas) ||
      !load_schema_files_or_report(a.schema_files, schemas)) {
    return static_cast<int>(ExitCode::kUsageOrIo);
  }
  const std::string db = database_path(a.db, *cfg);
  OutputTarget target;
  if (!target.open(a.out)) return static_cast<int>(ExitCode::kUsageOrIo);
  std::ostream* out = &target.stream();
  auto opened = store::Store::open(db, store::StoreOptions{});
  if (!opened) {
    std::cerr << "athena-lineage: error: cannot open the database: " << opened.error() << "\n";
    return static_cast<int>(ExitCode::kUsageOrIo);
  }
  auto store = std::move(opened).value();
  const bool from_file = !cfg->query_log_file_path.empty();
  // While the source writes, a push elsewhere waits before reading its snapshot.
  auto ingest = hold_ingest_lock(db);
  if (!ingest) return static_cast<int>(ExitCode::kUsageOrIo);
  const StepOutcome source =
      from_file ? file_step(*cfg, a, db, schemas, *store) : pull_step(*cfg, a, db, schemas, *store);
  ingest.reset();
  if (!source.fatal.empty()) {
    // Nothing was fetched or read: stop before pushing, as a scheduler expects of status 2.
    std::cerr << "athena-lineage: error: " << source.fatal << "\n";
    return static_cast<int>(ExitCode::kUsageOrIo);
  }
  StepOutcome push;
  if (a.no_push) {
    push.text = "push: skipped (--no-push)\n";
    push.json = lineage::json_object("skipped", "--no-push");
  } else {
    push = push_step(*cfg, a, db, *store, out);
  }
  if (!push.fatal.empty()) std::cerr << "athena-lineage: error: push: " << push.fatal << "\n";
  // OpenLineage (athenaLineage.openLineage): its own sink after push (not with --no-push); its
  // summary goes to stderr when stdout holds JSON or --dry-run requests.
  const int ol_code = a.no_push ? 0
                                : openlineage::run_step(*cfg, *store, a.dry_run, out,
                                                        a.json || a.dry_run ? std::cerr : *out);
  // Retention (athenaLineage.retention) after the sinks, so what they just delivered can go.
  PruneOutcome retention;
  const auto& keep = cfg->lineage;
  if (keep.retention_days || keep.retention_raw_days) {
    store::PruneOptions options;
    options.keep_days = keep.retention_days;
    options.keep_raw_days = keep.retention_raw_days;
    options.dry_run = a.dry_run;
    options.now_ms = prune_now_ms();
    if (options.now_ms < 0) options.now_ms = 0;
    auto lock = hold_ingest_lock(db);
    if (lock) {
      retention = run_prune_step(*store, options);
    } else {
      retention.exit_code = static_cast<int>(ExitCode::kPartial);
      retention.text = "prune: skipped (the ingest lock could not be taken)\n";
      retention.json = lineage::json_object("skipped", "lock");
    }
    if (!retention.error.empty()) {
      std::cerr << "athena-lineage: error: " << retention.error << "\n";
      retention.exit_code = static_cast<int>(ExitCode::kPartial); // the source did its work
    }
  }
  const int code = std::max({overall_exit_code(source, push), ol_code, retention.exit_code});
  // The summary is the result, unless the requests of --dry-run are (then it is a diagnostic).
  std::ostream& summary = a.dry_run ? std::cerr : *out;
  if (a.json) {
    summary << run_summary_json(from_file, source.json, push.json, retention.json, code);
  } else {
    summary << source.text << push.text << retention.text << "run: "
            << (code == 0 ? "complete" : "finished with problems (see above); safe to run again")
            << " (exit " << code << ")\n";
  }
  summary.flush();
  if (!target.finish()) return static_cast<int>(ExitCode::kUsageOrIo);
  return code;
}

} // namespace

void add_run_command(CLI::App& app, int& exit_code) {
  auto* cmd = app.add_subcommand(
      "run", "The nightly job: pull the Athena history (or read queryLogFilePath), analyze it, "
             "and push lineage and usage to OpenMetadata");
  auto a = std::make_shared<RunArgs>();
  add_connection_options(cmd, a->connection);
  cmd->add_option("--db", a->db, "SQLite database (default: athenaLineage.db, athena-lineage.db)");
  cmd->add_option("--since", a->since,
                  "pull executions submitted since this UTC date, YYYY-MM-DD (default: since "
                  "each workgroup's last complete pull)");
  cmd->add_option("--days", a->days, "pull the last N days (1-45)");
  cmd->add_option("--workgroup", a->workgroups, "workgroup to pull (repeatable)")
      ->allow_extra_args(false);
  cmd->add_option("--threads", a->threads, "analysis threads (default: one per core)");
  cmd->add_flag("--json", a->json, "print the summary as one JSON object");
  cmd->add_flag("--quiet", a->quiet, "no progress on stderr");
  cmd->add_flag_callback(
      "--verbose", [] { aws::show_error_bodies(true); },
      "AWS errors also show the reply body (one line, at most 500 bytes, secrets masked)");
  cmd->add_flag("--dry-run", a->dry_run,
                "write the OpenMetadata requests as JSON Lines (to --out or stdout) instead of "
                "sending them");
  cmd->add_flag("--prune", a->prune,
                "delete lineage edges an earlier push created that are no longer stored");
  cmd->add_flag("--no-push", a->no_push, "pull and analyze only");
  cmd->add_option("--schema", a->schema_files,
                  "JSON file of known table schemas, as for analyze (repeatable; added to "
                  "athenaLineage.schemaFiles)")
      ->allow_extra_args(false);
  cmd->add_option("--out", a->out, "write the summary (or the --dry-run requests) to FILE");
  cmd->callback([&exit_code, a] { exit_code = run(*a); });
}

std::string run_summary_json(bool from_file, std::string_view source_json,
                             std::string_view push_json, std::string_view retention_json,
                             int exit_code) {
  std::string out;
  lineage::JsonWriter w(out, /*pretty=*/false);
  w.begin_object();
  w.member("source", from_file ? "file" : "athena");
  w.key(from_file ? "analyze" : "pull");
  w.raw_value(source_json);
  w.key("push");
  w.raw_value(push_json);
  if (!retention_json.empty()) {
    w.key("retention");
    w.raw_value(retention_json);
  }
  w.member_int("exit_code", exit_code);
  w.end_object();
  out += '\n';
  return out;
}

} // namespace athena::cli
