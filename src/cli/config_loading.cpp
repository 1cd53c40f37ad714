#include "src/cli/config_loading.h"

#include <iostream>

#include "src/catalog/schema_file.h"
#include "src/config/dbt_profiles.h"

namespace athena::cli {

std::optional<config::WorkflowConfig> load_config_or_report(const std::string& path) {
  config::ConfigResult loaded = config::load_workflow_config(path);
  for (const auto& w : loaded.warnings)
    std::cerr << "athena-lineage: warning: " << w << "\n";
  if (!loaded.ok()) {
    for (const auto& e : loaded.errors)
      std::cerr << "athena-lineage: error: " << e << "\n";
    return std::nullopt;
  }
  return std::move(loaded.config);
}

void add_connection_options(CLI::App* cmd, ConnectionArgs& args) {
  cmd->add_option("--config", args.config,
                  "OpenMetadata Athena workflow config (JSON or YAML); this or --dbt-profiles");
  cmd->add_option("--dbt-profiles", args.dbt_profiles,
                  "dbt's profiles.yml: its Athena target is the connection (default: "
                  "athenaLineage.dbt.profiles)");
  cmd->add_option("--dbt-profile", args.dbt_profile,
                  "profile to read (default: dbt_project.yml's profile beside the file, else the "
                  "only one)");
  cmd->add_option("--dbt-target", args.dbt_target,
                  "target to read (default: $DBT_TARGET, else the profile's target)");
}

std::optional<config::WorkflowConfig> load_connection_or_report(const ConnectionArgs& args,
                                                                std::string* describe) {
  if (args.config.empty() && args.dbt_profiles.empty()) {
    std::cerr << "athena-lineage: error: --config or --dbt-profiles is required\n";
    return std::nullopt;
  }
  config::WorkflowConfig cfg;
  if (!args.config.empty()) {
    config::ConfigResult loaded =
        config::load_workflow_config(args.config, !args.dbt_profiles.empty());
    for (const auto& w : loaded.warnings)
      std::cerr << "athena-lineage: warning: " << w << "\n";
    if (!loaded.ok()) {
      for (const auto& e : loaded.errors)
        std::cerr << "athena-lineage: error: " << e << "\n";
      return std::nullopt;
    }
    cfg = std::move(*loaded.config);
  }
  const config::DbtConnectionOptions& from_config = cfg.lineage.dbt;
  const std::string profiles =
      !args.dbt_profiles.empty() ? args.dbt_profiles : from_config.profiles;
  if (profiles.empty()) {
    if (!args.dbt_profile.empty() || !args.dbt_target.empty()) {
      std::cerr << "athena-lineage: error: --dbt-profile and --dbt-target need --dbt-profiles "
                   "(or athenaLineage.dbt.profiles)\n";
      return std::nullopt;
    }
    return cfg;
  }
  config::DbtProfileChoice choice;
  choice.profile = !args.dbt_profile.empty() ? args.dbt_profile : from_config.profile;
  choice.target = !args.dbt_target.empty() ? args.dbt_target : from_config.target;
  config::DbtProfileResult dbt = config::load_dbt_profile(profiles, choice);
  for (const auto& w : dbt.warnings)
    std::cerr << "athena-lineage: warning: " << w << "\n";
  if (!dbt.ok()) {
    for (const auto& e : dbt.errors)
      std::cerr << "athena-lineage: error: " << e << "\n";
    return std::nullopt;
  }
  config::apply_dbt_target(*dbt.target, cfg);
  if (describe != nullptr) {
    const config::DbtAthenaTarget& t = *dbt.target;
    *describe = "connection: dbt profile '" + t.profile + "', target '" + t.target + "' (" +
                t.file + "): region " + t.region_name +
                (t.work_group.empty() ? "" : ", workgroup " + t.work_group) +
                (t.endpoint_url.empty() ? "" : ", endpoint " + t.endpoint_url);
  }
  return cfg;
}

bool load_schema_files_or_report(const std::vector<std::string>& files,
                                 lineage::SchemaCatalog& catalog,
                                 const std::string& default_catalog) {
  for (const auto& f : files) {
    if (auto loaded = catalog::load_schema_file(f, catalog, default_catalog); !loaded) {
      std::cerr << "athena-lineage: error: " << loaded.error() << "\n";
      return false;
    }
  }
  return true;
}

std::string database_path(const std::string& flag, const config::WorkflowConfig& config) {
  if (!flag.empty()) return flag;
  if (!config.lineage.db.empty()) return config.lineage.db;
  return "athena-lineage.db";
}

} // namespace athena::cli
