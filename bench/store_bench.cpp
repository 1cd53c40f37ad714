// Store throughput: queries per second into SQLite with their facts, and the aggregate
// refresh that follows, in CPU time of the process (the shared machine is loaded, so wall
// time says little). Run: build/store_bench --benchmark_counters_tabular=true
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include <benchmark/benchmark.h>
#include <unistd.h>

#include "src/store/store.h"

namespace {

using athena::model::QueryState;
using athena::store::AnalyzedQuery;
using athena::store::Store;

/// A realistic mix: 200 tables in 10 schemas, 30 days, 20 users, about 1 in 3 queries
/// writing a table (with column edges), most reading 1-3 tables with a join.
std::vector<AnalyzedQuery> generate(size_t n, size_t offset) {
  std::vector<AnalyzedQuery> out;
  out.reserve(n);
  uint64_t seed = 0x9E3779B97F4A7C15ULL ^ offset;
  auto next = [&]() {
    seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<uint32_t>(seed >> 33);
  };
  auto table = [](uint32_t i) {
    return athena::model::TableName{"awsdatacatalog", "schema" + std::to_string(i % 10),
                                    "table" + std::to_string(i % 200)};
  };
  for (size_t i = 0; i < n; ++i) {
    AnalyzedQuery a;
    auto& r = a.record;
    r.id = "5c0f7e1a-93b2-4d6e-8f41-" + std::to_string(100000000000 + offset + i);
    r.state = next() % 20 == 0 ? QueryState::kFailed : QueryState::kSucceeded;
    r.submission_ms = 1736899200000 + static_cast<int64_t>(next() % (30 * 86400)) * 1000;
    r.completion_ms = *r.submission_ms + 4000;
    r.data_scanned_bytes = static_cast<int64_t>(next()) * 100;
    r.engine_ms = 3000;
    r.total_ms = 4000;
    r.queue_ms = 100;
    r.workgroup = "analytics-etl";
    r.engine_version = "Athena engine version 3";
    r.statement_type = "DML";
    r.catalog = "AwsDataCatalog";
    r.database = "schema1";
    r.user = "user" + std::to_string(next() % 20);
    r.output_location = "s3://example-athena-results/analytics-etl/" + r.id + ".csv";
    r.origin = "bench.json#record " + std::to_string(offset + i + 1);
    auto& f = a.facts;
    uint32_t nread = 1 + next() % 3;
    for (uint32_t k = 0; k < nread; ++k)
      f.tables_read.push_back(table(next()));
    std::sort(f.tables_read.begin(), f.tables_read.end());
    f.tables_read.erase(std::unique(f.tables_read.begin(), f.tables_read.end()),
                        f.tables_read.end());
    r.query = "SELECT o.order_id, c.customer_name, o.total_amount, o.status, o.order_date\nFROM " +
              f.tables_read[0].text() + " o\nJOIN " + f.tables_read.back().text() +
              " c ON o.customer_id = c.customer_id\nWHERE o.order_date >= DATE '2025-01-01' AND "
              "o.status IN ('shipped', 'delivered')\nGROUP BY 1, 2, 3, 4, 5 ORDER BY 3 DESC";
    bool writes = next() % 3 == 0;
    f.statement_kinds = {writes ? athena::lineage::StatementKind::kInsert
                                : athena::lineage::StatementKind::kSelect};
    f.is_usage = true;
    f.parsed = true;
    f.lineage_complete = true;
    if (writes) {
      const athena::model::TableName target = table(next());
      f.tables_written = {target};
      for (const auto& s : f.tables_read)
        f.table_edges.push_back({s, target});
      for (int c = 0; c < 5; ++c) {
        f.column_edges.push_back(
            {{f.tables_read[c % f.tables_read.size()], "col" + std::to_string(c)},
             {target, "col" + std::to_string(c)},
             athena::lineage::Transform::kIdentity,
             false});
      }
    }
    for (int c = 0; c < 6; ++c) {
      using athena::lineage::Clause;
      static const Clause kClauses[] = {Clause::kSelect, Clause::kSelect, Clause::kSelect,
                                        Clause::kWhere,  Clause::kJoin,   Clause::kGroupBy};
      f.column_reads.push_back(
          {{f.tables_read[c % f.tables_read.size()], "col" + std::to_string(next() % 12)},
           kClauses[c]});
    }
    std::sort(f.column_reads.begin(), f.column_reads.end());
    f.column_reads.erase(std::unique(f.column_reads.begin(), f.column_reads.end()),
                         f.column_reads.end());
    if (f.tables_read.size() > 1) {
      f.joins.push_back({f.tables_read[0], f.tables_read[1], "inner", {"customer_id=customer_id"}});
    }
    f.fingerprint = next() % 5000;
    f.fingerprint_text = "SELECT ... /* shape " + std::to_string(f.fingerprint) + " */";
    out.push_back(std::move(a));
  }
  return out;
}

std::filesystem::path bench_db() {
  return std::filesystem::temp_directory_path() /
         ("athena-store-bench-" + std::to_string(getpid()) + ".db");
}

void remove_db(const std::filesystem::path& p) {
  for (const char* suffix : {"", "-wal", "-shm"})
    std::filesystem::remove(p.string() + suffix);
}

/// Inserting N queries in batches of 5,000 into a fresh database, then refreshing the
/// aggregates; items/s is queries stored per second including the refresh.
void BM_StoreInsertAndRefresh(benchmark::State& state) {
  const auto n = static_cast<size_t>(state.range(0));
  constexpr size_t kBatch = 5000;
  std::vector<std::vector<AnalyzedQuery>> batches;
  for (size_t i = 0; i < n; i += kBatch)
    batches.push_back(generate(std::min(kBatch, n - i), i));
  double refresh_seconds = 0;
  for (auto _ : state) {
    state.PauseTiming();
    auto path = bench_db();
    remove_db(path);
    auto opened = Store::open(path, athena::store::StoreOptions{});
    if (!opened) {
      state.SkipWithError(opened.error().c_str());
      return;
    }
    auto store = std::move(opened).value();
    state.ResumeTiming();
    for (const auto& b : batches) {
      if (const auto stored = store->insert_batch(b, nullptr); !stored) {
        state.SkipWithError(stored.error().c_str());
        return;
      }
    }
    auto t0 = std::chrono::steady_clock::now();
    if (const auto refreshed = store->refresh_aggregates(); !refreshed) {
      state.SkipWithError(refreshed.error().c_str());
      return;
    }
    refresh_seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    state.PauseTiming();
    store.reset();
    state.counters["db_MiB"] =
        static_cast<double>(std::filesystem::file_size(path)) / (1024.0 * 1024.0);
    remove_db(path);
    state.ResumeTiming();
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * n));
  state.counters["refresh_s"] = refresh_seconds / static_cast<double>(state.iterations());
  // CPU microseconds per query, insert and refresh together.
  state.counters["cpu_us_per_query"] =
      benchmark::Counter(static_cast<double>(state.iterations() * n) / 1e6,
                         benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
}
BENCHMARK(BM_StoreInsertAndRefresh)
    ->Arg(100000)
    ->Unit(benchmark::kMillisecond)
    ->MeasureProcessCPUTime();

} // namespace

BENCHMARK_MAIN();
