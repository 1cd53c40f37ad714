// `athena-lineage lineage`: table and column lineage of SQL files, one JSON object per
// statement (CONTRACT.md).
#include <algorithm>
#include <cstdio>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <unistd.h>

#include "lineage/lineage.h"
#include "lineage/lineage_graph.h"
#include "lineage/script_lineage.h"
#include "parser/parser.h"
#include "parser/source_location.h"
#include "src/analysis/analysis_limits.h"
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
  std::string dialect = "athena";
  bool combine = false;
  std::vector<std::string> inputs;
};

int run_lineage(const LineageArgs& args) {
  // Warnings can outnumber statements (one per unattributed column): unless a person watches
  // them on a terminal, buffer them rather than make one write() each.
  if (isatty(STDERR_FILENO) == 0) std::setvbuf(stderr, nullptr, _IOFBF, size_t{1} << 16);
  lineage::SchemaCatalog catalog;
  for (const auto& f : args.schema_files) {
    if (auto loaded = catalog::load_schema_file(f, catalog, args.default_catalog); !loaded) {
      std::fprintf(stderr, "athena-lineage: error: %s\n", loaded.error().c_str());
      return static_cast<int>(ExitCode::kUsageOrIo);
    }
  }
  lineage::LineageSession session(std::move(catalog));
  lineage::LineageOptions options;
  options.default_catalog = args.default_catalog;
  options.default_schema = args.default_schema;
  lineage::LineageGraph graph;
  const bool hive_ok = sql::dialect_caps(args.dialect == "trino"  ? sql::Dialect::kTrino
                                         : args.dialect == "hive" ? sql::Dialect::kHive
                                                                  : sql::Dialect::kAthena)
                           .hive_dml;
  int statement = 0;
  bool any_failed = false;
  bool io_error = false;
  for (const auto& path : args.inputs) {
    auto text = util::read_input(path);
    if (!text) {
      std::fprintf(stderr, "athena-lineage: error: %s\n", text.error().c_str());
      io_error = true;
      continue;
    }
    const std::string name = util::display_name(path);
    std::vector<lineage::StatementLineage> script; // for --combine
    // Lineage is read from Hive/Spark forms in every dialect; a dialect that does not accept
    // them gets a warning naming each (CONTRACT.md).
    sql::ParseOptions parse_options;
    parse_options.dialect = sql::Dialect::kHive;
    sql::ParseResult parsed = sql::parse(*text, parse_options);
    std::optional<sql::LineIndex> lines; // built at the first warning, once per input
    const std::string shown = util::escape_control(name); // for stderr
    for (const sql::ParsedStatement& ps : parsed.statements()) {
      ++statement;
      lineage::StatementLineage lin;
      std::vector<output::PositionedError> errors;
      std::vector<output::PositionedError> warnings;
      if (!hive_ok) {
        for (const auto& f : ps.hive_forms) {
          warnings.push_back({f.message, f.line, f.col});
          std::fprintf(stderr, "%s:%u:%u: warning: %s\n", shown.c_str(), f.line, f.col,
                       f.message.c_str());
        }
      }
      if (!ps.ok()) {
        lin.kind = lineage::contract_kind(ps.kind);
        lin.complete = false;
        errors.push_back({ps.error->message, ps.error->line, ps.error->col});
        std::fprintf(stderr, "%s:%u:%u: error: %s\n", shown.c_str(), ps.error->line, ps.error->col,
                     util::escape_control(ps.error->message).c_str());
      } else if (auto too_deep = analysis::analysis_height_error(*ps.ast)) {
        lin.kind = lineage::contract_kind(ps.kind);
        lin.complete = false;
        if (!lines) lines.emplace(*text);
        const auto lc = lines->at(ps.span.begin);
        errors.push_back({*too_deep, lc.line, lc.col});
        std::fprintf(stderr, "%s:%u:%u: error: %s\n", shown.c_str(), lc.line, lc.col,
                     too_deep->c_str());
      } else {
        lin = session.analyze(*ps.ast, *text, options);
        for (const auto& e : lin.errors) {
          if (!lines) lines.emplace(*text);
          const auto lc = lines->at(e.offset);
          errors.push_back({e.message, lc.line, lc.col});
          std::fprintf(stderr, "%s:%u:%u: warning: %s\n", shown.c_str(), lc.line, lc.col,
                       util::escape_control(e.message).c_str());
        }
      }
      if (!errors.empty()) any_failed = true;
      if (args.combine) script.push_back(lin);
      if (args.format == "json") {
        std::cout << output::lineage_json_line(statement, name, lin, errors, warnings) << '\n';
      } else if (args.format == "text") {
        std::cout << output::lineage_text(statement, name, lin, errors, warnings);
      } else {
        const std::string q = name + "#" + std::to_string(statement);
        for (const auto& e : lin.table_edges) {
          // A location is what the SQL named as one, never a name that looks like a URI.
          const auto is_loc = [&](const std::string& n) {
            return std::find(lin.locations.begin(), lin.locations.end(), n) != lin.locations.end();
          };
          const bool from_loc = is_loc(e.source);
          const bool to_loc = is_loc(e.target);
          graph.add_node(e.source,
                         from_loc ? lineage::NodeKind::kLocation : lineage::NodeKind::kTable);
          graph.add_node(e.target,
                         to_loc ? lineage::NodeKind::kLocation : lineage::NodeKind::kTable);
          graph.add_edge(e.source, e.target, lineage::NodeKind::kTable, {q, 0, "", false});
        }
      }
    }
    if (args.combine && args.format == "json") {
      std::cout << output::lineage_json_combined(name, lineage::combine_script(script)) << '\n';
    }
  }
  if (args.format == "dot") std::cout << lineage::subgraph_to_dot(graph.whole());
  std::cout.flush();
  std::fflush(stderr);
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
  cmd->add_option("--dialect", args->dialect,
                  "SQL the input is meant for (default athena): Hive/Spark forms are read in "
                  "every dialect, with a warning when the dialect does not accept them")
      ->check(CLI::IsMember({"athena", "trino", "hive"}));
  cmd->add_flag("--combine", args->combine,
                "After each file's statements, one JSON line with the file's lineage through its "
                "intermediate tables (tables it writes, then reads)");
  cmd->add_option("inputs", args->inputs, "SQL files, or - for standard input")->required();
  // Statement trees are walked recursively: on a thread with the analysis stack.
  cmd->callback([args, &exit_code] {
    exit_code = analysis::run_on_analysis_stack([&] { return run_lineage(*args); });
  });
}

} // namespace athena::cli
