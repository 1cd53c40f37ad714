// `athena-lineage pull` as a process: exit statuses, a pull killed with SIGKILL and run
// again, secrets kept out of every output and the database, and 100,000 executions under
// throttling and 500s stored exactly once.
#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>

#include "src/pull/pull_job.h"
#include "tests/app/aws_pull_fixture.h"
#include "tests/app/store_test_access.h"

namespace athena::pull {
namespace {

using athena::testing::binary_dir;
using athena::testing::count_file;
using athena::testing::FakeAws;
using athena::testing::kPullSecret;
using athena::testing::pull_config_json;
using athena::testing::pull_fake_args;
using athena::testing::read_file;
using athena::testing::run_shell;
using athena::testing::ScopedAwsEnv;
using athena::testing::shell_quote;
using athena::testing::TempDir;
using athena::testing::write_file;

std::string pull_command(const std::filesystem::path& config, const std::filesystem::path& db,
                         const std::string& extra = "") {
  return shell_quote((binary_dir() / "athena-lineage").string()) + " pull --quiet --config " +
         shell_quote(config.string()) + " --db " + shell_quote(db.string()) + extra;
}

TEST(PullCli, ExitStatusesFollowTheContract) {
  ScopedAwsEnv env;
  TempDir dir;
  const auto db = dir.path() / "x.db";
  auto r = run_shell(pull_command(dir.path() / "missing.json", db));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("missing.json: cannot read the config file"), std::string::npos) << r.err;

  const auto cfg = dir.path() / "c.json";
  write_file(cfg, pull_config_json("http://127.0.0.1:9"));
  r = run_shell(pull_command(cfg, db, " --days 46"));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("--days: must be between 1 and 45"), std::string::npos) << r.err;
  write_file(dir.path() / "bad-schema.json", R"({"sales.orders": 7})");
  r = run_shell(
      pull_command(cfg, db, " --schema " + shell_quote((dir.path() / "bad-schema.json").string())));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("bad-schema.json"), std::string::npos) << r.err;
  EXPECT_FALSE(std::filesystem::exists(db));
  r = run_shell(pull_command(cfg, db, " --since 2026-02-30"));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("--since: expected a date YYYY-MM-DD, found '2026-02-30'"),
            std::string::npos)
      << r.err;

  // No credentials anywhere: nothing is done.
  write_file(cfg, R"({"source": {"type": "athena-usage", "serviceConnection": {"config": {
      "type": "Athena", "awsConfig": {"awsRegion": "us-east-1",
      "endPointURL": "http://127.0.0.1:9"}}}}})");
  r = run_shell(pull_command(cfg, db));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("athena-lineage: error: credentials: "), std::string::npos) << r.err;
}

