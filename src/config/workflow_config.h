#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "src/config/filter_pattern.h"
#include "src/config/node.h"
#include "src/util/secret.h"

namespace athena::config {

/// `source.serviceConnection.config.awsConfig` (OpenMetadata's awsCredentials).
struct AwsConfig {
  std::string access_key_id;
  util::Secret secret_access_key;
  util::Secret session_token;
  std::string region;
  std::string endpoint_url;
  std::string profile;
  std::string assume_role_arn;
  std::string assume_role_session_name; ///< "" = AthenaLineageSession
  std::string assume_role_source_identity;
};

/// `athenaLineage.dbt`: dbt's profiles.yml as the Athena connection (see dbt_profiles.h).
struct DbtConnectionOptions {
  std::string profiles; ///< profiles.yml path; "" = the connection comes from `source`
  std::string profile;  ///< profile name; "" = as dbt chooses
  std::string target;   ///< target name; "" = as dbt chooses
};

/// Our own options, under the top-level `athenaLineage` key.
struct AthenaLineageOptions {
  std::string db;                        ///< SQLite file
  std::vector<std::string> workgroups;   ///< empty: every enabled workgroup
  std::vector<std::string> catalogs;     ///< catalogs for metadata/IAM; empty: from history
  std::vector<std::string> schema_files; ///< `--schema` files (CONTRACT.md) known before analysis
  std::optional<int> days;               ///< history window; overrides queryLogDuration
  std::string since;                     ///< YYYY-MM-DD, overrides days
  double list_query_executions_rate = 5;
  double batch_get_rate = 20;
  int max_attempts = 3;
  double retry_base_seconds = 1.0; ///< backoff base of the standard retry mode
  std::string ca_bundle;
  double connect_timeout_seconds = 5;
  double request_timeout_seconds = 60;
  bool use_fips_endpoint = false;
  bool use_dualstack_endpoint = false;
  int parallel_requests = 16;
  std::string sts_endpoint_url;
  std::string glue_endpoint_url; ///< explicit Glue endpoint (as endPointURL is Athena's)
  std::string external_id;
  int assume_role_duration_seconds = 0;
  std::string account_id; ///< for iam-policy resource ARNs; "*" when unknown
  /// athenaLineage.retention: `run` prunes per-query rows older than `days` and raw records
  /// older than `rawDays` (default `days`) after its sinks; no retention when both are unset.
  std::optional<int> retention_days;
  std::optional<int> retention_raw_days;
  DbtConnectionOptions dbt;
};

/// `workflowConfig.openMetadataServerConfig`: where the OpenMetadata sink sends (push, run).
struct OpenMetadataServerConfig {
  std::string host_port;      ///< base URL including /api, e.g. http://om:8585/api
  std::string auth_provider;  ///< "openmetadata" (Bearer JWT) or "no-auth"
  util::Secret jwt_token;     ///< securityConfig.jwtToken
  std::string ca_certificate; ///< sslConfig.caCertificate (PEM file); TLS verification always on
  std::vector<std::pair<std::string, std::string>> extra_headers;
};

/// Our sink options, under `athenaLineage.openMetadata`.
struct OpenMetadataSinkOptions {
  std::string database_name; ///< OM database of AwsDataCatalog; "" = connection's, else default
  int max_attempts = 5;      ///< per request, first try included
  double retry_base_seconds = 1.0;
  double max_backoff_seconds = 30.0;
  int parallel_requests = 8;
  double connect_timeout_seconds = 10;
  double request_timeout_seconds = 60;
  bool query_entities = true;      ///< create Query entities (the Queries tab)
  bool compute_percentiles = true; ///< POST compute.percentile for every reported day
  /// A UTC day's usage is sent once this long after it ended (and no query of it is still
  /// QUEUED/RUNNING): Athena's longest DML timeout (4 h) plus queueing, with room to spare.
  double usage_settle_hours = 6;
};

/// The OpenLineage sink, under `athenaLineage.openLineage` (run).
struct OpenLineageSinkOptions {
  std::string url;                      ///< Marquez base URL or the full lineage endpoint
  std::string job_namespace = "athena"; ///< `namespace`
  std::string region;                   ///< for dataset namespaces; "" = awsConfig.awsRegion
  util::Secret api_key;                 ///< `apiKey`; "" = $OPENLINEAGE_API_KEY
  int max_attempts = 5;
  double retry_base_seconds = 1.0;
  double max_backoff_seconds = 30.0;
  int parallel_requests = 8;
};

/// OpenMetadata's Athena usage/lineage workflow configuration, as athena-lineage reads it.
struct WorkflowConfig {
  std::string source_type;  ///< source.type (athena, athena-usage, athena-lineage)
  std::string service_name; ///< source.serviceName
  AwsConfig aws;
  std::string workgroup;     ///< serviceConnection.config.workgroup
  std::string database_name; ///< serviceConnection.config.databaseName
  std::string catalog_name;  ///< serviceConnection.config.connectionArguments.catalog_name
  std::string s3_staging_dir;
  FilterPatternConfig database_filter;
  FilterPatternConfig schema_filter;
  FilterPatternConfig table_filter;
  int query_log_duration = 1; ///< sourceConfig.config.queryLogDuration (days)
  int result_limit = 1000;    ///< sourceConfig.config.resultLimit
  std::string query_log_file_path;
  AthenaLineageOptions lineage;
  /// Present when the config has workflowConfig.openMetadataServerConfig.hostPort.
  std::optional<OpenMetadataServerConfig> om_server;
  OpenMetadataSinkOptions om;
  /// Present when the config has athenaLineage.openLineage.
  std::optional<OpenLineageSinkOptions> open_lineage;
  /// The whole document after `${ENV}` substitution, for sections other parts read
  /// (workflowConfig.openMetadataServerConfig, sink, ...).
  Node raw;

  /// The filters compiled; the error names an invalid regex.
  util::Status compile_filters(EntityFilters& out) const;
};

struct ConfigResult {
  std::optional<WorkflowConfig> config;
  std::vector<std::string> errors;   ///< each names the key path
  std::vector<std::string> warnings; ///< unknown keys
  [[nodiscard]] bool ok() const { return config.has_value(); }
};

/// Reads the file (JSON or YAML), substitutes `${ENV_VAR}`, checks keys and types.
/// `source` is optional when `dbt_connection` (the connection comes from `--dbt-profiles`) or
/// when the config sets athenaLineage.dbt.profiles.
ConfigResult load_workflow_config(const std::filesystem::path& path, bool dbt_connection = false);
/// The same from text; `origin` names it in messages.
ConfigResult parse_workflow_config(std::string_view text, const std::string& origin,
                                   bool dbt_connection = false);

} // namespace athena::config
