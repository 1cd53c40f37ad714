// Lexing and parsing throughput on the TPC-DS and TPC-H corpus (../shared/corpus) repeated to at
// least 16 MB, and the AST's memory per statement.
//
//   build/bench/parser_bench --benchmark_min_time=2
//
// Targets (one core): lex >= 500 MB/s, parse >= 100 MB/s, AST + tokens <= 8x statement bytes.
#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <benchmark/benchmark.h>
#include <malloc.h>

#include "parser/lexer.h"
#include "parser/parser.h"
#include "parser/token_stream.h"

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

// Every corpus statement once, each ending with ";\n".
const std::vector<std::string>& corpus_statements() {
  static const std::vector<std::string> statements = [] {
    std::vector<std::string> out;
    std::vector<fs::path> files;
    for (const char* sub : {"corpus/tpcds", "corpus/tpch"}) {
      fs::path dir = shared_dir() / sub;
      if (!fs::exists(dir)) continue;
      for (const auto& e : fs::directory_iterator(dir)) {
        if (e.path().extension() == ".sql") files.push_back(e.path());
      }
    }
    std::sort(files.begin(), files.end());
    for (const auto& f : files) {
      std::string text = read(f);
      athena::sql::ParseResult r = athena::sql::parse(text);
      for (const auto& st : r.statements()) {
        out.push_back(text.substr(st.span.begin, st.span.end - st.span.begin) + ";\n");
      }
    }
    return out;
  }();
  return statements;
}

// The corpus repeated to at least 16 MiB.
const std::string& workload() {
  static const std::string text = [] {
    std::string out;
    const auto& stmts = corpus_statements();
    if (stmts.empty()) return out;
    while (out.size() < (16u << 20)) {
      for (const auto& s : stmts)
        out += s;
    }
    return out;
  }();
  return text;
}

bool require_corpus(benchmark::State& state) {
  if (workload().empty()) {
    state.SkipWithError("../shared/corpus is absent (set ATHENA_SHARED_DIR)");
    return false;
  }
  return true;
}

// Heap bytes in use (small chunks and mmapped blocks), from glibc.
double heap_in_use() {
  struct mallinfo2 m = mallinfo2();
  return static_cast<double>(m.uordblks + m.hblkhd);
}

// Memory of a whole parse of the workload: what the ParseResult holds (every statement's AST in
// the arena, which is mapped outside the heap, plus the statement list on the heap) and,
// separately, the most one statement's tokens took (they are transient), over the workload's bytes.
void BM_WorkloadMemory(benchmark::State& state) {
  if (!require_corpus(state)) return;
  const std::string& text = workload();
  double heap = 0;
  double arena = 0;
  double committed = 0;
  double tokens = 0;
  for (auto _ : state) {
    const double before = heap_in_use();
    athena::sql::ParseResult r = athena::sql::parse(text);
    heap = heap_in_use() - before;
    arena = static_cast<double>(r.arena().bytes_used());
    committed = static_cast<double>(r.arena().bytes_reserved());
    tokens = static_cast<double>(r.token_bytes());
    benchmark::DoNotOptimize(r);
  }
  const double size = static_cast<double>(text.size());
  state.counters["held_x"] = (heap + arena) / size;
  state.counters["arena_x"] = arena / size;
  state.counters["arena_committed_x"] = committed / size;
  state.counters["statement_token_bytes"] = tokens;
}
BENCHMARK(BM_WorkloadMemory)->Unit(benchmark::kMillisecond)->Iterations(1);

// Lexing alone: every token of the workload into a reusable buffer, as the statement splitter
// does (Lexer::next_batch).
void BM_Lex(benchmark::State& state) {
  if (!require_corpus(state)) return;
  const std::string& text = workload();
  std::vector<athena::sql::Token> buffer(4096);
  size_t tokens = 0;
  for (auto _ : state) {
    athena::sql::Lexer lexer(text);
    size_t n = 0;
    while (true) {
      size_t got = lexer.next_batch(buffer.data(), buffer.size());
      n += got;
      if (buffer[got - 1].type == athena::sql::Tok::kEnd) break;
    }
    tokens = n - 1;
    benchmark::DoNotOptimize(buffer.data());
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
  state.counters["tokens"] = static_cast<double>(tokens);
}
BENCHMARK(BM_Lex)->Unit(benchmark::kMillisecond);

void BM_Split(benchmark::State& state) {
  if (!require_corpus(state)) return;
  const std::string& text = workload();
  std::vector<athena::sql::Token> tokens;
  for (auto _ : state) {
    athena::sql::StatementSplitter splitter(text);
    athena::sql::StatementTokens where;
    size_t n = 0;
    while (splitter.next(tokens, where))
      ++n;
    benchmark::DoNotOptimize(n);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
}
BENCHMARK(BM_Split)->Unit(benchmark::kMillisecond);

void BM_Parse(benchmark::State& state) {
  if (!require_corpus(state)) return;
  const std::string& text = workload();
  size_t statements = 0;
  size_t failed = 0;
  size_t arena = 0;
  for (auto _ : state) {
    athena::sql::ParseResult r = athena::sql::parse(text);
    statements = r.statements().size();
    failed = r.failed();
    arena = r.arena().bytes_used();
    benchmark::DoNotOptimize(r);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
  state.counters["statements"] = static_cast<double>(statements);
  state.counters["failed"] = static_cast<double>(failed);
  state.counters["arena_per_byte"] = static_cast<double>(arena) / static_cast<double>(text.size());
}
BENCHMARK(BM_Parse)->Unit(benchmark::kMillisecond);

// Peak memory per statement: each statement parsed alone; the arena's bytes (AST) and its
// tokens' bytes, over the statement's own bytes. Reports the worst and the mean ratio.
void BM_MemoryPerStatement(benchmark::State& state) {
  if (!require_corpus(state)) return;
  double worst_arena = 0;
  double worst_total = 0;
  double sum_arena = 0;
  size_t n = 0;
  for (auto _ : state) {
    worst_arena = worst_total = sum_arena = 0;
    n = 0;
    for (const auto& s : corpus_statements()) {
      athena::sql::ParseResult r = athena::sql::parse(s);
      size_t tokens = r.token_bytes();
      double size = static_cast<double>(s.size());
      double arena = static_cast<double>(r.arena().bytes_used());
      worst_arena = std::max(worst_arena, arena / size);
      worst_total = std::max(worst_total, (arena + static_cast<double>(tokens)) / size);
      sum_arena += arena / size;
      ++n;
    }
  }
  state.counters["statements"] = static_cast<double>(n);
  state.counters["arena_x_max"] = worst_arena;
  state.counters["arena_x_mean"] = n ? sum_arena / static_cast<double>(n) : 0;
  state.counters["arena+tokens_x_max"] = worst_total;
}
BENCHMARK(BM_MemoryPerStatement)->Unit(benchmark::kMillisecond)->Iterations(1);

} // namespace

BENCHMARK_MAIN();
