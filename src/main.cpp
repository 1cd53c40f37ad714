// athena-lineage: query-log lineage and usage for Amazon Athena.
#include <cstdio>
#include <exception>

#include <CLI/CLI.hpp>

#include "src/cli/commands.h"
#include "src/cli/help_text.h"
#include "src/version.h"

int main(int argc, char** argv) {
  using athena::cli::ExitCode;
  CLI::App app{"athena-lineage: table- and column-level lineage and usage from Athena query "
               "history",
               "athena-lineage"};
  app.set_version_flag("--version", std::string("athena-lineage ") + athena::kVersion);
  app.require_subcommand(1);
  int exit_code = static_cast<int>(ExitCode::kOk);
  athena::cli::add_parse_command(app, exit_code);
  athena::cli::add_lineage_command(app, exit_code);
  athena::cli::add_analyze_command(app, exit_code);
  athena::cli::add_report_command(app, exit_code);
  athena::cli::add_graph_command(app, exit_code);
  athena::cli::add_pull_command(app, exit_code);
  athena::cli::add_push_command(app, exit_code);
  athena::cli::add_run_command(app, exit_code);
  athena::cli::add_check_command(app, exit_code);
  athena::cli::add_iam_policy_command(app, exit_code);
  athena::cli::add_openlineage_command(app, exit_code);
  athena::cli::add_serve_command(app, exit_code);
  athena::cli::add_help_examples(app);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    // --help and --version are "errors" that exit 0; real ones get our prefix.
    if (e.get_exit_code() == 0) return app.exit(e);
    std::fprintf(stderr, "athena-lineage: error: %s\nRun with --help for more information.\n",
                 e.what());
    return static_cast<int>(ExitCode::kUsageOrIo);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "athena-lineage: error: %s\n", e.what());
    return static_cast<int>(ExitCode::kUsageOrIo);
  }
  return exit_code;
}
