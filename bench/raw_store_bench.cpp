// Stores a history file's QueryExecution records as `pull` stores what it fetches
// (PullState::put, batches of 50 like BatchGetQueryExecution), then empties the analysis queue
// as a finished pull does. Used by bench/db_size_bench.sh to size a `pull` database without
// an Athena endpoint; not a Google Benchmark.
//   build/raw_store_bench DB HISTORY.jsonl
#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include <simdjson.h>

#include "src/store/pull_state.h"
#include "src/store/store.h"

int main(int argc, char** argv) {
  using namespace athena::store;
  if (argc != 3) {
    std::fprintf(stderr, "usage: raw_store_bench DB HISTORY.jsonl\n");
    return 2;
  }
  std::ifstream in(argv[2]);
  if (!in) {
    std::fprintf(stderr, "raw_store_bench: cannot read %s\n", argv[2]);
    return 2;
  }
  auto opened = Store::open(argv[1], StoreOptions{});
  if (!opened) {
    std::fprintf(stderr, "raw_store_bench: %s\n", opened.error().c_str());
    return 1;
  }
  auto store = std::move(opened).value();
  PullState pull(*store);
  simdjson::dom::parser parser;
  std::vector<RawExecution> batch;
  std::string line;
  long lineno = 0;
  size_t stored = 0;
  auto flush = [&] {
    if (batch.empty()) return true;
    if (const athena::util::Status put = pull.put(batch); !put) {
      std::fprintf(stderr, "raw_store_bench: %s\n", put.error().c_str());
      return false;
    }
    stored += batch.size();
    batch.clear();
    return true;
  };
  while (std::getline(in, line)) {
    ++lineno;
    simdjson::dom::element e;
    if (parser.parse(line).get(e) != simdjson::SUCCESS) {
      std::fprintf(stderr, "raw_store_bench: %s:%ld: not JSON\n", argv[2], lineno);
      return 1;
    }
    RawExecution r;
    std::string_view s;
    if (e["QueryExecutionId"].get(s) == simdjson::SUCCESS) r.id = s;
    if (e["WorkGroup"].get(s) == simdjson::SUCCESS) r.workgroup = s;
    if (e["Status"]["State"].get(s) == simdjson::SUCCESS) r.state = s;
    double t = 0;
    if (e["Status"]["SubmissionDateTime"].get(t) == simdjson::SUCCESS) {
      r.submitted_ms = static_cast<int64_t>(t * 1000 + 0.5);
    }
    r.json = line;
    batch.push_back(std::move(r));
    if (batch.size() == 50 && !flush()) return 1;
  }
  if (!flush()) return 1;
  if (const athena::util::Status cleared = pull.clear_pending(); !cleared) {
    std::fprintf(stderr, "raw_store_bench: %s\n", cleared.error().c_str());
    return 1;
  }
  std::printf("raw_store_bench: %zu raw executions stored\n", stored);
  return 0;
}
