// OpenMetadata workflow configs (JSON and YAML) as athena-lineage reads them: values, ${ENV}
// substitution, unknown keys, type errors naming the key path; filter patterns; IAM policy.
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <regex>
#include <set>

#include <gtest/gtest.h>

#include "src/config/filter_pattern.h"
#include "src/config/iam_policy.h"
#include "src/config/workflow_config.h"
#include "tests/support/test_support.h"

namespace athena::config {
namespace {

constexpr const char* kYaml = R"(source:
  type: athena-usage
  serviceName: my_athena
  serviceConnection:
    config:
      type: Athena
      awsConfig:
        awsAccessKeyId: AKIDYAMLTEST
        awsSecretAccessKey: ${CFG_TEST_SECRET}
        awsRegion: eu-central-1
        endPointURL: http://127.0.0.1:9999
        assumeRoleArn: arn:aws:iam::123456789012:role/Reader
        assumeRoleSessionName: lineage
        assumeRoleSourceIdentity: alice
      s3StagingDir: s3://staging/athena/
      workgroup: analytics
      databaseName: sales
      connectionArguments:
        catalog_name: MyCatalog
      schemaFilterPattern:
        includes: ["^sales", "web.*"]
  sourceConfig:
    config:
      type: DatabaseUsage
      queryLogDuration: 7
      resultLimit: 5000
      tableFilterPattern:
        excludes: [tmp_]
processor:
  type: query-parser
  config: {}
workflowConfig:
  openMetadataServerConfig:
    hostPort: http://localhost:8585/api
    authProvider: openmetadata
    securityConfig:
      jwtToken: ${CFG_TEST_JWT}
athenaLineage:
  db: lineage.db
  workgroups: [analytics, etl]
  days: 30
  rateLimits:
    listQueryExecutions: 2.5
  maxAttempts: 5
  useFipsEndpoint: false
)";

class ConfigTest : public ::testing::Test {
protected:
  void SetUp() override {
    setenv("CFG_TEST_SECRET", "s3cr3t-from-env", 1);
    setenv("CFG_TEST_JWT", "jwt-value", 1);
  }
  void TearDown() override {
    unsetenv("CFG_TEST_SECRET");
    unsetenv("CFG_TEST_JWT");
  }
};

std::string join(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& s : v)
    out += s + "\n";
  return out;
}

TEST_F(ConfigTest, YamlWorkflowReadsEveryKey) {
  ConfigResult r = parse_workflow_config(kYaml, "wf.yaml");
  ASSERT_TRUE(r.ok()) << join(r.errors);
  EXPECT_TRUE(r.warnings.empty()) << join(r.warnings);
  const WorkflowConfig& c = *r.config;
  EXPECT_EQ(c.source_type, "athena-usage");
  EXPECT_EQ(c.service_name, "my_athena");
  EXPECT_EQ(c.aws.access_key_id, "AKIDYAMLTEST");
  EXPECT_EQ(c.aws.secret_access_key.reveal(), "s3cr3t-from-env");
  EXPECT_EQ(c.aws.region, "eu-central-1");
  EXPECT_EQ(c.aws.endpoint_url, "http://127.0.0.1:9999");
  EXPECT_EQ(c.aws.assume_role_arn, "arn:aws:iam::123456789012:role/Reader");
  EXPECT_EQ(c.aws.assume_role_session_name, "lineage");
  EXPECT_EQ(c.aws.assume_role_source_identity, "alice");
  EXPECT_EQ(c.workgroup, "analytics");
  EXPECT_EQ(c.database_name, "sales");
  EXPECT_EQ(c.catalog_name, "MyCatalog");
  EXPECT_EQ(c.query_log_duration, 7);
  EXPECT_EQ(c.result_limit, 5000);
  EXPECT_EQ(c.schema_filter.includes, (std::vector<std::string>{"^sales", "web.*"}));
  EXPECT_EQ(c.table_filter.excludes, (std::vector<std::string>{"tmp_"}));
  EXPECT_EQ(c.lineage.db, "lineage.db");
  EXPECT_EQ(c.lineage.workgroups, (std::vector<std::string>{"analytics", "etl"}));
  ASSERT_TRUE(c.lineage.days.has_value());
  EXPECT_EQ(*c.lineage.days, 30);
  EXPECT_DOUBLE_EQ(c.lineage.list_query_executions_rate, 2.5);
  EXPECT_DOUBLE_EQ(c.lineage.batch_get_rate, 20);
  EXPECT_EQ(c.lineage.max_attempts, 5);
  const Node* jwt = c.raw.find("workflowConfig")
                        ->find("openMetadataServerConfig")
                        ->find("securityConfig")
                        ->find("jwtToken");
  ASSERT_NE(jwt, nullptr);
  EXPECT_EQ(jwt->text, "jwt-value");
}

