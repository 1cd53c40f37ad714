// The OpenMetadata sink's pure parts: FQN quoting, URL encoding, payloads, lineage merging,
// and the openMetadataServerConfig section of the workflow config.
#include <cstdlib>

#include <gtest/gtest.h>

#include "src/config/workflow_config.h"
#include "src/openmetadata/fqn.h"
#include "src/openmetadata/payloads.h"
#include "src/openmetadata/push_plan.h"

namespace athena::openmetadata {
namespace {

TEST(OmFqn, PartsWithDotsAreQuotedAndQuotesAreRefused) {
  EXPECT_EQ(join_fqn({"svc", "default", "sales", "orders"}), "svc.default.sales.orders");
  EXPECT_EQ(join_fqn({"svc", "default", "sales", "my.tbl"}), "svc.default.sales.\"my.tbl\"");
  EXPECT_EQ(join_fqn({"svc", "default", "sa\"les", "t"}), std::nullopt);
  EXPECT_EQ(fqn_part(""), std::nullopt);
}

TEST(OmFqn, UrlEncodingHasNoSafeCharacters) {
  EXPECT_EQ(url_encode("svc.default.sales.\"my.tbl\""), "svc.default.sales.%22my.tbl%22");
  EXPECT_EQ(url_encode("a/b c"), "a%2Fb%20c");
  EXPECT_EQ(url_encode("x_y-z~"), "x_y-z~");
}

// Typed names keep their parts: dots inside quoted parts are quoted in the FQN, never split.
TEST(OmFqn, TypedNamesGiveFqnsWithQuotedDottedParts) {
  const model::TableName dotted{"awsdatacatalog", "my.schema", "fct.orders"};
  auto parts = athena_name(dotted);
  ASSERT_TRUE(parts);
  EXPECT_EQ(parts->schema, "my.schema");
  EXPECT_EQ(parts->table, "fct.orders");
  EXPECT_EQ(table_fqn("svc", "default", dotted), "svc.default.\"my.schema\".\"fct.orders\"");
  EXPECT_EQ(table_fqn("svc", "default", {"awsdatacatalog", "sales", "s3://b/t"}),
            "svc.default.sales.s3://b/t");
  EXPECT_EQ(table_fqn("svc", "default", model::TableName::of_location("s3://b/t/")), std::nullopt);
  EXPECT_EQ(table_fqn("svc", "default", {"", "", "orders"}), std::nullopt);
  EXPECT_EQ(table_fqn("svc", "default", {"awsdatacatalog", "sa\"les", "t"}), std::nullopt);
}

TEST(OmPayloads, BodiesAreTheSchemasShapes) {
  EXPECT_EQ(usage_body("2026-11-01", 42), R"({"date":"2026-11-01","count":42})");
  EXPECT_EQ(lineage_body("a", "b", "QueryLineage", "select ?",
                         {{{"s.t.x"}, "s.u.y", "aggregation"}, {{"s.t.z"}, "s.u.z", ""}}),
            R"({"edge":{"fromEntity":{"id":"a","type":"table"},"toEntity":{"id":"b","type":)"
            R"("table"},"lineageDetails":{"source":"QueryLineage","sqlQuery":"select ?",)"
            R"("columnsLineage":[{"fromColumns":["s.t.x"],"toColumn":"s.u.y","function":)"
            R"("aggregation"},{"fromColumns":["s.t.z"],"toColumn":"s.u.z"}]}}})");
  EXPECT_EQ(joins_body("2026-11-01", {{"id", {{"s.d.t.c", 3}}}}, {{"s.d.t", 4}}),
            R"({"startDate":"2026-11-01","dayCount":1,"columnJoins":[{"columnName":"id",)"
            R"("joinedWith":[{"fullyQualifiedName":"s.d.t.c","joinCount":3}]}],)"
            R"("directTableJoins":[{"fullyQualifiedName":"s.d.t","joinCount":4}]})");
  QueryEntity q{"select ?", "svc", 1700000000000, 12, {"a"}, {"alice"}};
  EXPECT_EQ(query_body(q),
            R"({"query":"select ?","service":"svc","dialect":"athena","queryDate":1700000000000,)"
            R"("duration":12,"queryUsedIn":[{"id":"a","type":"table"}],"usedBy":["alice"]})");
  EXPECT_EQ(md5_hex("select 1"), "95adb6e77a0884d9e50232cb8c5c969d");
}

TEST(OmPayloads, OptionalMembersAreLeftOut) {
  EXPECT_EQ(lineage_body("a", "b", "QueryLineage", "", {}),
            R"({"edge":{"fromEntity":{"id":"a","type":"table"},"toEntity":{"id":"b","type":)"
            R"("table"},"lineageDetails":{"source":"QueryLineage","columnsLineage":[]}}})");
  QueryEntity q{"select \"x\"", "svc", 1700000000000, std::nullopt, {"a", "b"}, {}};
  EXPECT_EQ(query_body(q), R"({"query":"select \"x\"","service":"svc","dialect":"athena",)"
                           R"("queryDate":1700000000000,"queryUsedIn":[{"id":"a","type":"table"},)"
                           R"({"id":"b","type":"table"}]})");
  EXPECT_EQ(joins_body("2026-11-01", {{"id", {}}}, {}),
            R"({"startDate":"2026-11-01","dayCount":1,"columnJoins":[{"columnName":"id",)"
            R"("joinedWith":[]}],"directTableJoins":[]})");
  // A stored edge without lineageDetails: ours, with the stored description.
  const std::string ours = lineage_body("a", "b", "QueryLineage", "q", {{{"t.x"}, "u.x", ""}});
  auto merged = merge_lineage(
      ours, R"({"edge":{"fromEntity":{"id":"a"},"toEntity":{"id":"b"},"description":"d"}})");
  ASSERT_TRUE(merged);
  EXPECT_EQ(*merged,
            R"({"edge":{"fromEntity":{"id":"a","type":"table"},"toEntity":{"id":"b","type":)"
            R"("table"},"description":"d","lineageDetails":{"source":"QueryLineage",)"
            R"("sqlQuery":"q","columnsLineage":[{"fromColumns":["t.x"],"toColumn":"u.x"}]}}})");
}

TEST(OmPayloads, MergeKeepsStoredMappingsPipelineAndDescription) {
  const std::string ours = lineage_body("a", "b", "QueryLineage", "insert ?",
                                        {{{"t.x"}, "u.x", "identity"}, {{"t.y"}, "u.y", "sum"}});
  const std::string stored =
      R"({"edge":{"fromEntity":{"id":"a","type":"table"},"toEntity":{"id":"b","type":"table"},)"
      R"("description":"edge doc","lineageDetails":{"source":"QueryLineage","sqlQuery":"old",)"
      R"("description":"details doc","pipeline":{"id":"p","type":"pipeline"},)"
      R"("columnsLineage":[{"fromColumns":["t.y"],"toColumn":"u.y"},)"
      R"({"fromColumns":["t.k"],"toColumn":"u.k","function":"theirs"}],"createdBy":"bot"}}})";
  auto merged = merge_lineage(ours, stored);
  ASSERT_TRUE(merged);
  EXPECT_EQ(*merged,
            R"({"edge":{"fromEntity":{"id":"a","type":"table"},"toEntity":{"id":"b","type":)"
            R"("table"},"description":"edge doc","lineageDetails":{"source":"QueryLineage",)"
            R"("sqlQuery":"insert ?","description":"details doc","pipeline":{"id":"p","type":)"
            R"("pipeline"},"columnsLineage":[{"fromColumns":["t.y"],"toColumn":"u.y",)"
            R"("function":"sum"},{"fromColumns":["t.k"],"toColumn":"u.k","function":"theirs"},)"
            R"({"fromColumns":["t.x"],"toColumn":"u.x","function":"identity"}]}}})");
}

TEST(OmPayloads, AManualEdgeKeepsItsSourceAndSql) {
  const std::string ours = lineage_body("a", "b", "QueryLineage", "insert ?", {});
  const std::string stored =
      R"({"edge":{"fromEntity":{"id":"a","type":"table"},"toEntity":{"id":"b","type":"table"},)"
      R"("lineageDetails":{"source":"Manual","sqlQuery":"documented"}}})";
  auto merged = merge_lineage(ours, stored);
  ASSERT_TRUE(merged);
  EXPECT_NE(merged->find(R"("source":"Manual","sqlQuery":"documented")"), std::string::npos)
      << *merged;
  EXPECT_FALSE(merge_lineage(ours, "not json"));
  EXPECT_FALSE(merge_lineage(ours, R"({"nothing":1})"));
}

TEST(OmPlan, WindowIsThirtyDaysEndingTodayOrSince) {
  EXPECT_EQ(window_start("2026-11-20", ""), "2026-10-22");
  EXPECT_EQ(window_start("2026-11-20", "2026-11-05"), "2026-11-05");
  EXPECT_EQ(window_start("2026-03-01", ""), "2026-01-31");
}

constexpr const char* kBase = R"(source:
  type: athena-usage
  serviceName: svc
  serviceConnection:
    config:
      type: Athena
      awsConfig:
        awsRegion: us-east-1
workflowConfig:
  openMetadataServerConfig:
)";

