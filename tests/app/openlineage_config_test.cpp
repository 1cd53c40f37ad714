// athenaLineage.openLineage in a workflow config: values, ${ENV} substitution of the API key,
// errors naming the key, and the defaults the export takes from it.
#include <cstdlib>
#include <string>

#include <gtest/gtest.h>

#include "src/config/workflow_config.h"
#include "src/openlineage/run_step.h"

namespace athena::config {
namespace {

std::string yaml(const std::string& open_lineage) {
  return R"(source:
  type: athena-usage
  serviceName: athena_prod
  serviceConnection:
    config:
      type: Athena
      awsConfig:
        awsRegion: eu-central-1
athenaLineage:
  openLineage:
)" + open_lineage;
}

TEST(OpenLineageConfig, ValuesAndTheApiKeyFromTheEnvironment) {
  setenv("OL_CFG_TEST_KEY", "k-123-secret", 1);
  ConfigResult r = parse_workflow_config(yaml(R"(    url: http://marquez:5000
    namespace: nightly
    apiKey: ${OL_CFG_TEST_KEY}
    maxAttempts: 7
    retryBaseSeconds: 0.5
)"),
                                         "wf.yaml");
  ASSERT_TRUE(r.ok()) << (r.errors.empty() ? "" : r.errors[0]);
  EXPECT_TRUE(r.warnings.empty()) << r.warnings[0];
  ASSERT_TRUE(r.config->open_lineage);
  const OpenLineageSinkOptions& o = *r.config->open_lineage;
  EXPECT_EQ(o.url, "http://marquez:5000");
  EXPECT_EQ(o.job_namespace, "nightly");
  EXPECT_EQ(o.api_key.reveal(), "k-123-secret");
  const openlineage::ExportOptions e = openlineage::options_from_config(*r.config);
  EXPECT_EQ(e.url, "http://marquez:5000");
  EXPECT_EQ(e.region, "eu-central-1"); // the connection's, as no openLineage.region is given
  EXPECT_EQ(e.sender.max_attempts, 7);
  EXPECT_DOUBLE_EQ(e.sender.retry_base_seconds, 0.5);
  EXPECT_EQ(e.sender.api_key.reveal(), "k-123-secret");
}

TEST(OpenLineageConfig, DefaultsAndTheEnvironmentKeyWhenNoneIsConfigured) {
  setenv("OPENLINEAGE_API_KEY", "from-env", 1);
  ConfigResult r = parse_workflow_config(yaml("    url: https://ol.example.com/api/v1/lineage\n"
                                              "    region: us-east-2\n"),
                                         "wf.yaml");
  ASSERT_TRUE(r.ok());
  const openlineage::ExportOptions e = openlineage::options_from_config(*r.config);
  unsetenv("OPENLINEAGE_API_KEY");
  EXPECT_EQ(e.job_namespace, "athena");
  EXPECT_EQ(e.region, "us-east-2");
  EXPECT_EQ(e.sender.api_key.reveal(), "from-env");
  EXPECT_EQ(e.sender.max_attempts, 5);
}

TEST(OpenLineageConfig, ErrorsNameTheKey) {
  ConfigResult missing = parse_workflow_config(yaml("    namespace: x\n"), "wf.yaml");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.errors[0], "wf.yaml: athenaLineage.openLineage.url: required key is missing");
  ConfigResult bad =
      parse_workflow_config(yaml("    url: marquez:5000\n    maxAttempts: 0\n"), "wf.yaml");
  ASSERT_EQ(bad.errors.size(), 2u);
  EXPECT_EQ(bad.errors[0], "wf.yaml: athenaLineage.openLineage.url: expected an http:// or "
                           "https:// URL, found \"marquez:5000\"");
  EXPECT_EQ(bad.errors[1], "wf.yaml: athenaLineage.openLineage.maxAttempts: must be between 1 "
                           "and 20");
  ConfigResult typed = parse_workflow_config(yaml("    url: [1]\n"), "wf.yaml");
  ASSERT_FALSE(typed.ok());
  EXPECT_NE(typed.errors[0].find("athenaLineage.openLineage.url: expected a string"),
            std::string::npos)
      << typed.errors[0];
  ConfigResult none = parse_workflow_config(
      yaml("    url: http://m:5000\n").substr(0, yaml("").find("athenaLineage")), "wf.yaml");
  ASSERT_TRUE(none.ok());
  EXPECT_FALSE(none.config->open_lineage);
}

} // namespace
} // namespace athena::config
