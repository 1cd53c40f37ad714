// Every credential provider against the fakes, the chain's order, refresh, region resolution,
// and that no secret appears in an error message.
#include <sstream>

#include <gtest/gtest.h>
#include <sys/stat.h>

#include "src/athena/athena_client.h"
#include "src/auth/credentials_chain.h"
#include "src/auth/endpoint.h"
#include "src/auth/time_util.h"
#include "tests/app/aws_fake_server.h"

namespace athena::aws {
namespace {

using athena::testing::FakeAws;
using athena::testing::ScopedAwsEnv;
using athena::testing::TempDir;
using athena::testing::write_file;

constexpr const char* kKey = "AKIDCREDTEST";
constexpr const char* kSecret = "cred-test-secret-ZZZ9";

FakeAws start_fake(std::vector<std::string> extra = {}) {
  std::vector<std::string> args = {"--key", std::string(kKey) + ":" + kSecret, "--generate", "5"};
  args.insert(args.end(), extra.begin(), extra.end());
  return FakeAws(args);
}

// Proves the credentials work: a signed ListWorkGroups the fake verifies.
void expect_athena_accepts(const FakeAws& fake, const ResolvedCredentials& rc) {
  AthenaClientOptions o;
  o.endpoint = resolve_athena_endpoint({fake.url(), "us-east-1", false, false, false, ""});
  AthenaClient client(o, rc.credentials);
  const AwsResult<CallReply> r = client.call("ListWorkGroups", "{}");
  EXPECT_TRUE(r.ok()) << r.error().describe();
}

// Web identity from a token file holding `token`, assuming role Web through the fake's STS.
void use_web_identity(ScopedAwsEnv& env, const TempDir& tmp, const FakeAws& fake,
                      const std::string& token) {
  write_file(tmp.path() / "token", token);
  env.set("AWS_WEB_IDENTITY_TOKEN_FILE", (tmp.path() / "token").string());
  env.set("AWS_ROLE_ARN", "arn:aws:iam::1:role/Web");
  env.set("AWS_ENDPOINT_URL_STS", fake.url());
}

// A refusal, with its exact message.
void expect_refused(const util::Result<ResolvedCredentials>& r, const std::string& message) {
  ASSERT_FALSE(r) << "expected: " << message;
  EXPECT_EQ(r.error(), message);
}

simdjson::dom::element last_sts_call(const FakeAws& fake, simdjson::dom::parser& p,
                                     std::string& holder) {
  holder = fake.stats_json();
  simdjson::dom::array calls = p.parse(holder)["sts"];
  return calls.at(calls.size() - 1);
}

TEST(AwsCredentials, ExplicitConfigWinsOverEnvironment) {
  ScopedAwsEnv env;
  env.set("AWS_ACCESS_KEY_ID", "AKIDENVIRONMENT");
  env.set("AWS_SECRET_ACCESS_KEY", "env-secret");
  FakeAws fake = start_fake();
  ASSERT_TRUE(fake.ok());
  CredentialSettings s;
  s.access_key_id = kKey;
  s.secret_access_key = util::Secret(kSecret);
  const util::Result<ResolvedCredentials> rc = resolve_credentials(s);
  ASSERT_TRUE(rc) << rc.error();
  EXPECT_EQ(rc->provider, "explicit");
  EXPECT_EQ(rc->credentials->get()->access_key_id, kKey);
  expect_athena_accepts(fake, *rc);
}

TEST(AwsCredentials, EnvironmentWithSessionTokenViaContainerIssuedKeys) {
  ScopedAwsEnv env;
  FakeAws fake = start_fake();
  ASSERT_TRUE(fake.ok());
  env.set("AWS_ACCESS_KEY_ID", kKey);
  env.set("AWS_SECRET_ACCESS_KEY", kSecret);
  env.set("AWS_REGION", "eu-west-1");
  const util::Result<ResolvedCredentials> rc = resolve_credentials({});
  ASSERT_TRUE(rc) << rc.error();
  EXPECT_EQ(rc->provider, "env");
  EXPECT_EQ(rc->region, "eu-west-1");
  expect_athena_accepts(fake, *rc);
}

TEST(AwsCredentials, EnvironmentKeyWithoutSecretIsAnError) {
  ScopedAwsEnv env;
  env.set("AWS_ACCESS_KEY_ID", kKey);
  expect_refused(resolve_credentials({}),
                 "env: AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not");
}

TEST(AwsCredentials, ProfileFromCredentialsFileAndRegionFromConfig) {
  ScopedAwsEnv env;
  FakeAws fake = start_fake();
  ASSERT_TRUE(fake.ok());
  TempDir tmp;
  write_file(tmp.path() / "config", "[profile dev]\nregion = ap-south-1\n\n[default]\n"
                                    "region = us-west-2\n[sso-session x]\nsso_region = a\n");
  write_file(tmp.path() / "credentials", std::string("[dev]\naws_access_key_id = ") + kKey +
                                             "\naws_secret_access_key = " + kSecret +
                                             "\ns3 =\n  max_concurrent_requests = 2\n");
  env.set("AWS_CONFIG_FILE", (tmp.path() / "config").string());
  env.set("AWS_SHARED_CREDENTIALS_FILE", (tmp.path() / "credentials").string());
  env.set("AWS_PROFILE", "dev");
  const util::Result<ResolvedCredentials> rc = resolve_credentials({});
  ASSERT_TRUE(rc) << rc.error();
  EXPECT_EQ(rc->provider, "profile:dev");
  EXPECT_EQ(rc->region, "ap-south-1");
  expect_athena_accepts(fake, *rc);
}

TEST(AwsCredentials, ExplicitProfileSkipsEnvironmentAndConfigFileKeysWork) {
  ScopedAwsEnv env;
  FakeAws fake = start_fake();
  ASSERT_TRUE(fake.ok());
  TempDir tmp;
  write_file(tmp.path() / "config", std::string("[profile \"my team\"]\naws_access_key_id = ") +
                                        kKey + "\naws_secret_access_key = " + kSecret + "\n");
  env.set("AWS_CONFIG_FILE", (tmp.path() / "config").string());
  env.set("AWS_ACCESS_KEY_ID", "AKIDIGNORED");
  env.set("AWS_SECRET_ACCESS_KEY", "ignored");
  CredentialSettings s;
  s.profile = "my team";
  const util::Result<ResolvedCredentials> rc = resolve_credentials(s);
  ASSERT_TRUE(rc) << rc.error();
  EXPECT_EQ(rc->provider, "profile:my team");
  expect_athena_accepts(fake, *rc);
  s.profile = "absent";
  expect_refused(resolve_credentials(s),
                 "profile:absent is not in the shared config or credentials file");
}

TEST(AwsCredentials, CredentialProcess) {
  ScopedAwsEnv env;
  FakeAws fake = start_fake();
  ASSERT_TRUE(fake.ok());
  TempDir tmp;
  const auto script = tmp.path() / "creds.sh";
  write_file(script, std::string("#!/bin/sh\necho '{\"Version\": 1, \"AccessKeyId\": \"") + kKey +
                         "\", \"SecretAccessKey\": \"" + kSecret + "\"}'\n");
  chmod(script.c_str(), 0755);
  const auto failing = tmp.path() / "fail.sh";
  write_file(failing, "#!/bin/sh\necho 'token expired, run login' >&2\nexit 3\n");
  chmod(failing.c_str(), 0755);
  write_file(tmp.path() / "config",
             "[default]\ncredential_process = " + script.string() +
                 " --flag \"a b\"\n[profile bad]\ncredential_process = " + failing.string() + "\n");
  env.set("AWS_CONFIG_FILE", (tmp.path() / "config").string());
  const util::Result<ResolvedCredentials> rc = resolve_credentials({});
  ASSERT_TRUE(rc) << rc.error();
  EXPECT_EQ(rc->provider, "process:default");
  expect_athena_accepts(fake, *rc);
  CredentialSettings bad;
  bad.profile = "bad";
  const util::Result<ResolvedCredentials> failed = resolve_credentials(bad);
  ASSERT_FALSE(failed);
  EXPECT_NE(failed.error().find("exited with status 3: token expired, run login"),
            std::string::npos)
      << failed.error();
}

TEST(AwsCredentials, ProfileRoleWithSourceProfileAssumesRoleThroughSts) {
  ScopedAwsEnv env;
  FakeAws fake = start_fake();
  ASSERT_TRUE(fake.ok());
  TempDir tmp;
  write_file(tmp.path() / "config",
             "[profile reader]\nrole_arn = arn:aws:iam::123456789012:role/LineageReader\n"
             "source_profile = base\nexternal_id = ext-123\nrole_session_name = lineage-test\n"
             "duration_seconds = 1800\nregion = us-east-1\n");
  write_file(tmp.path() / "credentials", std::string("[base]\naws_access_key_id = ") + kKey +
                                             "\naws_secret_access_key = " + kSecret + "\n");
  env.set("AWS_CONFIG_FILE", (tmp.path() / "config").string());
  env.set("AWS_SHARED_CREDENTIALS_FILE", (tmp.path() / "credentials").string());
  env.set("AWS_ENDPOINT_URL_STS", fake.url());
  CredentialSettings s;
  s.profile = "reader";
  const util::Result<ResolvedCredentials> rc = resolve_credentials(s);
  ASSERT_TRUE(rc) << rc.error();
  EXPECT_EQ(rc->provider, "assume-role(profile:base)");
  EXPECT_TRUE(rc->credentials->get()->access_key_id.starts_with("ASIAFAKE"));
  EXPECT_FALSE(rc->credentials->get()->session_token.empty());
  expect_athena_accepts(fake, *rc);
  simdjson::dom::parser p;
  std::string holder;
  auto call = last_sts_call(fake, p, holder);
  EXPECT_EQ(std::string_view(call["Action"]), "AssumeRole");
  EXPECT_EQ(std::string_view(call["RoleArn"]), "arn:aws:iam::123456789012:role/LineageReader");
  EXPECT_EQ(std::string_view(call["RoleSessionName"]), "lineage-test");
  EXPECT_EQ(std::string_view(call["ExternalId"]), "ext-123");
  EXPECT_EQ(std::string_view(call["DurationSeconds"]), "1800");
  EXPECT_TRUE(bool(call["HasAuthorization"]));
}

TEST(AwsCredentials, RoleChainAndCredentialSourceEnvironment) {
  ScopedAwsEnv env;
  FakeAws fake = start_fake();
  ASSERT_TRUE(fake.ok());
  TempDir tmp;
  write_file(tmp.path() / "config",
             "[profile top]\nrole_arn = arn:aws:iam::1:role/Top\nsource_profile = middle\n"
             "[profile middle]\nrole_arn = arn:aws:iam::1:role/Middle\n"
             "credential_source = Environment\n"
             "[profile loop1]\nrole_arn = arn:aws:iam::1:role/A\nsource_profile = loop2\n"
             "[profile loop2]\nrole_arn = arn:aws:iam::1:role/B\nsource_profile = loop1\n"
             "[profile both]\nrole_arn = arn:aws:iam::1:role/C\nsource_profile = top\n"
             "credential_source = Environment\n");
  env.set("AWS_CONFIG_FILE", (tmp.path() / "config").string());
  env.set("AWS_ENDPOINT_URL_STS", fake.url());
  env.set("AWS_ACCESS_KEY_ID", kKey);
  env.set("AWS_SECRET_ACCESS_KEY", kSecret);
  CredentialSettings s;
  s.profile = "top";
  const util::Result<ResolvedCredentials> rc = resolve_credentials(s);
  ASSERT_TRUE(rc) << rc.error();
  EXPECT_EQ(rc->provider, "assume-role(assume-role(env))");
  expect_athena_accepts(fake, *rc);
  s.profile = "loop1";
  expect_refused(resolve_credentials(s), "profile:loop2: source_profile cycle through 'loop1'");
  s.profile = "both";
  expect_refused(resolve_credentials(s),
                 "profile:both: set only one of source_profile and credential_source");
}

TEST(AwsCredentials, ExplicitAssumeRoleSendsSessionNameSourceIdentityAndExternalId) {
  ScopedAwsEnv env;
  FakeAws fake = start_fake();
  ASSERT_TRUE(fake.ok());
  CredentialSettings s;
  s.access_key_id = kKey;
  s.secret_access_key = util::Secret(kSecret);
  s.region = "us-east-1";
  s.assume_role.role_arn = "arn:aws:iam::123456789012:role/LineageReader";
  s.assume_role.source_identity = "alice";
  s.assume_role.external_id = "ext-9";
  s.assume_role.sts_endpoint = fake.url();
  const util::Result<ResolvedCredentials> rc = resolve_credentials(s);
  ASSERT_TRUE(rc) << rc.error();
  EXPECT_EQ(rc->provider, "assume-role(explicit)");
  expect_athena_accepts(fake, *rc);
  simdjson::dom::parser p;
  std::string holder;
  auto call = last_sts_call(fake, p, holder);
  EXPECT_EQ(std::string_view(call["RoleSessionName"]), "AthenaLineageSession");
  EXPECT_EQ(std::string_view(call["SourceIdentity"]), "alice");
  EXPECT_EQ(std::string_view(call["ExternalId"]), "ext-9");
  s.assume_role.role_arn = "arn:aws:iam::123456789012:role/Denied";
  const util::Result<ResolvedCredentials> failed = resolve_credentials(s);
  ASSERT_FALSE(failed);
  EXPECT_NE(failed.error().find("AccessDenied"), std::string::npos) << failed.error();
  EXPECT_EQ(failed.error().find(kSecret), std::string::npos);
}

TEST(AwsCredentials, AssumedRoleRefreshesBeforeExpiry) {
  ScopedAwsEnv env;
  // The fake issues credentials valid for 12 minutes: inside the 15-minute advisory window,
  // so each use refreshes them; with 30 minutes they are reused.
  FakeAws fake = start_fake({"--sts-duration", "720"});
  ASSERT_TRUE(fake.ok());
  CredentialSettings s;
  s.access_key_id = kKey;
  s.secret_access_key = util::Secret(kSecret);
  s.assume_role.role_arn = "arn:aws:iam::1:role/R";
  s.assume_role.sts_endpoint = fake.url();
  const util::Result<ResolvedCredentials> rc = resolve_credentials(s);
  ASSERT_TRUE(rc) << rc.error();
  const std::string first = rc->credentials->get()->access_key_id;
  const std::string second = rc->credentials->get()->access_key_id;
  EXPECT_NE(first, second);
  EXPECT_EQ(rc->credentials->fetch_count(), 3);
  s.assume_role.duration_seconds = 1800;
  const util::Result<ResolvedCredentials> longer = resolve_credentials(s);
  ASSERT_TRUE(longer) << longer.error();
  EXPECT_EQ(longer->credentials->get()->access_key_id, longer->credentials->get()->access_key_id);
  EXPECT_EQ(longer->credentials->fetch_count(), 1);
}

TEST(AwsCredentials, WebIdentityTokenFileIsUnsignedAndTrimmed) {
  ScopedAwsEnv env;
  FakeAws fake = start_fake();
  ASSERT_TRUE(fake.ok());
  TempDir tmp;
  use_web_identity(env, tmp, fake, "tok.en.jwt\n");
  env.set("AWS_ROLE_SESSION_NAME", "pod-1");
  const util::Result<ResolvedCredentials> rc = resolve_credentials({});
  ASSERT_TRUE(rc) << rc.error();
  EXPECT_EQ(rc->provider, "web-identity");
  expect_athena_accepts(fake, *rc);
  simdjson::dom::parser p;
  std::string holder;
  auto call = last_sts_call(fake, p, holder);
  EXPECT_EQ(std::string_view(call["Action"]), "AssumeRoleWithWebIdentity");
  EXPECT_EQ(std::string_view(call["WebIdentityToken"]), "tok.en.jwt");
  EXPECT_EQ(std::string_view(call["RoleSessionName"]), "pod-1");
  EXPECT_FALSE(bool(call["HasAuthorization"]));
}

TEST(AwsCredentials, ContainerCredentialsWithAuthorizationToken) {
  ScopedAwsEnv env;
  FakeAws fake = start_fake({"--container-token", "Basic-abc123"});
  ASSERT_TRUE(fake.ok());
  env.set("AWS_CONTAINER_CREDENTIALS_FULL_URI", fake.url() + "/creds");
  env.set("AWS_CONTAINER_AUTHORIZATION_TOKEN", "Basic-abc123");
  const util::Result<ResolvedCredentials> rc = resolve_credentials({});
  ASSERT_TRUE(rc) << rc.error();
  EXPECT_EQ(rc->provider, "container");
  expect_athena_accepts(fake, *rc);
  EXPECT_GE(fake.stat("container"), 1);
  env.set("AWS_CONTAINER_CREDENTIALS_FULL_URI", "http://example.com/creds");
  expect_refused(resolve_credentials({}),
                 "container: AWS_CONTAINER_CREDENTIALS_FULL_URI must be https or a "
                 "loopback/ECS/EKS address, got http://example.com/creds");
}

TEST(AwsCredentials, Ec2InstanceMetadataV2) {
  ScopedAwsEnv env;
  FakeAws fake = start_fake();
  ASSERT_TRUE(fake.ok());
  env.set("AWS_EC2_METADATA_DISABLED", "false");
  env.set("AWS_EC2_METADATA_SERVICE_ENDPOINT", fake.url() + "/");
  const util::Result<ResolvedCredentials> rc = resolve_credentials({});
  ASSERT_TRUE(rc) << rc.error();
  EXPECT_EQ(rc->provider, "imds");
  expect_athena_accepts(fake, *rc);
  EXPECT_EQ(fake.stat("imds"), 3); // token, role name, credentials
}

TEST(AwsCredentials, NothingConfiguredSaysWhatWasTried) {
  ScopedAwsEnv env;
  const util::Result<ResolvedCredentials> failed = resolve_credentials({});
  ASSERT_FALSE(failed);
  const std::string msg = failed.error();
  EXPECT_NE(msg.find("no AWS credentials found"), std::string::npos) << msg;
  EXPECT_NE(msg.find("env"), std::string::npos) << msg;
  EXPECT_NE(msg.find("imds (disabled)"), std::string::npos) << msg;
}

// A provider that hands out `first` once, then fails with a message.
class OnceProvider : public CredentialProvider {
public:
  explicit OnceProvider(Credentials first) : first_(std::move(first)) {}
  [[nodiscard]] std::string name() const override { return "once"; }
  util::Result<Credentials> fetch() override {
    if (used_) return util::Error{"once: no more credentials"};
    used_ = true;
    return first_;
  }

private:
  Credentials first_;
  bool used_ = false;
};

TEST(AwsCredentials, AFailedRefreshKeepsCredentialsWithTenMinutesLeftAndIsAnErrorAfter) {
  const auto now = std::chrono::system_clock::now();
  Credentials twelve{kKey, util::Secret(kSecret), util::Secret("tok"),
                     now + std::chrono::minutes(12), ""};
  CachingCredentials advisory(std::make_shared<OnceProvider>(twelve));
  ASSERT_TRUE(advisory.get());
  const util::Result<Credentials> kept = advisory.get(); // refresh fails, 12 minutes left
  ASSERT_TRUE(kept) << kept.error();
  EXPECT_EQ(kept->access_key_id, kKey);
  EXPECT_EQ(advisory.fetch_count(), 2);

  Credentials five = twelve;
  five.expiration = now + std::chrono::minutes(5);
  CachingCredentials mandatory(std::make_shared<OnceProvider>(five));
  ASSERT_TRUE(mandatory.get());
  const util::Result<Credentials> refused = mandatory.get();
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error(), "once: no more credentials");
  EXPECT_EQ(refused.error().find(kSecret), std::string::npos);
}

TEST(AwsCredentials, RegionOrder) {
  ScopedAwsEnv env;
  SharedProfiles profiles;
  profiles.profiles["default"].values["region"] = "from-profile";
  CredentialSettings s;
  EXPECT_EQ(resolve_region(s, profiles), "from-profile");
  env.set("AWS_DEFAULT_REGION", "from-default-region");
  EXPECT_EQ(resolve_region(s, profiles), "from-default-region");
  env.set("AWS_REGION", "from-region");
  EXPECT_EQ(resolve_region(s, profiles), "from-region");
  s.region = "from-config";
  EXPECT_EQ(resolve_region(s, profiles), "from-config");
}

TEST(AwsCredentials, IsoTimesParse) {
  auto t = parse_iso8601("2026-11-21T11:09:47Z");
  ASSERT_TRUE(t);
  EXPECT_EQ(format_iso8601(*t), "2026-11-21T11:09:47Z");
  EXPECT_EQ(format_iso8601(*parse_iso8601("2026-11-21T12:09:47.123+01:00")),
            "2026-11-21T11:09:47Z");
  EXPECT_FALSE(parse_iso8601("2026-11-21"));
  EXPECT_FALSE(parse_iso8601("yesterday"));
}

TEST(AwsCredentials, SecretsNeverStreamed) {
  Credentials c{kKey, util::Secret(kSecret), util::Secret("tok"), std::nullopt, ""};
  std::ostringstream os;
  os << c.secret_access_key << c.session_token;
  EXPECT_EQ(os.str(), "********");
}

// Retries: STS, IMDS and the container endpoint go through http::RetryingClient with their own
// rules; the fake fails the next N requests of each kind on request.

int64_t sts_calls(const FakeAws& fake) {
  simdjson::dom::parser p;
  const std::string text = fake.stats_json();
  simdjson::dom::array calls;
  if (p.parse(text)["sts"].get_array().get(calls) != simdjson::SUCCESS) return -1;
  return static_cast<int64_t>(calls.size());
}

TEST(AwsCredentials, StsIsTriedThreeTimesAfterA5xxAndOnceAfterARefusal) {
  ScopedAwsEnv env;
  FakeAws fake = start_fake();
  ASSERT_TRUE(fake.ok());
  CredentialSettings s;
  s.access_key_id = kKey;
  s.secret_access_key = util::Secret(kSecret);
  s.assume_role.role_arn = "arn:aws:iam::1:role/R";
  s.assume_role.sts_endpoint = fake.url();
  fake.configure(R"({"fail_next": {"sts": 2}})");
  const util::Result<ResolvedCredentials> rc = resolve_credentials(s);
  ASSERT_TRUE(rc) << rc.error();
  EXPECT_EQ(sts_calls(fake), 3);
  expect_athena_accepts(fake, *rc);
  fake.configure(R"({"fail_next": {"sts": 3}})");
  const util::Result<ResolvedCredentials> failed = resolve_credentials(s);
  expect_refused(failed, "assume-role: STS AssumeRole for arn:aws:iam::1:role/R at " + fake.url() +
                             " was refused (HTTP 500 InternalFailure: injected failure)");
  EXPECT_EQ(sts_calls(fake), 6);
  s.assume_role.role_arn = "arn:aws:iam::1:role/Denied";
  ASSERT_FALSE(resolve_credentials(s));
  EXPECT_EQ(sts_calls(fake), 7);
}

TEST(AwsCredentials, WebIdentityRetriesAnIdpCommunicationErrorAndNamesNoToken) {
  ScopedAwsEnv env;
  FakeAws fake = start_fake();
  ASSERT_TRUE(fake.ok());
  TempDir tmp;
  use_web_identity(env, tmp, fake, "tok.en.secret-jwt\n");
  fake.configure(R"({"fail_next": {"sts": 2}, "sts_failure": [400, "IDPCommunicationError"]})");
  const util::Result<ResolvedCredentials> rc = resolve_credentials({});
  ASSERT_TRUE(rc) << rc.error();
  EXPECT_EQ(rc->provider, "web-identity");
  EXPECT_EQ(sts_calls(fake), 3);
  fake.configure(R"({"fail_next": {"sts": 1}, "sts_failure": [400, "InvalidIdentityToken"]})");
  const util::Result<ResolvedCredentials> failed = resolve_credentials({});
  ASSERT_FALSE(failed);
  EXPECT_NE(failed.error().find("(HTTP 400 InvalidIdentityToken: injected failure)"),
            std::string::npos)
      << failed.error();
  EXPECT_EQ(failed.error().find("secret-jwt"), std::string::npos) << failed.error();
  EXPECT_EQ(sts_calls(fake), 4);
}

TEST(AwsCredentials, ImdsTriesAsOftenAsAwsMetadataServiceNumAttemptsSays) {
  ScopedAwsEnv env;
  FakeAws fake = start_fake();
  ASSERT_TRUE(fake.ok());
  env.set("AWS_EC2_METADATA_DISABLED", "false");
  env.set("AWS_EC2_METADATA_SERVICE_ENDPOINT", fake.url());
  // One attempt (the default): the token request fails, the IMDSv1 fallback is refused.
  fake.configure(R"({"fail_next": {"imds": 1}})");
  const util::Result<ResolvedCredentials> failed = resolve_credentials({});
  ASSERT_FALSE(failed);
  EXPECT_NE(failed.error().find("imds: no instance role at " + fake.url() + " (HTTP 401)"),
            std::string::npos)
      << failed.error();
  EXPECT_EQ(fake.stat("imds"), 2);
  env.set("AWS_METADATA_SERVICE_NUM_ATTEMPTS", "2");
  fake.configure(R"({"fail_next": {"imds": 1}})");
  const util::Result<ResolvedCredentials> rc = resolve_credentials({});
  ASSERT_TRUE(rc) << rc.error();
  EXPECT_EQ(rc->provider, "imds");
  EXPECT_EQ(fake.stat("imds"), 6); // token twice, role name, credentials
}

TEST(AwsCredentials, ContainerCredentialsAreTriedAgainASecondLater) {
  ScopedAwsEnv env;
  FakeAws fake = start_fake();
  ASSERT_TRUE(fake.ok());
  env.set("AWS_CONTAINER_CREDENTIALS_FULL_URI", fake.url() + "/creds");
  fake.configure(R"({"fail_next": {"container": 1}})");
  const util::Result<ResolvedCredentials> rc = resolve_credentials({});
  ASSERT_TRUE(rc) << rc.error();
  EXPECT_EQ(rc->provider, "container");
  EXPECT_EQ(fake.stat("container"), 2);
  expect_athena_accepts(fake, *rc);
}

} // namespace
} // namespace athena::aws
