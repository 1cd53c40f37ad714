#pragma once

#include <optional>
#include <string>

#include "src/config/workflow_config.h"

namespace athena::cli {

/// Loads the workflow config for a command: its warnings (unknown keys) and errors (each
/// naming the key's path) go to stderr; nullopt when it cannot be used (exit status 2).
std::optional<config::WorkflowConfig> load_config_or_report(const std::string& path);

/// The database a command uses: `--db`, else `athenaLineage.db`, else athena-lineage.db.
std::string database_path(const std::string& flag, const config::WorkflowConfig& config);

} // namespace athena::cli
