#include "src/analysis/pipeline.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <future>
#include <map>
#include <thread>

#include <unistd.h>

#include "lineage/lineage.h"
#include "parser/lexer.h"
#include "parser/parser.h"
#include "src/analysis/query_analysis.h"

namespace athena::analysis {

namespace {

using Clock = std::chrono::steady_clock;
constexpr size_t kMaxDiagnosticsKept = 10000;

// True when the query's first keyword may define a schema or a prepared statement (CREATE,
// ALTER, DROP, PREPARE): the first pass replays only those, in submission order.
bool may_define_schema(std::string_view sql) {
  sql::Lexer lexer(sql);
  sql::Token t = lexer.next();
  if (t.type != sql::Tok::kIdent) return false;
  std::string word(t.text(sql));
  for (char& c : word) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return word == "CREATE" || word == "ALTER" || word == "DROP" || word == "PREPARE";
}

// Prepared statements by (workgroup, name): their texts in submission order.
class PreparedStatements {
public:
  void add(const std::string& workgroup, const std::string& name, int64_t time_ms,
           std::string text) {
    by_key_[workgroup + '\x1f' + name].emplace_back(time_ms, std::move(text));
  }
  void sort() {
    for (auto& [key, v] : by_key_) {
      std::stable_sort(v.begin(), v.end(),
                       [](const auto& a, const auto& b) { return a.first < b.first; });
    }
  }
  std::optional<std::string> latest_before(std::string_view workgroup, std::string_view name,
                                           int64_t time_ms) const {
    std::string key(workgroup);
    key += '\x1f';
    key += name;
    auto it = by_key_.find(key);
    if (it == by_key_.end()) return std::nullopt;
    const std::string* best = nullptr;
    for (const auto& [t, text] : it->second) {
      if (t > time_ms) break;
      best = &text;
    }
    // A log may lack the submission time of the EXECUTE: fall back to the latest PREPARE.
    if (best == nullptr && time_ms == 0 && !it->second.empty()) best = &it->second.back().second;
    if (best == nullptr) return std::nullopt;
    return *best;
  }

private:
  std::map<std::string, std::vector<std::pair<int64_t, std::string>>> by_key_;
};

struct Progress {
  bool enabled = false;
  bool tty = false;
  Clock::time_point start = Clock::now();
  Clock::time_point last = Clock::now();
  uint64_t total_hint = 0; // records seen in the first pass, for the ETA

