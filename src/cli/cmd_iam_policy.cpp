// `athena-lineage iam-policy --config F`: the least-privilege IAM policy for the configured
// region, workgroups and catalogs (see src/config/iam_policy.h).
#include <iostream>
#include <string>

#include "src/auth/credentials_chain.h"
#include "src/cli/commands.h"
#include "src/cli/config_loading.h"
#include "src/config/aws_settings.h"
#include "src/config/iam_policy.h"
#include "src/config/workflow_config.h"

namespace athena::cli {

void add_iam_policy_command(CLI::App& app, int& exit_code) {
  auto* cmd = app.add_subcommand(
      "iam-policy", "Print the least-privilege IAM policy for the configured region, workgroups "
                    "and catalogs");
  auto config_path = std::make_shared<std::string>();
  auto db = std::make_shared<std::string>();
  cmd->add_option("--config", *config_path, "OpenMetadata Athena workflow config (JSON or YAML)")
      ->required();
  cmd->add_option("--db", *db, "SQLite database (unused; accepted for symmetry)");
  cmd->callback([&exit_code, config_path] {
    std::optional<config::WorkflowConfig> loaded = load_config_or_report(*config_path);
    if (!loaded) {
      exit_code = static_cast<int>(ExitCode::kUsageOrIo);
      return;
    }
    const auto settings = config::credential_settings(*loaded);
    const std::string region = aws::resolve_region(settings, aws::load_shared_profiles());
    if (region.empty()) {
      std::cerr << "athena-lineage: warning: no region configured "
                   "(source.serviceConnection.config.awsConfig.awsRegion); the policy uses \"*\"\n";
    }
    // Every "*" the policy has to use is said, so a typo cannot widen it silently.
    if (config::configured_workgroups(*loaded).empty()) {
      std::cerr << "athena-lineage: warning: no workgroups configured (athenaLineage.workgroups); "
                   "the policy allows every workgroup (\"workgroup/*\")\n";
    }
    if (loaded->lineage.account_id.empty()) {
      std::cerr << "athena-lineage: warning: no account configured (athenaLineage.accountId); "
                   "the policy allows any account (\"*\")\n";
    }
    std::cout << config::least_privilege_policy(*loaded, region);
    exit_code = static_cast<int>(ExitCode::kOk);
  });
}

} // namespace athena::cli
