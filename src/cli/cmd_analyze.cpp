// `athena-lineage analyze`: exported query logs -> SQLite (CONTRACT.md).
#include <cstdio>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "src/analysis/pipeline.h"
#include "src/analysis/pipeline_report.h"
#include "src/catalog/schema_file.h"
#include "src/catalog/schema_sources.h"
#include "src/cli/commands.h"
#include "src/cli/config_loading.h"
#include "src/cli/ingest_lock.h"
#include "src/cli/store_access.h"
#include "src/cli/store_options.h"
#include "src/readers/input.h"
#include "src/store/query_count.h"
#include "src/util/cpu_time.h"

namespace athena::cli {

namespace {

struct AnalyzeArgs {
  std::string db;     ///< "" = the config's athenaLineage.db, else athena-lineage.db
  std::string config; ///< workflow config whose OpenMetadata server and schemaFiles give schemas
  std::string input_format = "auto";
  std::vector<std::string> schema_files;
  std::string default_catalog = "awsdatacatalog";
  double price_per_tb = 5.0;
  std::string timezone = "UTC";
  unsigned threads = 0;
  std::string format = "text";
  bool quiet = false;
  bool stats = false;
  std::vector<std::string> logs;
};

int fail(const std::string& message) {
  std::fprintf(stderr, "athena-lineage: error: %s\n", message.c_str());
  return static_cast<int>(ExitCode::kUsageOrIo);
}

/// Queries the database holds, or -1 when it cannot say.
int64_t stored_queries(store::Store& store) {
  auto n = store::stored_query_count(store);
  return n ? *n : -1;
}

int run_analyze(const AnalyzeArgs& args) {
  const double wall_start = util::monotonic_seconds();
  // Everything that would stop the run is checked before any input is read or the database
  // is created: the logs exist and hold something, and the database can be written.
  bool bad_input = false;
  for (const auto& log : args.logs) {
    if (const util::Status readable = readers::check_input_file(log); !readable) {
      std::fprintf(stderr, "athena-lineage: error: %s\n", readable.error().c_str());
      bad_input = true;
    }
  }
  if (bad_input) return static_cast<int>(ExitCode::kUsageOrIo);
  analysis::PipelineOptions options;
  if (auto f = readers::parse_input_format(args.input_format)) {
    options.read.format = *f;
  } else {
    std::fprintf(stderr, "athena-lineage: error: unknown --input-format '%s'\n",
                 args.input_format.c_str());
    return static_cast<int>(ExitCode::kUsageOrIo);
  }
  options.default_catalog = lineage::to_lower_ascii(args.default_catalog);
  options.threads = args.threads;
  options.progress = !args.quiet;
  options.stage_times = args.stats;
  lineage::SchemaCatalog catalog;
  std::optional<config::WorkflowConfig> cfg;
  if (!args.config.empty() && !(cfg = load_config_or_report(args.config))) {
    return static_cast<int>(ExitCode::kUsageOrIo);
  }
  if ((cfg &&
       !load_schema_files_or_report(cfg->lineage.schema_files, catalog, options.default_catalog)) ||
      !load_schema_files_or_report(args.schema_files, catalog, options.default_catalog)) {
    return static_cast<int>(ExitCode::kUsageOrIo);
  }
  const std::string db = database_path(args.db, cfg ? *cfg : config::WorkflowConfig{});
  if (const util::Status writable = check_database_writable(db); !writable) {
    return fail(writable.error());
  }
  store::StoreOptions store_options;
  if (const util::Status parsed =
          parse_store_options(args.price_per_tb, args.timezone, store_options);
      !parsed) {
    std::fprintf(stderr, "athena-lineage: error: %s\n", parsed.error().c_str());
    return static_cast<int>(ExitCode::kUsageOrIo);
  }
  auto opened = store::Store::open(db, store_options);
  if (!opened) return fail(opened.error());
  auto store = std::move(opened).value();
  // A damaged file would fail half-way through the run; say so before reading anything.
  if (const util::Status checked = store->quick_check(); !checked) return fail(checked.error());
  const auto ingest = hold_ingest_lock(db); // a concurrent push snapshots before or after
  if (!ingest) return static_cast<int>(ExitCode::kUsageOrIo);
  auto sources = catalog::gather_schemas(cfg ? &*cfg : nullptr, *store, catalog, [](auto& m) {
    std::fprintf(stderr, "athena-lineage: warning: %s\n", m.c_str());
  });
  if (cfg && !args.quiet)
    std::fprintf(stderr, "athena-lineage: %s\n", catalog::describe(sources).c_str());
  options.catalog_records = catalog::cached_views(
      *store, [](auto& m) { std::fprintf(stderr, "athena-lineage: warning: %s\n", m.c_str()); });
  std::vector<std::filesystem::path> logs(args.logs.begin(), args.logs.end());
  const int64_t before = stored_queries(*store);
  analysis::PipelineSummary summary = analysis::run_pipeline(logs, options, catalog, *store);
  if (!summary.error.empty()) {
    // A failed commit (a full disk) rolled back what the run had counted as stored: report
    // what the database holds, not what was attempted.
    const int64_t after = stored_queries(*store);
    if (before >= 0 && after >= before) {
      summary.stored.inserted = static_cast<uint64_t>(after - before);
      summary.stored.replaced = 0;
    }
  }
  if (args.format == "json") {
    std::fputs(analysis::summary_json(summary, db).c_str(), stdout);
  } else {
    std::fputs(analysis::summary_text(summary, db).c_str(), stdout);
  }
  if (!summary.error.empty()) {
    std::fprintf(stderr, "athena-lineage: error: %s\n", summary.error.c_str());
  }
  if (args.stats) {
    std::fputs(analysis::stage_times_json(summary.times, util::monotonic_seconds() - wall_start,
                                          util::process_cpu_seconds(), wall_start)
                   .c_str(),
               stderr);
  }
  return analysis::summary_exit_code(summary);
}

} // namespace

void add_analyze_command(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<AnalyzeArgs>();
  auto* cmd = app.add_subcommand("analyze",
                                 "Analyze exported query logs (gzip too) into the SQLite database");
  cmd->add_option("--db", args->db,
                  "SQLite database file, created when missing (default athena-lineage.db)");
  cmd->add_option("--config", args->config,
                  "Workflow config: its OpenMetadata server's tables and schemaFiles give schemas");
  cmd->add_option("--input-format", args->input_format,
                  "auto|athena-json|jsonl|om-csv|datahub-jsonl|cloudtrail (default auto)");
  cmd->add_option("--schema", args->schema_files, "JSON file of known table schemas")
      ->allow_extra_args(false)
      ->expected(1)
      ->check(CLI::ExistingFile);
  cmd->add_option("--default-catalog", args->default_catalog,
                  "Catalog of records whose context names none (default awsdatacatalog)");
  cmd->add_option("--price-per-tb", args->price_per_tb,
                  "USD per TB (2^40 bytes) scanned for cost estimates (default 5.00)");
  cmd->add_option("--timezone", args->timezone,
                  "Zone whose dates are the usage days: UTC or a fixed offset like +02:00 "
                  "(default UTC)");
  cmd->add_option("--threads", args->threads, "Analysis threads (default 0: one per core)");
  cmd->add_option("--format", args->format, "Summary format: text|json (default text)")
      ->check(CLI::IsMember({"text", "json"}));
  cmd->add_flag("--quiet", args->quiet, "No progress on stderr");
  cmd->add_flag("--stats", args->stats,
                "End stderr with one JSON line: wall and CPU seconds, CPU seconds per stage");
  cmd->add_option("logs", args->logs, "Query log files (gzip too)")->required();
  cmd->callback([args, &exit_code] { exit_code = run_analyze(*args); });
}

} // namespace athena::cli
