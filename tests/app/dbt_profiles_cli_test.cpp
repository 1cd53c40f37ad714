// `check` and `pull` with dbt's profiles.yml as the connection, end to end against the fake
// Athena: the requests go to the profile's endpoint, signed (SigV4) with its keys for its
// region, in its workgroup; no secret reaches stdout or stderr.
#include <gtest/gtest.h>

#include "tests/app/aws_fake_server.h"

namespace athena::testing {
namespace {

constexpr const char* kKey = "AKIDDBTPROFILE";
constexpr const char* kSecret = "DBTSECRET-5c1e0f";
constexpr const char* kToken = "DBTTOKEN-a81d22";

std::string binary() {
  return shell_quote((binary_dir() / "athena-lineage").string());
}

/// A profiles.yml with a `dev` target pointing nowhere and a `ci` target at the fake.
std::string profiles_yaml(const std::string& endpoint) {
  return "shop:\n  target: dev\n  outputs:\n"
         "    dev:\n      type: athena\n      region_name: eu-west-1\n"
         "      s3_staging_dir: s3://dev/\n      endpoint_url: http://127.0.0.1:9\n"
         "      database: awsdatacatalog\n      schema: dev\n"
         "    ci:\n      type: athena\n      region_name: \"{{ env_var('DBT_CI_REGION') }}\"\n"
         "      s3_staging_dir: s3://ci-results/\n"
         "      work_group: \"{{ env_var('DBT_CI_WG', 'dbt_wg') }}\"\n"
         "      database: awsdatacatalog\n      schema: sales\n"
         "      aws_access_key_id: \"{{ env_var('DBT_CI_KEY') }}\"\n"
         "      aws_secret_access_key: \"{{ env_var('DBT_CI_SECRET') }}\"\n"
         "      aws_session_token: \"{{ env_var('DBT_CI_TOKEN') }}\"\n"
         "      endpoint_url: " +
         endpoint + "\n      num_retries: 2\n      threads: 4\n";
}

class DbtProfilesCli : public ::testing::Test {
protected:
  void SetUp() override {
    env_.set("DBT_CI_REGION", "eu-central-1");
    env_.set("DBT_CI_KEY", kKey);
    env_.set("DBT_CI_SECRET", kSecret);
    env_.set("DBT_CI_TOKEN", kToken);
    env_.unset("DBT_TARGET");
    env_.unset("DBT_CI_WG");
  }
  RunResult run(const std::string& args) {
    RunResult r = run_shell(binary() + " " + args);
    outputs_ += r.out + r.err;
    return r;
  }
  std::string write(const std::string& name, const std::string& text) {
    const auto p = tmp_.path() / name;
    write_file(p, text);
    return shell_quote(p.string());
  }
  void TearDown() override {
    EXPECT_EQ(outputs_.find(kSecret), std::string::npos) << "secret leaked:\n" << outputs_;
    EXPECT_EQ(outputs_.find(kToken), std::string::npos) << "token leaked:\n" << outputs_;
  }

