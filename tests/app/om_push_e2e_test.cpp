// `athena-lineage push` end to end: the committed sample analyzed, pushed to the fake
// OpenMetadata server, and what arrived compared with the generator's truth files.
#include <algorithm>
#include <map>
#include <set>
#include <string>

#include <gtest/gtest.h>
#include <simdjson.h>

#include "tests/app/om_push_test_env.h"
#include "tests/app/om_truth_check.h"

namespace athena::testing {
namespace {

using simdjson::dom::array;
using simdjson::dom::element;
using simdjson::dom::object;

/// The sample's last day has executions still RUNNING: its usage waits to settle.
constexpr const char* kSampleWaitingFrom = "2026-11-14";

class OmPushE2E : public ::testing::Test {
protected:
  void SetUp() override {
    ATHENA_REQUIRE_SHARED(schemas, "schemas/openmetadata");
    (void)schemas;
  }
};

TEST_F(OmPushE2E, EveryExpectedEdgeColumnEdgeAndUsageCountArrivesOnceSchemaValid) {
  ATHENA_REQUIRE_SHARED(schemas, "schemas/openmetadata");
  FakeOpenMetadata fake(sample_fake_args());
  ATHENA_REQUIRE_FAKE_OM(fake);
  OmPushEnv env(fake);
  RunResult r = env.push("--json");
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;

  simdjson::dom::parser sp;
  element stats = sp.parse(fake.stats());
  EXPECT_EQ(n(stats, "schema_errors"), 0);
  EXPECT_EQ(n(stats, "unauthorized"), 0);
  Received got = summarize(fake.received());
  EXPECT_EQ(got.non_2xx_other_than_injected, 0) << fake.received().substr(0, 2000);
  for (const auto& [key, count] : got.writes_2xx)
    EXPECT_EQ(count, 1) << key << " arrived " << count << " times";

  simdjson::dom::parser p;
  element state = p.parse(fake.state());
  const TruthCounts counts =
      expect_state_matches_truth(fake.state(), source_dir() / "samples", kSampleWaitingFrom);
  EXPECT_EQ(counts.table_edges, 50u);
  EXPECT_EQ(counts.s3_edges, 53);
  EXPECT_EQ(counts.column_edges, 30u);
  // Joins and query entities arrived and reference only known tables.
  EXPECT_GT(arr(state, "joins").size(), 0u);
  EXPECT_GT(arr(state, "column_joins").size(), 0u);
  EXPECT_GT(arr(state, "queries").size(), 0u);
  for (element q : arr(state, "queries")) {
    EXPECT_GT(arr(q, "tables").size(), 0u);
    EXPECT_EQ(s(q, "query").find("'2026-"), std::string::npos) << "literal not masked";
  }
}

TEST_F(OmPushE2E, JoinCountsAreWholeDayTotalsFromBothSides) {
  ATHENA_REQUIRE_SHARED(schemas, "schemas/openmetadata");
  FakeOpenMetadata fake(sample_fake_args());
  ATHENA_REQUIRE_FAKE_OM(fake);
  OmPushEnv env(fake);
  RunResult r = env.push();
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  // The day totals from the store (the analyze side is tested against the truth elsewhere).
  RunResult q = run_shell(
      "sqlite3 -separator '|' " + shell_quote(env.db().string()) +
      " \"SELECT l.name, r.name, j.day, j.queries FROM joins_daily j JOIN tables l ON "
      "l.id = j.left_id JOIN tables r ON r.id = j.right_id WHERE j.left_id != j.right_id\"");
  if (q.exit_code != 0) GTEST_SKIP() << "sqlite3 command-line tool absent";
  std::map<std::string, int64_t> want;
  std::istringstream in(q.out);
  std::string line;
  while (std::getline(in, line)) {
    std::vector<std::string> f;
    size_t pos = 0;
    for (size_t bar; (bar = line.find('|', pos)) != std::string::npos; pos = bar + 1)
      f.push_back(line.substr(pos, bar - pos));
    f.push_back(line.substr(pos));
    std::string a = om_name(f[0]), b = om_name(f[1]);
    if (b < a) std::swap(a, b);
    want[a + "|" + b + "|" + f[2]] += std::stoll(f[3]);
  }
  ASSERT_FALSE(want.empty());
  simdjson::dom::parser p;
  std::map<std::string, int64_t> got;
  for (element j : arr(p.parse(fake.state()), "joins")) {
    array t = j["tables"].get_array();
    got[std::string(t.at(0).get_string().value()) + "|" +
        std::string(t.at(1).get_string().value()) + "|" + s(j, "date")] = n(j, "count");
  }
  EXPECT_EQ(got, want);
}

TEST_F(OmPushE2E, SecondPushWithNothingNewSendsNothing) {
  ATHENA_REQUIRE_SHARED(schemas, "schemas/openmetadata");
  FakeOpenMetadata fake(sample_fake_args());
  ATHENA_REQUIRE_FAKE_OM(fake);
  OmPushEnv env(fake);
  ASSERT_EQ(env.push().exit_code, 0);
  const int first = summarize(fake.received()).writes;
  const std::string state = fake.state();
  RunResult again = env.push("--json");
  EXPECT_EQ(again.exit_code, 0) << again.err;
  EXPECT_EQ(summarize(fake.received()).writes, first) << "the second push wrote something";
  EXPECT_EQ(fake.state(), state);
  simdjson::dom::parser p;
  element sum = p.parse(again.out);
  object requests = sum["requests"];
  for (auto [kind, counts] : requests) {
    EXPECT_EQ(n(counts, "sent"), 0) << kind;
    EXPECT_EQ(n(counts, "planned"), n(counts, "unchanged")) << kind;
  }
}

TEST_F(OmPushE2E, TenPercent503GivesTheSameEndState) {
  ATHENA_REQUIRE_SHARED(schemas, "schemas/openmetadata");
  FakeOpenMetadata clean(sample_fake_args());
  ATHENA_REQUIRE_FAKE_OM(clean);
  OmPushEnv clean_env(clean);
  ASSERT_EQ(clean_env.push().exit_code, 0);

  FakeOpenMetadata flaky(sample_fake_args({"--fail-rate", "0.1", "--seed", "7"}));
  OmPushEnv flaky_env(flaky);
  RunResult r = flaky_env.push("--json");
  // A usage write answered 503 was not applied and cannot land later: read back at once.
  EXPECT_EQ(r.err.find("may still land"), std::string::npos) << r.err;
  // Retries absorb the failures; should one request exhaust them, a re-run completes it.
  for (int i = 0; i < 3 && r.exit_code != 0; ++i)
    r = flaky_env.push("--json");
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  simdjson::dom::parser p;
  EXPECT_GT(n(p.parse(flaky.stats()), "injected_503"), 10);
  EXPECT_EQ(flaky.state(), clean.state());
}

TEST_F(OmPushE2E, UnknownTablesAreSkippedAndListedWithTheReason) {
  ATHENA_REQUIRE_SHARED(schemas, "schemas/openmetadata");
  FakeOpenMetadata fake(sample_fake_args({"--drop-table", "marts.dim_customers"}));
  ATHENA_REQUIRE_FAKE_OM(fake);
  OmPushEnv env(fake);
  RunResult r = env.push("--json");
  EXPECT_EQ(r.exit_code, 1) << r.err;
  simdjson::dom::parser p;
  element sum = p.parse(r.out);
  std::map<std::string, std::string> skipped;
  for (element t : arr(sum, "skipped_tables"))
    skipped[s(t, "name")] = s(t, "reason");
  ASSERT_TRUE(skipped.contains("awsdatacatalog.marts.dim_customers")) << r.out;
  EXPECT_EQ(skipped["awsdatacatalog.marts.dim_customers"],
            "table athena_prod.default.marts.dim_customers not found in OpenMetadata");
  EXPECT_EQ(n(sum, "s3_locations"), 50); // S3 nodes are left out, not reported as skipped
  EXPECT_GT(n(sum, "edges_skipped"), 0);
  // Everything else still arrived.
  simdjson::dom::parser q;
  element state = q.parse(fake.state());
  EXPECT_GT(arr(state, "edges").size(), 40u);
  for (element u : arr(state, "usage"))
    EXPECT_NE(s(u, "table"), "athena_prod.default.marts.dim_customers");
  // The text summary names it too.
  RunResult text = env.push();
  EXPECT_NE(text.out.find("skipped:  awsdatacatalog.marts.dim_customers ("), std::string::npos)
      << text.out;
  EXPECT_NE(text.out.find("queries): table athena_prod.default.marts.dim_customers not found in "
                          "OpenMetadata"),
            std::string::npos)
      << text.out;
  // The same table unknown again is no news: exit 0, with a notice.
  EXPECT_EQ(text.exit_code, 0) << text.out;
  EXPECT_NE(text.out.find("notice:   "), std::string::npos) << text.out;
}

TEST_F(OmPushE2E, ColumnLineageAlreadyOnTheEdgeIsMergedNotOverwritten) {
  ATHENA_REQUIRE_SHARED(schemas, "schemas/openmetadata");
  FakeOpenMetadata fake(sample_fake_args());
  ATHENA_REQUIRE_FAKE_OM(fake);
  const std::string from = "athena_prod.default.marts.dim_customers";
  const std::string to = "athena_prod.default.marts.v_orders_enriched";
  // Someone documented a mapping (and a description) on this edge before us.
  ASSERT_EQ(fake.post("/_fake/seed_edge",
                      R"({"from":")" + from + R"(","to":")" + to + R"(","lineageDetails":{
      "source":"QueryLineage","description":"curated by the data team",
      "columnsLineage":[{"fromColumns":[")" +
                          from + R"(.customer_id"],"toColumn":")" + to +
                          R"(.customer_id","function":"manual"},
                        {"fromColumns":[")" +
                          from + R"(.country"],"toColumn":")" + to + R"(.country"}]}})"),
            200);
  OmPushEnv env(fake);
  ASSERT_EQ(env.push().exit_code, 0);
  simdjson::dom::parser p;
  element state = p.parse(fake.state());
  bool found = false;
  for (element e : arr(state, "edges")) {
    if (s(e, "from") != from || s(e, "to") != to) continue;
    found = true;
    element d = e["lineageDetails"];
    EXPECT_EQ(s(d, "description"), "curated by the data team");
    std::map<std::string, std::string> cols;
    for (element c : arr(d, "columnsLineage")) {
      std::string k;
      for (element f : arr(c, "fromColumns"))
        k += std::string(f.get_string().value());
      cols[k + ">" + s(c, "toColumn")] = s(c, "function");
    }
    // Theirs kept (with their function), ours added, the shared one once with our function.
    EXPECT_EQ(cols[from + ".customer_id>" + to + ".customer_id"], "manual");
    EXPECT_EQ(cols[from + ".country>" + to + ".country"], "identity");
    EXPECT_EQ(cols[from + ".segment>" + to + ".segment"], "identity");
    EXPECT_EQ(cols[from + ".full_name>" + to + ".full_name"], "identity");
  }
  EXPECT_TRUE(found);
}

