#include "src/config/aws_settings.h"

#include "src/auth/ini_file.h"

namespace athena::config {

http::HttpOptions http_options(const WorkflowConfig& config) {
  http::HttpOptions h;
  h.ca_bundle = config.lineage.ca_bundle;
  if (h.ca_bundle.empty()) h.ca_bundle = aws::env_or_empty("AWS_CA_BUNDLE");
  h.connect_timeout = std::chrono::milliseconds(
      static_cast<long long>(config.lineage.connect_timeout_seconds * 1000));
  h.total_timeout = std::chrono::milliseconds(
      static_cast<long long>(config.lineage.request_timeout_seconds * 1000));
  h.max_parallel = static_cast<std::size_t>(config.lineage.parallel_requests);
  return h;
}

aws::CredentialSettings credential_settings(const WorkflowConfig& config) {
  aws::CredentialSettings s;
  s.access_key_id = config.aws.access_key_id;
  s.secret_access_key = config.aws.secret_access_key;
  s.session_token = config.aws.session_token;
  s.profile = config.aws.profile;
  s.region = config.aws.region;
  s.assume_role.role_arn = config.aws.assume_role_arn;
  s.assume_role.session_name = config.aws.assume_role_session_name;
  s.assume_role.source_identity = config.aws.assume_role_source_identity;
  s.assume_role.external_id = config.lineage.external_id;
  s.assume_role.duration_seconds = config.lineage.assume_role_duration_seconds;
  s.assume_role.sts_endpoint = config.lineage.sts_endpoint_url;
  s.http = http_options(config);
  return s;
}

aws::EndpointSettings endpoint_settings(const WorkflowConfig& config, const std::string& region) {
  aws::EndpointSettings e;
  e.endpoint_url = config.aws.endpoint_url;
  e.region = region;
  e.profile = config.aws.profile;
  e.use_fips = config.lineage.use_fips_endpoint;
  e.use_dualstack = config.lineage.use_dualstack_endpoint;
  return e;
}

aws::EndpointSettings glue_endpoint_settings(const WorkflowConfig& config,
                                             const std::string& region) {
  aws::EndpointSettings e = endpoint_settings(config, region);
  e.endpoint_url = config.lineage.glue_endpoint_url;
  return e;
}

aws::AthenaClientOptions client_options(const WorkflowConfig& config, aws::Endpoint endpoint) {
  aws::AthenaClientOptions o;
  o.endpoint = std::move(endpoint);
  o.http = http_options(config);
  o.retry.max_attempts = config.lineage.max_attempts;
  o.retry.base_seconds = config.lineage.retry_base_seconds;
  o.list_query_executions_rate = config.lineage.list_query_executions_rate;
  o.batch_get_rate = config.lineage.batch_get_rate;
  return o;
}

std::vector<std::string> configured_workgroups(const WorkflowConfig& config) {
  return config.lineage.workgroups;
}

std::vector<std::string> configured_catalogs(const WorkflowConfig& config) {
  if (!config.lineage.catalogs.empty()) return config.lineage.catalogs;
  if (!config.catalog_name.empty()) return {config.catalog_name};
  return {"AwsDataCatalog"};
}

} // namespace athena::config
