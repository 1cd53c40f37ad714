// Usage in OpenMetadata exactly once: a small generated history analyzed in two overlapping
// parts and pushed after each, with replies lost after the server applied the request (the
// lossy proxy of tests/fakes), with push SIGKILLed in the middle of its usage phase, with late
// data and days OpenMetadata cannot take, and with pull and push running at the same time.
// Every settled table-day must end exactly as the generator's truth says.
#include <chrono>
#include <ctime>
#include <filesystem>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>
#include <simdjson.h>

#include "src/openmetadata/om_client.h"
#include "src/store/db_lock.h"
#include "src/store/store.h"
#include "tests/app/aws_pull_fixture.h"
#include "tests/app/om_truth_check.h"
#include "tests/app/store_test_access.h"

namespace athena::testing {
namespace {

using simdjson::dom::element;
using UsageMap = std::map<std::pair<std::string, std::string>, int64_t>; // (day, table)

constexpr const char* kToday = "2026-11-16";
constexpr const char* kNow = "2026-11-16T12:00:00Z";

/// 250 queries over 5 days (2026-11-10 .. 2026-11-14), made once per test binary.
const std::filesystem::path& small_history() {
  static TempDir dir;
  static const std::filesystem::path out = [] {
    const auto p = dir.path() / "gen";
    RunResult r = run_shell(shell_quote((binary_dir() / "athena-samplegen").string()) +
                            " --seed 16 --queries 250 --days 5 --start-date 2026-11-10 "
                            "--format both --out " +
                            shell_quote(p.string()));
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return p;
  }();
  return out;
}

/// The UTC day of the earliest execution still QUEUED or RUNNING in a history: usage from it
/// on waits (no day after a waiting one is sent).
std::string first_unfinished_day(const std::filesystem::path& history_json) {
  simdjson::dom::parser p;
  element doc = p.load(history_json.string());
  double first = 0;
  for (element e : arr(doc, "QueryExecutions")) {
    const std::string state = s(e["Status"], "State");
    double t = 0;
    if ((state == "QUEUED" || state == "RUNNING") &&
        e["Status"]["SubmissionDateTime"].get(t) == simdjson::SUCCESS && (first == 0 || t < first))
      first = t;
  }
  if (first == 0) return "9999-12-31";
  const std::time_t tt = static_cast<std::time_t>(first);
  std::tm tm{};
  gmtime_r(&tt, &tm);
  char buf[16];
  std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
  return buf;
}

/// Lines [from, to) of the history's JSON Lines file (submission order).
std::string history_lines(size_t from, size_t to) {
  std::istringstream in(read_file(small_history() / "history.jsonl"));
  std::string out, line;
  for (size_t i = 0; std::getline(in, line); ++i) {
    if (i >= from && i < to) out += line + "\n";
  }
  return out;
}

size_t history_size() {
  std::istringstream in(read_file(small_history() / "history.jsonl"));
  std::string line;
  size_t n = 0;
  while (std::getline(in, line))
    ++n;
  return n;
}

/// The fake OpenMetadata for the small history; `validate` checks every body against the
/// schemas (slow in Python: done in one test only, the others check counts).
std::vector<std::string> fake_args(bool validate = false) {
  std::vector<std::string> args = {"--schema",  (small_history() / "schema.json").string(),
                                   "--jwt",     kOmJwt,
                                   "--today",   kToday,
                                   "--service", "athena_prod"};
  if (auto shared = shared_dir()) {
    args.push_back("--schemas");
    args.push_back((*shared / "schemas/openmetadata").string());
  }
  if (!validate) args.push_back("--no-validate");
  return args;
}

/// The lossy proxy of tests/fakes in front of `upstream`.
class LossyProxy {
public:
  LossyProxy(const std::string& upstream, std::vector<std::string> extra = {})
      : process_(source_dir() / "tests/fakes/lossy_proxy.py", args(upstream, std::move(extra))) {}
  bool ok() const { return process_.ok(); }
  const std::string& url() const { return process_.url(); }
  void configure(const std::string& json) const {
    http::HttpClient client;
    http::HttpRequest req;
    req.url = url() + "/_proxy/config";
    req.body = json;
    EXPECT_EQ(client.perform(req).status, 200) << "proxy configuration " << json;
  }
  int64_t stat(const char* name) const {
    http::HttpClient client;
    http::HttpRequest req;
    req.method = "GET";
    req.url = url() + "/_proxy/stats";
    simdjson::dom::parser p;
    return n(p.parse(client.perform(req).body), name);
  }

private:
  static std::vector<std::string> args(const std::string& upstream,
                                       std::vector<std::string> extra) {
    std::vector<std::string> a = {"--upstream", upstream};
    a.insert(a.end(), extra.begin(), extra.end());
    return a;
  }
  FakeProcess process_;
};

/// A database, a workflow config whose OpenMetadata is `host_port`, and the commands.
class UsageEnv {
public:
  explicit UsageEnv(const std::string& host_port, const std::string& request_timeout = "2") {
    setenv("OM_TEST_JWT", kOmJwt, 1);
    write_file(config(), "source:\n  type: athena-usage\n  serviceName: athena_prod\n"
                         "  serviceConnection:\n    config:\n      type: Athena\n"
                         "      awsConfig:\n        awsRegion: us-east-1\n"
                         "workflowConfig:\n  openMetadataServerConfig:\n    hostPort: " +
                             host_port +
                             "\n    authProvider: openmetadata\n    securityConfig:\n"
                             "      jwtToken: ${OM_TEST_JWT}\n"
                             "athenaLineage:\n  openMetadata:\n    retryBaseSeconds: 0.002\n"
                             "    maxBackoffSeconds: 0.05\n    maxAttempts: 12\n"
                             "    queryEntities: false\n"
                             // A usage write whose outcome is unknown is read back once this
                             // has passed since it was sent.
                             "    requestTimeoutSeconds: " +
                             request_timeout + "\n");
  }
  std::filesystem::path db() const { return dir_.path() / "usage.db"; }
  std::filesystem::path config() const { return dir_.path() / "workflow.yaml"; }
  std::filesystem::path pid_file() const { return dir_.path() / "push.pid"; }
  const std::filesystem::path& dir() const { return dir_.path(); }

