// Parse + resolve + all column lineage of the TPC-DS and TPC-H workload (../shared/corpus) with
// the TPC schemas, as `analyze` runs it per query: one statement at a time, fresh context.
//
//   build/bench/lineage_bench --benchmark_min_time=2
//
// Target (one core): >= 30 MB/s of SQL (about 20,000 queries/s).
#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <benchmark/benchmark.h>

#include "lineage/lineage.h"
#include "parser/parser.h"
#include "src/catalog/schema_file.h"

namespace {

namespace fs = std::filesystem;

fs::path shared_dir() {
  if (const char* env = std::getenv("ATHENA_SHARED_DIR")) return env;
  return ATHENA_DEFAULT_SHARED_DIR;
}

std::string read(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

struct Workload {
  std::vector<std::pair<std::string, std::string>> queries; // (schema, text)
  size_t bytes = 0;
};

const Workload& workload() {
  static const Workload w = [] {
    Workload out;
    for (const char* sub : {"tpcds", "tpch"}) {
      fs::path dir = shared_dir() / "corpus" / sub;
      if (!fs::exists(dir)) continue;
      std::vector<fs::path> files;
      for (const auto& e : fs::directory_iterator(dir)) {
        if (e.path().extension() == ".sql") files.push_back(e.path());
      }
      std::sort(files.begin(), files.end());
      for (const auto& f : files) {
        std::string text = read(f);
        athena::sql::ParseResult r = athena::sql::parse(text);
        for (const auto& st : r.statements()) {
          out.queries.emplace_back(sub, text.substr(st.span.begin, st.span.end - st.span.begin));
          out.bytes += st.span.end - st.span.begin;
        }
      }
    }
    return out;
  }();
  return w;
}

const athena::lineage::SchemaCatalog& tpc_catalog() {
  static const athena::lineage::SchemaCatalog catalog = [] {
    athena::lineage::SchemaCatalog c;
    if (!athena::catalog::load_schema_file(
            (fs::path(ATHENA_SOURCE_DIR) / "tests/lineage/testdata/tpc_schema.json").string(), c)) {
      std::abort(); // the committed schema always loads
    }
    return c;
  }();
  return catalog;
}

void BM_ParseAndLineage(benchmark::State& state) {
  const Workload& w = workload();
  if (w.queries.empty()) {
    state.SkipWithError("../shared/corpus is absent (set ATHENA_SHARED_DIR)");
    return;
  }
  const auto& catalog = tpc_catalog();
  size_t columns = 0;
  for (auto _ : state) {
    for (const auto& [schema, text] : w.queries) {
      athena::lineage::LineageOptions options;
      options.default_schema = schema;
      athena::sql::ParseResult parsed = athena::sql::parse(text);
      for (const auto& st : parsed.statements()) {
        if (!st.ok()) continue;
        auto lin = athena::lineage::analyze_statement(*st.ast, text, options, catalog);
        columns += lin.columns.size();
        benchmark::DoNotOptimize(lin);
      }
    }
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * w.bytes));
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * w.queries.size()));
  state.counters["columns_per_pass"] =
      static_cast<double>(columns) / static_cast<double>(state.iterations());
}
BENCHMARK(BM_ParseAndLineage)->Unit(benchmark::kMillisecond);

void BM_LineageOnly(benchmark::State& state) {
  const Workload& w = workload();
  if (w.queries.empty()) {
    state.SkipWithError("../shared/corpus is absent (set ATHENA_SHARED_DIR)");
    return;
  }
  const auto& catalog = tpc_catalog();
  std::vector<athena::sql::ParseResult> parsed;
  parsed.reserve(w.queries.size());
  for (const auto& q : w.queries)
    parsed.push_back(athena::sql::parse(q.second));
  for (auto _ : state) {
    for (size_t i = 0; i < w.queries.size(); ++i) {
      athena::lineage::LineageOptions options;
      options.default_schema = w.queries[i].first;
      for (const auto& st : parsed[i].statements()) {
        if (!st.ok()) continue;
        auto lin =
            athena::lineage::analyze_statement(*st.ast, w.queries[i].second, options, catalog);
        benchmark::DoNotOptimize(lin);
      }
    }
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * w.bytes));
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * w.queries.size()));
}
BENCHMARK(BM_LineageOnly)->Unit(benchmark::kMillisecond);

} // namespace

BENCHMARK_MAIN();
