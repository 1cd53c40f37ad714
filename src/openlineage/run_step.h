#pragma once

#include <ostream>
#include <string>

#include "src/config/workflow_config.h"
#include "src/openlineage/export_job.h"
#include "src/store/store.h"

namespace athena::openlineage {

/// The API key: `configured` when set, else $OPENLINEAGE_API_KEY.
util::Secret api_key(const util::Secret& configured);

/// The region of dataset namespaces: `flag`, else athenaLineage.openLineage.region, else the
/// connection's awsRegion, else $AWS_REGION / $AWS_DEFAULT_REGION ("" when none).
std::string region(const std::string& flag, const config::WorkflowConfig* config);

/// Options for an export to athenaLineage.openLineage of `config` (which must have it).
ExportOptions options_from_config(const config::WorkflowConfig& config);

/// `run`'s OpenLineage step: when the config has athenaLineage.openLineage, sends the events
/// (or prints them with `dry_run` to `dry_run_out`) and writes its summary to `summary`.
/// Returns the step's exit status (0 when the config has no such section).
int run_step(const config::WorkflowConfig& config, store::Store& store, bool dry_run,
             std::ostream* dry_run_out, std::ostream& summary);

} // namespace athena::openlineage
