#pragma once

#include <string>

#include "src/config/workflow_config.h"

namespace athena::config {

/// The least-privilege IAM policy (JSON, pretty-printed) for what athena-lineage calls:
/// ListWorkGroups/ListDataCatalogs on "*", the history operations on the workgroups, the
/// catalog operations on the catalogs, and Glue reads for AwsDataCatalog.
std::string least_privilege_policy(const WorkflowConfig& config, const std::string& region);

} // namespace athena::config
