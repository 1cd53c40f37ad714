// Reading OpenMetadata's workflow configuration: a small schema of the keys we know (from
// OpenMetadata's schemas), type checks that name the key path; unknown keys under our own
// athenaLineage and under awsConfig are errors with the closest known key, warnings elsewhere.
// schema() is the one list of the keys the code reads: a key read anywhere must be declared
// there (config_workflow_test checks the sources against it).
#include "src/config/workflow_config.h"

#include <algorithm>
#include <cmath>

#include "src/util/file_io.h"

namespace athena::config {
namespace {

enum class Type { kAny, kString, kInt, kNumber, kBool, kObject, kStringArray, kArray };

struct Field {
  std::string_view name;
  Type type;
  std::vector<Field> children = {}; // for kObject: known members
  bool open = false;                // kObject whose members we do not check
  /// kObject that is ours (athenaLineage, and awsConfig whose every key we read): an unknown
  /// member there is a typo, so an error; elsewhere it is an OpenMetadata key we do not use.
  bool strict = false;
};

std::string_view type_name(Type t) {
  switch (t) {
  case Type::kString:
    return "a string";
  case Type::kInt:
    return "an integer";
  case Type::kNumber:
    return "a number";
  case Type::kBool:
    return "a boolean";
  case Type::kObject:
    return "an object";
  case Type::kStringArray:
    return "a list of strings";
  case Type::kArray:
    return "a list";
  case Type::kAny:
    break;
  }
  return "a value";
}

Field filter_pattern(std::string_view name) {
  return {
      name, Type::kObject, {{"includes", Type::kStringArray}, {"excludes", Type::kStringArray}}};
}

const Field& schema() {
  static const Field aws_config{"awsConfig",
                                Type::kObject,
                                {{"awsAccessKeyId", Type::kString},
                                 {"awsSecretAccessKey", Type::kString},
                                 {"awsRegion", Type::kString},
                                 {"awsSessionToken", Type::kString},
                                 {"endPointURL", Type::kString},
                                 {"profileName", Type::kString},
                                 {"assumeRoleArn", Type::kString},
                                 {"assumeRoleSessionName", Type::kString},
                                 {"assumeRoleSourceIdentity", Type::kString}},
                                false,
                                true};
  static const Field conn_config{"config",
                                 Type::kObject,
                                 {{"type", Type::kString},
                                  {"scheme", Type::kString},
                                  aws_config,
                                  {"s3StagingDir", Type::kString},
                                  {"workgroup", Type::kString},
                                  {"catalogId", Type::kString},
                                  {"databaseName", Type::kString},
                                  {"connectionOptions", Type::kObject, {}, true},
                                  {"connectionArguments", Type::kObject, {}, true},
                                  filter_pattern("schemaFilterPattern"),
                                  filter_pattern("tableFilterPattern"),
                                  filter_pattern("databaseFilterPattern"),
                                  {"supportsMetadataExtraction", Type::kBool},
                                  {"supportsDBTExtraction", Type::kBool},
                                  {"supportsProfiler", Type::kBool},
                                  {"supportsQueryComment", Type::kBool},
                                  {"supportsUsageExtraction", Type::kBool},
                                  {"supportsLineageExtraction", Type::kBool},
                                  {"supportsDataDiff", Type::kBool},
                                  {"sampleDataStorageConfig", Type::kObject, {}, true}}};
  static const Field source_config{"config",
                                   Type::kObject,
                                   {{"type", Type::kString},
                                    {"queryLogDuration", Type::kInt},
                                    {"stageFileLocation", Type::kString},
                                    {"filterCondition", Type::kString},
                                    {"resultLimit", Type::kInt},
                                    {"queryLogFilePath", Type::kString},
                                    {"processQueryCostAnalysis", Type::kBool},
                                    {"parsingTimeoutLimit", Type::kInt},
                                    {"queryParserConfig", Type::kObject, {}, true},
                                    filter_pattern("schemaFilterPattern"),
                                    filter_pattern("tableFilterPattern"),
                                    filter_pattern("databaseFilterPattern"),
                                    filter_pattern("storedProcedureFilterPattern"),
                                    {"overrideViewLineage", Type::kBool},
                                    {"processViewLineage", Type::kBool},
                                    {"processQueryLineage", Type::kBool},
                                    {"processStoredProcedureLineage", Type::kBool},
                                    {"threads", Type::kInt},
                                    {"processCrossDatabaseLineage", Type::kBool},
                                    {"crossDatabaseServiceNames", Type::kStringArray},
                                    {"enableTempTableLineage", Type::kBool},
                                    {"incrementalLineageProcessing", Type::kBool}}};
  static const Field om_server{"openMetadataServerConfig",
                               Type::kObject,
                               {{"clusterName", Type::kString},
                                {"type", Type::kString},
                                {"hostPort", Type::kString},
                                {"authProvider", Type::kString},
                                {"verifySSL", Type::kString},
                                {"sslConfig", Type::kObject, {}, true},
                                {"securityConfig", Type::kObject, {}, true},
                                {"secretsManagerProvider", Type::kString},
                                {"secretsManagerLoader", Type::kString},
                                {"apiVersion", Type::kString},
                                {"includeTopics", Type::kBool},
                                {"includeTables", Type::kBool},
                                {"includeDashboards", Type::kBool},
                                {"includePipelines", Type::kBool},
                                {"includeMlModels", Type::kBool},
                                {"includeUsers", Type::kBool},
                                {"includeTeams", Type::kBool},
                                {"includeGlossaryTerms", Type::kBool},
                                {"includeTags", Type::kBool},
                                {"includePolicy", Type::kBool},
                                {"includeMessagingServices", Type::kBool},
                                {"enableVersionValidation", Type::kBool},
                                {"includeDatabaseServices", Type::kBool},
                                {"includePipelineServices", Type::kBool},
                                {"limitRecords", Type::kInt},
                                {"forceEntityOverwriting", Type::kBool},
                                {"storeServiceConnection", Type::kBool},
                                {"elasticsSearch", Type::kObject, {}, true},
                                filter_pattern("schemaFilterPattern"),
                                filter_pattern("tableFilterPattern"),
                                filter_pattern("databaseFilterPattern"),
                                {"supportsDataInsightExtraction", Type::kBool},
                                {"supportsElasticSearchReindexingExtraction", Type::kBool},
                                {"extraHeaders", Type::kObject, {}, true}}};
  static const Field step_field{
      "", Type::kObject, {{"type", Type::kString}, {"config", Type::kObject, {}, true}}};
  auto step = [](std::string_view name) {
    Field f = step_field;
    f.name = name;
    return f;
  };
  static const Field root_field{
      "",
      Type::kObject,
      {{"source",
        Type::kObject,
        {{"type", Type::kString},
         {"serviceName", Type::kString},
         {"serviceConnection", Type::kObject, {conn_config}},
         {"sourceConfig", Type::kObject, {source_config}}}},
       step("processor"),
       step("stage"),
       step("bulkSink"),
       step("sink"),
       {"workflowConfig",
        Type::kObject,
        {{"loggerLevel", Type::kString},
         {"raiseOnError", Type::kBool},
         {"successThreshold", Type::kInt},
         {"config", Type::kObject, {}, true},
         om_server}},
       {"ingestionPipelineFQN", Type::kString},
       {"pipelineRunId", Type::kString},
       {"enableStreamableLogs", Type::kBool},
       {"athenaLineage",
        Type::kObject,
        {{"db", Type::kString},
         {"workgroups", Type::kStringArray},
         {"catalogs", Type::kStringArray},
         {"schemaFiles", Type::kStringArray},
         {"days", Type::kInt},
         {"since", Type::kString},
         {"rateLimits",
          Type::kObject,
          {{"listQueryExecutions", Type::kNumber}, {"batchGetQueryExecution", Type::kNumber}}},
         {"maxAttempts", Type::kInt},
         {"retryBaseSeconds", Type::kNumber},
         {"caBundle", Type::kString},
         {"connectTimeoutSeconds", Type::kNumber},
         {"requestTimeoutSeconds", Type::kNumber},
         {"useFipsEndpoint", Type::kBool},
         {"useDualstackEndpoint", Type::kBool},
         {"parallelRequests", Type::kInt},
         {"stsEndpointURL", Type::kString},
         {"glueEndpointURL", Type::kString},
         {"externalId", Type::kString},
         {"assumeRoleDurationSeconds", Type::kInt},
         {"accountId", Type::kString},
         {"dbt",
          Type::kObject,
          {{"profiles", Type::kString}, {"profile", Type::kString}, {"target", Type::kString}}},
         {"openMetadata",
          Type::kObject,
          {{"databaseName", Type::kString},
           {"maxAttempts", Type::kInt},
           {"retryBaseSeconds", Type::kNumber},
           {"maxBackoffSeconds", Type::kNumber},
           {"parallelRequests", Type::kInt},
           {"connectTimeoutSeconds", Type::kNumber},
           {"requestTimeoutSeconds", Type::kNumber},
           {"queryEntities", Type::kBool},
           {"computePercentiles", Type::kBool},
           {"usageSettleHours", Type::kNumber}}},
         {"retention", Type::kObject, {{"days", Type::kInt}, {"rawDays", Type::kInt}}},
         {"openLineage",
          Type::kObject,
          {{"url", Type::kString},
           {"namespace", Type::kString},
           {"region", Type::kString},
           {"apiKey", Type::kString},
           {"maxAttempts", Type::kInt},
           {"retryBaseSeconds", Type::kNumber},
           {"maxBackoffSeconds", Type::kNumber},
           {"parallelRequests", Type::kInt}}}},
        false,
        true}}};
  return root_field;
}

bool is_int(const Node& n) {
  if (n.kind != Node::Kind::kNumber) return false;
  if (n.text.find_first_of(".eE") == std::string::npos) return true;
  try {
    double d = std::stod(n.text);
    return std::floor(d) == d;
  } catch (const std::exception&) {
    return false;
  }
}

bool type_ok(const Node& n, Type t) {
  switch (t) {
  case Type::kAny:
    return true;
  case Type::kString:
    // YAML `workgroup: 2024` or an id of digits is still meant as a string.
    return n.kind == Node::Kind::kString || n.kind == Node::Kind::kNumber;
  case Type::kInt:
    return is_int(n) || (n.kind == Node::Kind::kString && !n.text.empty() &&
                         n.text.find_first_not_of("0123456789") == std::string::npos);
  case Type::kNumber:
    return n.kind == Node::Kind::kNumber;
  case Type::kBool:
    return n.kind == Node::Kind::kBool;
  case Type::kObject:
    return n.kind == Node::Kind::kObject;
  case Type::kStringArray:
    if (n.kind != Node::Kind::kArray) return false;
    for (const auto& item : n.items) {
      if (item.kind != Node::Kind::kString && item.kind != Node::Kind::kNumber) return false;
    }
    return true;
  case Type::kArray:
    return n.kind == Node::Kind::kArray;
  }
  return false;
}

std::string where(const std::string& origin, const Node& n) {
  return n.line > 0 ? origin + ":" + std::to_string(n.line) + ": " : origin + ": ";
}

/// Edit distance between two keys, ignoring case (for "did you mean").
size_t key_distance(std::string_view a, std::string_view b) {
  auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j)
    row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diagonal = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      const size_t above = row[j];
      row[j] = std::min(
          {row[j] + 1, row[j - 1] + 1, diagonal + (lower(a[i - 1]) == lower(b[j - 1]) ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

/// " (did you mean 'workgroups'?)" for the closest known key, or "" when none is close.
std::string did_you_mean(std::string_view key, const Field& f) {
  const Field* best = nullptr;
  size_t best_distance = 0;
  for (const auto& c : f.children) {
    const size_t d = key_distance(key, c.name);
    if (best == nullptr || d < best_distance) {
      best = &c;
      best_distance = d;
    }
  }
  if (best == nullptr || best_distance > std::max<size_t>(2, key.size() / 3)) return "";
  return " (did you mean '" + std::string(best->name) + "'?)";
}

std::string known_keys(const Field& f) {
  std::string out;
  for (const auto& c : f.children)
    out += (out.empty() ? "" : ", ") + std::string(c.name);
  return out;
}

void check(const Node& n, const Field& f, const std::string& path, const std::string& origin,
           ConfigResult& out, bool strict = false) {
  // `key: ` with nothing after it is null in YAML: treat as absent, like OpenMetadata.
  if (n.kind == Node::Kind::kNull) return;
  if (!type_ok(n, f.type)) {
    std::string found(kind_name(n.kind));
    if (f.type == Type::kStringArray && n.kind == Node::Kind::kArray)
      found = "a list with non-strings";
    out.errors.push_back(where(origin, n) + path + ": expected " + std::string(type_name(f.type)) +
                         ", found " + found);
    return;
  }
  if (f.type != Type::kObject || f.open) return;
  for (const auto& [key, child] : n.members) {
    const std::string child_path = member_path(path, key);
    const Field* known = nullptr;
    for (const auto& c : f.children) {
      if (c.name == key) known = &c;
    }
    if (known == nullptr && (strict || f.strict)) {
      std::string hint = did_you_mean(key, f);
      if (hint.empty()) hint = " (known keys: " + known_keys(f) + ")";
      std::string error = where(origin, child) + child_path + ": unknown key";
      error += hint;
      out.errors.push_back(std::move(error));
      continue;
    }
    if (known == nullptr) {
      out.warnings.push_back(where(origin, child) + child_path + ": unknown key, ignored");
      continue;
    }
    check(child, *known, child_path, origin, out, strict || f.strict);
  }
}

const Node* at(const Node& root, std::initializer_list<std::string_view> path) {
  const Node* n = &root;
  for (auto key : path) {
    n = n->find(key);
    if (n == nullptr) return nullptr;
  }
  return n->kind == Node::Kind::kNull ? nullptr : n;
}

std::string str(const Node& root, std::initializer_list<std::string_view> path) {
  const Node* n = at(root, path);
  return n != nullptr ? n->text : std::string();
}

template <class T>
void number(const Node& root, std::initializer_list<std::string_view> path, T& out) {
  const Node* n = at(root, path);
  if (n == nullptr) return;
  try {
    out = static_cast<T>(std::stod(n->text));
  } catch (const std::exception&) {
    // type-checked already
  }
}

std::vector<std::string> strings(const Node& root, std::initializer_list<std::string_view> path) {
  std::vector<std::string> out;
  if (const Node* n = at(root, path)) {
    for (const auto& item : n->items)
      out.push_back(item.text);
  }
  return out;
}

FilterPatternConfig filter(const Node& root, std::initializer_list<std::string_view> a,
                           std::initializer_list<std::string_view> b, std::string_view key) {
  // The pipeline's sourceConfig filter wins over the connection's default filter.
  for (auto base : {b, a}) {
    const Node* n = at(root, base);
    if (n == nullptr) continue;
    const Node* f = n->find(key);
    if (f == nullptr || f->kind != Node::Kind::kObject) continue;
    FilterPatternConfig out;
    if (const Node* inc = f->find("includes")) {
      for (const auto& i : inc->items)
        out.includes.push_back(i.text);
    }
    if (const Node* exc = f->find("excludes")) {
      for (const auto& e : exc->items)
        out.excludes.push_back(e.text);
    }
    return out;
  }
  return {};
}

/// workflowConfig.openMetadataServerConfig and athenaLineage.openMetadata (push, run).
void read_openmetadata(const Node& root, const std::string& origin, WorkflowConfig& c,
                       ConfigResult& out) {
  auto fail = [&](const std::string& path, const std::string& want) {
    out.errors.push_back(origin + ": " + path + ": " + want);
  };
  const std::initializer_list<std::string_view> om_path = {"workflowConfig",
                                                           "openMetadataServerConfig"};
  if (at(root, om_path) != nullptr) {
    OpenMetadataServerConfig s;
    s.host_port = str(root, {"workflowConfig", "openMetadataServerConfig", "hostPort"});
    s.auth_provider = str(root, {"workflowConfig", "openMetadataServerConfig", "authProvider"});
    if (s.auth_provider.empty()) s.auth_provider = "openmetadata";
    s.jwt_token = util::Secret(
        str(root, {"workflowConfig", "openMetadataServerConfig", "securityConfig", "jwtToken"}));
    s.ca_certificate =
        str(root, {"workflowConfig", "openMetadataServerConfig", "sslConfig", "caCertificate"});
    if (const Node* h = at(root, {"workflowConfig", "openMetadataServerConfig", "extraHeaders"})) {
      for (const auto& [k, v] : h->members) {
        if (!v.is_scalar()) {
          fail("workflowConfig.openMetadataServerConfig.extraHeaders." + k,
               "expected a string, found " + std::string(kind_name(v.kind)));
        } else {
          s.extra_headers.emplace_back(k, v.text);
        }
      }
    }
    const std::string prefix = "workflowConfig.openMetadataServerConfig.";
    const bool http = s.host_port.starts_with("http://") || s.host_port.starts_with("https://");
    if (s.host_port.empty()) {
      fail(prefix + "hostPort", "required key is missing");
    } else if (!http) {
      fail(prefix + "hostPort",
           "expected an http:// or https:// URL including /api, found \"" + s.host_port + "\"");
    }
    if (s.auth_provider != "openmetadata" && s.auth_provider != "no-auth") {
      fail(prefix + "authProvider",
           R"(expected "openmetadata" or "no-auth", found ")" + s.auth_provider + "\"");
    } else if (s.auth_provider == "openmetadata" && s.jwt_token.empty()) {
      fail(prefix + "securityConfig.jwtToken", "required when authProvider is openmetadata");
    }
    const std::string verify =
        str(root, {"workflowConfig", "openMetadataServerConfig", "verifySSL"});
    if (verify == "ignore") {
      out.warnings.push_back(origin + ": " + prefix +
                             "verifySSL: \"ignore\" is not supported; TLS certificates are "
                             "always verified (set sslConfig.caCertificate for a private CA)");
    }
    c.om_server = std::move(s);
  }
  OpenMetadataSinkOptions& o = c.om;
  o.database_name = str(root, {"athenaLineage", "openMetadata", "databaseName"});
  number(root, {"athenaLineage", "openMetadata", "maxAttempts"}, o.max_attempts);
  number(root, {"athenaLineage", "openMetadata", "retryBaseSeconds"}, o.retry_base_seconds);
  number(root, {"athenaLineage", "openMetadata", "maxBackoffSeconds"}, o.max_backoff_seconds);
  number(root, {"athenaLineage", "openMetadata", "parallelRequests"}, o.parallel_requests);
  number(root, {"athenaLineage", "openMetadata", "connectTimeoutSeconds"},
         o.connect_timeout_seconds);
  number(root, {"athenaLineage", "openMetadata", "requestTimeoutSeconds"},
         o.request_timeout_seconds);
  if (const Node* n = at(root, {"athenaLineage", "openMetadata", "queryEntities"}))
    o.query_entities = n->boolean;
  if (const Node* n = at(root, {"athenaLineage", "openMetadata", "computePercentiles"}))
    o.compute_percentiles = n->boolean;
  number(root, {"athenaLineage", "openMetadata", "usageSettleHours"}, o.usage_settle_hours);
  const std::string p = "athenaLineage.openMetadata.";
  if (o.max_attempts < 1 || o.max_attempts > 20)
    fail(p + "maxAttempts", "must be between 1 and 20");
  if (o.retry_base_seconds < 0) fail(p + "retryBaseSeconds", "must be 0 or more");
  if (o.max_backoff_seconds < 0) fail(p + "maxBackoffSeconds", "must be 0 or more");
  if (!(o.usage_settle_hours >= 0) || o.usage_settle_hours > 24 * 30)
    fail(p + "usageSettleHours", "must be between 0 and 720");
  if (o.parallel_requests < 1 || o.parallel_requests > 64)
    fail(p + "parallelRequests", "must be between 1 and 64");
  if (o.connect_timeout_seconds <= 0) fail(p + "connectTimeoutSeconds", "must be positive");
  if (o.request_timeout_seconds <= 0) fail(p + "requestTimeoutSeconds", "must be positive");
}

/// athenaLineage.openLineage (run's OpenLineage step).
void read_openlineage(const Node& root, const std::string& origin, WorkflowConfig& c,
                      ConfigResult& out) {
  if (at(root, {"athenaLineage", "openLineage"}) == nullptr) return;
  OpenLineageSinkOptions o;
  o.url = str(root, {"athenaLineage", "openLineage", "url"});
  if (const std::string ns = str(root, {"athenaLineage", "openLineage", "namespace"}); !ns.empty())
    o.job_namespace = ns;
  o.region = str(root, {"athenaLineage", "openLineage", "region"});
  o.api_key = util::Secret(str(root, {"athenaLineage", "openLineage", "apiKey"}));
  number(root, {"athenaLineage", "openLineage", "maxAttempts"}, o.max_attempts);
  number(root, {"athenaLineage", "openLineage", "retryBaseSeconds"}, o.retry_base_seconds);
  number(root, {"athenaLineage", "openLineage", "maxBackoffSeconds"}, o.max_backoff_seconds);
  number(root, {"athenaLineage", "openLineage", "parallelRequests"}, o.parallel_requests);
  const std::string p = origin + ": athenaLineage.openLineage.";
  if (o.url.empty()) {
    out.errors.push_back(p + "url: required key is missing");
  } else if (!o.url.starts_with("http://") && !o.url.starts_with("https://")) {
    out.errors.push_back(p + "url: expected an http:// or https:// URL, found \"" + o.url + "\"");
  }
  if (o.max_attempts < 1 || o.max_attempts > 20)
    out.errors.push_back(p + "maxAttempts: must be between 1 and 20");
  if (o.retry_base_seconds < 0) out.errors.push_back(p + "retryBaseSeconds: must be 0 or more");
  if (o.max_backoff_seconds < 0) out.errors.push_back(p + "maxBackoffSeconds: must be 0 or more");
  if (o.parallel_requests < 1 || o.parallel_requests > 64)
    out.errors.push_back(p + "parallelRequests: must be between 1 and 64");
  c.open_lineage = std::move(o);
}

} // namespace

util::Status WorkflowConfig::compile_filters(EntityFilters& out) const {
  if (auto s = out.database.compile(database_filter, "databaseFilterPattern"); !s) return s;
  if (auto s = out.schema.compile(schema_filter, "schemaFilterPattern"); !s) return s;
  return out.table.compile(table_filter, "tableFilterPattern");
}

ConfigResult parse_workflow_config(std::string_view text, const std::string& origin,
                                   bool dbt_connection) {
  ConfigResult out;
  LoadResult loaded = parse_document(text, origin);
  if (!loaded.ok()) {
    out.errors.push_back(loaded.error);
    return out;
  }
  Node& root = loaded.root;
  if (root.kind != Node::Kind::kObject) {
    out.errors.push_back(origin + ": expected an object at the top level, found " +
                         std::string(kind_name(root.kind)));
    return out;
  }
  if (std::string err = substitute_env(root); !err.empty()) {
    out.errors.push_back(origin + ": " + err);
    return out;
  }
  check(root, schema(), "", origin, out);
  const std::initializer_list<std::string_view> conn_path = {"source", "serviceConnection",
                                                             "config"};
  const bool from_dbt = dbt_connection || at(root, {"athenaLineage", "dbt", "profiles"}) != nullptr;
  if (from_dbt) {
    if (at(root, conn_path) != nullptr) {
      out.warnings.push_back(origin +
                             ": source.serviceConnection: ignored, the connection comes from the "
                             "dbt profile");
    }
  } else if (at(root, {"source"}) == nullptr) {
    out.errors.push_back(origin + ": source: required key is missing");
  } else if (at(root, conn_path) == nullptr) {
    out.errors.push_back(origin + ": source.serviceConnection.config: required key is missing");
  } else if (at(root, {"source", "serviceConnection", "config", "awsConfig"}) == nullptr) {
    out.errors.push_back(origin +
                         ": source.serviceConnection.config.awsConfig: required key is missing");
  }
  const std::string conn_type = str(root, {"source", "serviceConnection", "config", "type"});
  if (!conn_type.empty() && conn_type != "Athena") {
    out.errors.push_back(origin +
                         ": source.serviceConnection.config.type: expected \"Athena\", "
                         "found \"" +
                         conn_type + "\"");
  }
  if (!out.errors.empty()) return out;

  WorkflowConfig c;
  c.source_type = str(root, {"source", "type"});
  c.service_name = str(root, {"source", "serviceName"});
  auto aws = [&](std::string_view key) {
    return str(root, {"source", "serviceConnection", "config", "awsConfig", key});
  };
  c.aws.access_key_id = aws("awsAccessKeyId");
  c.aws.secret_access_key = util::Secret(aws("awsSecretAccessKey"));
  c.aws.session_token = util::Secret(aws("awsSessionToken"));
  c.aws.region = aws("awsRegion");
  c.aws.endpoint_url = aws("endPointURL");
  c.aws.profile = aws("profileName");
  c.aws.assume_role_arn = aws("assumeRoleArn");
  c.aws.assume_role_session_name = aws("assumeRoleSessionName");
  c.aws.assume_role_source_identity = aws("assumeRoleSourceIdentity");
  c.workgroup = str(root, {"source", "serviceConnection", "config", "workgroup"});
  c.database_name = str(root, {"source", "serviceConnection", "config", "databaseName"});
  c.s3_staging_dir = str(root, {"source", "serviceConnection", "config", "s3StagingDir"});
  c.catalog_name =
      str(root, {"source", "serviceConnection", "config", "connectionArguments", "catalog_name"});
  const std::initializer_list<std::string_view> src_path = {"source", "sourceConfig", "config"};
  c.database_filter = filter(root, conn_path, src_path, "databaseFilterPattern");
  c.schema_filter = filter(root, conn_path, src_path, "schemaFilterPattern");
  c.table_filter = filter(root, conn_path, src_path, "tableFilterPattern");
  number(root, {"source", "sourceConfig", "config", "queryLogDuration"}, c.query_log_duration);
  number(root, {"source", "sourceConfig", "config", "resultLimit"}, c.result_limit);
  c.query_log_file_path = str(root, {"source", "sourceConfig", "config", "queryLogFilePath"});

  AthenaLineageOptions& o = c.lineage;
  o.db = str(root, {"athenaLineage", "db"});
  o.workgroups = strings(root, {"athenaLineage", "workgroups"});
  o.catalogs = strings(root, {"athenaLineage", "catalogs"});
  o.schema_files = strings(root, {"athenaLineage", "schemaFiles"});
  if (at(root, {"athenaLineage", "days"}) != nullptr) {
    int days = 0;
    number(root, {"athenaLineage", "days"}, days);
    o.days = days;
  }
  o.since = str(root, {"athenaLineage", "since"});
  number(root, {"athenaLineage", "rateLimits", "listQueryExecutions"},
         o.list_query_executions_rate);
  number(root, {"athenaLineage", "rateLimits", "batchGetQueryExecution"}, o.batch_get_rate);
  number(root, {"athenaLineage", "maxAttempts"}, o.max_attempts);
  number(root, {"athenaLineage", "retryBaseSeconds"}, o.retry_base_seconds);
  o.ca_bundle = str(root, {"athenaLineage", "caBundle"});
  number(root, {"athenaLineage", "connectTimeoutSeconds"}, o.connect_timeout_seconds);
  number(root, {"athenaLineage", "requestTimeoutSeconds"}, o.request_timeout_seconds);
  if (const Node* n = at(root, {"athenaLineage", "useFipsEndpoint"}))
    o.use_fips_endpoint = n->boolean;
  if (const Node* n = at(root, {"athenaLineage", "useDualstackEndpoint"})) {
    o.use_dualstack_endpoint = n->boolean;
  }
  number(root, {"athenaLineage", "parallelRequests"}, o.parallel_requests);
  o.sts_endpoint_url = str(root, {"athenaLineage", "stsEndpointURL"});
  o.glue_endpoint_url = str(root, {"athenaLineage", "glueEndpointURL"});
  o.external_id = str(root, {"athenaLineage", "externalId"});
  number(root, {"athenaLineage", "assumeRoleDurationSeconds"}, o.assume_role_duration_seconds);
  o.account_id = str(root, {"athenaLineage", "accountId"});
  if (at(root, {"athenaLineage", "retention", "days"}) != nullptr) {
    int days = 0;
    number(root, {"athenaLineage", "retention", "days"}, days);
    o.retention_days = days;
  }
  if (at(root, {"athenaLineage", "retention", "rawDays"}) != nullptr) {
    int days = 0;
    number(root, {"athenaLineage", "retention", "rawDays"}, days);
    o.retention_raw_days = days;
  }
  o.dbt.profiles = str(root, {"athenaLineage", "dbt", "profiles"});
  o.dbt.profile = str(root, {"athenaLineage", "dbt", "profile"});
  o.dbt.target = str(root, {"athenaLineage", "dbt", "target"});

  read_openmetadata(root, origin, c, out);
  read_openlineage(root, origin, c, out);

  // Range checks, each naming its key.
  auto range = [&](bool bad, const char* path, const char* want) {
    if (bad) out.errors.push_back(origin + ": " + path + ": " + want);
  };
  range(c.query_log_duration < 0, "source.sourceConfig.config.queryLogDuration",
        "must be 0 or more days");
  range(c.result_limit < 1, "source.sourceConfig.config.resultLimit", "must be at least 1");
  range(o.days && (*o.days < 1 || *o.days > 45), "athenaLineage.days",
        "must be between 1 and 45 (Athena keeps 45 days of history)");
  range(o.retention_days && *o.retention_days < 1, "athenaLineage.retention.days",
        "must be at least 1 (days of per-query rows to keep)");
  range(o.retention_raw_days && *o.retention_raw_days < 1, "athenaLineage.retention.rawDays",
        "must be at least 1 (days of raw records to keep)");
  range(o.list_query_executions_rate < 0, "athenaLineage.rateLimits.listQueryExecutions",
        "must be 0 (unlimited) or more calls per second");
  range(o.batch_get_rate < 0, "athenaLineage.rateLimits.batchGetQueryExecution",
        "must be 0 (unlimited) or more calls per second");
  range(o.max_attempts < 1 || o.max_attempts > 20, "athenaLineage.maxAttempts",
        "must be between 1 and 20");
  range(o.retry_base_seconds < 0.001 || o.retry_base_seconds > 20, "athenaLineage.retryBaseSeconds",
        "must be between 0.001 and 20 seconds");
  range(o.parallel_requests < 1 || o.parallel_requests > 256, "athenaLineage.parallelRequests",
        "must be between 1 and 256");
  range(o.connect_timeout_seconds <= 0, "athenaLineage.connectTimeoutSeconds", "must be positive");
  range(o.request_timeout_seconds <= 0, "athenaLineage.requestTimeoutSeconds", "must be positive");
  range(o.assume_role_duration_seconds != 0 &&
            (o.assume_role_duration_seconds < 900 || o.assume_role_duration_seconds > 43200),
        "athenaLineage.assumeRoleDurationSeconds", "must be between 900 and 43200");
  range(!c.aws.access_key_id.empty() && c.aws.secret_access_key.empty(),
        "source.serviceConnection.config.awsConfig.awsSecretAccessKey",
        "required when awsAccessKeyId is set");
  range(c.aws.access_key_id.empty() && !c.aws.secret_access_key.empty(),
        "source.serviceConnection.config.awsConfig.awsAccessKeyId",
        "required when awsSecretAccessKey is set");
  if (!o.since.empty()) {
    const bool shape = o.since.size() == 10 && o.since[4] == '-' && o.since[7] == '-';
    range(!shape, "athenaLineage.since", "must be a date, YYYY-MM-DD");
  }
  EntityFilters compiled;
  if (auto compiled_ok = c.compile_filters(compiled); !compiled_ok)
    out.errors.push_back(origin + ": " + compiled_ok.error());
  if (!out.errors.empty()) return out;
  c.raw = std::move(root);
  out.config = std::move(c);
  return out;
}

ConfigResult load_workflow_config(const std::filesystem::path& path, bool dbt_connection) {
  const auto text = util::read_input(path.string());
  if (!text) {
    ConfigResult out;
    out.errors.push_back(path.string() + ": cannot read the config file");
    return out;
  }
  return parse_workflow_config(*text, path.string(), dbt_connection);
}

} // namespace athena::config
