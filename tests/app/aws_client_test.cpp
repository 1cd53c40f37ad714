// The Athena client against the fake server: paging, batching, retries under injected faults,
// rate limits, fallbacks, catalog calls, and the real AWS CLI against the fake.
#include <chrono>
#include <set>
#include <string>

#include <gtest/gtest.h>
#include <simdjson.h>

#include "src/athena/athena_client.h"
#include "src/auth/endpoint.h"
#include "tests/app/aws_fake_server.h"

namespace athena::aws {
namespace {

using athena::testing::FakeAws;
using athena::testing::run_shell;
using athena::testing::ScopedAwsEnv;
using athena::testing::TempDir;

constexpr const char* kKey = "AKIDCLIENTTEST";
constexpr const char* kSecret = "client-test-secret-0123456789";

std::shared_ptr<CachingCredentials> static_creds(const char* secret = kSecret) {
  return std::make_shared<CachingCredentials>(make_static_provider(
      "explicit", Credentials{kKey, util::Secret(secret), util::Secret(), std::nullopt, ""}));
}

AthenaClientOptions options_for(const FakeAws& fake, double rate = 0) {
  AthenaClientOptions o;
  o.endpoint = resolve_athena_endpoint({fake.url(), "us-east-1", false, false, false, ""});
  o.list_query_executions_rate = rate;
  o.batch_get_rate = rate;
  o.other_rate = rate;
  o.retry.base_seconds = 0.01;
  o.jitter_seed = 42;
  return o;
}

std::vector<std::string> fake_args(int n, int workgroups, std::vector<std::string> extra = {}) {
  std::vector<std::string> a = {"--key",        std::string(kKey) + ":" + kSecret,
                                "--generate",   std::to_string(n),
                                "--workgroups", std::to_string(workgroups)};
  a.insert(a.end(), extra.begin(), extra.end());
  return a;
}

struct Collected {
  std::vector<FetchedExecution> all;
  std::set<std::string> ids;
  std::size_t duplicates = 0;
};

PullOptions collecting(Collected& c) {
  PullOptions o;
  o.on_batch = [&c](std::vector<FetchedExecution>&& batch) {
    for (auto& e : batch) {
      if (!c.ids.insert(e.id).second) ++c.duplicates;
      c.all.push_back(std::move(e));
    }
  };
  return o;
}

TEST(AwsClient, PullsEveryExecutionOfEveryWorkgroupExactlyOnce) {
  ScopedAwsEnv env;
  FakeAws fake(fake_args(1234, 3));
  ASSERT_TRUE(fake.ok());
  AthenaClient client(options_for(fake), static_creds());
  Collected c;
  PullResult r = client.pull(collecting(c));
  EXPECT_TRUE(r.complete());
  ASSERT_EQ(r.workgroups.size(), 3u);
  EXPECT_EQ(r.workgroups[0].workgroup, "wg-0");
  EXPECT_EQ(c.ids.size(), 1234u);
  EXPECT_EQ(c.duplicates, 0u);
  EXPECT_EQ(r.fetched, 1234u);
  EXPECT_EQ(fake.stat("signature_failures"), 0);
  EXPECT_EQ(fake.stat("max_batch"), 50);
  // Raw records are the QueryExecution objects, intact.
  simdjson::dom::parser p;
  const auto& first = c.all.front();
  simdjson::dom::element qe = p.parse(first.raw_json);
  EXPECT_EQ(std::string_view(qe["QueryExecutionId"]), first.id);
  EXPECT_EQ(std::string_view(qe["WorkGroup"]), first.workgroup);
  EXPECT_GT(first.submission_time, 1.7e9);
  EXPECT_FALSE(first.state.empty());
}

TEST(AwsClient, RetriesUnderThrottling500sAndDropsFetchEveryExecutionOnce) {
  ScopedAwsEnv env;
  FakeAws fake(fake_args(20000, 4,
                         {"--throttle-rate", "0.2", "--error-rate", "0.05", "--drop-rate", "0.01",
                          "--slow-rate", "0.01", "--slow-ms", "50"}));
  ASSERT_TRUE(fake.ok());
  AthenaClientOptions o = options_for(fake);
  o.retry.max_attempts = 10;
  AthenaClient client(o, static_creds());
  Collected c;
  PullResult r = client.pull(collecting(c));
  for (const auto& w : r.workgroups)
    EXPECT_TRUE(w.complete) << w.workgroup << ": " << w.error;
  EXPECT_EQ(c.ids.size(), 20000u);
  EXPECT_EQ(c.duplicates, 0u);
  EXPECT_GT(fake.stat("throttled"), 100);
  EXPECT_GT(fake.stat("injected_500"), 20);
  EXPECT_GT(client.stats().retries, 100u);
  EXPECT_EQ(fake.stat("signature_failures"), 0);
}

TEST(AwsClient, BatchGetRefusedAsAWholeFallsBackToGetQueryExecution) {
  ScopedAwsEnv env;
  FakeAws fake(fake_args(60, 1, {"--fail", "BatchGetQueryExecution"}));
  ASSERT_TRUE(fake.ok());
  AthenaClientOptions o = options_for(fake);
  o.retry.max_attempts = 2;
  AthenaClient client(o, static_creds());
  Collected c;
  std::vector<std::string> warnings;
  PullOptions po = collecting(c);
  po.warn = [&](const std::string& w) { warnings.push_back(w); };
  PullResult r = client.pull(po);
  EXPECT_TRUE(r.complete());
  EXPECT_EQ(c.ids.size(), 60u);
  EXPECT_EQ(c.duplicates, 0u);
  ASSERT_EQ(r.workgroups.size(), 1u);
  EXPECT_EQ(r.workgroups[0].fetched_one_by_one, 60u);
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_EQ(warnings[0], "BatchGetQueryExecution: 500 (HTTP 500): an HTML page (\"500 Internal "
                         "Server Error\") instead of an AWS error [after 2 attempts]; fetching "
                         "each query execution with GetQueryExecution instead");
  simdjson::dom::parser p;
  const std::string stats = fake.stats_json();
  EXPECT_EQ(int64_t(p.parse(stats)["requests"]["GetQueryExecution"]), 60);
}

TEST(AwsClient, UnprocessedIdsAreRetriedOnceWithGetQueryExecution) {
  ScopedAwsEnv env;
  FakeAws fake(fake_args(500, 1, {"--unprocessed-rate", "0.1"}));
  ASSERT_TRUE(fake.ok());
  AthenaClient client(options_for(fake), static_creds());
  Collected c;
  PullResult r = client.pull(collecting(c));
  EXPECT_TRUE(r.complete());
  EXPECT_EQ(c.ids.size(), 500u);
  EXPECT_EQ(c.duplicates, 0u);
  const int64_t unprocessed = fake.stat("unprocessed");
  EXPECT_GT(unprocessed, 10);
  simdjson::dom::parser p;
  const std::string stats = fake.stats_json();
  EXPECT_EQ(int64_t(p.parse(stats)["requests"]["GetQueryExecution"]), unprocessed);
}

TEST(AwsClient, DeniedListWorkGroupsFallsBackToPrimaryWithWarning) {
  ScopedAwsEnv env;
  FakeAws fake(fake_args(120, 1, {"--deny", "ListWorkGroups"}));
  ASSERT_TRUE(fake.ok());
  AthenaClient client(options_for(fake), static_creds());
  Collected c;
  std::vector<std::string> warnings;
  PullOptions o = collecting(c);
  o.warn = [&](const std::string& w) { warnings.push_back(w); };
  PullResult r = client.pull(o);
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_NE(warnings[0].find("athena:ListWorkGroups"), std::string::npos) << warnings[0];
  ASSERT_EQ(r.workgroups.size(), 1u);
  EXPECT_EQ(r.workgroups[0].workgroup, "primary");
  EXPECT_EQ(c.ids.size(), 120u);
}

TEST(AwsClient, DeniedWorkgroupIsReportedAndOthersComplete) {
  ScopedAwsEnv env;
  FakeAws fake(fake_args(100, 1, {"--extra-workgroup", "ghost"}));
  ASSERT_TRUE(fake.ok());
  AthenaClient client(options_for(fake), static_creds());
  Collected c;
  PullOptions o = collecting(c);
  o.workgroups = {"primary", "missing"};
  PullResult r = client.pull(o);
  ASSERT_EQ(r.workgroups.size(), 2u);
  EXPECT_TRUE(r.workgroups[0].complete);
  EXPECT_FALSE(r.workgroups[1].complete);
  EXPECT_NE(r.workgroups[1].error.find("InvalidRequestException"), std::string::npos);
  EXPECT_EQ(c.ids.size(), 100u);
}

TEST(AwsClient, CutoffStopsPagingOnceAWholePageIsOlder) {
  ScopedAwsEnv env;
  FakeAws fake(fake_args(3000, 1));
  ASSERT_TRUE(fake.ok());
  AthenaClient client(options_for(fake), static_creds());
  Collected c;
  PullOptions o = collecting(c);
  // One execution every 20 s: the newest 300 are within the last 6,060 s.
  const double now =
      std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
  o.cutoff = now - 60 - 299 * 20 - 10;
  PullResult r = client.pull(o);
  EXPECT_TRUE(r.complete());
  std::size_t newer = 0;
  for (const auto& e : c.all)
    newer += e.submission_time >= *o.cutoff ? 1 : 0;
  EXPECT_EQ(newer, 300u);
  EXPECT_LT(r.workgroups[0].listed, 600u); // stopped early, within the look-ahead
}

TEST(AwsClient, KnownIdsAreNotFetchedAgain) {
  ScopedAwsEnv env;
  FakeAws fake(fake_args(200, 1));
  ASSERT_TRUE(fake.ok());
  AthenaClient client(options_for(fake), static_creds());
  Collected first;
  client.pull(collecting(first));
  ASSERT_EQ(first.ids.size(), 200u);
  std::map<std::string, double> stored;
  for (const auto& e : first.all)
    stored[e.id] = e.submission_time;
  Collected second;
  PullOptions o = collecting(second);
  o.known = [&](const std::string& id) -> std::optional<double> {
    auto it = stored.find(id);
    if (it == stored.end()) return std::nullopt;
    return it->second;
  };
  PullResult r = client.pull(o);
  EXPECT_TRUE(r.complete());
  EXPECT_EQ(second.ids.size(), 0u);
  EXPECT_EQ(r.workgroups[0].skipped_known, 200u);
}

TEST(AwsClient, WrongSecretIsAnInvalidSignatureAndNotRetried) {
  ScopedAwsEnv env;
  FakeAws fake(fake_args(10, 1));
  ASSERT_TRUE(fake.ok());
  AthenaClient client(options_for(fake), static_creds("not-the-secret"));
  AwsResult<CallReply> r = client.call("ListWorkGroups", "{}");
  EXPECT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "InvalidSignatureException");
  EXPECT_EQ(r.error().attempts, 1);
  EXPECT_EQ(r.error().describe().find("not-the-secret"), std::string::npos);
}

TEST(AwsClient, ClientPacingKeepsUnderTheServersQuota) {
  ScopedAwsEnv env;
  // 400 executions = 8 list pages and 8 batch calls; the fake enforces 5/s (burst 1).
  FakeAws fake(fake_args(400, 1, {"--quota-list", "5", "--quota-list-burst", "1"}));
  ASSERT_TRUE(fake.ok());
  AthenaClientOptions o = options_for(fake, 0);
  // Well under the quota: requests reach the fake with scheduling jitter (tens of ms on a loaded
  // 2-core machine), which a pace of 4.5/s against 5/s (22 ms apart) did not always absorb.
  o.list_query_executions_rate = 3.0;
  AthenaClient client(o, static_creds());
  Collected c;
  const auto t0 = std::chrono::steady_clock::now();
  PullResult r = client.pull(collecting(c));
  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  EXPECT_TRUE(r.complete());
  EXPECT_EQ(c.ids.size(), 400u);
  EXPECT_EQ(fake.stat("quota_throttled"), 0);
  EXPECT_GE(secs, 7 / 3.0 - 0.1); // 8 pages: 7 intervals
}

TEST(AwsClient, CatalogOperationsPage) {
  ScopedAwsEnv env;
  FakeAws fake(fake_args(1, 1));
  ASSERT_TRUE(fake.ok());
  AthenaClient client(options_for(fake), static_creds());
  auto catalogs = client.list_data_catalogs();
  ASSERT_TRUE(catalogs.ok()) << catalogs.error().describe();
  ASSERT_EQ(catalogs->size(), 1u);
  EXPECT_EQ((*catalogs)[0].name, "AwsDataCatalog");
  EXPECT_EQ((*catalogs)[0].type, "GLUE");
  auto dbs = client.list_databases("AwsDataCatalog");
  ASSERT_TRUE(dbs.ok());
  EXPECT_EQ(*dbs, (std::vector<std::string>{"sales", "web"}));
  auto tables = client.list_table_metadata("AwsDataCatalog", "sales");
  ASSERT_TRUE(tables.ok());
  ASSERT_EQ(tables->size(), 3u); // two pages
  EXPECT_EQ((*tables)[2].name, "sales_t2");
  ASSERT_EQ((*tables)[0].columns.size(), 3u);
  EXPECT_EQ((*tables)[0].columns[2].name, "dt"); // partition keys last
}

TEST(AwsClient, ErrorBodiesParsePerSpec) {
  AwsError e = parse_aws_error(
      400, R"({"__type":"com.amazonaws.athena#InvalidRequestException:extra","Message":"bad"})");
  EXPECT_EQ(e.code, "InvalidRequestException");
  EXPECT_EQ(e.message, "bad");
  e = parse_aws_error(400, R"({"__type":"ThrottlingException","message":"Rate exceeded"})");
  EXPECT_EQ(e.code, "ThrottlingException");
  EXPECT_EQ(e.message, "Rate exceeded");
  e = parse_aws_error(502, "<html>bad gateway</html>");
  EXPECT_EQ(e.code, "502");
  EXPECT_EQ(e.message, "an HTML page instead of an AWS error"); // no raw body in summaries
}

TEST(AwsClient, ErrorFixturesFromShared) {
  ATHENA_REQUIRE_SHARED(dir, "testdata/athena");
  AwsError e = parse_aws_error(400, athena::testing::read_file(dir / "error-throttling.json"));
  EXPECT_EQ(e.code, "ThrottlingException");
  EXPECT_EQ(aws::classify_aws_attempt(400, 0, e.code), http::RetryClass::kThrottling);
  e = parse_aws_error(400, athena::testing::read_file(dir / "error-invalid-request.json"));
  EXPECT_EQ(e.code, "InvalidRequestException");
  EXPECT_EQ(aws::classify_aws_attempt(400, 0, e.code), http::RetryClass::kFatal);
}

TEST(AwsClient, SharedFixturesServedByTheFakeParse) {
  ATHENA_REQUIRE_SHARED(dir, "testdata/athena/batch-get-query-execution.json");
  ScopedAwsEnv env;
  TempDir tmp;
  // The fixture is a BatchGet reply; the fake serves its executions as a history.
  athena::testing::write_file(tmp.path() / "h.json", athena::testing::read_file(dir));
  FakeAws fake(
      {"--key", std::string(kKey) + ":" + kSecret, "--history", (tmp.path() / "h.json").string()});
  ASSERT_TRUE(fake.ok());
  AthenaClient client(options_for(fake), static_creds());
  Collected c;
  PullResult r = client.pull(collecting(c));
  EXPECT_TRUE(r.complete());
  ASSERT_EQ(c.ids.size(), 6u);
  for (const auto& e : c.all) {
    EXPECT_GT(e.submission_time, 1.7e9) << e.id; // the exponent-form time included
    EXPECT_EQ(e.workgroup, "analytics-etl");
  }
}

std::string aws_cli() {
  auto r = run_shell("command -v aws");
  if (r.exit_code != 0) return {};
  std::string p = r.out;
  while (!p.empty() && p.back() == '\n')
    p.pop_back();
  return p;
}

std::string cli_env() {
  return std::string("AWS_ACCESS_KEY_ID=") + kKey + " AWS_SECRET_ACCESS_KEY=" + kSecret +
         " AWS_CONFIG_FILE=/dev/null AWS_SHARED_CREDENTIALS_FILE=/dev/null ";
}

TEST(AwsClient, RealAwsCliListsQueryExecutionsFromTheFake) {
  const std::string aws = aws_cli();
  if (aws.empty()) GTEST_SKIP() << "the AWS CLI (`aws`) is not installed; skipping";
  ScopedAwsEnv env;
  FakeAws fake(fake_args(120, 1));
  ASSERT_TRUE(fake.ok());
  auto r = run_shell(cli_env() + aws + " athena list-query-executions --work-group primary " +
                     "--region us-east-1 --endpoint-url " + fake.url() + " --output json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  simdjson::dom::parser p;
  simdjson::dom::array ids = p.parse(r.out)["QueryExecutionIds"];
  EXPECT_EQ(ids.size(), 120u); // the CLI followed every NextToken
  EXPECT_EQ(fake.stat("signature_failures"), 0);
}

TEST(AwsClient, RealAwsCliBatchGetsFromTheFake) {
  const std::string aws = aws_cli();
  if (aws.empty()) GTEST_SKIP() << "the AWS CLI (`aws`) is not installed; skipping";
  ScopedAwsEnv env;
  FakeAws fake(fake_args(3, 1));
  ASSERT_TRUE(fake.ok());
  AthenaClient client(options_for(fake), static_creds());
  Collected c;
  client.pull(collecting(c));
  ASSERT_EQ(c.all.size(), 3u);
  auto r = run_shell(cli_env() + aws + " athena batch-get-query-execution --region us-east-1 " +
                     "--endpoint-url " + fake.url() + " --output json --query-execution-ids " +
                     c.all[0].id + " " + c.all[2].id + " no-such-id");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  simdjson::dom::parser p;
  simdjson::dom::element doc = p.parse(r.out);
  simdjson::dom::array got = doc["QueryExecutions"];
  simdjson::dom::array unprocessed = doc["UnprocessedQueryExecutionIds"];
  EXPECT_EQ(got.size(), 2u);
  ASSERT_EQ(unprocessed.size(), 1u);
  EXPECT_EQ(std::string_view(unprocessed.at(0)["QueryExecutionId"]), "no-such-id");
  EXPECT_EQ(fake.stat("signature_failures"), 0);
}

TEST(AwsEndpoint, ResolvesPerRuleSet) {
  ScopedAwsEnv env;
  EXPECT_EQ(resolve_athena_endpoint({"", "us-east-1", false, false, true, ""}).url,
            "https://athena.us-east-1.amazonaws.com/");
  EXPECT_EQ(resolve_athena_endpoint({"", "us-gov-west-1", true, false, true, ""}).host,
            "athena-fips.us-gov-west-1.amazonaws.com");
  EXPECT_EQ(resolve_athena_endpoint({"", "cn-north-1", false, false, true, ""}).host,
            "athena.cn-north-1.amazonaws.com.cn");
  EXPECT_EQ(resolve_athena_endpoint({"", "us-east-1", false, true, true, ""}).host,
            "athena.us-east-1.api.aws");
  Endpoint legacy = resolve_athena_endpoint({"", "fips-us-east-1", false, false, true, ""});
  EXPECT_EQ(legacy.host, "athena-fips.us-east-1.amazonaws.com");
  EXPECT_EQ(legacy.signing_region, "us-east-1");
  EXPECT_EQ(
      resolve_athena_endpoint({"http://127.0.0.1:9", "us-east-1", true, false, true, ""}).error,
      "FIPS and custom endpoint are not supported");
  EXPECT_NE(resolve_athena_endpoint({"", "", false, false, true, ""}).error.find("Missing Region"),
            std::string::npos);
  Endpoint custom =
      resolve_athena_endpoint({"http://127.0.0.1:8080", "eu-west-1", false, false, true, ""});
  EXPECT_EQ(custom.url, "http://127.0.0.1:8080/");
  EXPECT_EQ(custom.host, "127.0.0.1:8080");
  env.set("AWS_ENDPOINT_URL", "http://localhost:1/");
  env.set("AWS_ENDPOINT_URL_ATHENA", "https://vpce-123.athena.us-east-1.vpce.amazonaws.com");
  EXPECT_EQ(resolve_athena_endpoint({"", "us-east-1", false, false, true, ""}).host,
            "vpce-123.athena.us-east-1.vpce.amazonaws.com");
}

TEST(AwsRetry, ClassifiesPerStandardMode) {
  EXPECT_EQ(aws::classify_aws_attempt(200, 0, ""), http::RetryClass::kNone);
  EXPECT_EQ(aws::classify_aws_attempt(400, 0, "ThrottlingException"),
            http::RetryClass::kThrottling);
  EXPECT_EQ(aws::classify_aws_attempt(400, 0, "TooManyRequestsException"),
            http::RetryClass::kThrottling);
  EXPECT_EQ(aws::classify_aws_attempt(429, 0, "429"), http::RetryClass::kThrottling);
  EXPECT_EQ(aws::classify_aws_attempt(500, 0, "InternalServerException"),
            http::RetryClass::kTransient);
  EXPECT_EQ(aws::classify_aws_attempt(503, 0, "ServiceUnavailable"), http::RetryClass::kTransient);
  EXPECT_EQ(aws::classify_aws_attempt(400, 0, "InvalidRequestException"), http::RetryClass::kFatal);
  EXPECT_EQ(aws::classify_aws_attempt(400, 0, "AccessDeniedException"), http::RetryClass::kFatal);
  EXPECT_EQ(aws::classify_aws_attempt(0, 28 /*CURLE_OPERATION_TIMEDOUT*/, ""),
            http::RetryClass::kTimeout);
  EXPECT_EQ(aws::classify_aws_attempt(0, 52 /*CURLE_GOT_NOTHING*/, ""),
            http::RetryClass::kTransient);
  EXPECT_EQ(aws::classify_aws_attempt(0, 7 /*CURLE_COULDNT_CONNECT*/, ""),
            http::RetryClass::kTransient);
}

TEST(AwsRetry, BackoffIsFullJitterCappedAt20Seconds) {
  http::RetryPolicy p;
  EXPECT_EQ(http::backoff_delay(p, 1, 0.5).count(), 500000);
  EXPECT_EQ(http::backoff_delay(p, 2, 0.5).count(), 1000000);
  EXPECT_EQ(http::backoff_delay(p, 10, 1.0).count(), 20000000);
  EXPECT_EQ(http::backoff_delay(p, 3, 0.0).count(), 0);
}

TEST(AwsRetry, QuotaStopsRetriesAfterABurstOfFailures) {
  http::RetryPolicy p;
  http::RetryQuota q(p);
  int taken = 0;
  int granted = 0;
  while (q.acquire(http::RetryClass::kThrottling, taken))
    ++granted;
  EXPECT_EQ(granted, 100);
  q.on_success(0);
  EXPECT_EQ(q.available(), 1);
  q.on_success(5);
  EXPECT_EQ(q.available(), 6);
  EXPECT_TRUE(q.acquire(http::RetryClass::kThrottling, taken));
  EXPECT_FALSE(q.acquire(http::RetryClass::kTimeout, taken)); // 1 left, a timeout costs 10
}

TEST(AwsRateLimiter, PacesAtTheRateWithBurst) {
  using namespace std::chrono;
  http::RateLimiter l(5, 2);
  const auto t0 = steady_clock::now();
  EXPECT_EQ(l.reserve(t0), t0);
  EXPECT_EQ(l.reserve(t0), t0); // burst of 2
  EXPECT_EQ(duration_cast<milliseconds>(l.reserve(t0) - t0).count(), 200);
  EXPECT_EQ(duration_cast<milliseconds>(l.reserve(t0) - t0).count(), 400);
  http::RateLimiter unlimited(0);
  EXPECT_EQ(unlimited.reserve(t0), t0);
}

} // namespace
} // namespace athena::aws
