// `athena-lineage report`: usage and lineage report from the database (CONTRACT.md).
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "lineage/schema_catalog.h"
#include "src/catalog/schema_file.h"
#include "src/cli/commands.h"
#include "src/cli/store_access.h"
#include "src/report/dbt_compare.h"
#include "src/report/dbt_manifest.h"
#include "src/report/report_data.h"
#include "src/report/report_render.h"
#include "src/store/dbt_activity.h"

namespace athena::cli {

namespace {

struct ReportArgs {
  std::string db = "athena-lineage.db";
  std::string since;
  std::string until;
  int64_t top = 10;
  CLI::Option* top_option = nullptr; ///< given on the command line?
  std::string format = "text";
  std::string out;
  std::vector<std::string> schema_files;
  std::string dbt_manifest;
};

int fail(const std::string& message) {
  std::fprintf(stderr, "athena-lineage: error: %s\n", message.c_str());
  return static_cast<int>(ExitCode::kUsageOrIo);
}

int run_report(const ReportArgs& args) {
  report::ReportOptions options;
  for (const auto& [flag, day] : {std::pair{"--since", &args.since}, {"--until", &args.until}}) {
    if (!day->empty() && !report::is_valid_day(*day)) {
      return fail(std::string(flag) + " '" + *day + "' is not a date YYYY-MM-DD");
    }
  }
  if (!args.since.empty() && !args.until.empty() && args.until < args.since) {
    return fail("--until " + args.until + " is before --since " + args.since);
  }
  options.window = {args.since, args.until};
  if (args.top < 1) return fail("--top must be at least 1");
  options.database = args.db;
  const auto format = report::parse_format(args.format);
  if (!format) return fail("unknown --format '" + args.format + "'");
  // Machine formats feed catalogs and spreadsheets: every row unless --top says otherwise.
  const bool machine = *format == report::Format::kJson || *format == report::Format::kCsv;
  const bool top_given = args.top_option != nullptr && args.top_option->count() > 0;
  options.top = machine && !top_given ? report::kAllRows : static_cast<size_t>(args.top);
  lineage::SchemaCatalog catalog;
  for (const auto& f : args.schema_files) {
    if (auto loaded = catalog::load_schema_file(f, catalog); !loaded) return fail(loaded.error());
  }
  for (const lineage::TableSchema* t : catalog.all())
    options.schema_tables.push_back(t->name.str());
  // The manifest first: a bad one is reported before any work.
  std::optional<report::DbtManifest> manifest;
  if (!args.dbt_manifest.empty()) {
    util::Result<report::DbtManifest> loaded = report::load_dbt_manifest(args.dbt_manifest);
    if (!loaded) return fail(loaded.error());
    manifest = std::move(*loaded);
  }
  auto opened = open_store_for_reading(args.db);
  if (!opened) return fail(opened.error());
  std::unique_ptr<store::Store> store = std::move(*opened);
  auto data = report::gather_report(*store, options);
  if (!data) return fail("reading " + args.db + ": " + data.error());
  if (manifest) {
    auto activity = store::dbt_activity(*store, options.window);
    if (!activity) return fail("reading " + args.db + ": " + activity.error());
    data->dbt = report::compare_dbt(*manifest, *activity);
    data->dbt->manifest = args.dbt_manifest;
  }
  const std::string text = report::render(*data, *format);
  if (args.out.empty()) {
    std::fwrite(text.data(), 1, text.size(), stdout);
    return static_cast<int>(ExitCode::kOk);
  }
  std::ofstream out(args.out, std::ios::binary | std::ios::trunc);
  out.write(text.data(), static_cast<std::streamsize>(text.size()));
  out.close();
  if (!out) return fail("cannot write '" + args.out + "': " + std::strerror(errno));
  return static_cast<int>(ExitCode::kOk);
}

} // namespace

void add_report_command(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<ReportArgs>();
  auto* cmd = app.add_subcommand("report", "Usage and lineage report from the database");
  cmd->add_option("--db", args->db,
                  "SQLite database file, opened read-only (default athena-lineage.db)");
  cmd->add_option("--since", args->since, "First day of the window, YYYY-MM-DD (inclusive)");
  cmd->add_option("--until", args->until, "Last day of the window, YYYY-MM-DD (inclusive)");
  args->top_option = cmd->add_option("--top", args->top,
                                     "Rows of every ranked list, 1 or more (default 10 in text, "
                                     "markdown and html; every row in json and csv)");
  cmd->add_option("--format", args->format, "text|markdown|json|csv|html (default text)");
  cmd->add_option("--out", args->out, "Write the report to FILE instead of stdout");
  cmd->add_option("--schema", args->schema_files,
                  "JSON file of the tables that exist (for 'unused tables'); repeatable")
      ->allow_extra_args(false)
      ->expected(1)
      ->check(CLI::ExistingFile);
  cmd->add_option("--dbt-manifest", args->dbt_manifest,
                  "dbt's target/manifest.json: adds each model's undeclared reads, declared "
                  "dependencies never read, and models nothing reads");
  cmd->callback([args, &exit_code] { exit_code = run_report(*args); });
}

} // namespace athena::cli
