// Pulling query history from the fake Athena (tests/fakes/fake_athena.py): throughput with no
// rate limit, and time against the minimum Athena's quotas allow when the fake enforces them.
//   build/athena_pull_bench --benchmark_filter=NoRateLimit
#include <chrono>
#include <cmath>
#include <cstdio>
#include <set>
#include <string>
#include <vector>

#include <benchmark/benchmark.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include "src/aws/athena_client.h"

extern char** environ;

namespace {

using namespace athena::aws;

constexpr const char* kKey = "AKIDBENCH";
constexpr const char* kSecret = "bench-secret";

// The fake server as a child process; the port is read from its first line.
class Fake {
public:
  explicit Fake(std::vector<std::string> args) {
    std::vector<std::string> argv = {"python3",
                                     "-u",
                                     std::string(ATHENA_SOURCE_DIR) + "/tests/fakes/fake_athena.py",
                                     "--port",
                                     "0",
                                     "--key",
                                     std::string(kKey) + ":" + kSecret};
    argv.insert(argv.end(), args.begin(), args.end());
    int out[2];
    if (pipe(out) != 0) return;
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_adddup2(&fa, out[1], 1);
    posix_spawn_file_actions_addclose(&fa, out[0]);
    std::vector<char*> cargs;
    for (auto& a : argv)
      cargs.push_back(a.data());
    cargs.push_back(nullptr);
    if (posix_spawnp(&pid_, "python3", &fa, nullptr, cargs.data(), environ) != 0) pid_ = -1;
    posix_spawn_file_actions_destroy(&fa);
    close(out[1]);
    FILE* f = fdopen(out[0], "r");
    char line[128] = {0};
    if (f != nullptr && std::fgets(line, sizeof line, f) != nullptr) {
      std::sscanf(line, "PORT %d", &port_);
    }
    if (f != nullptr) std::fclose(f);
  }
  ~Fake() {
    if (pid_ > 0) {
      kill(pid_, SIGTERM);
      int status = 0;
      waitpid(pid_, &status, 0);
    }
  }
  Fake(const Fake&) = delete;
  Fake& operator=(const Fake&) = delete;
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }
  bool ok() const { return port_ > 0; }

private:
  pid_t pid_ = -1;
  int port_ = 0;
};

AthenaClientOptions options(const Fake& fake) {
  AthenaClientOptions o;
  o.endpoint = resolve_athena_endpoint({fake.url(), "us-east-1", false, false, false});
  o.retry.base_seconds = 0.05;
  o.retry.max_attempts = 10;
  return o;
}

std::shared_ptr<CachingCredentials> creds() {
  return std::make_shared<CachingCredentials>(make_static_provider(
      "explicit", Credentials{kKey, Secret(kSecret), Secret(), std::nullopt, ""}));
}

// Pulls everything once per iteration; fails the benchmark unless every execution arrived once.
void pull_all(benchmark::State& state, AthenaClient& client, std::size_t expected) {
  std::set<std::string> ids;
  std::size_t duplicates = 0;
  PullOptions o;
  o.on_batch = [&](std::vector<FetchedExecution>&& batch) {
    for (auto& e : batch)
      duplicates += ids.insert(e.id).second ? 0 : 1;
  };
  PullResult r = client.pull(o);
  if (!r.complete() || ids.size() != expected || duplicates != 0) {
    state.SkipWithError("pull incomplete or duplicated");
  }
}

void BM_PullNoRateLimit(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  Fake fake({"--generate", std::to_string(n), "--workgroups", "4"});
  if (!fake.ok()) {
    state.SkipWithError("cannot start tests/fakes/fake_athena.py (python3 missing?)");
    return;
  }
  for (auto _ : state) {
    AthenaClientOptions o = options(fake);
    o.list_query_executions_rate = 0;
    o.batch_get_rate = 0;
    o.other_rate = 0;
    AthenaClient client(o, creds());
    pull_all(state, client, n);
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * n));
}
BENCHMARK(BM_PullNoRateLimit)->Arg(100000)->Iterations(1)->Unit(benchmark::kSecond)->UseRealTime();

// The fake enforces Athena's quotas (ListQueryExecutions 5/s burst 10, BatchGet 20/s burst 40);
// the client paces itself at the same rates and bursts. "ratio" is the time taken over the
// minimum the quotas allow: (list pages − burst) / 5 s.
void BM_PullWithAthenaQuotas(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  Fake fake({"--generate", std::to_string(n), "--workgroups", "1", "--quota-list", "5",
             "--quota-list-burst", "10", "--quota-batch", "20", "--quota-batch-burst", "40"});
  if (!fake.ok()) {
    state.SkipWithError("cannot start tests/fakes/fake_athena.py (python3 missing?)");
    return;
  }
  double seconds = 0;
  for (auto _ : state) {
    AthenaClientOptions o = options(fake);
    o.list_query_executions_rate = 5;
    o.list_query_executions_burst = 10;
    o.batch_get_rate = 20;
    o.batch_get_burst = 40;
    AthenaClient client(o, creds());
    const auto t0 = std::chrono::steady_clock::now();
    pull_all(state, client, n);
    seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    state.counters["throttled"] = static_cast<double>(client.stats().throttled);
  }
  const double pages = std::ceil(static_cast<double>(n) / 50.0);
  const double minimum = std::max(pages - 10.0, 0.0) / 5.0;
  state.counters["min_seconds"] = minimum;
  state.counters["ratio"] = minimum > 0 ? seconds / minimum : 0;
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * n));
}
BENCHMARK(BM_PullWithAthenaQuotas)
    ->Arg(10000)
    ->Iterations(1)
    ->Unit(benchmark::kSecond)
    ->UseRealTime();

} // namespace

BENCHMARK_MAIN();