  ScopedAwsEnv env_;
  TempDir tmp_;
  std::string outputs_;
};

TEST_F(DbtProfilesCli, CheckUsesTheProfilesRegionWorkgroupEndpointAndKeys) {
  FakeAws fake({"--key", std::string(kKey) + ":" + kSecret + ":" + kToken, "--generate", "10",
                "--extra-workgroup", "dbt_wg"});
  ASSERT_TRUE(fake.ok());
  env_.set("AWS_ENDPOINT_URL_GLUE", fake.url()); // Glue is not in a dbt profile
  const std::string profiles = write("profiles.yml", profiles_yaml(fake.url()));
  auto r = run("check --dbt-profiles " + profiles + " --dbt-target ci");
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("connection: dbt profile 'shop', target 'ci' ("), std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("): region eu-central-1, workgroup dbt_wg, endpoint " + fake.url() + "\n"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("credentials: ok, from explicit (access key AKID****FILE)"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("  ok       athena:ListQueryExecutions (workgroup dbt_wg)\n"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("  ok       glue:GetTables (database sales)\n"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("(workgroup primary)"), std::string::npos) << r.out;
  EXPECT_EQ(fake.stat("signature_failures"), 0);
  EXPECT_NE(fake.stats_json().find(R"("regions": ["eu-central-1"])"), std::string::npos)
      << fake.stats_json();
}

TEST_F(DbtProfilesCli, PullFromAConfigNamingTheProfiles) {
  FakeAws fake({"--key", std::string(kKey) + ":" + kSecret + ":" + kToken, "--generate", "12",
                "--workgroups", "2", "--extra-workgroup", "dbt_wg"});
  ASSERT_TRUE(fake.ok());
  const std::string profiles = write("profiles.yml", profiles_yaml(fake.url()));
  env_.set("DBT_CI_WG", "wg-1");
  // No source section: the config names the profiles file and our own options.
  const std::string config =
      write("config.yaml", "athenaLineage:\n  days: 2\n  glueEndpointURL: " + fake.url() +
                               "\n  rateLimits: {listQueryExecutions: 0, "
                               "batchGetQueryExecution: 0}\n  dbt:\n    profiles: " +
                               (tmp_.path() / "profiles.yml").string() + "\n    target: ci\n");
  const std::string db = shell_quote((tmp_.path() / "pull.db").string());
  auto r = run("pull --quiet --config " + config + " --db " + db);
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("  credentials:        explicit"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("  workgroup wg-1: "), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("  workgroup wg-0: "), std::string::npos) << r.out;
  EXPECT_EQ(fake.stat("signature_failures"), 0);
  EXPECT_NE(fake.stats_json().find(R"("regions": ["eu-central-1"])"), std::string::npos)
      << fake.stats_json();
  // The flag overrides the config's target: dev points at a closed port.
  auto dev = run("pull --quiet --no-metadata --config " + config + " --dbt-target dev --db " + db);
  EXPECT_EQ(dev.exit_code, 2) << dev.out << dev.err;
}

TEST_F(DbtProfilesCli, RunWithTheProfileAlone) {
  FakeAws fake({"--key", std::string(kKey) + ":" + kSecret + ":" + kToken, "--generate", "6",
                "--extra-workgroup", "dbt_wg"});
  ASSERT_TRUE(fake.ok());
  env_.set("AWS_ENDPOINT_URL_GLUE", fake.url());
  const std::string profiles = write("profiles.yml", profiles_yaml(fake.url()));
  auto r = run("run --quiet --no-push --days 1 --dbt-profiles " + profiles +
               " --dbt-target ci --db " + shell_quote((tmp_.path() / "run.db").string()));
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("  workgroup dbt_wg: "), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("push: skipped (--no-push)\n"), std::string::npos) << r.out;
  EXPECT_EQ(fake.stat("signature_failures"), 0);
}

TEST_F(DbtProfilesCli, ProfileErrorsAreStatus2AndNameTheLine) {
  env_.unset("DBT_CI_KEY");
  const std::string profiles = write("profiles.yml", profiles_yaml("http://127.0.0.1:9"));
  auto r = run("check --dbt-profiles " + profiles + " --dbt-target ci");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("profiles.yml:18: shop.outputs.ci.aws_access_key_id: "
                       "env_var('DBT_CI_KEY') is not set in the environment and has no default"),
            std::string::npos)
      << r.err;
  auto none = run("pull");
  EXPECT_EQ(none.exit_code, 2);
  EXPECT_NE(none.err.find("--config or --dbt-profiles is required"), std::string::npos) << none.err;
  auto target_only =
      run("run --dbt-target ci --config " +
          write("c.yaml", "source:\n  serviceConnection:\n    config:\n      awsConfig:\n"
                          "        awsRegion: us-east-1\n"));
  EXPECT_EQ(target_only.exit_code, 2);
  EXPECT_NE(target_only.err.find("--dbt-profile and --dbt-target need --dbt-profiles"),
            std::string::npos)
      << target_only.err;
}

} // namespace
} // namespace athena::testing