TEST_F(ConfigTest, JsonWorkflowGivesTheSameValues) {
  const std::string json = R"({"source": {"type": "athena", "serviceName": "svc",
    "serviceConnection": {"config": {"type": "Athena", "awsConfig": {
      "awsRegion": "us-east-1", "profileName": "dev", "awsSessionToken": "${CFG_TEST_JWT}"},
      "workgroup": "primary", "s3StagingDir": "s3://x/"}},
    "sourceConfig": {"config": {"type": "DatabaseLineage", "queryLogDuration": 2,
      "parsingTimeoutLimit": 300, "databaseFilterPattern": {"includes": ["awsdatacatalog"]}}}},
    "sink": {"type": "metadata-rest", "config": {}},
    "athenaLineage": {"since": "2026-11-01", "catalogs": ["AwsDataCatalog"]}})";
  ConfigResult r = parse_workflow_config(json, "wf.json");
  ASSERT_TRUE(r.ok()) << join(r.errors);
  EXPECT_TRUE(r.warnings.empty()) << join(r.warnings);
  EXPECT_EQ(r.config->aws.profile, "dev");
  EXPECT_EQ(r.config->aws.session_token.reveal(), "jwt-value");
  EXPECT_EQ(r.config->query_log_duration, 2);
  EXPECT_EQ(r.config->database_filter.includes, (std::vector<std::string>{"awsdatacatalog"}));
  EXPECT_EQ(r.config->lineage.since, "2026-11-01");
  EXPECT_EQ(r.config->lineage.catalogs, (std::vector<std::string>{"AwsDataCatalog"}));
}

TEST_F(ConfigTest, UnknownOpenMetadataKeysAreWarnedWithTheirPath) {
  std::string yaml = kYaml;
  yaml.replace(yaml.find("      workgroup: analytics"), 0, "      wrokgroup: typo\n");
  ConfigResult r = parse_workflow_config(yaml, "wf.yaml");
  ASSERT_TRUE(r.ok()) << join(r.errors);
  ASSERT_EQ(r.warnings.size(), 1u) << join(r.warnings);
  EXPECT_EQ(r.warnings[0],
            "wf.yaml:16: source.serviceConnection.config.wrokgroup: unknown key, ignored");
}

TEST_F(ConfigTest, UnknownKeysOfOursAreErrorsWithTheClosestKey) {
  std::string yaml = kYaml;
  yaml += "  workgroup: etl\n  colour: blue\n  rateLimits2: {}\n";
  yaml.replace(yaml.find("        awsRegion: eu-central-1"), 0, "        awsRegoin: eu-west-1\n");
  ConfigResult r = parse_workflow_config(yaml, "wf.yaml");
  EXPECT_FALSE(r.ok());
  ASSERT_EQ(r.errors.size(), 4u) << join(r.errors);
  EXPECT_EQ(r.errors[0], "wf.yaml:10: source.serviceConnection.config.awsConfig.awsRegoin: "
                         "unknown key (did you mean 'awsRegion'?)");
  EXPECT_EQ(r.errors[1], "wf.yaml:47: athenaLineage.workgroup: unknown key (did you mean "
                         "'workgroups'?)");
  EXPECT_EQ(r.errors[2].rfind("wf.yaml:48: athenaLineage.colour: unknown key (known keys: db, "
                              "workgroups, ",
                              0),
            0u)
      << r.errors[2];
  EXPECT_EQ(r.errors[3], "wf.yaml:49: athenaLineage.rateLimits2: unknown key (did you mean "
                         "'rateLimits'?)");
}