  void update(uint64_t done, bool final = false) {
    if (!enabled) return;
    const auto now = Clock::now();
    const double since_last = std::chrono::duration<double>(now - last).count();
    if (!final && since_last < (tty ? 0.2 : 5.0)) return;
    last = now;
    const double elapsed = std::chrono::duration<double>(now - start).count();
    const double rate = elapsed > 0 ? static_cast<double>(done) / elapsed : 0;
    if (tty) {
      const double frac =
          total_hint > 0 ? std::min(1.0, static_cast<double>(done) / total_hint) : 0.0;
      const int width = 30;
      const int filled = static_cast<int>(frac * width);
      const double eta = rate > 0 && total_hint > done ? (total_hint - done) / rate : 0;
      std::fprintf(stderr, "\r[%.*s%*s] %llu/%llu queries  %.0f/s  ETA %.0fs ", filled,
                   "##############################", width - filled, "",
                   static_cast<unsigned long long>(done),
                   static_cast<unsigned long long>(total_hint), rate, eta);
      if (final) std::fputc('\n', stderr);
    } else {
      std::fprintf(stderr, "athena-lineage: analyzed %llu of %llu queries (%.0f/s)\n",
                   static_cast<unsigned long long>(done),
                   static_cast<unsigned long long>(total_hint), rate);
    }
    std::fflush(stderr);
  }
};

// Analyzes `batch` on `threads` threads, each taking every threads-th record.
std::vector<store::AnalyzedQuery> analyze_batch(std::vector<model::QueryRecord> batch,
                                                const AnalysisContext& context, unsigned threads) {
  std::vector<store::AnalyzedQuery> out(batch.size());
  auto work = [&](size_t first) {
    for (size_t i = first; i < batch.size(); i += threads) {
      out[i].facts = analyze_query(batch[i], context);
      out[i].record = std::move(batch[i]);
    }
  };
  if (threads <= 1 || batch.size() < 64) {
    threads = 1;
    work(0);
    return out;
  }
  std::vector<std::thread> pool;
  for (unsigned t = 1; t < threads; ++t)
    pool.emplace_back(work, t);
  work(0);
  for (auto& th : pool)
    th.join();
  return out;
}

} // namespace

PipelineSummary run_pipeline(const std::vector<std::filesystem::path>& logs,
                             const PipelineOptions& options, lineage::SchemaCatalog& catalog,
                             store::Store& store) {
  PipelineSummary summary;
  const unsigned threads =
      options.threads > 0 ? options.threads : std::max(1U, std::thread::hardware_concurrency());

  // Pass 1: replay the statements that define schemas or prepared statements, in order.
  std::vector<model::QueryRecord> defining;
  uint64_t seen = 0;
  readers::ReadOptions first_pass = options.read;
  first_pass.skip_cloudtrail = true; // users do not matter for schemas
  readers::read_logs(
      logs, first_pass,
      [&](model::QueryRecord&& r) {
        ++seen;
        if (may_define_schema(r.query)) defining.push_back(std::move(r));
      },
      [](const readers::Diagnostic&) {});
  std::stable_sort(defining.begin(), defining.end(), [](const auto& a, const auto& b) {
    return a.submission_ms.value_or(0) < b.submission_ms.value_or(0);
  });
  PreparedStatements prepared;
  for (const model::QueryRecord& r : defining) {
    // A failed CREATE defined nothing.
    if (r.state == model::QueryState::kFailed || r.state == model::QueryState::kCancelled) {
      continue;
    }
    sql::ParseResult parsed = sql::parse(r.query);
    lineage::LineageOptions lo;
    lo.default_catalog =
        r.catalog.empty() ? options.default_catalog : lineage::to_lower_ascii(r.catalog);
    lo.default_schema = r.database;
    for (const auto& ps : parsed.statements()) {
      if (!ps.ok()) continue;
      ++summary.schema_statements;
      if (const auto* prep = ps.ast->dyn<sql::Prepare>()) {
        if (prep->statement != nullptr) {
          const sql::Span s = prep->statement->span;
          prepared.add(r.workgroup, prep->name.name(), r.submission_ms.value_or(0),
                       r.query.substr(s.begin, s.end - s.begin));
        }
        continue;
      }
      lineage::StatementLineage lin = lineage::analyze_statement(*ps.ast, r.query, lo, catalog);
      // Keep what a DROP forgets: earlier queries in the window still read that schema.
      if (lin.defines) catalog.put(*lin.defines);
    }
  }
  prepared.sort();
  defining.clear();
  defining.shrink_to_fit();

  AnalysisContext context;
  context.catalog = &catalog;
  context.default_catalog = options.default_catalog;
  context.prepared = [&prepared](std::string_view wg, std::string_view name, int64_t t) {
    return prepared.latest_before(wg, name, t);
  };

  // Pass 2: analyze in parallel batches while the previous batch is stored.
  Progress progress;
  progress.enabled = options.progress;
  progress.tty = isatty(STDERR_FILENO) != 0;
  progress.total_hint = seen;
  std::vector<model::QueryRecord> pending;
  pending.reserve(options.batch_size);
  std::future<std::vector<store::AnalyzedQuery>> in_flight;
  bool failed = false;
  auto store_results = [&](std::vector<store::AnalyzedQuery> results) {
    if (failed) return;
    for (const auto& q : results) {
      if (!q.facts.parsed) ++summary.parse_failed;
    }
    summary.analyzed += results.size();
    store::InsertStats stats;
    std::string error;
    if (!store.insert_batch(results, &stats, &error)) {
      summary.error = error;
      failed = true;
      return;
    }
    summary.stored.inserted += stats.inserted;
    summary.stored.replaced += stats.replaced;
    summary.stored.unchanged += stats.unchanged;
    progress.update(summary.analyzed + summary.already_stored);
  };
  auto dispatch = [&]() {
    if (in_flight.valid()) store_results(in_flight.get());
    if (pending.empty()) return;
    in_flight = std::async(std::launch::async, analyze_batch, std::move(pending),
                           std::cref(context), threads);
    pending = {};
    pending.reserve(options.batch_size);
  };
  summary.read = readers::read_logs(
      logs, options.read,
      [&](model::QueryRecord&& r) {
        if (failed) return;
        if (store.has_final_query(r.id)) {
          ++summary.already_stored;
          return;
        }
        pending.push_back(std::move(r));
        if (pending.size() >= options.batch_size) dispatch();
      },
      [&](const readers::Diagnostic& d) {
        if (!options.quiet_diagnostics) {
          std::fprintf(stderr, "%s: warning: %s\n", d.where.c_str(), d.message.c_str());
        }
        if (summary.diagnostics.size() < kMaxDiagnosticsKept) {
          summary.diagnostics.push_back(d);
        } else {
          ++summary.diagnostics_dropped;
        }
      });
  dispatch();
  dispatch(); // stores the last batch
  if (!failed) {
    std::string error;
    if (!store.refresh_aggregates(&error)) summary.error = error;
  }
  progress.update(summary.analyzed + summary.already_stored, true);
  return summary;
}

} // namespace athena::analysis
