#pragma once

#include <CLI/CLI.hpp>

namespace athena::cli {

/// Exit statuses fixed by CONTRACT.md.
enum class ExitCode : int {
  kOk = 0,        ///< success
  kPartial = 1,   ///< the run finished but something was skipped or failed
  kUsageOrIo = 2, ///< usage, configuration, credentials or I/O error before any work
};

/// Each subcommand registers itself on the root app; its callback stores the exit status.
void add_parse_command(CLI::App& app, int& exit_code);
void add_lineage_command(CLI::App& app, int& exit_code);
void add_analyze_command(CLI::App& app, int& exit_code);
void add_report_command(CLI::App& app, int& exit_code);
void add_graph_command(CLI::App& app, int& exit_code);
void add_pull_command(CLI::App& app, int& exit_code);
void add_push_command(CLI::App& app, int& exit_code);
void add_run_command(CLI::App& app, int& exit_code);
void add_check_command(CLI::App& app, int& exit_code);
void add_iam_policy_command(CLI::App& app, int& exit_code);
void add_openlineage_command(CLI::App& app, int& exit_code);
void add_serve_command(CLI::App& app, int& exit_code);

} // namespace athena::cli
