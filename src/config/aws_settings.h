#pragma once

#include <string>
#include <vector>

#include "src/athena/athena_client.h"
#include "src/auth/credentials_chain.h"
#include "src/auth/endpoint.h"
#include "src/config/workflow_config.h"

namespace athena::config {

/// Credential chain settings from awsConfig and athenaLineage options.
aws::CredentialSettings credential_settings(const WorkflowConfig& config);
/// Endpoint settings (endPointURL, FIPS, dual-stack) for `region`.
aws::EndpointSettings endpoint_settings(const WorkflowConfig& config, const std::string& region);
/// The same for Glue: athenaLineage.glueEndpointURL instead of endPointURL.
aws::EndpointSettings glue_endpoint_settings(const WorkflowConfig& config,
                                             const std::string& region);
/// HTTP options: CA bundle (athenaLineage.caBundle, else AWS_CA_BUNDLE), timeouts, parallelism.
http::HttpOptions http_options(const WorkflowConfig& config);
/// Client options: rate limits, retries, HTTP; the endpoint must be resolved already.
aws::AthenaClientOptions client_options(const WorkflowConfig& config, aws::Endpoint endpoint);
/// Workgroups to pull: athenaLineage.workgroups; empty means "every enabled workgroup".
std::vector<std::string> configured_workgroups(const WorkflowConfig& config);
/// Catalogs the job reads metadata from: athenaLineage.catalogs, else
/// connectionArguments.catalog_name, else AwsDataCatalog.
std::vector<std::string> configured_catalogs(const WorkflowConfig& config);

} // namespace athena::config
