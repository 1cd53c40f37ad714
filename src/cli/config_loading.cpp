#include "src/cli/config_loading.h"

#include <iostream>

#include "src/catalog/schema_file.h"

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