/// Every key the code reads under athenaLineage or awsConfig (in any src/config file, however
/// it is spelled there) is declared in the one list the checker uses: a config naming it is
/// accepted without an error.
TEST_F(ConfigTest, EveryKeyTheCodeReadsIsDeclared) {
  const std::filesystem::path dir = athena::testing::source_dir() / "src/config";
  std::set<std::string> lineage_keys, aws_keys;
  const std::regex lineage_path(R"re(\{"athenaLineage",\s*"(\w+)"(?:,\s*"(\w+)")?)re");
  const std::regex aws_read(R"re(\baws\("(\w+)"\))re");
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    std::ifstream in(entry.path());
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    for (std::sregex_iterator it(text.begin(), text.end(), lineage_path), end; it != end; ++it) {
      lineage_keys.insert((*it)[2].matched ? (*it)[1].str() + "." + (*it)[2].str()
                                           : (*it)[1].str());
    }
    for (std::sregex_iterator it(text.begin(), text.end(), aws_read), end; it != end; ++it)
      aws_keys.insert((*it)[1].str());
  }
  // The scan finds exactly the keys the config reads (a key added to the code is added here
  // too, so a regex that stops matching cannot make the checks below pass on nothing).
  const std::set<std::string> want_lineage_keys = {"accountId",
                                                   "assumeRoleDurationSeconds",
                                                   "caBundle",
                                                   "catalogs",
                                                   "connectTimeoutSeconds",
                                                   "days",
                                                   "db",
                                                   "dbt.profile",
                                                   "dbt.profiles",
                                                   "dbt.target",
                                                   "externalId",
                                                   "glueEndpointURL",
                                                   "maxAttempts",
                                                   "openLineage",
                                                   "openLineage.apiKey",
                                                   "openLineage.maxAttempts",
                                                   "openLineage.maxBackoffSeconds",
                                                   "openLineage.namespace",
                                                   "openLineage.parallelRequests",
                                                   "openLineage.region",
                                                   "openLineage.retryBaseSeconds",
                                                   "openLineage.url",
                                                   "openMetadata.computePercentiles",
                                                   "openMetadata.connectTimeoutSeconds",
                                                   "openMetadata.databaseName",
                                                   "openMetadata.maxAttempts",
                                                   "openMetadata.maxBackoffSeconds",
                                                   "openMetadata.parallelRequests",
                                                   "openMetadata.queryEntities",
                                                   "openMetadata.requestTimeoutSeconds",
                                                   "openMetadata.retryBaseSeconds",
                                                   "openMetadata.usageSettleHours",
                                                   "parallelRequests",
                                                   "rateLimits.batchGetQueryExecution",
                                                   "rateLimits.listQueryExecutions",
                                                   "requestTimeoutSeconds",
                                                   "retention.days",
                                                   "retention.rawDays",
                                                   "retryBaseSeconds",
                                                   "schemaFiles",
                                                   "since",
                                                   "stsEndpointURL",
                                                   "useDualstackEndpoint",
                                                   "useFipsEndpoint",
                                                   "workgroups"};
  EXPECT_EQ(lineage_keys, want_lineage_keys);
  const std::set<std::string> want_aws_keys = {
      "assumeRoleArn", "assumeRoleSessionName", "assumeRoleSourceIdentity", "awsAccessKeyId",
      "awsRegion",     "awsSecretAccessKey",    "awsSessionToken",          "endPointURL",
      "profileName"};
  EXPECT_EQ(aws_keys, want_aws_keys);
  const std::string base = std::string(kYaml).substr(0, std::string(kYaml).find("athenaLineage:"));
  for (const auto& key : lineage_keys) {
    const size_t dot = key.find('.');
    std::string yaml = base + "athenaLineage:\n" +
                       (dot == std::string::npos ? "  " + key + ": null\n"
                                                 : "  " + key.substr(0, dot) + ":\n    " +
                                                       key.substr(dot + 1) + ": null\n");
    // An openLineage section needs its url.
    if (key == "openLineage.url") {
      yaml.replace(yaml.find("url: null"), 9, "url: http://x");
    } else if (key.starts_with("openLineage.")) {
      yaml += "    url: http://x\n";
    }
    ConfigResult r = parse_workflow_config(yaml, "wf.yaml");
    EXPECT_TRUE(r.ok()) << "athenaLineage." << key << ": " << join(r.errors);
  }
  for (const auto& key : aws_keys) {
    std::string yaml = kYaml;
    yaml.replace(yaml.find("        awsAccessKeyId"), 0, "        " + key + "2: x\n");
    ConfigResult r = parse_workflow_config(yaml, "wf.yaml");
    EXPECT_FALSE(r.ok()) << key; // the checker is strict there
    yaml = kYaml;
    if (yaml.find("        " + key + ":") == std::string::npos) {
      yaml.replace(yaml.find("        awsAccessKeyId"), 0, "        " + key + ": x\n");
    }
    r = parse_workflow_config(yaml, "wf.yaml");
    EXPECT_TRUE(r.ok()) << "awsConfig." << key << ": " << join(r.errors);
  }
}