  RunResult analyze(const std::string& jsonl) const {
    const auto file = dir() / ("part" + std::to_string(++parts_) + ".jsonl");
    write_file(file, jsonl);
    return run_shell(lineage_bin() + " analyze --quiet --db " + shell_quote(db().string()) +
                     " --schema " + shell_quote((small_history() / "schema.json").string()) + " " +
                     shell_quote(file.string()) + " " +
                     shell_quote((small_history() / "cloudtrail.json").string()));
  }
  /// `push --json` as a process whose pid the proxy can read (it may SIGKILL it).
  RunResult push(const std::string& extra = "", const std::string& now = kNow) const {
    // sh -c: its $$ is the pid that exec turns into the push (a subshell's $$ is not).
    return run_shell("sh -c " + shell_quote("echo $$ > " + shell_quote(pid_file().string()) +
                                            "; exec " + lineage_bin() + " push --json --config " +
                                            shell_quote(config().string()) + " --db " +
                                            shell_quote(db().string()) + " --today " + kToday +
                                            " --now " + now + " " + extra));
  }

private:
  TempDir dir_;
  mutable int parts_ = 0;
};

UsageMap truth_usage(const std::filesystem::path& truth, const std::string& waiting_from) {
  UsageMap want;
  for (const auto& row : read_csv(truth / "expected_usage.csv")) {
    if (std::stoll(row[2]) > 0 && row[0] < waiting_from)
      want[{row[0], om_name(row[1])}] = std::stoll(row[2]);
  }
  return want;
}

/// Names each (day, entity) whose count differs, the first 20 of them.
void expect_same(const UsageMap& got, const UsageMap& want, const char* what) {
  UsageMap all = got;
  all.insert(want.begin(), want.end());
  int shown = 0;
  for (const auto& [k, unused] : all) {
    auto g = got.find(k);
    auto w = want.find(k);
    const int64_t gv = g == got.end() ? -1 : g->second;
    const int64_t wv = w == want.end() ? -1 : w->second;
    if (gv != wv && shown++ < 20)
      ADD_FAILURE() << what << " " << k.second << " on " << k.first << ": OpenMetadata holds " << gv
                    << ", the truth is " << wv << " (-1: none)";
  }
}

/// OM's table, schema and database usage all match `want` (each schema's and database's day
/// the sum of its tables': nothing counted twice).
void expect_usage(const std::string& state_json, const UsageMap& want) {
  simdjson::dom::parser p;
  element state = p.parse(state_json);
  UsageMap got, schemas, databases, want_schemas, want_databases;
  for (element u : arr(state, "usage"))
    got[{s(u, "date"), s(u, "table")}] = n(u, "count");
  for (element u : arr(state, "schema_usage"))
    schemas[{s(u, "date"), s(u, "schema")}] = n(u, "count");
  for (element u : arr(state, "database_usage"))
    databases[{s(u, "date"), s(u, "database")}] = n(u, "count");
  for (const auto& [k, c] : want) {
    const std::string schema = k.second.substr(0, k.second.rfind('.'));
    want_schemas[{k.first, schema}] += c;
    want_databases[{k.first, schema.substr(0, schema.rfind('.'))}] += c;
  }
  expect_same(got, want, "table");
  expect_same(schemas, want_schemas, "schema");
  expect_same(databases, want_databases, "database");
}

element parsed(simdjson::dom::parser& p, const RunResult& r) {
  element e;
  EXPECT_EQ(p.parse(r.out).get(e), simdjson::SUCCESS) << r.out << r.err;
  return e;
}

class OmUsageExact : public ::testing::Test {
protected:
  void SetUp() override {
    ATHENA_REQUIRE_SHARED(schemas, "schemas/openmetadata");
    (void)schemas;
    waiting_from_ = first_unfinished_day(small_history() / "history.json");
    half_ = history_size() * 3 / 5;
  }
  /// The first 60% of the history, then all of it: the day split between them is sent twice
  /// (what A had, then the rest). The second part repeats the first (stored once) because
  /// the analysis of a statement can depend on earlier ones (PREPARE, CREATE VIEW).
  std::string part_a() const { return history_lines(0, half_); }
  std::string part_b() const { return history_lines(0, history_size()); }
  std::string waiting_from_;
  size_t half_ = 0;
};

TEST_F(OmUsageExact, TwoOverlappingHistoriesPushedAfterEachAreExact) {
  FakeOpenMetadata fake(fake_args(true));
  ATHENA_REQUIRE_FAKE_OM(fake);
  UsageEnv env(fake.host_port());
  ASSERT_LE(env.analyze(part_a()).exit_code, 1);
  RunResult first = env.push();
  ASSERT_EQ(first.exit_code, 0) << first.out << first.err;
  ASSERT_LE(env.analyze(part_b()).exit_code, 1);
  RunResult second = env.push();
  ASSERT_EQ(second.exit_code, 0) << second.out << second.err;
  simdjson::dom::parser p;
  element sum = parsed(p, second);
  EXPECT_EQ(n(sum["usage_days"], "not_representable"), 0);
  EXPECT_EQ(s(sum["usage_days"], "waiting_from"), waiting_from_);
  EXPECT_GT(n(sum["usage_days"], "waiting"), 0);
  expect_usage(fake.state(), truth_usage(small_history(), waiting_from_));
}

TEST_F(OmUsageExact, RepliesLostAfterTheServerAppliedThemAreReadBackNeverResent) {
  FakeOpenMetadata fake(fake_args());
  ATHENA_REQUIRE_FAKE_OM(fake);
  LossyProxy proxy(fake.host_port().substr(0, fake.host_port().size() - 4),
                   {"--drop-rate", "0.1", "--seed", "5"});
  ASSERT_TRUE(proxy.ok()) << "the lossy proxy did not start";
  UsageEnv env(proxy.url() + "/api");
  int64_t read_backs = 0;
  for (const std::string& part : {part_a(), part_b()}) {
    ASSERT_LE(env.analyze(part).exit_code, 1);
    RunResult r = env.push();
    for (int i = 0; i < 3 && r.exit_code != 0; ++i)
      r = env.push();
    ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
    simdjson::dom::parser p;
    read_backs += n(parsed(p, r)["usage_days"], "read_backs");
  }
  EXPECT_GT(proxy.stat("dropped"), 3);
  EXPECT_GT(read_backs, 0);
  expect_usage(fake.state(), truth_usage(small_history(), waiting_from_));
}

TEST_F(OmUsageExact, PushKilledAtFivePointsOfTheUsagePhaseEndsAsACleanPush) {
  FakeOpenMetadata clean(fake_args());
  ATHENA_REQUIRE_FAKE_OM(clean);
  UsageEnv clean_env(clean.host_port());
  FakeOpenMetadata fake(fake_args());
  LossyProxy proxy(fake.host_port().substr(0, fake.host_port().size() - 4));
  ASSERT_TRUE(proxy.ok()) << "the lossy proxy did not start";
  UsageEnv env(proxy.url() + "/api");
  // Part A's push killed after its 3rd and 11th usage writes reached the server, part B's
  // (increases of the days split between the parts) after its 1st, 4th and 9th.
  const std::string a = part_a(), b = part_b();
  for (const auto& [part, kills] :
       std::vector<std::pair<std::string, std::vector<int>>>{{a, {3, 11}}, {b, {1, 4, 9}}}) {
    ASSERT_LE(clean_env.analyze(part).exit_code, 1);
    ASSERT_EQ(clean_env.push().exit_code, 0);
    ASSERT_LE(env.analyze(part).exit_code, 1);
    for (int k : kills) {
      proxy.configure(R"({"kill_after": )" + std::to_string(k) + R"(, "pid_file": ")" +
                      env.pid_file().string() + "\"}");
      RunResult killed = env.push();
      EXPECT_NE(killed.exit_code, 0) << killed.out;
      EXPECT_EQ(proxy.stat("killed"), 1) << "push ended before its usage write " << k;
      // The killed push's other writes (a kind's rows go in parallel) may still be on their way
      // through the proxy; the next push starts once they have arrived, as a later run would.
      for (int i = 0; i < 3000 && proxy.stat("in_flight") > 0; ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
      EXPECT_EQ(proxy.stat("in_flight"), 0);
    }
    proxy.configure("{}");
    RunResult r = env.push();
    ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  }
  simdjson::dom::parser p, q;
  element got = p.parse(fake.state());
  element want = q.parse(clean.state());
  for (const char* part : {"usage", "schema_usage", "database_usage", "joins", "edges"})
    EXPECT_EQ(simdjson::minify(got[part]), simdjson::minify(want[part])) << part;
  expect_usage(fake.state(), truth_usage(small_history(), waiting_from_));
}

TEST_F(OmUsageExact, AKilledPushsWriteThatLandsLateIsReadBackAfterItNeverBefore) {
  FakeOpenMetadata fake(fake_args());
  ATHENA_REQUIRE_FAKE_OM(fake);
  LossyProxy proxy(fake.host_port().substr(0, fake.host_port().size() - 4));
  ASSERT_TRUE(proxy.ok()) << "the lossy proxy did not start";
  UsageEnv env(proxy.url() + "/api", "5");
  ASSERT_LE(env.analyze(part_a()).exit_code, 1);
  // Every usage write is held 2.5 s in the network (half the 5 s request timeout, so that a
  // loaded machine still delivers it before the timeout ends); the push is killed as its 2nd one
  // arrives, and the next push starts at once, while the killed one's writes are still on their
  // way: it must read them back only after they landed.
  proxy.configure(R"({"delay_ms": 2500, "kill_after": 2, "pid_file": ")" + env.pid_file().string() +
                  "\"}");
  RunResult killed = env.push();
  EXPECT_NE(killed.exit_code, 0) << killed.out;
  EXPECT_EQ(proxy.stat("killed"), 1);
  proxy.configure("{}");
  RunResult r = env.push();
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_NE(r.err.find("may still land; reading back in"), std::string::npos) << r.err;
  ASSERT_LE(env.analyze(part_b()).exit_code, 1);
  r = env.push();
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  expect_usage(fake.state(), truth_usage(small_history(), waiting_from_));
}

TEST_F(OmUsageExact, ALateQueryIsAddedAndADayOlderThanTheLastReportedIsRecordedOnce) {
  FakeOpenMetadata fake(fake_args());
  ATHENA_REQUIRE_FAKE_OM(fake);
  UsageEnv env(fake.host_port());
  // Everything but the second day (2026-11-11), pushed: later days are reported.
  std::istringstream in(part_a());
  std::string without, only, line;
  while (std::getline(in, line)) {
    // 2026-11-11T00:00Z = 1794355200 s; 2026-11-12T00:00Z = 1794441600 s.
    const size_t at = line.find("\"SubmissionDateTime\":");
    const double t = at == std::string::npos ? 0 : std::stod(line.substr(at + 21));
    ((t >= 1794355200 && t < 1794441600) ? only : without) += line + "\n";
  }
  ASSERT_FALSE(only.empty());
  ASSERT_LE(env.analyze(without).exit_code, 1);
  ASSERT_EQ(env.push().exit_code, 0);
  ASSERT_LE(env.analyze(only).exit_code, 1);
  // The day arrives too late for OpenMetadata: recorded with its counts, exit 1 once.
  RunResult late = env.push();
  EXPECT_EQ(late.exit_code, 1) << late.out << late.err;
  simdjson::dom::parser p;
  element sum = parsed(p, late);
  EXPECT_GT(n(sum["usage_days"], "not_representable"), 0);
  EXPECT_EQ(n(sum["usage_days"], "not_representable"),
            n(sum["usage_days"], "not_representable_new"));
  std::set<std::pair<std::string, std::string>> refused; // (day, table)
  for (element u : arr(sum, "not_representable")) {
    EXPECT_EQ(s(u, "day"), "2026-11-11");
    EXPECT_GT(n(u, "count"), 0);
    refused.insert({s(u, "day"), s(u, "table")});
  }
  ASSERT_EQ(refused.size(), static_cast<size_t>(n(sum["usage_days"], "not_representable")));
  // Those table-days were not sent; the day's other tables (no later day reported) were.
  simdjson::dom::parser sp;
  for (element u : arr(sp.parse(fake.state()), "usage"))
    EXPECT_FALSE(refused.contains({s(u, "date"), s(u, "table")})) << s(u, "table");
  // The same leftovers again: exit 0 with a notice.
  RunResult again = env.push();
  EXPECT_EQ(again.exit_code, 0) << again.out << again.err;
  simdjson::dom::parser p2;
  element sum2 = parsed(p2, again);
  EXPECT_EQ(n(sum2["usage_days"], "not_representable"), n(sum["usage_days"], "not_representable"));
  EXPECT_EQ(n(sum2["usage_days"], "not_representable_new"), 0);
  EXPECT_FALSE(s(sum2, "notice").empty());
  RunResult text =
      run_shell(lineage_bin() + " push --config " + shell_quote(env.config().string()) + " --db " +
                shell_quote(env.db().string()) + " --today " + kToday + " --now " + kNow);
  EXPECT_EQ(text.exit_code, 0) << text.err;
  EXPECT_NE(text.out.find("not representable: "), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("notice:"), std::string::npos) << text.out;

  // A query of a day already sent, found later (here: the rest of the history): the days
  // OpenMetadata holds grow by exactly what is new.
  ASSERT_LE(env.analyze(part_b()).exit_code, 1);
  RunResult more = env.push();
  EXPECT_EQ(more.exit_code, 0) << more.out << more.err;
  UsageMap want = truth_usage(small_history(), waiting_from_);
  std::erase_if(want, [&](const auto& kv) { return refused.contains(kv.first); });
  expect_usage(fake.state(), want);
}

int64_t received_at(const FakeOpenMetadata& fake, const std::string& path) {
  simdjson::dom::parser p;
  int64_t count = 0;
  for (element r : simdjson::dom::array(p.parse(fake.received())))
    count += s(r, "path") == path ? 1 : 0;
  return count;
}

/// Requests to `path` recorded since `before`, once `want` have been or a while has passed
/// (the fake records a request just after replying to it), and a little later (to see any
/// more).
int64_t received_after(const FakeOpenMetadata& fake, const std::string& path, int64_t before,
                       int64_t want) {
  for (int i = 0; i < 100 && received_at(fake, path) - before < want; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(30));
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  return received_at(fake, path) - before;
}

TEST_F(OmUsageExact, TheHttpLayerNeverResendsAWriteWhoseReplyWasLost) {
  FakeOpenMetadata fake(fake_args());
  ATHENA_REQUIRE_FAKE_OM(fake);
  LossyProxy proxy(fake.host_port().substr(0, fake.host_port().size() - 4));
  ASSERT_TRUE(proxy.ok()) << "the lossy proxy did not start";
  // The server applies the PUT, then the reply is lost on a reused keep-alive connection.
  int64_t before = 0;
  for (const bool fresh : {false, true}) {
    // On a reused connection libcurl re-sends by itself; a fresh one it never re-sends, so
    // there every reply is lost.
    proxy.configure(fresh ? R"({"match": "^PUT /api/v1/resend-probe", "drop_rate": 1.0})"
                          : R"({"match": "^PUT /api/v1/resend-probe", "drop_reused": true})");
    http::HttpClient client;
    http::HttpRequest get;
    get.method = "GET";
    get.url = proxy.url() + "/api/v1/system/version";
    ASSERT_EQ(client.perform(get).status, 401); // opens the connection to reuse
    http::HttpRequest put;
    put.method = "PUT";
    put.url = proxy.url() + "/api/v1/resend-probe";
    put.body = "{}";
    put.fresh_connection = fresh;
    http::HttpResponse r = client.perform(put);
    const int64_t applied = received_after(fake, "/api/v1/resend-probe", before, fresh ? 1 : 2);
    before += applied;
    SCOPED_TRACE("proxy: forwarded " + std::to_string(proxy.stat("forwarded")) + ", dropped " +
                 std::to_string(proxy.stat("dropped")) + ", status " + std::to_string(r.status));
    if (fresh) {
      // On a connection of its own: applied once, and the caller learns the reply was lost.
      EXPECT_EQ(applied, 1);
      EXPECT_TRUE(r.transport_failed()) << r.status;
    } else {
      // libcurl's own resend on a dead reused connection, which fresh_connection prevents.
      EXPECT_EQ(applied, 2) << "libcurl did not re-send: the test no longer shows the hazard";
    }
  }
  // The OpenMetadata client: every write on its own connection, an additive one never
  // retried when it may have been applied, reported as unknown instead.
  proxy.configure(R"({"match": "^POST /api/v1/resend-probe", "drop_rate": 1.0})");
  openmetadata::OmClientOptions o;
  o.host_port = proxy.url() + "/api";
  o.retry_base_seconds = 0.001;
  o.max_attempts = 5;
  openmetadata::OmClient client(o);
  (void)client.call({"GET", "/system/version", ""}); // opens a keep-alive connection
  openmetadata::OmRequest add{"POST", "/resend-probe", "{}"};
  add.additive = true;
  openmetadata::OmResponse r = client.call(add);
  EXPECT_TRUE(r.unknown());
  EXPECT_EQ(r.attempts(), 1);
  EXPECT_EQ(received_after(fake, "/api/v1/resend-probe", before, 1), 1);
}

TEST_F(OmUsageExact, ASecondPushIsRefusedWithExit2AndADayWaitsForItsSettleMargin) {
  FakeOpenMetadata fake(fake_args());
  ATHENA_REQUIRE_FAKE_OM(fake);
  UsageEnv env(fake.host_port());
  ASSERT_LE(env.analyze(part_a()).exit_code, 1);
  {
    auto held = store::DbLock::acquire(env.db(), store::LockRole::kPush, true,
                                       std::chrono::milliseconds(0));
    ASSERT_TRUE(held.ok()) << held.error();
    ASSERT_NE(*held, nullptr);
    RunResult r = env.push();
    EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
    EXPECT_NE(r.err.find("another push is running"), std::string::npos) << r.err;
    EXPECT_EQ(summarize(fake.received()).writes, 0);
  }
  // Once the first push is over: 2026-11-12 ended 5 hours ago, within the settle margin (6 h),
  // so it waits with every later day; the days before it are sent.
  RunResult r = env.push("", "2026-11-13T05:00:00Z");
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  simdjson::dom::parser p;
  element days = parsed(p, r)["usage_days"];
  EXPECT_EQ(s(days, "waiting_from"), "2026-11-12");
  EXPECT_NE(s(days, "waiting_reason").find("not yet ended 6 h ago"), std::string::npos);
  EXPECT_EQ(n(days, "sent"), 2);
  simdjson::dom::parser sp;
  for (element u : arr(sp.parse(fake.state()), "usage"))
    EXPECT_LT(s(u, "date"), "2026-11-12");
}

/// The UTC date `days_ago` days before now.
std::string utc_date(int days_ago) {
  const std::time_t t = std::time(nullptr) - static_cast<std::time_t>(days_ago) * 86400;
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[16];
  std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
  return buf;
}

TEST_F(OmUsageExact, PullAndPushAtTheSameTimeEndAsWhenRunOneAfterTheOther) {
  // A history of recent days (the pull's window is the last 45), served by the fake Athena.
  TempDir gen;
  RunResult g = run_shell(shell_quote((binary_dir() / "athena-samplegen").string()) +
                          " --seed 17 --queries 250 --days 5 --start-date " + utc_date(8) +
                          " --format json --out " + shell_quote(gen.path().string()));
  ASSERT_EQ(g.exit_code, 0) << g.err;
  FakeAws athena(pull_fake_args({"--history", (gen.path() / "history.json").string(), "--schema",
                                 (gen.path() / "schema.json").string(), "--workgroups", "1"}));
  ASSERT_TRUE(athena.ok()) << "the fake Athena did not start";
  std::vector<std::string> om_args = {"--schema",  (gen.path() / "schema.json").string(),
                                      "--jwt",     kOmJwt,
                                      "--today",   utc_date(0),
                                      "--service", "athena_prod"};
  if (auto shared = shared_dir()) {
    om_args.push_back("--schemas");
    om_args.push_back((*shared / "schemas/openmetadata").string());
  }
  FakeOpenMetadata om(om_args);
  ATHENA_REQUIRE_FAKE_OM(om);
  TempDir dir;
  std::string json = pull_config_json(athena.url());
  json.replace(json.find("\"athena_test\""), 13, "\"athena_prod\"");
  json.pop_back();
  json += R"(, "workflowConfig": {"openMetadataServerConfig": {"hostPort": ")" + om.host_port() +
          R"(", "authProvider": "openmetadata", "securityConfig": {"jwtToken": ")" + kOmJwt +
          "\"}}}}";
  const auto config = dir.path() / "workflow.json";
  write_file(config, json);
  const std::string db = shell_quote((dir.path() / "both.db").string());
  const std::string cfg = shell_quote(config.string());
  // An empty database first, so that both find it initialized.
  {
    ASSERT_NE(store::testing::opened_store(store::Store::open(dir.path() / "both.db", {})),
              nullptr);
  }
  RunResult pulled, pushed;
  std::thread pull([&] {
    pulled = run_shell(lineage_bin() + " pull --quiet --config " + cfg + " --db " + db +
                       " --since " + utc_date(10));
  });
  std::thread push(
      [&] { pushed = run_shell(lineage_bin() + " push --json --config " + cfg + " --db " + db); });
  pull.join();
  push.join();
  EXPECT_EQ(pulled.exit_code, 0) << pulled.err;
  EXPECT_LE(pushed.exit_code, 1) << pushed.out << pushed.err;
  RunResult last = run_shell(lineage_bin() + " push --json --config " + cfg + " --db " + db);
  ASSERT_EQ(last.exit_code, 0) << last.out << last.err;
  simdjson::dom::parser p;
  EXPECT_EQ(n(parsed(p, last)["usage_days"], "not_representable"), 0);
  // Days settle by the clock here: from the day now - 6 h falls in, or an unfinished one.
  const std::time_t cutoff = std::time(nullptr) - 6 * 3600;
  std::tm tm{};
  gmtime_r(&cutoff, &tm);
  char buf[16];
  std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
  const std::string waiting =
      std::min<std::string>(buf, first_unfinished_day(gen.path() / "history.json"));
  expect_usage(om.state(), truth_usage(gen.path(), waiting));
}

} // namespace
} // namespace athena::testing
