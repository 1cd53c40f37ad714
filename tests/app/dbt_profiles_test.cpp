// dbt's profiles.yml as the Athena connection: env_var rendering, choosing the profile and the
// target as dbt does, type errors naming file:line and the key path, and no secret in any
// message.
#include <cstdlib>
#include <string>

#include <gtest/gtest.h>

#include "src/config/dbt_env_var.h"
#include "src/config/dbt_profiles.h"
#include "tests/support/test_support.h"

namespace athena::config {
namespace {

constexpr const char* kProfiles = R"(config:
  send_anonymous_usage_stats: false
shop:
  target: "{{ env_var('SHOP_TARGET', 'dev') }}"
  outputs:
    dev:
      type: athena
      region_name: eu-west-1
      s3_staging_dir: s3://dev-results/
      work_group: dev_wg
      database: awsdatacatalog
      schema: dev_marts
      threads: 4
    prod:
      type: athena
      region_name: "{{ env_var('SHOP_REGION') }}"
      s3_staging_dir: s3://prod-results/
      work_group: "{{ env_var('SHOP_WG', 'etl') }}"
      database: awsdatacatalog
      schema: marts
      aws_access_key_id: "{{ env_var('SHOP_KEY') }}"
      aws_secret_access_key: "{{ env_var('SHOP_SECRET') }}"
      aws_session_token: "{{ env_var('SHOP_TOKEN', '') }}"
      endpoint_url: http://127.0.0.1:9
      num_retries: "{{ env_var('SHOP_RETRIES', '4') | int }}"
      poll_interval: 2
      colour: blue
)";

constexpr const char* kSecret = "SHOPSECRET-91ab";

class DbtProfiles : public ::testing::Test {
protected:
  void SetUp() override {
    for (const char* v : {"SHOP_TARGET", "SHOP_REGION", "SHOP_WG", "SHOP_KEY", "SHOP_SECRET",
                          "SHOP_TOKEN", "SHOP_RETRIES", "DBT_TARGET"})
      unsetenv(v);
    setenv("SHOP_REGION", "us-west-2", 1);
    setenv("SHOP_KEY", "AKIDSHOP", 1);
    setenv("SHOP_SECRET", kSecret, 1);
  }
  void TearDown() override {
    for (const char* v : {"SHOP_REGION", "SHOP_KEY", "SHOP_SECRET", "SHOP_TARGET", "DBT_TARGET"})
      unsetenv(v);
  }
  static std::string all(const DbtProfileResult& r) {
    std::string s;
    for (const auto& e : r.errors)
      s += e + "\n";
    for (const auto& w : r.warnings)
      s += w + "\n";
    return s;
  }
};

TEST_F(DbtProfiles, EnvVarWithAndWithoutDefault) {
  std::string error;
  setenv("SHOP_WG", "nightly", 1);
  EXPECT_EQ(render_env_vars("{{ env_var('SHOP_WG') }}", error), "nightly");
  EXPECT_EQ(render_env_vars("wg-{{env_var(\"SHOP_WG\", 'x')|upper}}-1", error), "wg-NIGHTLY-1");
  unsetenv("SHOP_WG");
  EXPECT_EQ(render_env_vars("{{ env_var('SHOP_WG', 'etl') }}", error), "etl");
  EXPECT_EQ(render_env_vars("{{ env_var('SHOP_WG', '') }}", error), "");
  EXPECT_EQ(render_env_vars("plain {text}", error), "plain {text}");
  EXPECT_FALSE(render_env_vars("{{ env_var('SHOP_WG') }}", error));
  EXPECT_EQ(error, "env_var('SHOP_WG') is not set in the environment and has no default");
  EXPECT_FALSE(render_env_vars("{{ var('x') }}", error));
  EXPECT_EQ(error, "unsupported Jinja in '{{ ... }}': a profile value may only use "
                   "env_var('NAME') or env_var('NAME', 'default')");
  EXPECT_FALSE(render_env_vars("{% if x %}", error));
  EXPECT_FALSE(render_env_vars("{{ env_var('A' }}", error));
  EXPECT_EQ(error, "env_var('A' ...) is missing its closing parenthesis");
  EXPECT_FALSE(render_env_vars("{{ env_var('SHOP_KEY') | b64decode }}", error));
  EXPECT_NE(error.find("uses the filter 'b64decode'"), std::string::npos) << error;
}

TEST_F(DbtProfiles, DefaultTargetOfTheOnlyProfile) {
  DbtProfileResult r = parse_dbt_profiles(kProfiles, "profiles.yml", {}, "");
  ASSERT_TRUE(r.ok()) << all(r);
  const DbtAthenaTarget& t = *r.target;
  EXPECT_EQ(t.profile, "shop");
  EXPECT_EQ(t.target, "dev");
  EXPECT_EQ(t.region_name, "eu-west-1");
  EXPECT_EQ(t.work_group, "dev_wg");
  EXPECT_EQ(t.schema, "dev_marts");
  EXPECT_TRUE(t.aws_access_key_id.empty());
  EXPECT_TRUE(r.warnings.empty()) << all(r);
}

TEST_F(DbtProfiles, TargetFromFlagEnvAndProfile) {
  setenv("SHOP_TARGET", "prod", 1);
  DbtProfileResult r = parse_dbt_profiles(kProfiles, "profiles.yml", {}, "");
  ASSERT_TRUE(r.ok()) << all(r);
  EXPECT_EQ(r.target->target, "prod");
  setenv("DBT_TARGET", "dev", 1); // dbt's environment variable beats the profile's target
  r = parse_dbt_profiles(kProfiles, "profiles.yml", {}, "");
  ASSERT_TRUE(r.ok()) << all(r);
  EXPECT_EQ(r.target->target, "dev");
  r = parse_dbt_profiles(kProfiles, "profiles.yml", {"", "prod"}, ""); // the flag beats both
  ASSERT_TRUE(r.ok()) << all(r);
  const DbtAthenaTarget& t = *r.target;
  EXPECT_EQ(t.target, "prod");
  EXPECT_EQ(t.region_name, "us-west-2");
  EXPECT_EQ(t.work_group, "etl");
  EXPECT_EQ(t.database, "awsdatacatalog");
  EXPECT_EQ(t.aws_access_key_id, "AKIDSHOP");
  EXPECT_EQ(t.aws_secret_access_key.reveal(), kSecret);
  EXPECT_TRUE(t.aws_session_token.empty());
  EXPECT_EQ(t.endpoint_url, "http://127.0.0.1:9");
  EXPECT_EQ(t.num_retries, 4);
  ASSERT_EQ(r.warnings.size(), 1u);
  EXPECT_EQ(r.warnings[0], "profiles.yml:27: shop.outputs.prod.colour: not a dbt-athena "
                           "connection key, ignored");

  WorkflowConfig c;
  apply_dbt_target(t, c);
  EXPECT_EQ(c.aws.region, "us-west-2");
  EXPECT_EQ(c.aws.endpoint_url, "http://127.0.0.1:9");
  EXPECT_EQ(c.aws.access_key_id, "AKIDSHOP");
  EXPECT_EQ(c.aws.secret_access_key.reveal(), kSecret);
  EXPECT_EQ(c.catalog_name, "AwsDataCatalog");
  EXPECT_EQ(c.database_name, "marts");
  EXPECT_EQ(c.s3_staging_dir, "s3://prod-results/");
  EXPECT_EQ(c.lineage.workgroups, std::vector<std::string>{"etl"});
  EXPECT_EQ(c.lineage.max_attempts, 5);
}

TEST_F(DbtProfiles, MissingVariableNamesFileLineAndNeverTheSecret) {
  unsetenv("SHOP_REGION");
  DbtProfileResult r = parse_dbt_profiles(kProfiles, "profiles.yml", {"", "prod"}, "");
  ASSERT_FALSE(r.ok());
  ASSERT_EQ(r.errors.size(), 1u) << all(r);
  EXPECT_EQ(r.errors[0], "profiles.yml:16: shop.outputs.prod.region_name: env_var('SHOP_REGION') "
                         "is not set in the environment and has no default");
  EXPECT_EQ(all(r).find(kSecret), std::string::npos);
  // Another target's variables need not be set.
  r = parse_dbt_profiles(kProfiles, "profiles.yml", {"", "dev"}, "");
  EXPECT_TRUE(r.ok()) << all(r);
}

TEST_F(DbtProfiles, SeveralProfilesNeedAName) {
  const std::string two = std::string(kProfiles) +
                          "lake:\n  target: main\n  outputs:\n    main:\n      type: athena\n"
                          "      region_name: ap-south-1\n"
                          "    pg:\n      type: postgres\n      host: localhost\n";
  DbtProfileResult r = parse_dbt_profiles(two, "p.yml", {}, "");
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0], "p.yml: several profiles (shop, lake): name one with --dbt-profile or "
                         "athenaLineage.dbt.profile");
  r = parse_dbt_profiles(two, "p.yml", {}, "lake"); // dbt_project.yml's profile
  ASSERT_TRUE(r.ok()) << all(r);
  EXPECT_EQ(r.target->region_name, "ap-south-1");
  r = parse_dbt_profiles(two, "p.yml", {"lake", ""}, "shop"); // the flag beats the project
  ASSERT_TRUE(r.ok()) << all(r);
  EXPECT_EQ(r.target->profile, "lake");
  r = parse_dbt_profiles(two, "p.yml", {"warehouse", ""}, "");
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0], "p.yml: no profile named 'warehouse' (profiles: shop, lake)");
  r = parse_dbt_profiles(two, "p.yml", {"lake", "qa"}, "");
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0], "p.yml: profile 'lake' has no target named 'qa' (targets: main, pg)");
  r = parse_dbt_profiles(two, "p.yml", {"lake", "pg"}, "");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.errors[0], "p.yml:35: lake.outputs.pg.type: expected \"athena\" (a dbt-athena "
                         "target), found \"postgres\"");
}

