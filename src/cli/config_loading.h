#pragma once

#include <optional>
#include <string>

#include "lineage/schema_catalog.h"
#include "src/config/workflow_config.h"

namespace athena::cli {

/// Loads the workflow config for a command: its warnings (unknown keys) and errors (each
/// naming the key's path) go to stderr; nullopt when it cannot be used (exit status 2).
std::optional<config::WorkflowConfig> load_config_or_report(const std::string& path);

/// Loads `--schema` files (CONTRACT.md) into `catalog`; the first error goes to stderr and
/// gives false (exit status 2).
bool load_schema_files_or_report(const std::vector<std::string>& files,
                                 lineage::SchemaCatalog& catalog,
                                 const std::string& default_catalog = "awsdatacatalog");

/// The database a command uses: `--db`, else `athenaLineage.db`, else athena-lineage.db.
std::string database_path(const std::string& flag, const config::WorkflowConfig& config);

} // namespace athena::cli
