// `athena-lineage run` end to end: a generated history served by the fake Athena, pulled,
// analyzed and pushed to the fake OpenMetadata; what arrives is checked against the
// generator's truth files. Then the properties a nightly job needs: a second run sends
// nothing, and injected 503s do not change the end state.
#include <ctime>
#include <filesystem>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <simdjson.h>

#include "tests/app/aws_pull_fixture.h"
#include "tests/app/om_truth_check.h"

namespace athena::testing {
namespace {

/// The UTC date `days_ago` days before now, YYYY-MM-DD.
std::string utc_date(int days_ago) {
  const std::time_t t = std::time(nullptr) - static_cast<std::time_t>(days_ago) * 86400;
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[16];
  std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
  return buf;
}

/// A 2,000-query history of the last 14 days (so the pull's 45-day window holds it all), made
/// once per test binary.
const std::filesystem::path& recent_history() {
  static TempDir dir;
  static const std::filesystem::path out = [] {
    const auto p = dir.path() / "gen";
    RunResult r = run_shell(shell_quote((binary_dir() / "athena-samplegen").string()) +
                            " --queries 2000 --days 14 --format json --start-date " + utc_date(14) +
                            " --out " + shell_quote(p.string()));
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return p;
  }();
  return out;
}

/// The fake OpenMetadata for the generated history, today being today.
std::vector<std::string> om_args(std::vector<std::string> extra = {}) {
  std::vector<std::string> args = {"--schema",  (recent_history() / "schema.json").string(),
                                   "--jwt",     kOmJwt,
                                   "--today",   utc_date(0),
                                   "--service", "athena_prod"};
  if (auto shared = shared_dir()) {
    args.push_back("--schemas");
    args.push_back((*shared / "schemas/openmetadata").string());
  }
  args.insert(args.end(), extra.begin(), extra.end());
  return args;
}

/// Both fakes, a database and the workflow config pointing at them.
class RunEnv {
public:
  RunEnv(const FakeAws& athena, const FakeOpenMetadata& om) {
    std::string json = pull_config_json(
        athena.url(), {{"openMetadata", R"({"retryBaseSeconds": 0.002, "maxBackoffSeconds": 0.05,
                                           "maxAttempts": 12})"}});
    // The fake OpenMetadata serves the service athena_prod (om_truth_check.h's names).
    json.replace(json.find("\"athena_test\""), 13, "\"athena_prod\"");
    json.pop_back(); // the closing brace of the document
    json += R"(, "workflowConfig": {"openMetadataServerConfig": {"hostPort": ")" + om.host_port() +
            R"(", "authProvider": "openmetadata", "securityConfig": {"jwtToken": ")" + kOmJwt +
            "\"}}}}";
    write_file(config(), json);
  }
  std::filesystem::path db() const { return dir_.path() / "run.db"; }
  std::filesystem::path config() const { return dir_.path() / "workflow.json"; }
  RunResult run(const std::string& extra = "") const {
    return run_shell(lineage_bin() + " run --quiet --json --config " +
                     shell_quote(config().string()) + " --db " + shell_quote(db().string()) + " " +
                     extra);
  }

private:
  TempDir dir_;
};

std::vector<std::string> athena_args() {
  return pull_fake_args({"--history", (recent_history() / "history.json").string(), "--schema",
                         (recent_history() / "schema.json").string(), "--workgroups", "1"});
}

int64_t unfinished_in_history() {
  simdjson::dom::parser p;
  int64_t count = 0;
  simdjson::dom::element doc = p.load((recent_history() / "history.json").string());
  for (simdjson::dom::element e : arr(doc, "QueryExecutions")) {
    const std::string state = s(e["Status"], "State");
    if (state == "QUEUED" || state == "RUNNING") ++count;
  }
  return count;
}

/// Usage from this day on waits to settle: the day now - 6 h (the default margin) falls in, or
/// an earlier one with executions still QUEUED/RUNNING.
std::string waiting_from() {
  simdjson::dom::parser p;
  std::string first = utc_date(0);
  const std::time_t cutoff = std::time(nullptr) - 6 * 3600;
  std::tm tm{};
  gmtime_r(&cutoff, &tm);
  char buf[16];
  std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
  first = buf;
  simdjson::dom::element doc = p.load((recent_history() / "history.json").string());
  for (simdjson::dom::element e : arr(doc, "QueryExecutions")) {
    const std::string state = s(e["Status"], "State");
    double t = 0;
    if ((state != "QUEUED" && state != "RUNNING") ||
        e["Status"]["SubmissionDateTime"].get(t) != simdjson::SUCCESS)
      continue;
    const std::time_t tt = static_cast<std::time_t>(t);
    gmtime_r(&tt, &tm);
    std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
    first = std::min<std::string>(first, buf);
  }
  return first;
}

TEST(RunE2E, GeneratedHistoryThroughFakeAthenaArrivesInOpenMetadataExactlyOnce) {
  ATHENA_REQUIRE_SHARED(schemas, "schemas/openmetadata");
  (void)schemas;
  FakeAws athena(athena_args());
  ASSERT_TRUE(athena.ok()) << "the fake Athena did not start";
  FakeOpenMetadata om(om_args());
  ATHENA_REQUIRE_FAKE_OM(om);
  RunEnv env(athena, om);

  RunResult r = env.run();
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  simdjson::dom::parser p;
  simdjson::dom::element summary = p.parse(r.out);
  EXPECT_EQ(s(summary, "source"), "athena");
  EXPECT_EQ(n(summary["pull"], "fetched"), 2000);
  EXPECT_EQ(n(summary, "exit_code"), 0);
  simdjson::dom::parser sp;
  EXPECT_EQ(n(sp.parse(om.stats()), "schema_errors"), 0);
  const Received got = summarize(om.received());
  EXPECT_EQ(got.non_2xx_other_than_injected, 0);
  for (const auto& [key, times] : got.writes_2xx)
    EXPECT_EQ(times, 1) << key << " arrived " << times << " times";

  const TruthCounts counts =
      expect_state_matches_truth(om.state(), recent_history(), waiting_from());
  EXPECT_GT(counts.table_edges, 0u);
  EXPECT_GT(counts.column_edges, 0u);

  // The nightly job again with nothing new: nothing fetched, nothing sent.
  const int64_t first = summarize(om.received()).writes;
  const std::string state = om.state();
  RunResult again = env.run();
  ASSERT_EQ(again.exit_code, 0) << again.out << again.err;
  simdjson::dom::parser p2;
  // Only the executions still QUEUED or RUNNING are fetched again (they may have finished).
  EXPECT_EQ(n(p2.parse(again.out)["pull"], "fetched"), unfinished_in_history());
  EXPECT_EQ(summarize(om.received()).writes, first) << "the second run wrote something";
  EXPECT_EQ(om.state(), state);

  // A prune while a push runs: each waits for the other's transactions and both complete. The
  // push has nothing new to send; the prune keeps push's 30-day window (exit 1, saying so) and
  // removes the finished raw records older than a day.
  const std::string db = shell_quote(env.db().string());
  RunResult both =
      run_shell("(" + lineage_bin() + " push --config " + shell_quote(env.config().string()) +
                " --db " + db + " > " + db + ".push.out 2>&1; echo push=$? >> " + db +
                ".push.out) & " + lineage_bin() + " prune --keep-days 1 --keep-raw-days 1 --db " +
                db + "; echo prune=$?; " + "wait; cat " + db + ".push.out");
  EXPECT_NE(both.out.find("prune=1"), std::string::npos) << both.out << both.err;
  EXPECT_NE(both.out.find("push sends the query entities of the last 30 days"), std::string::npos)
      << both.out;
  EXPECT_NE(both.out.find("push=0"), std::string::npos) << both.out << both.err;
  EXPECT_EQ(both.out.find("locked"), std::string::npos) << both.out << both.err;
  EXPECT_EQ(both.err.find("locked"), std::string::npos) << both.err;
  EXPECT_EQ(summarize(om.received()).writes, first) << "the push during prune wrote something";
  EXPECT_EQ(om.state(), state);
}

TEST(RunE2E, TenPercent503AtOpenMetadataGivesTheSameEndState) {
  ATHENA_REQUIRE_SHARED(schemas, "schemas/openmetadata");
  (void)schemas;
  FakeAws athena(athena_args());
  ASSERT_TRUE(athena.ok()) << "the fake Athena did not start";
  FakeOpenMetadata clean(om_args());
  ATHENA_REQUIRE_FAKE_OM(clean);
  RunEnv clean_env(athena, clean);
  ASSERT_EQ(clean_env.run().exit_code, 0);

  FakeOpenMetadata flaky(om_args({"--fail-rate", "0.1", "--seed", "11"}));
  RunEnv flaky_env(athena, flaky);
  RunResult r = flaky_env.run();
  // Retries absorb the failures; should one request exhaust them, running again completes it.
  for (int i = 0; i < 3 && r.exit_code != 0; ++i)
    r = flaky_env.run();
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  simdjson::dom::parser p;
  EXPECT_GT(n(p.parse(flaky.stats()), "injected_503"), 10);
  EXPECT_EQ(flaky.state(), clean.state());
  expect_state_matches_truth(flaky.state(), recent_history(), waiting_from());
}

TEST(RunE2E, QueryLogFilePathIsAnalyzedInsteadOfPulling) {
  ATHENA_REQUIRE_SHARED(schemas, "schemas/openmetadata");
  (void)schemas;
  FakeOpenMetadata om(om_args());
  ATHENA_REQUIRE_FAKE_OM(om);
  TempDir dir;
  const auto config = dir.path() / "workflow.yaml";
  setenv("OM_TEST_JWT", kOmJwt, 1);
  write_file(config,
             "source:\n  type: athena-usage\n  serviceName: athena_prod\n"
             "  serviceConnection:\n    config:\n      type: Athena\n"
             "      awsConfig:\n        awsRegion: us-east-1\n"
             "  sourceConfig:\n    config:\n      type: DatabaseUsage\n"
             "      queryLogFilePath: " +
                 (recent_history() / "history.json").string() +
                 "\nworkflowConfig:\n  openMetadataServerConfig:\n    hostPort: " + om.host_port() +
                 "\n    authProvider: openmetadata\n    securityConfig:\n"
                 "      jwtToken: ${OM_TEST_JWT}\n");
  RunResult r =
      run_shell(lineage_bin() + " run --quiet --json --config " + shell_quote(config.string()) +
                " --db " + shell_quote((dir.path() / "file.db").string()));
  ASSERT_LE(r.exit_code, 1) << r.out << r.err;
  simdjson::dom::parser p;
  simdjson::dom::element summary = p.parse(r.out);
  EXPECT_EQ(s(summary, "source"), "file");
  EXPECT_EQ(n(summary["analyze"], "queries_read"), 2000);
  EXPECT_EQ(n(summary["push"]["requests"]["lineage"], "sent"),
            n(summary["push"]["requests"]["lineage"], "planned"));
}

TEST(RunE2E, AConfigErrorStopsWithExit2BeforeAnything) {
  TempDir dir;
  write_file(dir.path() / "bad.json", R"({"source": {"serviceConnection": 7}})");
  RunResult r =
      run_shell(lineage_bin() + " run --config " + shell_quote((dir.path() / "bad.json").string()) +
                " --db " + shell_quote((dir.path() / "x.db").string()));
  EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
  EXPECT_NE(r.err.find("source.serviceConnection"), std::string::npos) << r.err;
  EXPECT_FALSE(std::filesystem::exists(dir.path() / "x.db"));
}

} // namespace
} // namespace athena::testing
