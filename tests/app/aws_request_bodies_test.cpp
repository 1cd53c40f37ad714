// The exact bytes of every JSON 1.1 request body we send to Athena and Glue (paging, batching,
// the one-by-one fallback, catalog calls, `check`), and of the `iam-policy` document, against
// goldens (UPDATE_GOLDENS=1 rewrites them).
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "src/athena/athena_client.h"
#include "src/athena/glue_catalog.h"
#include "src/auth/endpoint.h"
#include "tests/app/aws_fake_server.h"

namespace athena::aws {
namespace {

using athena::testing::FakeAws;
using athena::testing::ScopedAwsEnv;
using athena::testing::source_dir;

constexpr const char* kKey = "AKIDBODIESTEST";
constexpr const char* kSecret = "bodies-test-secret-0123456789";
// A workgroup, catalog and database name that need escaping in JSON.
constexpr const char* kOddName = "we\"ird\\ n\xC3\xA9\tme";

std::shared_ptr<CachingCredentials> static_creds() {
  return std::make_shared<CachingCredentials>(make_static_provider(
      "explicit", Credentials{kKey, util::Secret(kSecret), util::Secret(), std::nullopt, ""}));
}

AthenaClientOptions options_for(const FakeAws& fake) {
  AthenaClientOptions o;
  o.endpoint = resolve_athena_endpoint({fake.url(), "us-east-1", false, false, false, ""});
  o.list_query_executions_rate = 0; // no pacing
  o.batch_get_rate = 0;
  o.other_rate = 0;
  o.retry.max_attempts = 1; // every request once: the recorded list is the same on every run
  o.jitter_seed = 42;
  return o;
}

std::vector<std::string> fake_args(int n, std::vector<std::string> extra) {
  std::vector<std::string> a = {"--key", std::string(kKey) + ":" + kSecret, "--generate",
                                std::to_string(n), "--record-bodies"};
  a.insert(a.end(), extra.begin(), extra.end());
  return a;
}

std::string lines(const std::vector<std::string>& requests) {
  std::string out;
  for (const auto& r : requests)
    out += r + "\n";
  return out;
}

std::filesystem::path golden(const char* name) {
  return source_dir() / "tests/app/testdata/aws" / name;
}

TEST(AwsRequestBodies, PullCatalogAndGlueCallsSendTheseExactBytes) {
  ScopedAwsEnv env;
  // 51 executions: two ListQueryExecutions pages (the second with a NextToken) and two batches.
  FakeAws fake(fake_args(51, {"--extra-workgroup", kOddName}));
  ASSERT_TRUE(fake.ok());
  AthenaClient client(options_for(fake), static_creds());
  PullResult pulled = client.pull(PullOptions{});
  EXPECT_TRUE(pulled.complete());
  EXPECT_EQ(pulled.fetched, 51u);
  ASSERT_TRUE(client.list_data_catalogs().ok());
  ASSERT_TRUE(client.list_databases(kOddName).ok());
  auto tables = client.list_table_metadata("AwsDataCatalog", "sales"); // two pages
  ASSERT_TRUE(tables.ok());
  EXPECT_EQ(tables->size(), 3u);
  ASSERT_TRUE(client.list_table_metadata(kOddName, kOddName).ok());
  const AthenaClientOptions athena = options_for(fake);
  AthenaClient glue(glue_client_options(athena, athena.endpoint), static_creds());
  ASSERT_TRUE(glue_get_databases(glue).ok());
  auto glue_tables = glue_get_tables(glue, "web"); // two pages
  ASSERT_TRUE(glue_tables.ok());
  EXPECT_EQ(glue_tables->size(), 3u);
  ASSERT_TRUE(glue_get_tables(glue, kOddName).ok());
  EXPECT_EQ(fake.stat("signature_failures"), 0);
  athena::testing::expect_golden(golden("pull_request_bodies.txt"), lines(fake.requests()));
}

TEST(AwsRequestBodies, OneByOneFallbackSendsTheseExactBytes) {
  ScopedAwsEnv env;
  FakeAws fake(fake_args(3, {"--fail", "BatchGetQueryExecution"}));
  ASSERT_TRUE(fake.ok());
  AthenaClient client(options_for(fake), static_creds());
  PullOptions po;
  po.workgroups = {"primary"};
  po.warn = [](const std::string&) {};
  PullResult pulled = client.pull(po);
  EXPECT_TRUE(pulled.complete());
  ASSERT_EQ(pulled.workgroups.size(), 1u);
  EXPECT_EQ(pulled.workgroups[0].fetched_one_by_one, 3u);
  athena::testing::expect_golden(golden("one_by_one_request_bodies.txt"), lines(fake.requests()));
}

} // namespace
} // namespace athena::aws
