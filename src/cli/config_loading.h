#pragma once

#include <optional>
#include <string>

#include <CLI/CLI.hpp>

#include "lineage/schema_catalog.h"
#include "src/config/workflow_config.h"

namespace athena::cli {

/// Loads the workflow config for a command: its warnings (unknown keys) and errors (each
/// naming the key's path) go to stderr; nullopt when it cannot be used (exit status 2).
std::optional<config::WorkflowConfig> load_config_or_report(const std::string& path);

/// Where check, pull and run get their Athena connection: OpenMetadata's workflow config,
/// dbt's profiles.yml, or both (the profile's target then replaces the config's connection).
struct ConnectionArgs {
  std::string config;
  std::string dbt_profiles;
  std::string dbt_profile;
  std::string dbt_target;
};

/// Registers --config, --dbt-profiles, --dbt-profile and --dbt-target on `cmd`.
void add_connection_options(CLI::App* cmd, ConnectionArgs& args);

/// Loads the config and/or the dbt target; errors go to stderr (never a secret); nullopt when
/// they cannot be used (exit status 2). `describe`, when given, receives one line saying which
/// dbt profile and target are the connection.
std::optional<config::WorkflowConfig> load_connection_or_report(const ConnectionArgs& args,
                                                                std::string* describe = nullptr);

/// Loads `--schema` files (CONTRACT.md) into `catalog`; the first error goes to stderr and
/// gives false (exit status 2).
bool load_schema_files_or_report(const std::vector<std::string>& files,
                                 lineage::SchemaCatalog& catalog,
                                 const std::string& default_catalog = "awsdatacatalog");

/// The database a command uses: `--db`, else `athenaLineage.db`, else athena-lineage.db.
std::string database_path(const std::string& flag, const config::WorkflowConfig& config);

} // namespace athena::cli
