// `athena-lineage check` and `iam-policy` end to end against the fake, and the rule that no
// secret ever reaches stdout or stderr.
#include <gtest/gtest.h>

#include "tests/app/aws_fake_server.h"

namespace athena::testing {
namespace {

constexpr const char* kKey = "AKIDCHECKCLI";
constexpr const char* kSecret = "SECRETVALUE-7f3a9c";
constexpr const char* kToken = "TOKENVALUE-22b8e1";

std::string binary() {
  return shell_quote((binary_dir() / "athena-lineage").string());
}

std::string config_yaml(const std::string& endpoint, const std::string& extra_aws = "",
                        std::string extra = "") {
  // Glue (AwsDataCatalog's tables) goes to the same fake, never to AWS.
  const std::string glue = "athenaLineage:\n  glueEndpointURL: " + endpoint + "\n";
  if (size_t at = extra.find("athenaLineage:\n"); at != std::string::npos) {
    extra.replace(at, std::string("athenaLineage:\n").size(), glue);
  } else {
    extra += glue;
  }
  return "source:\n  type: athena-usage\n  serviceName: svc\n  serviceConnection:\n"
         "    config:\n      type: Athena\n      awsConfig:\n"
         "        awsAccessKeyId: ${CHECK_KEY}\n        awsSecretAccessKey: ${CHECK_SECRET}\n"
         "        awsSessionToken: ${CHECK_TOKEN}\n        awsRegion: us-east-1\n"
         "        endPointURL: " +
         endpoint + "\n" + extra_aws +
         "      workgroup: primary\n      s3StagingDir: s3://staging/\n"
         "  sourceConfig:\n    config:\n      type: DatabaseUsage\n" +
         extra;
}

class CheckCli : public ::testing::Test {
protected:
  void SetUp() override {
    env_.set("CHECK_KEY", kKey);
    env_.set("CHECK_SECRET", kSecret);
    env_.set("CHECK_TOKEN", kToken);
  }
  RunResult run(const std::string& args) {
    RunResult r = run_shell(binary() + " " + args);
    outputs_ += r.out + r.err;
    return r;
  }
  std::string write_config(const std::string& text) {
    const auto p = tmp_.path() / ("config" + std::to_string(++n_) + ".yaml");
    write_file(p, text);
    return p.string();
  }
  void TearDown() override {
    EXPECT_EQ(outputs_.find(kSecret), std::string::npos) << "secret leaked:\n" << outputs_;
    EXPECT_EQ(outputs_.find(kToken), std::string::npos) << "session token leaked:\n" << outputs_;
  }