TEST(PullCli, PrintsASummaryAndSecretsReachNoOutputAndNoDatabaseByte) {
  ScopedAwsEnv env;
  const std::string token = "FAKESESSIONTOKEN-kJ93hf8Q2LxN0pa7Rz";
  FakeAws fake({"--key", std::string(athena::testing::kPullKey) + ":" + kPullSecret + ":" + token,
                "--generate", "300", "--workgroups", "2", "--deny", "ListWorkGroups",
                "--throttle-rate", "0.1", "--error-rate", "0.05"});
  ASSERT_TRUE(fake.ok());
  TempDir dir;
  const auto cfg = dir.path() / "c.json";
  const auto db = dir.path() / "pull.db";
  // Explicit workgroups (ListWorkGroups is denied); the token from the config.
  write_file(cfg, pull_config_json(fake.url(), {{"workgroups", R"(["wg-0", "wg-1"])"}}, "",
                                   R"(, "awsSessionToken": ")" + token + "\""));
  auto r = run_shell(pull_command(cfg, db));
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("athena-lineage pull: into "), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("  credentials:        explicit"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("  fetched:            300 (stored raw: 300)"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("  result:             complete"), std::string::npos) << r.out;
  // Once more, as JSON, for one workgroup: nothing new.
  auto again = run_shell(pull_command(cfg, db, " --format json --workgroup wg-1"));
  EXPECT_EQ(again.exit_code, 0) << again.err;
  EXPECT_NE(again.out.find("\"fetched\":0,"), std::string::npos) << again.out;
  EXPECT_NE(again.out.find("\"complete\":true}"), std::string::npos) << again.out;
  // A wrong secret: credentials "work" locally but every call is refused, a credentials error
  // (status 2); still no secret.
  const auto bad_cfg = dir.path() / "bad.json";
  std::string bad = pull_config_json(fake.url(), {{"workgroups", R"(["wg-0"])"}});
  bad.replace(bad.find(kPullSecret), std::string(kPullSecret).size(), "wrong-secret-value-000");
  write_file(bad_cfg, bad);
  auto refused = run_shell(pull_command(bad_cfg, dir.path() / "other.db"));
  EXPECT_EQ(refused.exit_code, 2) << refused.out << refused.err;

  for (const auto* out : {&r.out, &r.err, &again.out, &again.err, &refused.out, &refused.err}) {
    EXPECT_EQ(out->find(kPullSecret), std::string::npos) << *out;
    EXPECT_EQ(out->find(token), std::string::npos) << *out;
    EXPECT_EQ(out->find("wrong-secret-value-000"), std::string::npos) << *out;
  }
  for (const char* suffix : {"", "-wal", "-shm"}) {
    const std::filesystem::path file = db.string() + suffix;
    if (!std::filesystem::exists(file)) continue;
    const std::string bytes = read_file(file);
    EXPECT_EQ(bytes.find(kPullSecret), std::string::npos) << file;
    EXPECT_EQ(bytes.find(token), std::string::npos) << file;
  }
  EXPECT_EQ(count_file(db, "SELECT count(*) FROM queries"), 300);
}

/// Starts the CLI in the background; returns its pid.
pid_t spawn_pull(const std::filesystem::path& config, const std::filesystem::path& db,
                 const std::filesystem::path& log) {
  const std::string cmd =
      "exec " + pull_command(config, db) + " >" + shell_quote(log.string()) + " 2>&1";
  std::vector<std::string> argv = {"/bin/sh", "-c", cmd};
  std::vector<char*> cargs;
  for (auto& a : argv)
    cargs.push_back(a.data());
  cargs.push_back(nullptr);
  pid_t pid = -1;
  if (posix_spawn(&pid, "/bin/sh", nullptr, nullptr, cargs.data(), environ) != 0) return -1;
  return pid;
}

