// Pulling query history from the fake Athena (tests/fakes/fake_athena.py): throughput with no
// rate limit, and time against the minimum Athena's quotas allow when the fake enforces them.
//   build/athena_pull_bench --benchmark_filter=NoRateLimit
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include <benchmark/benchmark.h>

#include "src/athena/athena_client.h"
#include "tests/support/fake_process.h"

namespace {

using namespace athena::aws;

constexpr const char* kKey = "AKIDBENCH";
constexpr const char* kSecret = "bench-secret";

// The fake server as a child process, holding the bench's access key.
class Fake {
public:
  explicit Fake(std::vector<std::string> args)
      : process_(std::filesystem::path(ATHENA_SOURCE_DIR) / "tests/fakes/fake_athena.py",
                 with_key(std::move(args))) {}
  std::string url() const { return process_.url(); }
  bool ok() const { return process_.ok(); }

private:
  static std::vector<std::string> with_key(std::vector<std::string> args) {
    args.insert(args.begin(), {"--key", std::string(kKey) + ":" + kSecret});
    return args;
  }
  athena::testing::FakeProcess process_;
};

AthenaClientOptions options(const Fake& fake) {
  AthenaClientOptions o;
  o.endpoint = resolve_athena_endpoint({fake.url(), "us-east-1", false, false, false, ""});
  o.retry.base_seconds = 0.05;
  o.retry.max_attempts = 10;
  return o;
}

std::shared_ptr<CachingCredentials> creds() {
  return std::make_shared<CachingCredentials>(
      make_static_provider("explicit", Credentials{kKey, athena::util::Secret(kSecret),
                                                   athena::util::Secret(), std::nullopt, ""}));
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
