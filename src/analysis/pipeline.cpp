#include "src/analysis/pipeline.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <deque>
#include <exception>
#include <functional>
#include <iterator>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <thread>

#include <unistd.h>

#include "lineage/lineage.h"
#include "parser/parser.h"
#include "src/analysis/analysis_limits.h"
#include "src/analysis/dbt_relations.h"
#include "src/analysis/late_definitions.h"
#include "src/analysis/query_analysis.h"
#include "src/analysis/schema_statements.h"
#include "src/analysis/skipped_creates.h"
#include "src/store/late_queries.h"
#include "src/store/sqlite_db.h"
#include "src/store/stored_definitions.h"
#include "src/util/cpu_time.h"
#include "src/util/stack_thread.h"

namespace athena::analysis {

namespace {

using Clock = std::chrono::steady_clock;
constexpr size_t kMaxDiagnosticsKept = 10000;
// Queries per store transaction, at most (whole analysis batches).
constexpr size_t kCommitQueries = 65536;

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
  [[nodiscard]] std::optional<std::string>
  latest_before(std::string_view workgroup, std::string_view name, int64_t time_ms) const {
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
          total_hint > 0
              ? std::min(1.0, static_cast<double>(done) / static_cast<double>(total_hint))
              : 0.0;
      const int width = 30;
      const int filled = static_cast<int>(frac * width);
      const double eta =
          rate > 0 && total_hint > done ? static_cast<double>(total_hint - done) / rate : 0;
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

// Pass 2 as three stages that overlap on all cores: the caller's thread reads records into
// batches; `threads` workers analyze whole batches; one writer stores them in input order
// (ids of tables and columns follow first-seen order) and commits every few batches.
// Batches in the system are bounded, so memory stays flat whatever the input size.
class AnalyzeAndStore {
public:
  /// `store` stores one batch; `commit` ends a group of stored batches. Both run on the
  /// writer thread only, and return false on failure. `encode` prepares an analyzed batch
  /// for storing on the analysis thread (Store::encode_batch).
  /// With `timed`, times() tells where the threads' CPU went.
  AnalyzeAndStore(const AnalysisContext& context, unsigned threads, size_t commit_queries,
                  size_t max_batches, std::function<bool(std::vector<store::AnalyzedQuery>&)> store,
                  std::function<bool()> commit,
                  std::function<void(std::vector<store::AnalyzedQuery>&)> encode, bool timed)
      : context_(context), commit_queries_(commit_queries), max_batches_(max_batches),
        store_(std::move(store)), commit_(std::move(commit)), encode_(std::move(encode)),
        timed_(timed) {
    // Deep statement trees recurse deeply: analysis threads get a large stack.
    for (unsigned t = 0; t < threads; ++t)
      workers_.emplace_back(kAnalysisStackBytes, [this] { analyze_loop(); });
    writer_ = std::thread([this] { write_loop(); });
  }
  AnalyzeAndStore(const AnalyzeAndStore&) = delete;
  AnalyzeAndStore& operator=(const AnalyzeAndStore&) = delete;
  ~AnalyzeAndStore() { finish(); }

  /// Queues a batch for analysis; blocks while too many batches are in the system.
  void submit(std::vector<model::QueryRecord> batch) {
    std::unique_lock lock(mutex_);
    room_.wait(lock, [&] { return in_system_ < max_batches_ || failed_; });
    if (failed_) return;
    ++in_system_;
    todo_.push_back(Job{next_seq_++, std::move(batch)});
    work_.notify_one();
    // A reader that uses the store itself must not run while the writer does.
    if (max_batches_ == 1) room_.wait(lock, [&] { return in_system_ == 0 || failed_; });
  }

  /// True once storing failed: reading may stop.
  bool failed() {
    std::lock_guard lock(mutex_);
    return failed_;
  }

  /// Waits until everything submitted is stored and committed (or storing failed), then
  /// stops the threads.
  void finish() {
    {
      std::lock_guard lock(mutex_);
      if (closed_) return;
      closed_ = true;
    }
    work_.notify_all();
    done_.notify_all();
    for (auto& t : workers_)
      t.join();
    writer_.join();
  }

  /// After finish(): the analysis threads' CPU seconds by phase (`analysis`, with the rest in
  /// `analysis_other`) and the writer thread's (`store`, everything store() and commit() did).
  [[nodiscard]] const StageTimes& times() const { return times_; }

private:
  struct Job {
    uint64_t seq = 0;
    std::vector<model::QueryRecord> records;
  };

  void analyze_loop() {
    QueryPhaseTimes phases; // CPU seconds of this thread, by phase
    std::vector<std::vector<store::AnalyzedQuery>> spent;
    for (;;) {
      Job job;
      {
        std::unique_lock lock(mutex_);
        work_.wait(lock, [&] { return !todo_.empty() || closed_; });
        if (todo_.empty()) break;
        job = std::move(todo_.front());
        todo_.pop_front();
        spent.swap(spent_);
      }
      spent.clear(); // the stored batches are freed here, not on the writer thread
      QueryPhaseTimes wall;
      const double cpu_start = timed_ ? util::thread_cpu_seconds() : 0;
      const double wall_start = timed_ ? util::monotonic_seconds() : 0;
      std::vector<store::AnalyzedQuery> out(job.records.size());
      for (size_t i = 0; i < job.records.size(); ++i) {
        out[i].facts = analyze_query(job.records[i], context_, timed_ ? &wall : nullptr);
        out[i].record = std::move(job.records[i]);
      }
      encode_(out);
      if (timed_)
        add_cpu_share(wall, util::thread_cpu_seconds() - cpu_start,
                      util::monotonic_seconds() - wall_start, phases);
      {
        std::lock_guard lock(mutex_);
        analyzed_.emplace(job.seq, std::move(out));
      }
      done_.notify_all();
    }
    if (!timed_) return;
    const double cpu = util::thread_cpu_seconds();
    std::lock_guard lock(mutex_);
    times_.analysis += phases;
    times_.analysis_other += cpu - phases.sum();
  }

  // Splits `cpu` seconds of one batch between its phases in proportion to their `wall` times
  // (a thread preempted on a busy machine has more wall time than CPU time).
  static void add_cpu_share(const QueryPhaseTimes& wall, double cpu, double batch_wall,
                            QueryPhaseTimes& phases) {
    const double scale = batch_wall > 0 ? std::min(1.0, cpu / batch_wall) : 0;
    phases.fingerprint += wall.fingerprint * scale;
    phases.parse += wall.parse * scale;
    phases.lineage += wall.lineage * scale;
    phases.facts += wall.facts * scale;
  }

  void write_loop() {
    size_t uncommitted = 0;   // queries stored since the last commit
    size_t commit_target = 0; // grows: the first results land quickly, later ones in bulk
    bool ok = true;
    for (;;) {
      std::vector<store::AnalyzedQuery> batch;
      bool end = false;
      {
        std::unique_lock lock(mutex_);
        done_.wait(lock, [&] {
          return analyzed_.count(next_store_) > 0 || (closed_ && next_store_ == next_seq_);
        });
        auto it = analyzed_.find(next_store_);
        if (it != analyzed_.end()) {
          batch = std::move(it->second);
          analyzed_.erase(it);
          ++next_store_;
        }
        end = closed_ && next_store_ == next_seq_;
      }
      const bool took = !batch.empty();
      if (ok && took) {
        ok = store_(batch);
        uncommitted += batch.size();
      }
      if (ok && uncommitted > 0 && (uncommitted >= commit_target || end)) {
        ok = commit_();
        commit_target = std::min(std::max(commit_target, uncommitted) * 2, commit_queries_);
        uncommitted = 0;
      }
      {
        std::lock_guard lock(mutex_);
        if (took) --in_system_;
        if (!ok) failed_ = true;
        // Freeing a batch's records and facts is left to an analysis thread: the writer is
        // the pipeline's one serial stage.
        if (took && !closed_) spent_.push_back(std::move(batch));
      }
      room_.notify_all();
      if (end) break;
    }
    if (timed_) times_.store = util::thread_cpu_seconds(); // read after finish() joins
  }

  const AnalysisContext& context_;
  const size_t commit_queries_;
  const size_t max_batches_;
  std::function<bool(std::vector<store::AnalyzedQuery>&)> store_;
  std::function<bool()> commit_;
  std::function<void(std::vector<store::AnalyzedQuery>&)> encode_;
  const bool timed_;
  StageTimes times_;

  std::mutex mutex_;
  std::condition_variable work_; // todo_ has a job, or closed
  std::condition_variable done_; // a batch was analyzed, or closed
  std::condition_variable room_; // a batch was stored
  std::deque<Job> todo_;
  std::vector<std::vector<store::AnalyzedQuery>> spent_; // stored, to be freed by a worker
  std::map<uint64_t, std::vector<store::AnalyzedQuery>> analyzed_; // by seq, awaiting the writer
  uint64_t next_seq_ = 0;
  uint64_t next_store_ = 0;
  size_t in_system_ = 0; // batches submitted and not yet stored
  bool closed_ = false;
  bool failed_ = false;
  std::vector<util::StackThread> workers_;
  std::thread writer_;
};

// Adds to `defining` what earlier runs stored that may define a schema or a prepared statement
// (a view created last week, a statement prepared yesterday), once each: a record this run
// also has (same submission time and text) is not replayed twice. `late` learns which
// definitions earlier runs stored.
void add_stored_definitions(store::Store& store, std::mutex& store_mutex,
                            std::vector<model::QueryRecord>& defining, PipelineSummary& summary,
                            LateDefinitions& late) {
  util::Result<std::vector<model::QueryRecord>> stored = [&] {
    std::lock_guard lock(store_mutex);
    return store::stored_definitions(store, [](std::string_view sql) {
      return may_define_schema(sql) && defines_something(sql);
    });
  }();
  const util::Result<int64_t> last_key = [&] {
    std::lock_guard lock(store_mutex);
    return store::last_query_key(store);
  }();
  if (!stored || !last_key) {
    if (summary.error.empty()) summary.error = !stored ? stored.error() : last_key.error();
    return;
  }
  const util::Result<std::vector<std::string>> pending = [&] {
    std::lock_guard lock(store_mutex);
    return store::pending_definitions(store);
  }();
  if (!pending) {
    if (summary.error.empty()) summary.error = pending.error();
    return;
  }
  std::set<std::string> stored_ids;
  for (const model::QueryRecord& r : *stored)
    stored_ids.insert(r.id);
  late.set_stored(std::move(stored_ids), *last_key);
  late.add_stored(*pending);
  late.set_lookup([&store, &store_mutex](const std::string& id) {
    std::lock_guard lock(store_mutex);
    return store::query_stored(store, id);
  });
  // `seen` views the texts in `defining`: no reallocation may move them.
  defining.reserve(defining.size() + stored->size());
  std::set<std::pair<int64_t, std::string_view>> seen;
  for (const model::QueryRecord& r : defining)
    seen.emplace(r.submission_ms.value_or(0), r.query);
  for (model::QueryRecord& r : *stored) {
    if (!may_define_schema(r.query)) continue;
    if (seen.contains({r.submission_ms.value_or(0), std::string_view(r.query)})) continue;
    defining.push_back(std::move(r));
  }
}

// The shared body of run_pipeline and run_pipeline_records: `replay(true, sink)` feeds the
// records for the schema pass, `replay(false, sink)` the ones to analyze.
void run_passes(const RecordReplay& history, const PipelineOptions& options,
                lineage::SchemaCatalog& catalog, store::Store& store, PipelineSummary& summary,
                bool replay_uses_store, const uint64_t& schema_pass_unread) {
  // The catalog's definitions first: they predate the history (and have no time).
  auto replay = [&](bool schema_pass, const std::function<void(model::QueryRecord &&)>& sink) {
    for (const model::QueryRecord& r : options.catalog_records)
      sink(model::QueryRecord(r));
    history(schema_pass, sink);
  };
  const unsigned threads =
      options.threads > 0 ? options.threads : std::max(1U, std::thread::hardware_concurrency());

  std::mutex store_mutex; // the writer's transactions and the reader's lookups

  // Pass 1: replay the statements that define schemas or prepared statements, in order.
  uint64_t seen = 0;
  PreparedStatements prepared;
  LateDefinitions late;   // what this run defines that earlier runs' queries did not see
  SkippedCreates skipped; // IF NOT EXISTS creates that found their table
  auto schema_pass = [&] {
    const double cpu_start = util::thread_cpu_seconds();
    std::vector<model::QueryRecord> defining;
    replay(true, [&](model::QueryRecord&& r) {
      ++seen;
      if (may_define_schema(r.query)) defining.push_back(std::move(r));
    });
    add_stored_definitions(store, store_mutex, defining, summary, late);
    // In submission order; the records themselves stay put (sorting them moves every field).
    std::vector<const model::QueryRecord*> in_order;
    in_order.reserve(defining.size());
    for (const model::QueryRecord& r : defining)
      in_order.push_back(&r);
    std::stable_sort(in_order.begin(), in_order.end(), [](const auto* a, const auto* b) {
      return a->submission_ms.value_or(0) < b->submission_ms.value_or(0);
    });
    for (const model::QueryRecord* record : in_order) {
      const model::QueryRecord& r = *record;
      // A failed CREATE defined nothing.
      if (r.state == model::QueryState::kFailed || r.state == model::QueryState::kCancelled) {
        late.judged(r, defines_something(r.query));
        continue;
      }
      sql::ParseOptions hive; // Hive forms define schema too, as in the analysis proper
      hive.dialect = sql::Dialect::kHive;
      sql::ParseResult parsed = sql::parse(r.query, hive);
      late.judged(r, defines_something(parsed));
      lineage::LineageOptions lo;
      lo.default_catalog =
          r.catalog.empty() ? options.default_catalog : lineage::to_lower_ascii(r.catalog);
      lo.default_schema = r.database;
      for (size_t index = 0; index < parsed.statements().size(); ++index) {
        const sql::ParsedStatement& ps = parsed.statements()[index];
        if (!ps.ok()) continue;
        ++summary.schema_statements;
        if (const auto* prep = ps.ast->dyn<sql::Prepare>()) {
          if (auto text = lineage::prepared_text(*prep, r.query)) {
            prepared.add(r.workgroup, prep->name.name(), r.submission_ms.value_or(0),
                         std::string(*text));
            late.prepared(r, std::string(prep->name.name()));
          }
          continue;
        }
        // Too tall to analyze: pass 2 records the error.
        if (analysis_height_error(*ps.ast, parsed)) continue;
        lineage::StatementLineage lin = lineage::analyze_statement(*ps.ast, r.query, lo, catalog);
        skipped.judge(r.id, index, lin, catalog);
        // Keep what a DROP forgets: earlier queries in the window still read that schema.
        if (lin.defines) late.put(catalog, std::move(*lin.defines), r, lin.sources);
      }
    }
    prepared.sort();
    if (options.rederive_late) {
      std::lock_guard lock(store_mutex);
      if (util::Status s = take_out_late(late, catalog, store); !s && summary.error.empty()) {
        summary.error = s.error();
      }
    }
    summary.times.schema_pass = util::thread_cpu_seconds() - cpu_start;
  };
  // Replaying log files, pass 1 runs on a thread of its own while pass 2 starts: pass 2 reads
  // the CloudTrail files (which pass 1 skips) before its first query, and that query waits
  // here for pass 1 to finish. A replay from the store (pull) runs the passes in turn, never
  // two readers on one connection.
  // Pass 1 walks statement trees: its thread has the analysis stack too. Joined on exit.
  std::optional<util::StackThread> schema_thread;
  std::exception_ptr schema_error;
  if (replay_uses_store) {
    schema_pass();
  } else {
    schema_thread.emplace(kAnalysisStackBytes, [&] {
      try {
        schema_pass();
      } catch (...) {
        schema_error = std::current_exception();
      }
    });
  }

  AnalysisContext context;
  context.catalog = &catalog;
  context.default_catalog = options.default_catalog;
  context.prepared = [&prepared](std::string_view wg, std::string_view name, int64_t t) {
    return prepared.latest_before(wg, name, t);
  };
  context.skipped_create = [&skipped](std::string_view id, size_t index) {
    return skipped.skipped(id, index);
  };

  // Pass 2: read, analyze and store at once (AnalyzeAndStore).
  Progress progress;
  progress.enabled = options.progress;
  progress.tty = isatty(STDERR_FILENO) != 0;
  auto await_schema_pass = [&] {
    if (!schema_thread) return;
    schema_thread->join();
    schema_thread.reset();
    if (schema_error) std::rethrow_exception(schema_error);
    progress.total_hint = seen + schema_pass_unread;
  };
  if (replay_uses_store) progress.total_hint = seen + schema_pass_unread;
  // Records stored by an earlier run are skipped before analysis. A store that started empty
  // has none (a duplicate id within the input is still found by insert_batch), which spares
  // a lookup per record.
  // The schema pass may be using the connection (stored_definitions writes): under the lock.
  const bool check_stored = [&] {
    std::lock_guard lock(store_mutex);
    return store.has_queries();
  }();
  std::atomic<uint64_t> already_stored{0};
  std::string store_error;
  // Each batch of batch_size records is analyzed as a unit; the writer stores batches in
  // groups of up to kCommitQueries per transaction (fewer commits, and the pages of the
  // indexes written once per group rather than once per batch).
  const size_t batch_size = std::max<size_t>(1, options.batch_size);
  // Batches arrive in input order: dbt's temporary relations are attributed across them, and
  // composed again in submission order once all are stored (recompose_dbt below). A temporary
  // relation filled by a statement an earlier run stored (a killed run, the previous pull) is
  // looked up in the store.
  std::string dbt_error;
  DbtRelations dbt_relations(
      [&](const model::TableName& temp, int64_t before_ms) -> std::optional<store::AnalyzedQuery> {
        std::optional<model::QueryRecord> record;
        {
          std::lock_guard lock(store_mutex);
          auto found = store::last_temp_creation(store, temp, before_ms);
          if (!found) {
            if (dbt_error.empty()) dbt_error = found.error();
            return std::nullopt;
          }
          record = std::move(*found);
        }
        if (!record) return std::nullopt;
        // On the writer thread: the parser recurses, so on a thread with the analysis stack.
        model::QueryFacts facts;
        util::StackThread(kAnalysisStackBytes, [&] {
          facts = analyze_query(*record, context);
        }).join();
        return store::AnalyzedQuery{std::move(*record), std::move(facts)};
      },
      [&](const model::TableName& temp, int64_t from_ms) {
        std::vector<store::AnalyzedQuery> out;
        auto records = store::queries_naming_temp(store, temp, from_ms);
        if (!records) {
          if (dbt_error.empty()) dbt_error = records.error();
          return out;
        }
        for (auto& r : *records) {
          model::QueryFacts facts = analyze_query(r, context);
          out.push_back({std::move(r), std::move(facts)});
        }
        return out;
      },
      [&](const model::TableName& temp) -> std::optional<int64_t> {
        std::lock_guard lock(store_mutex);
        auto latest = store::latest_temp_time(store, temp);
        if (latest) return *latest;
        if (dbt_error.empty()) dbt_error = latest.error();
        return std::nullopt;
      });
  const bool timed = options.stage_times;
  auto store_batch = [&](std::vector<store::AnalyzedQuery>& results) {
    if (timed && summary.times.first_batch_at == 0)
      summary.times.first_batch_at = util::monotonic_seconds();
    const double dbt_start = timed ? util::thread_cpu_seconds() : 0;
    dbt_relations.attribute(results);
    if (timed) summary.times.dbt += util::thread_cpu_seconds() - dbt_start;
    for (auto& q : results) {
      if (!q.facts.parsed) ++summary.parse_failed;
      if (options.fact_filter) options.fact_filter(q.facts);
    }
    store::InsertStats stats;
    util::Status stored;
    {
      std::lock_guard lock(store_mutex);
      stored = store.begin_group();
      if (stored) stored = store.insert_batch(results, &stats);
    }
    if (!stored) {
      store_error = stored.error();
      return false;
    }
    summary.analyzed += results.size();
    summary.stored.inserted += stats.inserted;
    summary.stored.replaced += stats.replaced;
    summary.stored.unchanged += stats.unchanged;
    progress.update(summary.analyzed + already_stored.load());
    return true;
  };
  auto commit = [&] {
    std::lock_guard lock(store_mutex);
    util::Status committed = store.commit_group();
    if (committed) return true;
    store_error = committed.error();
    return false;
  };
  bool failed = false;
  {
    // A few batches ahead per worker: the workers go on while the writer commits.
    // A replay that reads the store (pull) keeps the old order: each batch is stored and
    // committed while the reader waits, never beside it on the same connection.
    AnalyzeAndStore stages(
        context, threads, replay_uses_store ? batch_size : std::max(kCommitQueries, batch_size),
        replay_uses_store ? 1 : 4 * threads + 2, store_batch, commit,
        [&](std::vector<store::AnalyzedQuery>& b) { store.encode_batch(b); }, timed);
    const double read_start = util::thread_cpu_seconds();
    std::vector<model::QueryRecord> pending;
    pending.reserve(batch_size);
    auto submit = [&] {
      if (pending.empty()) return;
      stages.submit(std::move(pending));
      pending = {};
      pending.reserve(batch_size);
    };
    replay(false, [&](model::QueryRecord&& r) {
      await_schema_pass();
      if (failed) return;
      // Taken out to be derived again from their stored records (late_definitions.h).
      if (late.queued(r.id)) {
        ++already_stored;
        return;
      }
      if (check_stored) {
        std::lock_guard lock(store_mutex);
        if (store.has_final_query(r.id)) {
          ++already_stored;
          return;
        }
      }
      pending.push_back(std::move(r));
      if (pending.size() >= batch_size) {
        submit();
        failed = stages.failed();
      }
    });
    await_schema_pass();
    submit();
    const double read_cpu = util::thread_cpu_seconds() - read_start;
    stages.finish();
    failed = stages.failed();
    if (timed) {
      const StageTimes& t = stages.times();
      summary.times.read = read_cpu - summary.read.cloudtrail_cpu_seconds;
      summary.times.cloudtrail = summary.read.cloudtrail_cpu_seconds;
      summary.times.analysis = t.analysis;
      summary.times.analysis_other = t.analysis_other;
      summary.times.store = t.store - summary.times.dbt;
    }
  }
  summary.already_stored = already_stored.load();
  if (failed) summary.error = store_error;
  if (!failed) {
    // The parser recurses: the statements stored by earlier runs are analyzed again on a
    // thread with the analysis stack. First those that this run's definitions change
    // (late_definitions.h), then dbt's out of order.
    const double recompose_start = timed ? util::thread_cpu_seconds() : 0;
    util::Status rederived;
    util::Status recomposed;
    util::StackThread(kAnalysisStackBytes, [&] {
      if (options.rederive_late) {
        rederived = rederive_late(late, context, dbt_relations, options.fact_filter, store,
                                  summary.rederived);
      }
      if (rederived) recomposed = recompose_dbt(dbt_relations, options.fact_filter, store);
    }).join();
    if (!rederived) recomposed = rederived;
    if (timed) summary.times.dbt += util::thread_cpu_seconds() - recompose_start;
    const double aggregates_start = util::thread_cpu_seconds();
    if (!recomposed) {
      summary.error = recomposed.error();
    } else if (!dbt_error.empty()) {
      summary.error = dbt_error;
    }
    if (util::Status refreshed = store.refresh_aggregates(); !refreshed)
      summary.error = refreshed.error();
    summary.times.aggregates = util::thread_cpu_seconds() - aggregates_start;
  }
  progress.update(summary.analyzed + summary.already_stored, true);
}

} // namespace

PipelineSummary run_pipeline(const std::vector<std::filesystem::path>& logs,
                             const PipelineOptions& options, lineage::SchemaCatalog& catalog,
                             store::Store& store) {
  PipelineSummary summary;
  readers::ReadOptions first_pass = options.read;
  first_pass.skip_cloudtrail = true; // users do not matter for schemas
  first_pass.pass_over_line = line_cannot_define_schema;
  uint64_t unread = 0; // records the schema pass passed over, for the progress total
  auto replay = [&](bool schema_pass, const std::function<void(model::QueryRecord &&)>& sink) {
    if (schema_pass) {
      unread +=
          readers::read_logs(logs, first_pass, sink, [](const readers::Diagnostic&) {}).passed_over;
      return;
    }
    summary.read = readers::read_logs(logs, options.read, sink, [&](const readers::Diagnostic& d) {
      if (!options.quiet_diagnostics) {
        std::fprintf(stderr, "%s: warning: %s\n", d.where.c_str(), d.message.c_str());
      }
      if (summary.diagnostics.size() < kMaxDiagnosticsKept) {
        summary.diagnostics.push_back(d);
      } else {
        ++summary.diagnostics_dropped;
      }
    });
  };
  // Pass 1 walks statement trees too: on the analysis stack, like pass 2's threads.
  run_on_analysis_stack([&] {
    run_passes(replay, options, catalog, store, summary, false, unread);
    return 0;
  });
  return summary;
}

PipelineSummary run_pipeline_records(const RecordReplay& replay, const PipelineOptions& options,
                                     lineage::SchemaCatalog& catalog, store::Store& store) {
  PipelineSummary summary;
  // Pass 1 walks statement trees too: on the analysis stack, like pass 2's threads.
  run_on_analysis_stack([&] {
    const uint64_t none = 0;
    run_passes(replay, options, catalog, store, summary, true, none);
    return 0;
  });
  return summary;
}

} // namespace athena::analysis