TEST_F(DbtProfiles, WrongTypesNameTheKey) {
  const char* bad = "shop:\n  target: dev\n  outputs:\n    dev:\n      type: athena\n"
                    "      region_name: [eu-west-1]\n      work_group: {a: 1}\n"
                    "      num_retries: three\n      aws_access_key_id: AKID\n";
  DbtProfileResult r = parse_dbt_profiles(bad, "p.yml", {}, "");
  ASSERT_FALSE(r.ok());
  ASSERT_EQ(r.errors.size(), 3u) << all(r);
  EXPECT_EQ(r.errors[0], "p.yml:6: shop.outputs.dev.region_name: expected a string, found array");
  EXPECT_EQ(r.errors[1], "p.yml:7: shop.outputs.dev.work_group: expected a string, found object");
  EXPECT_EQ(r.errors[2], "p.yml:8: shop.outputs.dev.num_retries: expected an integer (0-9999), "
                         "found a string that is not one");
  r = parse_dbt_profiles("shop:\n  outputs:\n    default:\n      type: athena\n"
                         "      region_name: eu-west-1\n      aws_access_key_id: AKID\n",
                         "p.yml", {}, "");
  ASSERT_EQ(r.errors.size(), 1u) << all(r);
  EXPECT_EQ(r.errors[0], "p.yml:3: shop.outputs.default.aws_secret_access_key: required when "
                         "aws_access_key_id is set");
  r = parse_dbt_profiles("shop: [1]\n", "p.yml", {}, "");
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0], "p.yml:1: shop: expected an object, found array");
  r = parse_dbt_profiles("shop:\n  target: dev\n", "p.yml", {}, "");
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0], "p.yml:1: shop.outputs: required key is missing");
  r = parse_dbt_profiles("- a\n", "p.yml", {}, "");
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0], "p.yml: expected profiles (an object) at the top level, found array");
}