TEST_F(ConfigTest, WrongTypesNameTheKeyPath) {
  std::string yaml = kYaml;
  yaml.replace(yaml.find("queryLogDuration: 7"), 19, "queryLogDuration: seven");
  yaml.replace(yaml.find("workgroups: [analytics, etl]"), 28, "workgroups: {a: 1}");
  ConfigResult r = parse_workflow_config(yaml, "wf.yaml");
  EXPECT_FALSE(r.ok());
  ASSERT_EQ(r.errors.size(), 2u) << join(r.errors);
  EXPECT_EQ(r.errors[0],
            "wf.yaml:25: source.sourceConfig.config.queryLogDuration: expected an integer, found "
            "string");
  EXPECT_EQ(r.errors[1], "wf.yaml:40: athenaLineage.workgroups: expected a list of strings, "
                         "found object");
}

TEST_F(ConfigTest, MissingRequiredAndRangeErrors) {
  ConfigResult r = parse_workflow_config(
      "source:\n  serviceConnection:\n    config:\n      type: Athena\n", "a.yaml");
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0], "a.yaml: source.serviceConnection.config.awsConfig: required key is "
                         "missing");
  r = parse_workflow_config("athenaLineage: {}\n", "b.yaml");
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0], "b.yaml: source: required key is missing");
  r = parse_workflow_config(R"({"source": {"serviceConnection": {"config": {"awsConfig": {
    "awsAccessKeyId": "AK"}}}}, "athenaLineage": {"days": 90}})",
                            "c.json");
  ASSERT_EQ(r.errors.size(), 2u) << join(r.errors);
  EXPECT_EQ(r.errors[0], "c.json: athenaLineage.days: must be between 1 and 45 (Athena keeps 45 "
                         "days of history)");
  EXPECT_EQ(r.errors[1], "c.json: source.serviceConnection.config.awsConfig.awsSecretAccessKey: "
                         "required when awsAccessKeyId is set");
}

TEST_F(ConfigTest, UnsetEnvironmentVariableNamesPathAndVariable) {
  unsetenv("CFG_TEST_SECRET");
  ConfigResult r = parse_workflow_config(kYaml, "wf.yaml");
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0], "wf.yaml: source.serviceConnection.config.awsConfig.awsSecretAccessKey: "
                         "${CFG_TEST_SECRET} is not set in the environment");
}

TEST_F(ConfigTest, DollarDollarIsALiteral) {
  ConfigResult r = parse_workflow_config(
      "source:\n  serviceConnection:\n    config:\n      awsConfig:\n        profileName: "
      "\"$${NOT_A_VAR}\"\n",
      "d.yaml");
  ASSERT_TRUE(r.ok()) << join(r.errors);
  EXPECT_EQ(r.config->aws.profile, "${NOT_A_VAR}");
}

TEST_F(ConfigTest, SyntaxErrorsSayWhere) {
  ConfigResult r = parse_workflow_config("source:\n  type: [unclosed\n", "bad.yaml");
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_TRUE(r.errors[0].starts_with("bad.yaml:3:")) << r.errors[0];
  r = parse_workflow_config("{\"source\": ", "bad.json");
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_TRUE(r.errors[0].starts_with("bad.json: invalid JSON")) << r.errors[0];
  r = parse_workflow_config("- a\n- b\n", "list.yaml");
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0], "list.yaml: expected an object at the top level, found array");
}

// A key written twice would silently lose one value: an error naming where, in both syntaxes.
TEST_F(ConfigTest, RepeatedKeysAreErrors) {
  ConfigResult r = parse_workflow_config(
      "source:\n  type: athena\n  type: glue\nsink:\n  type: metadata-rest\n", "twice.yaml");
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0], "twice.yaml:3: key 'type' is repeated (first on line 2)");
  r = parse_workflow_config(
      R"({"source": {"type": "athena", "sourceConfig": {"config": {"a": 1, "a": 2}}}})",
      "twice.json");
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0], "twice.json: source.sourceConfig.config.a: key is repeated");
}

TEST_F(ConfigTest, YamlAnchorsAndMergeKeys) {
  ConfigResult r = parse_workflow_config(
      "base: &aws\n  awsRegion: us-west-2\n  profileName: p\n"
      "source:\n  serviceConnection:\n    config:\n      awsConfig:\n        <<: *aws\n"
      "        awsRegion: eu-west-1\n",
      "m.yaml");
  ASSERT_TRUE(r.ok()) << join(r.errors);
  EXPECT_EQ(r.config->aws.region, "eu-west-1");
  EXPECT_EQ(r.config->aws.profile, "p");
  ASSERT_EQ(r.warnings.size(), 1u);
  EXPECT_EQ(r.warnings[0], "m.yaml:1: base: unknown key, ignored");
}

