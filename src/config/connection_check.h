#pragma once

#include <ostream>

#include "src/config/workflow_config.h"

namespace athena::config {

/// OpenMetadata's "Test Connection" for Athena: resolves credentials (naming the provider,
/// never the secret), then calls every operation the job needs once and says in plain words
/// which permission is missing. Results go to `out`, diagnostics to `err`. Returns the exit
/// status: 0 all passed, 1 some call failed, 2 configuration or credentials unusable.
int run_connection_check(const WorkflowConfig& config, std::ostream& out, std::ostream& err);

} // namespace athena::config