TEST(OmConfig, ServerSectionIsReadWithTheTokenAsASecret) {
  setenv("OM_CFG_TEST_JWT", "jwt-value", 1);
  auto r = config::parse_workflow_config(std::string(kBase) + R"(    hostPort: https://om:8585/api
    authProvider: openmetadata
    securityConfig:
      jwtToken: ${OM_CFG_TEST_JWT}
    extraHeaders:
      X-Tenant: acme
athenaLineage:
  openMetadata:
    databaseName: lake
    maxAttempts: 3
)",
                                         "om.yaml");
  ASSERT_TRUE(r.ok()) << (r.errors.empty() ? "" : r.errors[0]);
  ASSERT_TRUE(r.config->om_server);
  EXPECT_EQ(r.config->om_server->host_port, "https://om:8585/api");
  EXPECT_EQ(r.config->om_server->jwt_token.reveal(), "jwt-value");
  EXPECT_EQ(r.config->om_server->extra_headers.size(), 1u);
  EXPECT_EQ(r.config->om.database_name, "lake");
  EXPECT_EQ(r.config->om.max_attempts, 3);
}

TEST(OmConfig, ErrorsNameTheKeyPath) {
  auto r = config::parse_workflow_config(std::string(kBase) + R"(    hostPort: om:8585
    authProvider: openmetadata
)",
                                         "om.yaml");
  ASSERT_FALSE(r.ok());
  ASSERT_EQ(r.errors.size(), 2u);
  EXPECT_EQ(r.errors[0], "om.yaml: workflowConfig.openMetadataServerConfig.hostPort: expected an "
                         "http:// or https:// URL including /api, found \"om:8585\"");
  EXPECT_EQ(r.errors[1], "om.yaml: workflowConfig.openMetadataServerConfig.securityConfig."
                         "jwtToken: required when authProvider is openmetadata");
  auto bad = config::parse_workflow_config(std::string(kBase) + R"(    hostPort: http://om/api
    authProvider: basic
athenaLineage:
  openMetadata:
    parallelRequests: 0
)",
                                           "om.yaml");
  ASSERT_EQ(bad.errors.size(), 2u);
  EXPECT_EQ(bad.errors[0], "om.yaml: workflowConfig.openMetadataServerConfig.authProvider: "
                           "expected \"openmetadata\" or \"no-auth\", found \"basic\"");
  EXPECT_EQ(bad.errors[1],
            "om.yaml: athenaLineage.openMetadata.parallelRequests: must be between 1 and 64");
  auto noauth = config::parse_workflow_config(std::string(kBase) + R"(    hostPort: http://om/api
    authProvider: no-auth
)",
                                              "om.yaml");
  EXPECT_TRUE(noauth.ok());
}

} // namespace
} // namespace athena::openmetadata