TEST_F(OmPushE2E, NoSecretInOutputOutboxOrDryRun) {
  ATHENA_REQUIRE_SHARED(schemas, "schemas/openmetadata");
  FakeOpenMetadata fake(sample_fake_args({"--fail-rate", "0.05"}));
  ATHENA_REQUIRE_FAKE_OM(fake);
  OmPushEnv env(fake);
  const auto dry = env.dir() / "dry.jsonl";
  RunResult d = env.push("--dry-run --out " + shell_quote(dry.string()));
  RunResult r = env.push("--json");
  RunResult t = env.push();
  // The token did reach the server (it refuses requests without it).
  simdjson::dom::parser p;
  EXPECT_EQ(n(p.parse(fake.stats()), "unauthorized"), 0);
  std::string everything = d.out + d.err + r.out + r.err + t.out + t.err + read_file(dry);
  for (const char* suffix : {"", "-wal", "-shm"}) {
    const std::filesystem::path f = env.db().string() + suffix;
    if (std::filesystem::exists(f)) everything += read_file(f);
  }
  EXPECT_GT(everything.size(), 100000u);
  EXPECT_EQ(everything.find(kOmJwt), std::string::npos);
  EXPECT_EQ(everything.find("om-test-bot-token"), std::string::npos);
  EXPECT_EQ(everything.find(kAwsSecret), std::string::npos);
}

