#include "src/store/store.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <set>
#include <tuple>
#include <type_traits>

#include "lineage/json_writer.h"
#include "src/analysis/cost_shares.h"
#include "src/readers/time_text.h"
#include "src/store/migrations.h"
#include "src/store/prune.h"
#include "src/store/sqlite_db.h"
#include "src/store/store_impl.h"

namespace athena::store {

namespace {

constexpr double kBytesPerTb = 1099511627776.0; // 2^40

/// The longest a group transaction (begin_group) stays open: far below kBusyTimeoutMs.
constexpr std::chrono::seconds kGroupMax{5};

/// Rolls back the open transaction unless commit() was called. Inside a group
/// (Store::begin_group) it joins the group's transaction, and a failure rolls the whole group
/// back.
class Transaction {
public:
  explicit Transaction(Store::Impl& impl) : impl_(impl), nested_(impl.group_open) {
    if (!nested_) {
      impl_.db.exec("BEGIN IMMEDIATE");
      impl_.sync_text_caches();
    }
  }
  ~Transaction() {
    if (done_) return;
    try {
      impl_.db.exec("ROLLBACK");
    } catch (const SqliteError&) {
      // Already rolled back by SQLite itself.
    }
    impl_.group_open = false;
    impl_.group_delta = BatchDelta{};
    // Ids cached during the transaction may not exist any more.
    impl_.table_ids.clear();
    impl_.column_ids.clear();
    impl_.fingerprint_texts.clear();
    impl_.texts.forget();
    impl_.strings.forget();
    impl_.read_set_ids.clear();
  }
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  void commit() {
    if (!nested_) impl_.db.exec("COMMIT");
    done_ = true;
  }

private:
  Store::Impl& impl_;
  bool nested_;
  bool done_ = false;
};

std::optional<int64_t> as_int(std::optional<bool> b) {
  if (!b) return std::nullopt;
  return *b ? 1 : 0;
}

/// Adds `key` to `seen` unless it is there: true when it was not.
template <class T> bool first_time(std::vector<T>& seen, const T& key) {
  if (std::find(seen.begin(), seen.end(), key) != seen.end()) return false;
  seen.push_back(key);
  return true;
}

std::string join_columns(const std::vector<std::string>& columns) {
  std::string out;
  for (const auto& c : columns) {
    if (!out.empty()) out += ',';
    out += c;
  }
  return out;
}

} // namespace

double scan_cost_usd(int64_t bytes, double price_per_tb_usd) {
  return std::round(static_cast<double>(bytes) / kBytesPerTb * price_per_tb_usd * 1e5) / 1e5;
}

void Store::Impl::prepare() {
  auto p = [&](std::string_view sql) { return std::make_unique<Statement>(db, sql); };
  find_query = p("SELECT q, state FROM query_rows WHERE id = ?1");
  insert_query = p(insert_query_row_sql("OR IGNORE", false));
  insert_query_text = p("INSERT INTO query_text_refs(q, text_id) VALUES(?1, ?2)");
  find_table = p("SELECT id FROM tables WHERE name = ?1");
  insert_table = p("INSERT INTO tables(name, location, catalog_name, schema_name, table_name) "
                   "VALUES(?1, ?2, ?3, ?4, ?5)");
  find_column = p("SELECT id FROM columns WHERE name = ?1");
  insert_column = p("INSERT INTO columns(table_id, name) VALUES(?1, ?2)");
  insert_query_table = p("INSERT INTO query_tables(q, table_id, reads, writes, bytes_share, "
                         "cost_share) VALUES(?1, ?2, ?3, ?4, ?5, ?6)");
  insert_column_read = p("INSERT INTO query_read_refs(q, set_id) VALUES(?1, ?2)");
  find_read_set = p("SELECT id FROM read_sets WHERE reads = ?1");
  insert_read_set = p("INSERT INTO read_sets(reads) VALUES(?1)");
  insert_join = p("INSERT OR IGNORE INTO query_joins(q, left_id, right_id, join_type, columns) "
                  "VALUES(?1, ?2, ?3, ?4, ?5)");
  insert_table_edge =
      p("INSERT OR IGNORE INTO query_table_edges(source_id, target_id, q) VALUES(?1, ?2, ?3)");
  insert_column_edge = p("INSERT OR IGNORE INTO query_column_edges(source_id, target_id, "
                         "transform, condition, q) VALUES(?1, ?2, ?3, ?4, ?5)");
  insert_error = p("INSERT INTO query_errors(q, seq, kind, message, line, col, offset) "
                   "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7)");
  insert_fingerprint_text =
      p("INSERT OR IGNORE INTO fingerprint_texts(fingerprint, text) VALUES(?1, ?2)");
  insert_temp_relation =
      p("INSERT OR IGNORE INTO query_temp_relations(q, temp, base) VALUES(?1, ?2, ?3)");
  insert_dirty_day = p("INSERT OR IGNORE INTO dirty_days(day) VALUES(?1)");
  prepare_aggregates();
}

int64_t Store::Impl::table_id(const model::TableName& table) {
  std::string& name = table_scratch;
  name.clear();
  table.append_text(name);
  auto it = table_ids.find(std::string_view(name));
  if (it != table_ids.end()) return it->second;
  int64_t id = 0;
  find_table->bind(1, name);
  if (find_table->step()) {
    id = find_table->int64(0);
  } else {
    insert_table->bind(1, name)
        .bind(2, table.location ? 1 : 0)
        .bind(3, table.catalog)
        .bind(4, table.schema)
        .bind(5, table.table);
    insert_table->run();
    id = db.last_insert_rowid();
  }
  find_table->reset();
  table_ids.emplace(name, id);
  return id;
}

int64_t Store::Impl::column_id(const model::ColumnName& column) {
  std::string& name = column_scratch;
  name.clear();
  column.table.append_text(name);
  name += '.';
  name += column.column;
  auto it = column_ids.find(std::string_view(name));
  if (it != column_ids.end()) return it->second;
  int64_t id = 0;
  find_column->bind(1, name);
  bool found = find_column->step();
  if (found) id = find_column->int64(0);
  find_column->reset();
  if (!found) {
    int64_t table = table_id(column.table); // uses table_scratch, not `name`
    insert_column->bind(1, table).bind(2, name);
    insert_column->run();
    id = db.last_insert_rowid();
  }
  column_ids.emplace(name, id);
  return id;
}

int64_t Store::Impl::read_set_id(const std::string& packed) {
  auto it = read_set_ids.find(packed);
  if (it != read_set_ids.end()) return it->second;
  int64_t id = 0;
  find_read_set->bind(1, packed);
  bool found = find_read_set->step();
  if (found) id = find_read_set->int64(0);
  find_read_set->reset();
  if (!found) {
    insert_read_set->bind(1, packed);
    insert_read_set->run();
    id = db.last_insert_rowid();
  }
  read_set_ids.emplace(packed, id);
  return id;
}

void Store::Impl::delete_query(int64_t q) {
  // Only non-terminal queries are ever replaced, and they have no edge facts (edges come
  // from SUCCEEDED queries only), so the per-query tables keyed by q are all there is.
  for (const char* table : {"query_tables", "query_read_refs", "query_joins", "query_errors",
                            "query_text_refs", "query_temp_relations"}) {
    Statement del(db, std::string("DELETE FROM ") + table + " WHERE q = ?1");
    del.bind(1, q);
    del.run();
  }
  Statement del(db, "DELETE FROM query_rows WHERE q = ?1");
  del.bind(1, q);
  del.run();
}

Store::Store(std::unique_ptr<Impl> impl, StoreOptions options)
    : impl_(std::move(impl)), options_(options) {}

Store::~Store() = default;

Db& Store::db() {
  return impl_->db;
}

util::Result<std::unique_ptr<Store>> Store::open(const std::filesystem::path& path,
                                                 const StoreOptions& options) {
  try {
    auto impl = std::make_unique<Impl>(path.string());
    Db& db = impl->db;
    // Larger pages suit the append-mostly fact tables (only takes effect on a new file).
    db.exec("PRAGMA page_size=16384");
    // A new file hands pages freed by `prune` back at once (migration 8 converts old files).
    if (db.scalar("PRAGMA user_version") == 0) db.exec("PRAGMA auto_vacuum=INCREMENTAL");
    db.exec("PRAGMA journal_mode=WAL");
    db.exec("PRAGMA synchronous=NORMAL");
    db.exec("PRAGMA foreign_keys=OFF");
    db.exec("PRAGMA cache_size=-131072"); // 128 MiB
    db.exec("PRAGMA temp_store=MEMORY");
    // Fewer, larger checkpoints: hot pages are written back once per 64 MiB of WAL.
    db.exec("PRAGMA wal_autocheckpoint=16384");
    migrate(db);
    impl->prepare();
    return std::unique_ptr<Store>(new Store(std::move(impl), options));
  } catch (const SqliteError& e) {
    return util::Error{e.what()};
  }
}

util::Result<std::unique_ptr<Store>> Store::open_read_only(const std::filesystem::path& path,
                                                           const StoreOptions& options) {
  try {
    auto impl = std::make_unique<Impl>(path.string(), Db::ReadOnly{});
    // Statements name the latest schema's tables; other versions are only asked their version.
    if (impl->db.scalar("PRAGMA user_version") == latest_schema_version()) impl->prepare();
    return std::unique_ptr<Store>(new Store(std::move(impl), options));
  } catch (const SqliteError& e) {
    return util::Error{e.what()};
  }
}

bool Store::read_only() const {
  return impl_->db.read_only();
}

util::Status Store::quick_check() {
  try {
    Statement st(impl_->db, "PRAGMA quick_check(5)");
    std::string problems;
    while (st.step()) {
      const std::string line = st.text(0);
      if (line == "ok") continue;
      if (!problems.empty()) problems += "; ";
      problems += line;
    }
    if (problems.empty()) return {};
    return util::Error{impl_->db.path() + " is damaged: " + problems};
  } catch (const SqliteError& e) {
    return util::Error{e.what()};
  }
}

int Store::schema_version() {
  try {
    return static_cast<int>(impl_->db.scalar("PRAGMA user_version"));
  } catch (const SqliteError&) {
    return -1;
  }
}

bool Store::has_final_query(const std::string& id) {
  try {
    Statement& st = *impl_->find_query;
    st.bind(1, id);
    bool final_state = false;
    if (st.step()) {
      final_state = model::is_terminal(model::parse_query_state(st.text(1)));
    }
    st.reset();
    return final_state;
  } catch (const SqliteError&) {
    impl_->find_query->reset();
    return false;
  }
}

util::Status Store::begin_group() {
  if (impl_->group_open) return {};
  try {
    impl_->db.exec("BEGIN IMMEDIATE");
    impl_->sync_text_caches();
    impl_->group_open = true;
    impl_->group_started = std::chrono::steady_clock::now();
    return {};
  } catch (const SqliteError& e) {
    return util::Error{e.what()};
  }
}

util::Status Store::commit_group() {
  if (!impl_->group_open) return {};
  try {
    impl_->apply(impl_->group_delta);
    impl_->group_delta = BatchDelta{};
    impl_->db.exec("COMMIT");
    impl_->group_open = false;
    return {};
  } catch (const SqliteError& e) {
    Transaction rollback(*impl_); // rolls back and forgets the group's cached ids
    return util::Error{e.what()};
  }
}

bool Store::has_queries() {
  try {
    return impl_->db.scalar("SELECT EXISTS(SELECT 1 FROM queries)") != 0;
  } catch (const SqliteError&) {
    return true; // when in doubt, look each query up
  }
}

util::Status Store::insert_batch(std::span<const AnalyzedQuery> batch, InsertStats* stats) {
  InsertStats local;
  Impl& im = *impl_;
  try {
    Transaction tx(im);
    // Days to recompute from the facts: only those of replaced QUEUED/RUNNING queries.
    std::set<std::string> dirty_days;
    // Inside a group the sums accumulate for the whole group (applied at commit_group), so
    // each aggregate row is written once per group rather than once per batch.
    const bool in_group = im.group_open;
    BatchDelta batch_delta;
    BatchDelta& delta = in_group ? im.group_delta : batch_delta;
    // Days before the retention horizon are closed (prune.h): their per-query rows are gone,
    // so a record of such a day that is not stored would be counted twice. Read per batch: a
    // prune in another process may have moved it.
    const std::string closed_before = retention_horizon(im.db);
    for (const AnalyzedQuery& item : batch) {
      const model::QueryRecord& r = item.record;
      const model::QueryFacts& f = item.facts;
      const std::string state(model::to_string(r.state));
      std::optional<std::string> day;
      if (r.submission_ms) day = readers::format_day(*r.submission_ms, options_.utc_offset_minutes);
      const int64_t bytes = r.data_scanned_bytes.value_or(0);
      const double cost =
          r.cost_usd ? *r.cost_usd : scan_cost_usd(bytes, options_.price_per_tb_usd);
      const int64_t cost_nano = std::llround(cost * 1e9); // exact shares, sums in 1e-9 USD
      // INSERT OR IGNORE: a new id (the usual case) is stored at once; a stored one is looked
      // up. A terminal state is final; a QUEUED/RUNNING one is replaced when the query has
      // moved on.
      if (day && *day < closed_before) {
        im.find_query->bind(1, r.id);
        const bool stored = im.find_query->step();
        im.find_query->reset();
        if (!stored) {
          ++local.unchanged;
          continue;
        }
      }
      const std::string statement_kind = model::statement_kind_text(f);
      auto insert_query = [&] {
        Statement& ins = *im.insert_query;
        int i = 0;
        // Strings of the record and facts outlive run(): bound without a copy.
        auto put = [&](const auto& v) {
          if constexpr (std::is_same_v<std::decay_t<decltype(v)>, std::string>) {
            ins.bind_static(++i, v);
          } else {
            ins.bind(++i, v);
          }
        };
        put(r.id);
        put(r.id_is_synthetic ? 1 : 0);
        put(state);
        put(day);
        put(r.submission_ms);
        put(r.completion_ms);
        put(r.statement_type);
        put(r.substatement_type);
        put(statement_kind);
        put(f.is_usage ? 1 : 0);
        put(f.parsed ? 1 : 0);
        put(f.lineage_complete ? 1 : 0);
        put(r.catalog);
        put(r.database);
        put(r.workgroup);
        put(im.strings.intern(r.engine_version));
        put(im.strings.intern(r.selected_engine_version));
        put(r.user);
        put(r.data_scanned_bytes);
        put(cost);
        put(r.cost_usd ? 1 : 0);
        put(r.engine_ms);
        put(r.queue_ms);
        put(r.total_ms);
        put(r.planning_ms);
        put(r.service_pre_processing_ms);
        put(r.service_processing_ms);
        put(as_int(r.reused_previous_result));
        put(r.state_change_reason);
        put(r.error_category);
        put(r.error_type);
        put(as_int(r.error_retryable));
        put(r.error_message);
        put(location_ref(im.strings, r.output_location, r.id));
        put(location_ref(im.strings, r.data_manifest_location, r.id));
        put(static_cast<int64_t>(f.fingerprint));
        put(f.tool);
        put(f.dbt_model);
        put(r.session_id);
        const OriginParts origin = split_origin(r.origin);
        put(im.strings.intern(origin.prefix));
        put(origin.line);
        put(static_cast<int64_t>(f.tables_read.size()));
        put(static_cast<int64_t>(f.tables_written.size()));
        ins.run();
        return im.db.changes() > 0;
      };
      if (insert_query()) {
        ++local.inserted;
      } else {
        im.find_query->bind(1, r.id);
        std::optional<int64_t> old_q;
        std::string old_state;
        if (im.find_query->step()) {
          old_q = im.find_query->int64(0);
          old_state = im.find_query->text(1);
        }
        im.find_query->reset();
        if (!old_q) throw SqliteError(im.db.path() + ": could not store query " + r.id);
        if (model::is_terminal(model::parse_query_state(old_state)) || old_state == state) {
          ++local.unchanged;
          continue;
        }
        Statement old_day(im.db, "SELECT ifnull(day, '') FROM query_rows WHERE q = ?1");
        old_day.bind(1, *old_q);
        if (old_day.step()) dirty_days.insert(old_day.text(0));
        old_day.reset();
        im.delete_query(*old_q);
        if (day) dirty_days.insert(*day);
        if (!insert_query()) throw SqliteError(im.db.path() + ": could not store query " + r.id);
        ++local.replaced;
      }

      const bool succeeded = r.state == model::QueryState::kSucceeded;
      const bool failed =
          r.state == model::QueryState::kFailed || r.state == model::QueryState::kCancelled;
      const bool usage = succeeded && f.is_usage;
      const bool counted_for_tables = f.is_usage && (succeeded || failed);
      const int day_key = day ? delta.day_keys.key(*day) : -1;
      const int user_key = r.user.empty() ? -1 : delta.user_keys.key(r.user);
      if (day) {
        BatchDelta::Day& d = delta.days[day_key];
        ++d.queries;
        if (usage) {
          ++d.usage;
          d.bytes += bytes;
          d.cost_nano += cost_nano;
          if (user_key >= 0) delta.day_users.emplace(day_key, user_key);
        }
        if (succeeded) ++d.succeeded;
        if (r.state == model::QueryState::kFailed) ++d.failed;
        if (r.state == model::QueryState::kCancelled) ++d.cancelled;
        BatchDelta::Fingerprint& fp =
            delta.fingerprints[{static_cast<int64_t>(f.fingerprint), day_key}];
        ++fp.queries;
        if (succeeded) ++fp.succeeded;
        if (failed) ++fp.failures;
        fp.bytes += bytes;
        fp.cost_nano += cost_nano;
        if (fp.example.empty() || r.id < fp.example) fp.example = r.id;
      }

      const int64_t q = im.db.last_insert_rowid();
      im.insert_query_text->bind(1, q).bind(2, im.texts.intern(r.query, &item.text));
      im.insert_query_text->run();

      // Tables referenced, with their share of bytes and cost (analysis decides the split).
      for (const analysis::TableShare& share : analysis::table_shares(f, bytes, cost_nano)) {
        const model::TableName& name = *share.table;
        const std::pair<bool, bool> rw{share.reads, share.writes};
        const int64_t bytes_share = share.bytes;
        const int64_t cost_share = share.cost_nano;
        const int64_t table = im.table_id(name);
        im.insert_query_table->bind(1, q)
            .bind(2, table)
            .bind(3, rw.first ? 1 : 0)
            .bind(4, rw.second ? 1 : 0)
            .bind(5, bytes_share)
            .bind(6, static_cast<double>(cost_share) / 1e9);
        im.insert_query_table->run();
        if (day && counted_for_tables) {
          BatchDelta::TableDay& t = delta.tables[{table, day_key}];
          if (usage) {
            ++t.queries;
            t.bytes += bytes_share;
            t.cost_nano += cost_share;
            if (user_key >= 0) delta.table_users.emplace(table, day_key, user_key);
          } else {
            ++t.failures;
          }
        }
      }
      // A query's column reads are one row: [[column_id, "clause"], ...] sorted, once each.
      auto& reads = im.reads_scratch;
      reads.clear();
      for (const auto& read : f.column_reads)
        reads.emplace_back(im.column_id(read.column), lineage::to_string(read.clause));
      std::sort(reads.begin(), reads.end());
      reads.erase(std::unique(reads.begin(), reads.end()), reads.end());
      if (!reads.empty()) {
        std::string& packed = im.packed_scratch;
        packed.clear();
        lineage::JsonWriter w(packed, false);
        w.begin_array();
        for (const auto& [column, clause] : reads) {
          w.begin_array();
          w.integer(column);
          w.string(clause); // a clause's name: plain ASCII
          w.end_array();
          if (day && usage) {
            ++delta.column_reads[{column, day_key, delta.clause_keys.key(clause)}];
          }
        }
        w.end_array();
        im.insert_column_read->bind(1, q).bind(2, im.read_set_id(packed));
        im.insert_column_read->run();
      }
      // Each pair, and each pair with its keys, counts once per query (a query has few joins).
      auto& pairs_seen = im.pairs_scratch;
      auto& keys_seen = im.join_keys_scratch;
      pairs_seen.clear();
      keys_seen.clear();
      for (const auto& join : f.joins) {
        const int64_t left = im.table_id(join.left);
        const int64_t right = im.table_id(join.right);
        std::string keys = join_columns(join.columns);
        im.insert_join->bind(1, q)
            .bind(2, left)
            .bind(3, right)
            .bind(4, join.join_type)
            .bind(5, keys);
        im.insert_join->run();
        if (day && usage) {
          if (first_time(pairs_seen, std::pair{left, right})) ++delta.joins[{left, right, day_key}];
          if (first_time(keys_seen, std::tuple{left, right, keys}))
            ++delta.join_columns[{left, right, day_key, keys}];
        }
      }
      if (succeeded) {
        auto& edges_seen = im.pairs_scratch;
        edges_seen.clear();
        for (const auto& e : f.table_edges) {
          int64_t s = im.table_id(e.source);
          int64_t t = im.table_id(e.target);
          im.insert_table_edge->bind(1, s).bind(2, t).bind(3, q);
          im.insert_table_edge->run();
          if (first_time(edges_seen, std::pair{s, t}))
            delta.table_edges[{s, t}].add(r.submission_ms, r.id);
        }
        auto& column_edges_seen = im.column_edges_scratch;
        column_edges_seen.clear();
        for (const auto& e : f.column_edges) {
          int64_t s = im.column_id(e.source);
          int64_t t = im.column_id(e.target);
          im.insert_column_edge->bind(1, s)
              .bind(2, t)
              .bind(3, lineage::to_string(e.transform))
              .bind(4, e.condition ? 1 : 0)
              .bind(5, q);
          im.insert_column_edge->run();
          const int condition = e.condition ? 1 : 0;
          if (first_time(column_edges_seen,
                         std::tuple{s, t, lineage::to_string(e.transform), condition})) {
            delta
                .column_edges[BatchDelta::ColumnEdgeKey{
                    s, t, std::string(lineage::to_string(e.transform)), condition}]
                .add(r.submission_ms, r.id);
          }
        }
      }
      int64_t seq = 0;
      for (const auto& err : f.errors) {
        im.insert_error->bind(1, q)
            .bind(2, seq++)
            .bind(3, model::to_string(err.kind))
            .bind(4, err.message)
            .bind(5, static_cast<int64_t>(err.line))
            .bind(6, static_cast<int64_t>(err.col))
            .bind(7, static_cast<int64_t>(err.offset));
        im.insert_error->run();
      }
      for (const auto& t : f.temp_relations) {
        im.insert_temp_relation->bind(1, q).bind(2, t.temp.text()).bind(3, t.base.text());
        im.insert_temp_relation->run();
      }
      // The first text of a fingerprint stays (INSERT OR IGNORE); known ones need no lookup.
      if (!f.fingerprint_text.empty() &&
          im.fingerprint_texts.insert(static_cast<int64_t>(f.fingerprint)).second) {
        im.insert_fingerprint_text->bind(1, static_cast<int64_t>(f.fingerprint))
            .bind(2, f.fingerprint_text);
        im.insert_fingerprint_text->run();
      }
    }
    // The batch's sums and its facts commit together (crash safety); a dirty day is
    // recomputed whole by refresh_aggregates, so adding to it here is harmless.
    if (!in_group) im.apply(delta);
    for (const auto& d : dirty_days) {
      im.insert_dirty_day->bind(1, d);
      im.insert_dirty_day->run();
    }
    tx.commit();
  } catch (const SqliteError& e) {
    return util::Error{e.what()};
  }
  // A group holds the write lock; bounded in time so another writer's wait (kBusyTimeoutMs)
  // always ends in its turn.
  if (im.group_open && std::chrono::steady_clock::now() - im.group_started > kGroupMax) {
    if (util::Status committed = commit_group(); !committed) return committed;
  }
  if (stats != nullptr) {
    stats->inserted += local.inserted;
    stats->replaced += local.replaced;
    stats->unchanged += local.unchanged;
  }
  return {};
}

util::Status Store::refresh_aggregates() {
  try {
    if (dirty_count_or_throw() == 0) return {};
    Transaction tx(*impl_);
    impl_->refresh();
    tx.commit();
    return {};
  } catch (const SqliteError& e) {
    return util::Error{e.what()};
  }
}

int64_t Store::dirty_count() {
  try {
    return dirty_count_or_throw();
  } catch (const SqliteError&) {
    return -1;
  }
}

int64_t Store::dirty_count_or_throw() {
  return impl_->db.scalar("SELECT (SELECT count(*) FROM dirty_days) + "
                          "(SELECT count(*) FROM dirty_table_edges) + "
                          "(SELECT count(*) FROM dirty_column_edges)");
}

util::Status Store::put_raw_executions(std::span<const RawExecution> raws) {
  try {
    Transaction tx(*impl_);
    Statement st(impl_->db, "INSERT OR REPLACE INTO raw_executions(id, workgroup, submitted_ms, "
                            "state, raw, text_id) VALUES(?1, ?2, ?3, ?4, ?5, ?6)");
    for (const auto& r : raws) {
      const PackedRaw packed = pack_raw(impl_->texts, r.json);
      st.bind(1, r.id)
          .bind(2, r.workgroup)
          .bind(3, r.submitted_ms)
          .bind(4, r.state)
          .bind_blob(5, packed.rest)
          .bind(6, packed.text_id);
      st.run();
    }
    tx.commit();
    return {};
  } catch (const SqliteError& e) {
    return util::Error{e.what()};
  }
}

} // namespace athena::store
