// `athena-lineage check --config F`: the connection test (see src/config/connection_check.h).
#include <iostream>
#include <string>

#include "src/aws/aws_error.h"
#include "src/cli/commands.h"
#include "src/cli/config_loading.h"
#include "src/config/connection_check.h"
#include "src/config/workflow_config.h"

namespace athena::cli {

void add_check_command(CLI::App& app, int& exit_code) {
  auto* cmd = app.add_subcommand(
      "check", "Test the Athena connection: resolve credentials and call every operation the job "
               "needs, naming any missing permission");
  auto config_path = std::make_shared<std::string>();
  auto db = std::make_shared<std::string>();
  cmd->add_option("--config", *config_path, "OpenMetadata Athena workflow config (JSON or YAML)")
      ->required();
  cmd->add_option("--db", *db, "SQLite database (unused by check; accepted for symmetry)");
  cmd->add_flag_callback(
      "--verbose", [] { aws::show_error_bodies(true); },
      "AWS errors also show the reply body (one line, at most 500 bytes, secrets masked)");
  cmd->callback([&exit_code, config_path] {
    std::optional<config::WorkflowConfig> loaded = load_config_or_report(*config_path);
    if (!loaded) {
      exit_code = static_cast<int>(ExitCode::kUsageOrIo);
      return;
    }
    std::cout << "config: ok (" << *config_path << ")\n";
    exit_code = config::run_connection_check(*loaded, std::cout, std::cerr);
  });
}

} // namespace athena::cli