TEST_F(OmPushE2E, DryRunWritesTheRequestsAsJsonLinesAndSendsNothing) {
  ATHENA_REQUIRE_SHARED(schemas, "schemas/openmetadata");
  FakeOpenMetadata fake(sample_fake_args());
  ATHENA_REQUIRE_FAKE_OM(fake);
  OmPushEnv env(fake);
  RunResult d = env.push("--dry-run");
  ASSERT_EQ(d.exit_code, 0) << d.err;
  EXPECT_EQ(summarize(fake.received()).writes, 0);
  std::map<std::string, int> kinds;
  std::istringstream in(d.out);
  std::string line;
  simdjson::dom::parser p;
  while (std::getline(in, line)) {
    element e;
    ASSERT_EQ(p.parse(line).get(e), simdjson::SUCCESS) << line;
    ++kinds[s(e, "kind")];
    EXPECT_FALSE(s(e, "path").empty());
  }
  EXPECT_EQ(kinds["lineage"], 50);
  EXPECT_EQ(kinds["usage"], 557); // the table-days with queries but the last day's, waiting
  EXPECT_GT(kinds["joins"], 0);
  EXPECT_GT(kinds["query"], 0);
  // Then the real push sends exactly those (plus nothing else).
  ASSERT_EQ(env.push().exit_code, 0);
  Received got = summarize(fake.received());
  int usage = 0;
  for (const auto& [key, c] : got.writes_2xx)
    usage += key.starts_with("POST /api/v1/usage/table/") ? c : 0;
  EXPECT_EQ(usage, 557);
}