TEST(PullCli, KilledHalfwayAndRunAgainEndsCompleteWithoutDuplicates) {
  ScopedAwsEnv env;
  constexpr int kExecutions = 20000;
  FakeAws fake(pull_fake_args({"--generate", std::to_string(kExecutions), "--workgroups", "4"}));
  ASSERT_TRUE(fake.ok());
  TempDir dir;
  const auto cfg = dir.path() / "c.json";
  const auto db = dir.path() / "pull.db";
  // Paced at 10 BatchGetQueryExecution calls a second: 400 calls take 40 s, so the kill
  // lands while the pull is storing.
  write_file(cfg, pull_config_json(fake.url(), {{"rateLimits", R"({"listQueryExecutions": 0,
      "batchGetQueryExecution": 10})"}}));
  const pid_t pid = spawn_pull(cfg, db, dir.path() / "first.log");
  ASSERT_GT(pid, 0);
  int64_t stored_at_kill = 0;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(120);
  while (std::chrono::steady_clock::now() < deadline) {
    stored_at_kill = count_file(db, "SELECT count(*) FROM raw_executions");
    if (stored_at_kill > 0) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  kill(pid, SIGKILL);
  int status = 0;
  waitpid(pid, &status, 0);
  ASSERT_TRUE(WIFSIGNALED(status)) << read_file(dir.path() / "first.log");
  ASSERT_GT(stored_at_kill, 0) << read_file(dir.path() / "first.log");
  const int64_t raw_after_kill = count_file(db, "SELECT count(*) FROM raw_executions");
  EXPECT_LT(raw_after_kill, kExecutions);
  EXPECT_EQ(count_file(db, "SELECT count(*) FROM pull_watermarks"), 0);

  // The second run, unpaced, completes it.
  write_file(cfg, pull_config_json(fake.url()));
  auto r = run_shell(pull_command(cfg, db));
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_EQ(count_file(db, "SELECT count(*) FROM raw_executions"), kExecutions);
  EXPECT_EQ(count_file(db, "SELECT count(DISTINCT id) FROM raw_executions"), kExecutions);
  EXPECT_EQ(count_file(db, "SELECT count(*) FROM queries"), kExecutions);
  EXPECT_EQ(count_file(db, "SELECT count(DISTINCT id) FROM queries"), kExecutions);
  EXPECT_EQ(count_file(db, "SELECT count(*) FROM raw_pending"), 0);
  EXPECT_EQ(count_file(db, "SELECT count(*) FROM pull_watermarks"), 4);
  EXPECT_EQ(count_file(db, "SELECT sum(queries) FROM usage_daily"), kExecutions);
  // Nothing committed before the kill was fetched again: only what was fetched but not yet
  // committed (one flush of 500 rows and 16 calls in flight, at most) was fetched twice.
  EXPECT_GE(fake.stat("batch_ids"), kExecutions);
  EXPECT_LE(fake.stat("batch_ids"), kExecutions + 500 + 16 * 50);
}

TEST(PullCli, Slow_HundredThousandExecutionsUnderThrottlingAnd500sAreStoredExactlyOnce) {
  ScopedAwsEnv env;
  constexpr int kExecutions = 100000;
  FakeAws fake(
      pull_fake_args({"--generate", std::to_string(kExecutions), "--workgroups", "10",
                      "--throttle-rate", "0.2", "--error-rate", "0.05", "--processes", "2"}));
  ASSERT_TRUE(fake.ok());
  TempDir dir;
  auto store = store::testing::opened_store(
      store::Store::open(dir.path() / "pull.db", store::StoreOptions{}));
  ASSERT_NE(store, nullptr);
  const auto config = athena::testing::parse_config(
      pull_config_json(fake.url(), {{"maxAttempts", "20"}, {"parallelRequests", "32"}}));
  PullJobOptions o;
  o.metadata = false;
  PullSummary s = run_pull(config, o, *store);
  for (const auto& w : s.workgroups)
    EXPECT_TRUE(w.complete) << w.name << ": " << w.error;
  EXPECT_EQ(s.exit_code(), 0) << s.analysis.error << s.store_error;
  EXPECT_EQ(s.fetched, static_cast<std::size_t>(kExecutions));
  EXPECT_EQ(s.queued, static_cast<std::size_t>(kExecutions));
  EXPECT_EQ(s.analysis.analyzed, static_cast<uint64_t>(kExecutions))
      << "already stored " << s.analysis.already_stored << ", inserted "
      << s.analysis.stored.inserted << ", unchanged " << s.analysis.stored.unchanged;
  auto n = [&](const char* sql) { return store::testing::RawDb::of(*store).scalar(sql); };
  EXPECT_EQ(n("SELECT count(*) FROM raw_executions"), kExecutions);
  EXPECT_EQ(n("SELECT count(DISTINCT id) FROM raw_executions"), kExecutions);
  EXPECT_EQ(n("SELECT count(*) FROM queries"), kExecutions);
  EXPECT_EQ(n("SELECT count(DISTINCT id) FROM queries"), kExecutions);
  EXPECT_EQ(n("SELECT count(*) FROM raw_pending"), 0);
}

} // namespace
} // namespace athena::pull