TEST(ConfigFilter, IncludesThenExcludesAnchoredAtStartIgnoringCase) {
  FilterPattern f;
  ASSERT_TRUE(f.compile({{"sales", "web_.*"}, {"sales_tmp"}}, "schemaFilterPattern").ok());
  EXPECT_TRUE(f.allows("sales"));
  EXPECT_TRUE(f.allows("SALES_eu"));
  EXPECT_TRUE(f.allows("web_logs"));
  EXPECT_FALSE(f.allows("sales_tmp_1"));
  EXPECT_FALSE(f.allows("presales")); // re.match anchors at the start
  EXPECT_FALSE(f.allows("marketing"));
  FilterPattern none;
  EXPECT_TRUE(none.allows("anything"));
  FilterPattern excl;
  ASSERT_TRUE(excl.compile({{}, {"tmp"}}, "t").ok());
  EXPECT_FALSE(excl.allows("tmp_x"));
  EXPECT_TRUE(excl.allows("orders"));
  const util::Status bad = f.compile({{"(unclosed"}, {}}, "tableFilterPattern");
  ASSERT_FALSE(bad.ok());
  const std::string& error = bad.error();
  EXPECT_TRUE(error.starts_with("tableFilterPattern.includes[0]: invalid regular expression "
                                "'(unclosed'"))
      << error;
}

TEST(ConfigFilter, EntityFiltersCombineAllThree) {
  WorkflowConfig c;
  c.database_filter.includes = {"awsdatacatalog$"};
  c.schema_filter.excludes = {"scratch"};
  c.table_filter.includes = {"fact_", "dim_"};
  EntityFilters f;
  ASSERT_TRUE(c.compile_filters(f).ok());
  EXPECT_TRUE(f.allows("AwsDataCatalog", "sales", "fact_orders"));
  EXPECT_FALSE(f.allows("other", "sales", "fact_orders"));
  EXPECT_FALSE(f.allows("awsdatacatalog", "scratch_bob", "fact_orders"));
  EXPECT_FALSE(f.allows("awsdatacatalog", "sales", "stg_orders"));
}

TEST(ConfigIamPolicy, NamesRegionWorkgroupsAndCatalogs) {
  WorkflowConfig c;
  c.lineage.workgroups = {"analytics", "etl"};
  c.lineage.account_id = "123456789012";
  c.catalog_name = "AwsDataCatalog";
  const std::string policy = least_privilege_policy(c, "eu-west-1");
  EXPECT_EQ(policy, R"({
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "AthenaListWorkGroupsAndCatalogs",
      "Effect": "Allow",
      "Action": [
        "athena:ListDataCatalogs",
        "athena:ListWorkGroups"
      ],
      "Resource": [
        "*"
      ]
    },
    {
      "Sid": "AthenaQueryHistory",
      "Effect": "Allow",
      "Action": [
        "athena:BatchGetQueryExecution",
        "athena:GetQueryExecution",
        "athena:ListQueryExecutions"
      ],
      "Resource": [
        "arn:aws:athena:eu-west-1:123456789012:workgroup/analytics",
        "arn:aws:athena:eu-west-1:123456789012:workgroup/etl"
      ]
    },
    {
      "Sid": "AthenaCatalogMetadata",
      "Effect": "Allow",
      "Action": [
        "athena:GetDataCatalog",
        "athena:ListDatabases",
        "athena:ListTableMetadata"
      ],
      "Resource": [
        "arn:aws:athena:eu-west-1:123456789012:datacatalog/AwsDataCatalog"
      ]
    },
    {
      "Sid": "GlueCatalogMetadata",
      "Effect": "Allow",
      "Action": [
        "glue:GetDatabase",
        "glue:GetDatabases",
        "glue:GetTable",
        "glue:GetTables"
      ],
      "Resource": [
        "arn:aws:glue:eu-west-1:123456789012:catalog",
        "arn:aws:glue:eu-west-1:123456789012:database/*",
        "arn:aws:glue:eu-west-1:123456789012:table/*/*"
      ]
    }
  ]
}
)");
}

TEST(ConfigIamPolicy, OtherPartitionsAndLambdaCatalogs) {
  WorkflowConfig c;
  c.lineage.catalogs = {"mysql_fed"};
  const std::string policy = least_privilege_policy(c, "cn-north-1");
  EXPECT_NE(policy.find("\"arn:aws-cn:athena:cn-north-1:*:workgroup/*\""), std::string::npos);
  EXPECT_NE(policy.find("\"arn:aws-cn:athena:cn-north-1:*:datacatalog/mysql_fed\""),
            std::string::npos);
  EXPECT_EQ(policy.find("glue:"), std::string::npos);
  EXPECT_NE(least_privilege_policy(c, "us-gov-west-1").find("arn:aws-us-gov:athena"),
            std::string::npos);
}

} // namespace
} // namespace athena::config