TEST_F(OmPushE2E, PushingAfterMoreQueriesSendsIncreasesSoNothingIsInflated) {
  ATHENA_REQUIRE_SHARED(schemas, "schemas/openmetadata");
  FakeOpenMetadata fake(sample_fake_args());
  ATHENA_REQUIRE_FAKE_OM(fake);
  OmPushEnv env(fake);
  // A fresh database with the first half of the history (in submission order), pushed; then
  // the whole history (the first half is already stored), pushed again.
  std::filesystem::remove(env.db());
  const auto samples = source_dir() / "samples";
  std::istringstream all(read_file(samples / "history.jsonl"));
  std::string half, line;
  // 1100 records end in the middle of 2026-11-09, with usage before and after the split.
  for (int i = 0; i < 1100 && std::getline(all, line); ++i)
    half += line + "\n";
  write_file(env.dir() / "half.jsonl", half);
  auto analyze = [&](const std::filesystem::path& history) {
    return run_shell(lineage_bin() + " analyze --quiet --db " + shell_quote(env.db().string()) +
                     " --schema " + shell_quote((samples / "schema.json").string()) + " " +
                     shell_quote(history.string()) + " " +
                     shell_quote((samples / "cloudtrail.json").string()));
  };
  ASSERT_LE(analyze(env.dir() / "half.jsonl").exit_code, 1);
  ASSERT_EQ(env.push().exit_code, 0);
  ASSERT_LE(analyze(samples / "history.jsonl").exit_code, 1);
  RunResult r = env.push("--json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  simdjson::dom::parser p;
  element sum = p.parse(r.out);
  EXPECT_EQ(n(sum, "usage_backfill_skipped"), 0);
  EXPECT_GT(n(sum["requests"]["usage"], "unchanged"), 0);
  Received got = summarize(fake.received());
  int puts = 0;
  for (const auto& [key, c] : got.writes_2xx)
    puts += key.starts_with("PUT /api/v1/usage/table/") ? c : 0;
  EXPECT_GT(puts, 0) << "the day split between the halves is sent as increases";
  // The end state is exactly the truth: tables, and schemas as the sums of their tables.
  simdjson::dom::parser q;
  element state = q.parse(fake.state());
  std::map<std::pair<std::string, std::string>, int64_t> usage, want;
  for (element u : arr(state, "usage"))
    usage[{s(u, "date"), s(u, "table")}] = n(u, "count");
  for (const auto& row : read_csv(samples / "expected_usage.csv")) {
    if (std::stoll(row[2]) > 0 && row[0] < kSampleWaitingFrom)
      want[{row[0], om_name(row[1])}] = std::stoll(row[2]);
  }
  EXPECT_EQ(usage, want);
  std::map<std::pair<std::string, std::string>, int64_t> schema_sum, schema_usage;
  for (const auto& [k, c] : want)
    schema_sum[{k.second.substr(0, k.second.rfind('.')), k.first}] += c;
  for (element u : arr(state, "schema_usage"))
    schema_usage[{s(u, "schema"), s(u, "date")}] = n(u, "count");
  EXPECT_EQ(schema_usage, schema_sum);
  EXPECT_EQ(arr(state, "edges").size(), 50u);
}

TEST_F(OmPushE2E, PruneDeletesOnlyEdgesWeCreatedThatAreNoLongerStored) {
  ATHENA_REQUIRE_SHARED(schemas, "schemas/openmetadata");
  FakeOpenMetadata fake(sample_fake_args());
  ATHENA_REQUIRE_FAKE_OM(fake);
  // An edge someone else created: never ours to delete.
  ASSERT_EQ(fake.post("/_fake/seed_edge", R"({"from":"athena_prod.default.raw_shop.orders",)"
                                          R"("to":"athena_prod.default.analytics.customer_ltv",)"
                                          R"("lineageDetails":{"source":"Manual"}})"),
            200);
  OmPushEnv env(fake);
  ASSERT_EQ(env.push().exit_code, 0);
  simdjson::dom::parser p0;
  const size_t before = arr(p0.parse(fake.state()), "edges").size();
  RunResult q = run_shell("sqlite3 " + shell_quote(env.db().string()) +
                          " \"DELETE FROM table_edges WHERE target_id = (SELECT id FROM tables "
                          "WHERE name = 'awsdatacatalog.marts.v_orders_enriched')\"");
  if (q.exit_code != 0) GTEST_SKIP() << "sqlite3 command-line tool absent";
  // Without --prune nothing is deleted.
  ASSERT_EQ(env.push().exit_code, 0);
  simdjson::dom::parser p1;
  EXPECT_EQ(arr(p1.parse(fake.state()), "edges").size(), before);
  RunResult r = env.push("--prune --json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  simdjson::dom::parser p2;
  element state = p2.parse(fake.state());
  size_t after = 0;
  bool manual_kept = false;
  for (element e : arr(state, "edges")) {
    ++after;
    EXPECT_NE(s(e, "to"), "athena_prod.default.marts.v_orders_enriched");
    manual_kept |= s(e, "to") == "athena_prod.default.analytics.customer_ltv" &&
                   s(e, "from") == "athena_prod.default.raw_shop.orders";
  }
  EXPECT_TRUE(manual_kept);
  simdjson::dom::parser p3;
  const int64_t deleted = n(p3.parse(r.out)["requests"]["unlineage"], "sent");
  EXPECT_GT(deleted, 0);
  EXPECT_EQ(after + static_cast<size_t>(deleted), before);
  // A second prune has nothing left to delete.
  RunResult again = env.push("--prune --json");
  simdjson::dom::parser p4;
  EXPECT_EQ(p4.parse(again.out)["requests"]["unlineage"].error(), simdjson::NO_SUCH_FIELD);
}

TEST_F(OmPushE2E, AnExistingQueryIsFoundByItsChecksumAndOnlyAddedTo) {
  ATHENA_REQUIRE_SHARED(schemas, "schemas/openmetadata");
  FakeOpenMetadata fake(sample_fake_args({"--query-put-conflict"}));
  ATHENA_REQUIRE_FAKE_OM(fake);
  OmPushEnv env(fake);
  ASSERT_EQ(env.push().exit_code, 0);
  const std::string state = fake.state();
  // Our record of the created queries is lost (a new database): PUT answers 409 (issue
  // #32030), so the push looks each one up by <service>.<md5> and adds relations only.
  RunResult q = run_shell("sqlite3 " + shell_quote(env.db().string()) +
                          " \"DELETE FROM om_delivered WHERE kind = 'query'\"");
  if (q.exit_code != 0) GTEST_SKIP() << "sqlite3 command-line tool absent";
  RunResult r = env.push("--json");
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  simdjson::dom::parser p;
  element sum = p.parse(r.out);
  EXPECT_GT(n(sum["requests"]["query"], "sent"), 0);
  EXPECT_EQ(n(sum["requests"]["query"], "failed"), 0);
  EXPECT_EQ(fake.state(), state);
}

TEST_F(OmPushE2E, AWrongTokenStopsBeforeAnyWriteWithExit2) {
  ATHENA_REQUIRE_SHARED(schemas, "schemas/openmetadata");
  FakeOpenMetadata fake(sample_fake_args());
  ATHENA_REQUIRE_FAKE_OM(fake);
  OmPushEnv env(fake);
  setenv("OM_TEST_JWT", "not-the-token", 1);
  RunResult r = env.push();
  setenv("OM_TEST_JWT", kOmJwt, 1);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("HTTP 401"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("securityConfig.jwtToken"), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find("not-the-token"), std::string::npos);
  EXPECT_EQ(summarize(fake.received()).writes, 0);
}

} // namespace
} // namespace athena::testing
