// `athena-lineage graph`: lineage of a table or column across all stored queries.
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>

#include "src/cli/commands.h"
#include "src/cli/store_access.h"
#include "src/report/graph_query.h"

namespace athena::cli {

namespace {

struct GraphArgs {
  std::string db = "athena-lineage.db";
  std::string name;
  bool upstream = false;
  bool downstream = false;
  int depth = -1;
  bool columns = false;
  std::string format = "text";
};

int fail(const std::string& message) {
  std::fprintf(stderr, "athena-lineage: error: %s\n", message.c_str());
  return static_cast<int>(ExitCode::kUsageOrIo);
}

int run_graph(const GraphArgs& args) {
  if (args.format != "text" && args.format != "json" && args.format != "dot") {
    return fail("unknown --format '" + args.format + "' (expected text, json or dot)");
  }
  if (args.depth < -1) return fail("--depth must be 0 or more (or -1 for any depth)");
  if (args.name.empty()) return fail("NAME is empty");
  auto opened = open_store_for_reading(args.db);
  if (!opened) return fail(opened.error());
  std::unique_ptr<store::Store> store = std::move(*opened);
  report::GraphQuery query;
  query.name = report::qualify_graph_name(args.name, args.columns);
  query.columns = args.columns;
  // Neither flag: both directions.
  query.upstream = args.upstream || !args.downstream;
  query.downstream = args.downstream || !args.upstream;
  query.depth = args.depth;
  const util::Result<report::GraphTraversals> result = report::query_graph(*store, query);
  if (!result) return fail("reading " + args.db + ": " + result.error());
  if (result->unknown_name) return fail(*result->unknown_name);
  const std::string out = report::render_graph(result->views, args.format, result->view_names);
  std::fwrite(out.data(), 1, out.size(), stdout);
  return static_cast<int>(ExitCode::kOk);
}

} // namespace

void add_graph_command(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<GraphArgs>();
  auto* cmd = app.add_subcommand(
      "graph", "Lineage of a table or column across all stored queries (exit 2 when the name is "
               "unknown)");
  cmd->add_option("--db", args->db,
                  "SQLite database file, opened read-only (default athena-lineage.db)");
  cmd->add_option("name", args->name,
                  "Table (catalog.schema.table, or schema.table in awsdatacatalog), S3 "
                  "location, or with --columns a column (...table.column)")
      ->required();
  auto* up = cmd->add_flag("--upstream", args->upstream, "Only where it comes from");
  auto* down = cmd->add_flag("--downstream", args->downstream, "Only what it feeds");
  up->excludes(down);
  cmd->add_option("--depth", args->depth, "Hops (edges) to follow, -1 for any (default -1)");
  cmd->add_flag("--columns", args->columns, "Column lineage instead of table lineage");
  cmd->add_option("--format", args->format,
                  "text|json|dot (default text). With both directions, JSON is "
                  "{\"start\",\"upstream\",\"downstream\"} and DOT one graph of both");
  cmd->callback([args, &exit_code] { exit_code = run_graph(*args); });
}

} // namespace athena::cli
