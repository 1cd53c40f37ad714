// `athena-lineage openlineage` end to end: a small generated history analyzed, its events sent
// to the fake OpenLineage consumer (every event schema-checked there), compared with the
// history and the store; re-runs, injected 503s, a SIGKILL mid-send, --out, --dry-run, `run`.
#include <algorithm>
#include <csignal>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <thread>

#include <gtest/gtest.h>
#include <simdjson.h>

#include "src/openlineage/column_lineage.h"
#include "src/openlineage/naming.h"
#include "src/store/sqlite_db.h"
#include "tests/app/ol_fake_server.h"
#include "tests/support/test_support.h"

namespace athena::testing {
namespace {

using simdjson::dom::element;

constexpr const char* kApiKey = "ol-test-key-7c1f9e2ad04b";

std::string bin() {
  return shell_quote((binary_dir() / "athena-lineage").string());
}

/// A 200-query history generated and analyzed once per test binary.
struct History {
  History() {
    const auto gen = dir.path() / "gen";
    RunResult g =
        run_shell(shell_quote((binary_dir() / "athena-samplegen").string()) + " --out " +
                  shell_quote(gen.string()) + " --seed 21 --queries 200 --days 2 --format jsonl");
    EXPECT_EQ(g.exit_code, 0) << g.err;
    db = dir.path() / "base.db";
    jsonl = gen / "history.jsonl";
    RunResult a =
        run_shell(bin() + " analyze --quiet --db " + shell_quote(db.string()) + " --schema " +
                  shell_quote((gen / "schema.json").string()) + " " + shell_quote(jsonl.string()) +
                  " " + shell_quote((gen / "cloudtrail.json").string()));
    EXPECT_LE(a.exit_code, 1) << a.err;
  }
  TempDir dir;
  std::filesystem::path db;
  std::filesystem::path jsonl;
};

const History& history() {
  static History h;
  return h;
}

/// Events per eventType the history calls for: two per final data statement (the store's
/// classification: data statements and CREATE VIEW).
std::map<std::string, int64_t> expected_counts(const std::filesystem::path& db) {
  store::Db d(db.string());
  store::Statement s(d, "SELECT state, count(*) FROM queries WHERE state IN ('SUCCEEDED', "
                        "'FAILED', 'CANCELLED') AND (is_usage = 1 OR ('+' || statement_kind || "
                        "'+') LIKE '%+create_view+%') GROUP BY state");
  std::map<std::string, int64_t> out;
  while (s.step()) {
    const std::string state = s.text(0);
    out["START"] += s.int64(1);
    out[state == "SUCCEEDED" ? "COMPLETE" : state == "FAILED" ? "FAIL" : "ABORT"] += s.int64(1);
  }
  return out;
}

int64_t total(const std::map<std::string, int64_t>& m) {
  int64_t n = 0;
  for (const auto& [k, v] : m)
    n += v;
  return n;
}

int64_t stat(const FakeOpenLineage& fake, const char* key) {
  simdjson::dom::parser p;
  return p.parse(fake.stats())[key].get_int64().value();
}

/// A test's own copy of the analyzed database.
class OpenLineageE2E : public ::testing::Test {
protected:
  void SetUp() override {
    ATHENA_REQUIRE_SHARED(schemas, "schemas/openlineage");
    (void)schemas;
    db_ = dir_.path() / "ol.db";
    std::filesystem::copy_file(history().db, db_);
  }
  RunResult export_to(const std::string& target, const std::string& extra = "",
                      bool with_key = true) const {
    return run_shell(std::string(with_key ? "OPENLINEAGE_API_KEY=" + std::string(kApiKey) : "") +
                     " " + bin() + " openlineage --db " + shell_quote(db_.string()) + " " + target +
                     " --region eu-west-1 --retry-base-seconds 0.002 " + extra);
  }
  int64_t outbox(const std::string& where) const {
    store::Db d(db_.string());
    return d.scalar("SELECT count(*) FROM ol_outbox WHERE " + where);
  }
  TempDir dir_;
  std::filesystem::path db_;
};

TEST_F(OpenLineageE2E, EveryFinalDataStatementArrivesAsStartAndEndSchemaValid) {
  FakeOpenLineage fake({"--api-key", kApiKey});
  ATHENA_REQUIRE_FAKE_OL(fake);
  const auto want = expected_counts(db_);
  ASSERT_GT(want.at("COMPLETE"), 100);
  ASSERT_GT(want.at("FAIL"), 0);
  ASSERT_GT(want.at("ABORT"), 0);
  RunResult r = export_to("--url " + fake.url());
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  simdjson::dom::parser sp;
  element stats = sp.parse(fake.stats());
  EXPECT_EQ(stats["schema_errors"].get_int64().value(), 0) << fake.stats();
  EXPECT_EQ(stats["unauthorized"].get_int64().value(), 0);
  EXPECT_EQ(stats["duplicates"].get_int64().value(), 0);
  element paths = stats["paths"];
  EXPECT_EQ(simdjson::minify(paths), R"(["/api/v1/lineage"])");
  simdjson::dom::parser p;
  std::map<std::string, int64_t> got;
  std::map<std::string, std::string> first_type; // runId -> first event type seen
  std::set<std::string> got_edges;
  for (element e : p.parse(fake.events()).get_array()) {
    const std::string type(e["eventType"].get_string().value());
    const std::string run_id(e["run"]["runId"].get_string().value());
    ++got[type];
    first_type.emplace(run_id, type);
    const std::string query(
        e["run"]["facets"]["externalQuery"]["externalQueryId"].get_string().value());
    EXPECT_EQ(std::string(e["job"]["namespace"].get_string().value()), "athena");
    if (type != "COMPLETE") continue;
    for (element out : e["outputs"].get_array()) {
      element cl;
      if (out["facets"]["columnLineage"].get(cl) != simdjson::SUCCESS) continue;
      const std::string table(out["name"].get_string().value());
      simdjson::dom::object fields = cl["fields"];
      for (auto [field, f] : fields) {
        for (element in : f["inputFields"].get_array()) {
          openlineage::DatasetName d{std::string(in["namespace"].get_string().value()),
                                     std::string(in["name"].get_string().value()), false};
          const std::string source =
              openlineage::stored_name(d) + "." + std::string(in["field"].get_string().value());
          for (element t : in["transformations"].get_array()) {
            got_edges.insert(query + "|" + source + "|" + table + "." + std::string(field) + "|" +
                             std::string(t["type"].get_string().value()) + "/" +
                             std::string(t["subtype"].get_string().value()));
          }
        }
      }
    }
  }
  EXPECT_EQ(got, want);
  for (const auto& [run, type] : first_type)
    EXPECT_EQ(type, "START") << run << ": the end event arrived before START";
  // Column lineage equals the store's, edge by edge, with the transformation mapping.
  store::Db d(db_.string());
  store::Statement s(d, "SELECT q.id, s.name, t.name, e.transform, e.condition FROM "
                        "query_column_edges e JOIN queries q ON q.q = e.q JOIN columns s ON "
                        "s.id = e.source_id JOIN columns t ON t.id = e.target_id WHERE "
                        // Only columns of written tables: a SELECT alias with a dot
                        // ("fct_orders.count") is stored as an edge but is no dataset.
                        "t.table_id IN (SELECT table_id FROM query_tables WHERE q = e.q AND "
                        "writes = 1 UNION SELECT target_id FROM query_table_edges WHERE q = e.q)");
  std::set<std::string> want_edges;
  while (s.step()) {
    const auto t = openlineage::edge_transformation(s.text(3), s.int64(4) != 0);
    want_edges.insert(s.text(0) + "|" + s.text(1) + "|" + s.text(2) + "|" + std::string(t.type) +
                      "/" + std::string(t.subtype));
  }
  ASSERT_GT(want_edges.size(), 50u);
  EXPECT_EQ(got_edges, want_edges);
  EXPECT_EQ(outbox("state = 'done'"), total(want));
  EXPECT_NE(r.out.find("sent " + std::to_string(total(want))), std::string::npos) << r.out;
}

TEST_F(OpenLineageE2E, ReRunSendsNothingAndSinceSelectsByDay) {
  FakeOpenLineage fake({"--api-key", kApiKey});
  ATHENA_REQUIRE_FAKE_OL(fake);
  // --since the second day first: only that day's executions; then everything else.
  ASSERT_EQ(export_to("--url " + fake.url(), "--since 2026-11-02").exit_code, 0);
  store::Db d(db_.string());
  const int64_t day2 =
      d.scalar("SELECT count(*) FROM queries WHERE submitted_ms >= 1793577600000 AND state IN "
               "('SUCCEEDED', 'FAILED', 'CANCELLED') AND (is_usage = 1 OR statement_kind LIKE "
               "'%create_view%')");
  ASSERT_GT(day2, 0);
  EXPECT_EQ(stat(fake, "accepted"), 2 * day2);
  RunResult all = export_to("--url " + fake.url());
  ASSERT_EQ(all.exit_code, 0) << all.err;
  const int64_t want = total(expected_counts(db_));
  EXPECT_EQ(stat(fake, "accepted"), want);
  RunResult again = export_to("--url " + fake.url());
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_EQ(stat(fake, "requests"), want) << "the re-run sent something";
  EXPECT_NE(again.out.find("0 new run(s)"), std::string::npos) << again.out;
  EXPECT_EQ(stat(fake, "duplicates"), 0);
}

TEST_F(OpenLineageE2E, Injected503sAreRetriedAndEveryEventArrivesOnce) {
  FakeOpenLineage fake({"--api-key", kApiKey, "--fail-rate", "0.2"});
  ATHENA_REQUIRE_FAKE_OL(fake);
  RunResult r = export_to("--url " + fake.url(), "--max-attempts 30");
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_GT(stat(fake, "injected_503"), 0);
  EXPECT_EQ(stat(fake, "unique"), total(expected_counts(db_)));
  EXPECT_EQ(stat(fake, "duplicates"), 0);
  EXPECT_EQ(stat(fake, "schema_errors"), 0);
}

TEST_F(OpenLineageE2E, KilledMidSendThenResumedSendsEachEventOnce) {
  FakeOpenLineage fake({"--api-key", kApiKey, "--hang-after", "60"});
  ATHENA_REQUIRE_FAKE_OL(fake);
  const auto log = dir_.path() / "first.log";
  RunResult bg =
      run_shell("OPENLINEAGE_API_KEY=" + std::string(kApiKey) + " " + bin() + " openlineage --db " +
                shell_quote(db_.string()) + " --url " + fake.url() + " --region eu-west-1 > " +
                shell_quote(log.string()) + " 2>&1 & echo $!");
  const pid_t pid = static_cast<pid_t>(std::stol(bg.out));
  // Wait until the fake holds replies back (events recorded there, not yet acknowledged).
  for (int i = 0; i < 500 && stat(fake, "held") == 0; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  ASSERT_GT(stat(fake, "held"), 0) << read_file(log);
  kill(pid, SIGKILL);
  // Let a request the client wrote just before dying reach the fake.
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  const int64_t accepted_at_kill = stat(fake, "accepted");
  const int64_t done_at_kill = outbox("state = 'done'");
  EXPECT_GT(done_at_kill, 0);
  EXPECT_LE(done_at_kill, 60);
  EXPECT_EQ(fake.post("/_fake/config", R"({"hang_after": null})"), 200);
  RunResult resumed = export_to("--url " + fake.url());
  ASSERT_EQ(resumed.exit_code, 0) << resumed.out << resumed.err;
  const int64_t want = total(expected_counts(db_));
  EXPECT_EQ(stat(fake, "unique"), want);
  // Only events whose reply the kill lost (accepted there, not marked done here) were sent
  // twice, with identical bytes.
  EXPECT_EQ(stat(fake, "conflicting_duplicates"), 0);
  EXPECT_EQ(stat(fake, "duplicates"), accepted_at_kill - done_at_kill);
  EXPECT_EQ(stat(fake, "accepted"), want + stat(fake, "duplicates"));
  EXPECT_EQ(outbox("state = 'done'"), want);
}

TEST_F(OpenLineageE2E, WithoutTheKeyNothingIsDeliveredAndARunWithItSendsAll) {
  FakeOpenLineage fake({"--api-key", kApiKey});
  ATHENA_REQUIRE_FAKE_OL(fake);
  RunResult r = export_to("--url " + fake.url(), "", false);
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_NE(r.out.find("HTTP 401"), std::string::npos) << r.out;
  EXPECT_EQ(stat(fake, "accepted"), 0);
  const int64_t want = total(expected_counts(db_));
  EXPECT_EQ(outbox("state = 'pending'"), want);
  RunResult ok = export_to("--url " + fake.url());
  EXPECT_EQ(ok.exit_code, 0) << ok.out << ok.err;
  EXPECT_EQ(stat(fake, "unique"), want);
}

TEST_F(OpenLineageE2E, OutAndDryRunPrintTheSameEventsAndTheKeyAppearsNowhere) {
  FakeOpenLineage fake({"--api-key", kApiKey});
  ATHENA_REQUIRE_FAKE_OL(fake);
  const auto file = dir_.path() / "events.jsonl";
  RunResult out = export_to("--out " + shell_quote(file.string()));
  ASSERT_EQ(out.exit_code, 0) << out.err;
  const std::string lines = read_file(file);
  const int64_t want = total(expected_counts(db_));
  EXPECT_EQ(std::count(lines.begin(), lines.end(), '\n'), want);
  RunResult dry_out = export_to("--out " + shell_quote(file.string()), "--dry-run");
  ASSERT_EQ(dry_out.exit_code, 0) << dry_out.err;
  EXPECT_EQ(dry_out.out, lines);
  // --dry-run --url: what would be sent, nothing recorded or sent.
  RunResult dry = export_to("--url " + fake.url(), "--dry-run");
  ASSERT_EQ(dry.exit_code, 0) << dry.err;
  EXPECT_EQ(dry.out, lines);
  EXPECT_EQ(stat(fake, "requests"), 0);
  EXPECT_EQ(outbox("1"), 0);
  // Every line is a valid event: the fake accepts each one.
  std::istringstream in(lines);
  std::string line;
  int posted = 0;
  while (std::getline(in, line) && posted < 40) {
    http::HttpClient c;
    http::HttpRequest req;
    req.url = fake.url() + "/api/v1/lineage";
    req.body = line;
    req.headers = {{"Authorization", std::string("Bearer ") + kApiKey}};
    EXPECT_EQ(c.perform(req).status, 201) << line.substr(0, 300);
    ++posted;
  }
  RunResult sent = export_to("--url " + fake.url());
  ASSERT_EQ(sent.exit_code, 0) << sent.err;
  RunResult dry_after = export_to("--url " + fake.url(), "--dry-run");
  EXPECT_EQ(dry_after.out, "");
  for (const RunResult* r : {&out, &dry_out, &dry, &sent, &dry_after}) {
    EXPECT_EQ(r->out.find(kApiKey), std::string::npos);
    EXPECT_EQ(r->err.find(kApiKey), std::string::npos);
  }
  EXPECT_EQ(lines.find(kApiKey), std::string::npos);
  store::Db d(db_.string());
  d.exec("PRAGMA wal_checkpoint(TRUNCATE)");
  EXPECT_EQ(read_file(db_).find(kApiKey), std::string::npos);
}

TEST_F(OpenLineageE2E, UsageErrorsExitTwoNamingTheOption) {
  RunResult both = export_to("--url http://127.0.0.1:9 --out /dev/null");
  EXPECT_EQ(both.exit_code, 2);
  EXPECT_NE(both.err.find("exactly one of --url and --out"), std::string::npos) << both.err;
  RunResult since = export_to("--out /dev/null", "--since 2026-13-01");
  EXPECT_EQ(since.exit_code, 2);
  EXPECT_NE(since.err.find("--since"), std::string::npos) << since.err;
  RunResult region =
      run_shell("env -u AWS_REGION -u AWS_DEFAULT_REGION " + bin() + " openlineage --db " +
                shell_quote(db_.string()) + " --out /dev/null");
  EXPECT_EQ(region.exit_code, 2);
  EXPECT_NE(region.err.find("--region"), std::string::npos) << region.err;
}

TEST_F(OpenLineageE2E, RunSendsTheEventsWhenTheConfigHasOpenLineage) {
  FakeOpenLineage fake({"--api-key", kApiKey});
  ATHENA_REQUIRE_FAKE_OL(fake);
  const auto config = dir_.path() / "workflow.yaml";
  const auto fresh = dir_.path() / "run.db";
  setenv("OL_TEST_KEY", kApiKey, 1);
  write_file(config, R"(source:
  type: athena-usage
  serviceName: athena_prod
  serviceConnection:
    config:
      type: Athena
      awsConfig:
        awsRegion: eu-west-1
  sourceConfig:
    config:
      queryLogFilePath: )" +
                         history().jsonl.string() +
                         R"(
athenaLineage:
  openLineage:
    url: )" + fake.url() +
                         R"(
    namespace: nightly
    apiKey: ${OL_TEST_KEY}
    retryBaseSeconds: 0.002
)");
  RunResult r = run_shell(bin() + " run --quiet --config " + shell_quote(config.string()) +
                          " --db " + shell_quote(fresh.string()));
  ASSERT_LE(r.exit_code, 1) << r.out << r.err;
  EXPECT_NE(r.out.find("openlineage: "), std::string::npos) << r.out;
  EXPECT_EQ(stat(fake, "schema_errors"), 0);
  EXPECT_EQ(stat(fake, "unique"), total(expected_counts(fresh)));
  EXPECT_GT(stat(fake, "unique"), 0);
  simdjson::dom::parser p;
  for (element e : p.parse(fake.events()).get_array())
    EXPECT_EQ(std::string(e["job"]["namespace"].get_string().value()), "nightly");
  EXPECT_EQ(r.out.find(kApiKey), std::string::npos);
  EXPECT_EQ(r.err.find(kApiKey), std::string::npos);
}

} // namespace
} // namespace athena::testing
