// `athena-lineage lineage`: table and column lineage of SQL files, one JSON object per
// statement (CONTRACT.md).
#include <cstdio>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "lineage/lineage.h"
#include "lineage/lineage_graph.h"
#include "parser/parser.h"
#include "parser/source_location.h"
#include "src/catalog/schema_file.h"
#include "src/cli/commands.h"
#include "src/output/lineage_json.h"
#include "src/util/file_io.h"
#include "src/util/text_escape.h"

namespace athena::cli {

namespace {

struct LineageArgs {
  std::string default_catalog = "awsdatacatalog";
  std::string default_schema;
  std::vector<std::string> schema_files;
  std::string format = "json";
  std::vector<std::string> inputs;
};

int run_lineage(const LineageArgs& args) {
  lineage::SchemaCatalog catalog;
  for (const auto& f : args.schema_files) {
    std::string err = catalog::load_schema_file(f, catalog, args.default_catalog);
    if (!err.empty()) {
      std::fprintf(stderr, "athena-lineage: error: %s\n", err.c_str());
      return static_cast<int>(ExitCode::kUsageOrIo);
    }
  }
  lineage::LineageSession session(std::move(catalog));
  lineage::LineageOptions options;
  options.default_catalog = args.default_catalog;
  options.default_schema = args.default_schema;
  lineage::LineageGraph graph;
  int statement = 0;
  bool any_failed = false;
  bool io_error = false;
  for (const auto& path : args.inputs) {
    std::string read_error;
    auto text = util::read_input(path, read_error);
    if (!text) {
      std::fprintf(stderr, "athena-lineage: error: %s\n", read_error.c_str());
      io_error = true;
      continue;
    }
    const std::string name = util::display_name(path);
    const std::string shown = util::escape_control(name); // for stderr
    sql::ParseResult parsed = sql::parse(*text);
    for (const sql::ParsedStatement& ps : parsed.statements()) {
      ++statement;
      lineage::StatementLineage lin;
      std::vector<output::PositionedError> errors;
      if (!ps.ok()) {
        lin.kind = lineage::contract_kind(ps.kind);
        lin.complete = false;
        errors.push_back({ps.error->message, ps.error->line, ps.error->col});
        std::fprintf(stderr, "%s:%u:%u: error: %s\n", shown.c_str(), ps.error->line, ps.error->col,
                     util::escape_control(ps.error->message).c_str());
      } else {
        lin = session.analyze(*ps.ast, *text, options);
        for (const auto& e : lin.errors) {
          const auto lc = sql::line_col_at(*text, e.offset);
          errors.push_back({e.message, lc.line, lc.col});
          std::fprintf(stderr, "%s:%u:%u: warning: %s\n", shown.c_str(), lc.line, lc.col,
                       util::escape_control(e.message).c_str());
        }
      }
      if (!errors.empty()) any_failed = true;
      if (args.format == "json") {
        std::cout << output::lineage_json_line(statement, name, lin, errors) << '\n';
      } else if (args.format == "text") {
        std::cout << output::lineage_text(statement, name, lin, errors);
      } else {
        const std::string q = name + "#" + std::to_string(statement);
        for (const auto& e : lin.table_edges) {
          const bool from_loc = e.source.rfind("s3://", 0) == 0;
          const bool to_loc = e.target.rfind("s3://", 0) == 0;
          graph.add_node(e.source,
                         from_loc ? lineage::NodeKind::kLocation : lineage::NodeKind::kTable);
          graph.add_node(e.target,
                         to_loc ? lineage::NodeKind::kLocation : lineage::NodeKind::kTable);
          graph.add_edge(e.source, e.target, lineage::NodeKind::kTable, {q, 0, "", false});
        }
      }
    }
  }
  if (args.format == "dot") std::cout << lineage::subgraph_to_dot(graph.whole());
  std::cout.flush();
  if (io_error) return static_cast<int>(ExitCode::kUsageOrIo);
  return any_failed ? static_cast<int>(ExitCode::kPartial) : static_cast<int>(ExitCode::kOk);
}

} // namespace

void add_lineage_command(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<LineageArgs>();
  auto* cmd = app.add_subcommand(
      "lineage", "Table- and column-level lineage of SQL statements, one JSON object each");
  cmd->add_option("--default-catalog", args->default_catalog,
                  "Catalog of names that give none (default awsdatacatalog)");
  cmd->add_option("--default-schema", args->default_schema,
                  "Schema (database) of names that give none");
  cmd->add_option("--schema", args->schema_files,
                  "JSON file of known table schemas (repeatable; see CONTRACT.md)")
      ->allow_extra_args(false)
      ->expected(1)
      ->check(CLI::ExistingFile);
  cmd->add_option("--format", args->format, "Output format")
      ->check(CLI::IsMember({"json", "text", "dot"}));
  cmd->add_option("inputs", args->inputs, "SQL files, or - for standard input")->required();
  cmd->callback([args, &exit_code] { exit_code = run_lineage(*args); });
}

} // namespace athena::cli
