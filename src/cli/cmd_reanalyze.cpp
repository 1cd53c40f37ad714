// `athena-lineage reanalyze`: stored queries derived again with this build (CONTRACT.md).
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "src/analysis/pipeline.h"
#include "src/catalog/schema_sources.h"
#include "src/cli/commands.h"
#include "src/cli/config_loading.h"
#include "src/cli/ingest_lock.h"
#include "src/cli/store_options.h"
#include "src/readers/time_text.h"
#include "src/store/reanalyze.h"

namespace athena::cli {

namespace {

struct ReanalyzeArgs {
  std::string db = "athena-lineage.db";
  std::string since;
  std::vector<std::string> schema_files;
  std::string default_catalog = "awsdatacatalog";
  double price_per_tb = 5.0;
  std::string timezone = "UTC";
  unsigned threads = 0;
  bool quiet = false;
};

int fail(const std::string& message) {
  std::fprintf(stderr, "athena-lineage: error: %s\n", message.c_str());
  return static_cast<int>(ExitCode::kUsageOrIo);
}

/// Test hook: ATHENA_LINEAGE_TEST_KILL_AFTER=K ends the process (as a kill would) once K queued
/// records have been handed to the analysis. 0 when unset.
uint64_t kill_after() {
  const char* v = std::getenv("ATHENA_LINEAGE_TEST_KILL_AFTER");
  return v != nullptr ? std::strtoull(v, nullptr, 10) : 0;
}

int run_reanalyze(const ReanalyzeArgs& a) {
  if (!a.since.empty() && (a.since.size() != 10 || !readers::parse_datetime_ms(a.since))) {
    return fail("--since '" + a.since + "' is not a date YYYY-MM-DD");
  }
  std::error_code ec;
  if (!std::filesystem::exists(a.db, ec)) {
    return fail(a.db + ": no such database (run `athena-lineage analyze` or `pull` first)");
  }
  analysis::PipelineOptions options;
  options.default_catalog = lineage::to_lower_ascii(a.default_catalog);
  options.threads = a.threads;
  options.progress = !a.quiet;
  options.batch_size = 256;      // each batch commits: a kill loses at most one
  options.rederive_late = false; // every queued query is derived again anyway
  lineage::SchemaCatalog catalog;
  if (!load_schema_files_or_report(a.schema_files, catalog, options.default_catalog)) {
    return static_cast<int>(ExitCode::kUsageOrIo);
  }
  store::StoreOptions store_options;
  if (const util::Status parsed = parse_store_options(a.price_per_tb, a.timezone, store_options);
      !parsed) {
    return fail(parsed.error());
  }
  auto opened = store::Store::open(a.db, store_options);
  if (!opened) return fail(opened.error());
  auto store = std::move(opened).value();
  const auto ingest = hold_ingest_lock(a.db);
  if (!ingest) return static_cast<int>(ExitCode::kUsageOrIo);
  catalog::gather_schemas(nullptr, *store, catalog, [](const std::string& m) {
    std::fprintf(stderr, "athena-lineage: warning: %s\n", m.c_str());
  });

  store::Reanalysis re(*store);
  const util::Result<store::ReanalysisQueue> queue = re.begin(a.since);
  if (!queue) return fail(queue.error());
  const int64_t queued = queue->queued;
  const bool resumed = queue->resumed;
  if (resumed && !a.quiet) {
    std::fprintf(stderr,
                 "athena-lineage: resuming an interrupted reanalyze (%lld queries queued)\n",
                 static_cast<long long>(queued));
  }
  const uint64_t kill = kill_after();
  uint64_t fed = 0;
  std::string replay_error;
  auto replay = [&](bool schema_pass, const std::function<void(model::QueryRecord &&)>& sink) {
    const util::Status replayed = re.replay(schema_pass, [&](model::QueryRecord&& r) {
      if (!schema_pass && kill != 0 && ++fed > kill) std::_Exit(137);
      sink(std::move(r));
    });
    if (!replayed) replay_error = replayed.error();
  };
  analysis::PipelineSummary s = analysis::run_pipeline_records(replay, options, catalog, *store);
  if (s.error.empty()) s.error = replay_error;
  if (!s.error.empty()) {
    std::fprintf(stderr, "athena-lineage: error: %s\n", s.error.c_str());
    std::fprintf(stdout, "reanalyze: stopped; run it again to finish (%lld queries queued)\n",
                 static_cast<long long>(queued));
    return static_cast<int>(ExitCode::kPartial);
  }
  if (const util::Status finished = re.finish(); !finished) return fail(finished.error());
  std::fprintf(stdout,
               "reanalyze: %llu queries derived again%s\n  did not parse:      %llu\n"
               "  schema statements:  %llu\n",
               static_cast<unsigned long long>(s.stored.inserted) + s.already_stored,
               resumed ? " (resumed)" : "", static_cast<unsigned long long>(s.parse_failed),
               static_cast<unsigned long long>(s.schema_statements));
  return static_cast<int>(ExitCode::kOk);
}

} // namespace

void add_reanalyze_command(CLI::App& app, int& exit_code) {
  auto a = std::make_shared<ReanalyzeArgs>();
  auto* cmd = app.add_subcommand("reanalyze",
                                 "Derive the stored queries' facts and aggregates again with this "
                                 "build's parser and lineage (idempotent; resumes when killed)");
  cmd->add_option("--db", a->db, "SQLite database file (default athena-lineage.db)");
  cmd->add_option("--since", a->since, "only queries submitted on or after this day, YYYY-MM-DD");
  cmd->add_option("--schema", a->schema_files, "JSON file of known table schemas, as for analyze")
      ->allow_extra_args(false)
      ->expected(1)
      ->check(CLI::ExistingFile);
  cmd->add_option("--default-catalog", a->default_catalog,
                  "catalog of records whose context names none, as for analyze");
  cmd->add_option("--price-per-tb", a->price_per_tb,
                  "USD per TB scanned for computed costs, as analyze was given (default 5.00)");
  cmd->add_option("--timezone", a->timezone,
                  "zone of the usage days, as analyze was given (default UTC)");
  cmd->add_option("--threads", a->threads, "analysis threads (default 0: one per core)");
  cmd->add_flag("--quiet", a->quiet, "no progress on stderr");
  cmd->callback([&exit_code, a] { exit_code = run_reanalyze(*a); });
}

} // namespace athena::cli