  ScopedAwsEnv env_;
  TempDir tmp_;
  std::string outputs_;
  int n_ = 0;
};

TEST_F(CheckCli, PassesAgainstTheFakeAndNamesTheProvider) {
  FakeAws fake({"--key", std::string(kKey) + ":" + kSecret, "--generate", "20"});
  ASSERT_TRUE(fake.ok());
  auto r = run("check --config " + write_config(config_yaml(fake.url())));
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("credentials: ok, from explicit (access key AKID****KCLI)"),
            std::string::npos)
      << r.out;
  for (const char* line :
       {"  ok       athena:ListWorkGroups\n",
        "  ok       athena:ListQueryExecutions (workgroup primary)\n",
        "  ok       athena:BatchGetQueryExecution (workgroup primary)\n",
        "  ok       athena:GetQueryExecution (workgroup primary)\n",
        "  ok       athena:ListDataCatalogs\n",
        "  ok       athena:ListDatabases (catalog AwsDataCatalog)\n",
        "  ok       glue:GetDatabases\n", "  ok       glue:GetTables (database sales)\n",
        "  ok       athena:ListTableMetadata (catalog AwsDataCatalog, database sales)\n",
        "result: ok, 9 calls passed\n"}) {
    EXPECT_NE(r.out.find(line), std::string::npos) << line << "\n---\n" << r.out;
  }
  EXPECT_EQ(fake.stat("signature_failures"), 0);
}

TEST_F(CheckCli, SendsTheseExactRequestBodies) {
  FakeAws fake({"--key", std::string(kKey) + ":" + kSecret, "--generate", "20", "--record-bodies"});
  ASSERT_TRUE(fake.ok());
  // Names that need escaping in JSON; the fake knows no such workgroup (a MISSING line).
  auto r = run("check --config " +
               write_config(config_yaml(fake.url(), "",
                                        "athenaLineage:\n  workgroups: [primary, 'we\"ird\\']\n"
                                        "  catalogs: [AwsDataCatalog, 'cat\"alog']\n")));
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  std::string bodies;
  for (const auto& line : fake.requests())
    bodies += line + "\n";
  expect_golden(source_dir() / "tests/app/testdata/aws/check_request_bodies.txt", bodies);
}

TEST_F(CheckCli, IamPolicyIsThisExactDocument) {
  auto r = run("iam-policy --config " +
               write_config(config_yaml("http://127.0.0.1:1", "",
                                        "athenaLineage:\n  workgroups: [etl, 'we\"ird']\n"
                                        "  catalogs: [AwsDataCatalog, lambda_cat]\n"
                                        "  accountId: \"123456789012\"\n")));
  EXPECT_EQ(r.exit_code, 0) << r.err;
  expect_golden(source_dir() / "tests/app/testdata/aws/iam_policy.json", r.out);
  auto narrow = run("iam-policy --config " +
                    write_config(config_yaml("http://127.0.0.1:1", "",
                                             "athenaLineage:\n  catalogs: [lambda_cat]\n")));
  EXPECT_EQ(narrow.exit_code, 0) << narrow.err;
  expect_golden(source_dir() / "tests/app/testdata/aws/iam_policy_no_glue.json", narrow.out);
}

TEST_F(CheckCli, SaysWhichPermissionIsMissing) {
  FakeAws fake({"--key", std::string(kKey) + ":" + kSecret, "--generate", "20", "--deny",
                "ListQueryExecutions", "--deny", "ListWorkGroups"});
  ASSERT_TRUE(fake.ok());
  auto r = run("check --config " + write_config(config_yaml(fake.url())));
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_NE(r.out.find("  MISSING  athena:ListQueryExecutions (workgroup primary): the "
                       "credentials may not call athena:ListQueryExecutions on workgroup "
                       "primary; grant athena:ListQueryExecutions"),
            std::string::npos)
      << r.out;
  // ListWorkGroups is optional: the job falls back to the primary workgroup.
  EXPECT_NE(r.out.find("  MISSING  athena:ListWorkGroups: "), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("[optional]"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("result: 1 required call(s) failed"), std::string::npos) << r.out;
}

TEST_F(CheckCli, WrongSecretAndDeniedRoleNeverPrintSecrets) {
  FakeAws fake({"--key", std::string(kKey) + ":other-secret", "--generate", "5"});
  ASSERT_TRUE(fake.ok());
  const std::string config = write_config(config_yaml(fake.url()));
  auto r = run("check --config " + config);
  // Keys AWS rejects are a credentials error: status 2 for check and pull alike.
  EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
  EXPECT_NE(r.out.find("InvalidSignatureException"), std::string::npos) << r.out;
  EXPECT_NE(r.err.find("credentials: AWS refused them"), std::string::npos) << r.err;
  auto pull = run("pull --config " + config + " --db " +
                  shell_quote((tmp_.path() / "wrong-key.db").string()));
  EXPECT_EQ(pull.exit_code, 2) << pull.out << pull.err;
  EXPECT_NE(pull.err.find("InvalidSignatureException"), std::string::npos) << pull.err;
  // Assume role refused by STS: a credentials error, status 2.
  env_.set("AWS_ENDPOINT_URL_STS", fake.url());
  auto role = run(
      "check --config " +
      write_config(config_yaml(fake.url(), "        assumeRoleArn: arn:aws:iam::1:role/Denied\n")));
  EXPECT_EQ(role.exit_code, 2);
  EXPECT_NE(role.err.find("assume-role"), std::string::npos) << role.err;
}

TEST_F(CheckCli, NoCredentialsIsStatus2) {
  env_.unset("CHECK_KEY");
  const std::string cfg =
      write_config("source:\n  serviceConnection:\n    config:\n      awsConfig:\n"
                   "        awsRegion: us-east-1\n");
  auto r = run("check --config " + cfg);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("no AWS credentials found"), std::string::npos) << r.err;
}

TEST_F(CheckCli, BadConfigIsStatus2AndNamesTheKey) {
  auto r = run("check --config " + write_config(config_yaml("http://127.0.0.1:1", "",
                                                            "      queryLogDuration: [1]\n")));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("source.sourceConfig.config.queryLogDuration: expected an integer, found "
                       "array"),
            std::string::npos)
      << r.err;
  auto missing = run("check --config " + (tmp_.path() / "absent.yaml").string());
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_NE(missing.err.find("cannot read the config file"), std::string::npos);
  auto usage = run("check");
  EXPECT_EQ(usage.exit_code, 2);
}

TEST_F(CheckCli, UnknownAwsConfigKeyIsAnErrorWithTheClosestKey) {
  auto r = run("check --config " +
               write_config(config_yaml("http://127.0.0.1:1", "        awsRegoin: eu-west-1\n")));
  EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
  EXPECT_NE(r.err.find("error: "), std::string::npos);
  EXPECT_NE(r.err.find("source.serviceConnection.config.awsConfig.awsRegoin: unknown key (did you "
                       "mean 'awsRegion'?)"),
            std::string::npos)
      << r.err;
  EXPECT_EQ(r.out.find("config: ok"), std::string::npos) << r.out;
}

TEST_F(CheckCli, IamPolicySaysWhenItWidensToStar) {
  auto r = run("iam-policy --config " + write_config(config_yaml("http://127.0.0.1:1", "")));
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("workgroup/*"), std::string::npos) << r.out;
  EXPECT_NE(r.err.find("warning: no workgroups configured (athenaLineage.workgroups); the policy "
                       "allows every workgroup"),
            std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find("warning: no account configured (athenaLineage.accountId)"),
            std::string::npos)
      << r.err;
}

TEST_F(CheckCli, IamPolicyForConfiguredRegionWorkgroupsAndCatalogs) {
  auto r =
      run("iam-policy --config " + write_config(config_yaml("http://127.0.0.1:1", "",
                                                            "athenaLineage:\n  workgroups: [etl]\n"
                                                            "  accountId: \"123456789012\"\n")));
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("\"arn:aws:athena:us-east-1:123456789012:workgroup/etl\""),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("\"athena:ListQueryExecutions\""), std::string::npos);
  EXPECT_NE(r.out.find("\"glue:GetTables\""), std::string::npos);
}

} // namespace
} // namespace athena::testing
