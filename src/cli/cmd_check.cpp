// `athena-lineage check --config F`: the connection test (see src/config/connection_check.h).
#include <iostream>
#include <string>

#include "src/auth/aws_error.h"
#include "src/cli/commands.h"
#include "src/cli/config_loading.h"
#include "src/config/connection_check.h"
#include "src/config/workflow_config.h"

namespace athena::cli {

void add_check_command(CLI::App& app, int& exit_code) {
  auto* cmd = app.add_subcommand(
      "check", "Test the Athena connection: resolve credentials and call every operation the job "
               "needs, naming any missing permission");
  auto args = std::make_shared<ConnectionArgs>();
  auto db = std::make_shared<std::string>();
  add_connection_options(cmd, *args);
  cmd->add_option("--db", *db, "SQLite database (unused by check; accepted for symmetry)");
  cmd->add_flag_callback(
      "--verbose", [] { aws::show_error_bodies(true); },
      "AWS errors also show the reply body (one line, at most 500 bytes, secrets masked)");
  cmd->callback([&exit_code, args] {
    std::string dbt_connection;
    std::optional<config::WorkflowConfig> loaded =
        load_connection_or_report(*args, &dbt_connection);
    if (!loaded) {
      exit_code = static_cast<int>(ExitCode::kUsageOrIo);
      return;
    }
    if (!args->config.empty()) std::cout << "config: ok (" << args->config << ")\n";
    if (!dbt_connection.empty()) std::cout << dbt_connection << "\n";
    exit_code = config::run_connection_check(*loaded, std::cout, std::cerr);
  });
}

} // namespace athena::cli