TEST_F(DbtProfiles, ProjectFileBesideTheProfilesNamesTheProfile) {
  athena::testing::TempDir dir;
  const std::string two = std::string(kProfiles) +
                          "lake:\n  outputs:\n    default:\n      type: athena\n"
                          "      region_name: ap-south-1\n";
  athena::testing::write_file(dir.path() / "profiles.yml", two);
  athena::testing::write_file(dir.path() / "dbt_project.yml",
                              "name: lake_project\nprofile: lake\nversion: '1.0'\n");
  DbtProfileResult r = load_dbt_profile(dir.path() / "profiles.yml", {});
  ASSERT_TRUE(r.ok()) << all(r);
  EXPECT_EQ(r.target->profile, "lake");
  EXPECT_EQ(r.target->target, "default"); // no target: dbt's "default"
  r = load_dbt_profile(dir.path() / "absent.yml", {});
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0],
            (dir.path() / "absent.yml").string() + ": cannot read the dbt profiles file");
}

TEST_F(DbtProfiles, WorkflowConfigWithDbtProfilesNeedsNoSource) {
  ConfigResult r = parse_workflow_config(
      "athenaLineage:\n  db: x.db\n  dbt:\n    profiles: profiles.yml\n    target: prod\n",
      "c.yaml");
  ASSERT_TRUE(r.ok()) << (r.errors.empty() ? "" : r.errors[0]);
  EXPECT_EQ(r.config->lineage.dbt.profiles, "profiles.yml");
  EXPECT_EQ(r.config->lineage.dbt.target, "prod");
  r = parse_workflow_config("athenaLineage:\n  db: x.db\n", "c.yaml", true);
  EXPECT_TRUE(r.ok());
  // Both: the profile is the connection, and the config says its own is not used.
  r = parse_workflow_config("source:\n  serviceConnection:\n    config:\n      awsConfig:\n"
                            "        awsRegion: us-east-1\n",
                            "c.yaml", true);
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r.warnings.size(), 1u);
  EXPECT_EQ(r.warnings[0],
            "c.yaml: source.serviceConnection: ignored, the connection comes from the dbt profile");
  r = parse_workflow_config("athenaLineage:\n  dbt:\n    profile: [a]\n", "c.yaml");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.errors[0], "c.yaml:3: athenaLineage.dbt.profile: expected a string, found array");
}

} // namespace
} // namespace athena::config
