#pragma once

// Private to src/store/: the Store's connection, prepared statements and name caches.

#include <chrono>
#include <functional>
#include <initializer_list>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <tuple>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "src/model/names.h"
#include "src/store/query_strings.h"
#include "src/store/sqlite_db.h"
#include "src/store/texts.h"

namespace athena::store {

/// Hashes strings and string views alike, so maps keyed by std::string can be searched with a
/// view (no string built per lookup).
struct TextHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};
/// A string → id map searchable by std::string_view.
using TextIds = std::unordered_map<std::string, int64_t, TextHash, std::equal_to<>>;

/// Small integer keys for the few distinct strings of a batch (days, users, clauses), so the
/// sums below are keyed by integers and compared cheaply.
class StringKeys {
public:
  int key(std::string_view s) {
    if (auto it = keys_.find(s); it != keys_.end()) return it->second;
    const int k = static_cast<int>(names_.size());
    keys_.emplace(std::string(s), k);
    names_.emplace_back(s);
    return k;
  }
  const std::string& name(int key) const { return names_[static_cast<size_t>(key)]; }

private:
  std::unordered_map<std::string, int, TextHash, std::equal_to<>> keys_;
  std::vector<std::string> names_;
};

/// Hashes the integer (and string) tuples that key a batch's sums.
struct KeyHash {
  template <class... T> size_t operator()(const std::tuple<T...>& key) const {
    return std::apply([](const auto&... part) { return combine({hash_of(part)...}); }, key);
  }
  template <class A, class B> size_t operator()(const std::pair<A, B>& key) const {
    return combine({hash_of(key.first), hash_of(key.second)});
  }

private:
  template <class T> static size_t hash_of(const T& v) { return std::hash<T>{}(v); }
  static size_t combine(std::initializer_list<size_t> parts) {
    size_t h = 0x9E3779B97F4A7C15ULL;
    for (size_t p : parts)
      h = (h ^ p) * 0xBF58476D1CE4E5B9ULL + (h >> 29);
    return h;
  }
};
template <class K, class V> using DeltaMap = std::unordered_map<K, V, KeyHash>;
template <class K> using DeltaSet = std::unordered_set<K, KeyHash>;

/// What one batch adds to the aggregates, summed in memory as exact integers (costs in
/// 1e-9 USD) and upserted in the batch's own transaction (aggregates.cpp). Days, users and
/// clauses are keys of `days_keys`, `user_keys` and `clause_keys`. Summed in hash maps (a
/// group's are large); apply() writes them in key order.
struct BatchDelta {
  struct Day {
    int64_t queries = 0, usage = 0, succeeded = 0, failed = 0, cancelled = 0, users = 0;
    int64_t bytes = 0, cost_nano = 0;
  };
  struct TableDay {
    int64_t queries = 0, users = 0, bytes = 0, cost_nano = 0, failures = 0;
  };
  struct Fingerprint {
    int64_t queries = 0, succeeded = 0, failures = 0, bytes = 0, cost_nano = 0;
    std::string example; ///< smallest query id
  };
  struct Edge {
    int64_t queries = 0;
    std::optional<int64_t> first_ms, last_ms;
    int64_t best_ms = 0; ///< the latest query by (ifnull(submitted, 0), id)
    std::string best_id;
    void add(std::optional<int64_t> submitted, const std::string& id);
  };
  using ColumnEdgeKey = std::tuple<int64_t, int64_t, std::string, int>;

  StringKeys day_keys, user_keys, clause_keys;
  std::map<int, Day> days;
  DeltaSet<std::pair<int, int>> day_users;                       // (day, user) of usage queries
  DeltaMap<std::pair<int64_t, int>, TableDay> tables;            // (table, day)
  DeltaSet<std::tuple<int64_t, int, int>> table_users;           // (table, day, user)
  DeltaMap<std::tuple<int64_t, int, int>, int64_t> column_reads; // (column, day, clause)
  DeltaMap<std::tuple<int64_t, int64_t, int>, int64_t> joins;
  DeltaMap<std::tuple<int64_t, int64_t, int, std::string>, int64_t> join_columns;
  DeltaMap<std::pair<int64_t, int>, Fingerprint> fingerprints;
  DeltaMap<std::pair<int64_t, int64_t>, Edge> table_edges;
  DeltaMap<ColumnEdgeKey, Edge> column_edges;
};

struct Store::Impl {
  explicit Impl(const std::string& path) : db(path), texts(db), strings(db) {}
  Impl(const std::string& path, Db::ReadOnly ro) : db(path, ro), texts(db), strings(db) {}

  Db db;
  /// Query texts by content (version 9): a query row refers to its text's id.
  TextStore texts;
  /// Engine versions, locations and origins of query rows by content (version 12).
  QueryStrings strings;
  // Prepared once, reused for every row (created after migration).
  std::unique_ptr<Statement> find_query;
  std::unique_ptr<Statement> insert_query;
  std::unique_ptr<Statement> insert_query_text;
  std::unique_ptr<Statement> find_table;
  std::unique_ptr<Statement> insert_table;
  std::unique_ptr<Statement> find_column;
  std::unique_ptr<Statement> insert_column;
  std::unique_ptr<Statement> insert_query_table;
  std::unique_ptr<Statement> insert_column_read;
  std::unique_ptr<Statement> find_read_set;
  std::unique_ptr<Statement> insert_read_set;
  std::unique_ptr<Statement> insert_join;
  std::unique_ptr<Statement> insert_table_edge;
  std::unique_ptr<Statement> insert_column_edge;
  std::unique_ptr<Statement> insert_error;
  std::unique_ptr<Statement> insert_fingerprint_text;
  std::unique_ptr<Statement> insert_temp_relation;
  std::unique_ptr<Statement> insert_dirty_day;
  // Aggregate upserts (aggregates.cpp).
  std::unique_ptr<Statement> add_day_user;
  std::unique_ptr<Statement> add_table_user;
  std::unique_ptr<Statement> upsert_usage_daily;
  std::unique_ptr<Statement> upsert_table_usage;
  std::unique_ptr<Statement> upsert_column_reads;
  std::unique_ptr<Statement> upsert_joins;
  std::unique_ptr<Statement> upsert_join_columns;
  std::unique_ptr<Statement> upsert_fingerprints;
  std::unique_ptr<Statement> upsert_table_edges;
  std::unique_ptr<Statement> upsert_column_edges;

  /// Name → id of rows committed or written in the open transaction; cleared on rollback.
  TextIds table_ids;
  TextIds column_ids;
  /// Reused to build a name's text for a lookup (table_id, column_id).
  std::string table_scratch, column_scratch;
  /// Reused per query by insert_batch (no allocation per query).
  std::vector<std::pair<int64_t, std::string_view>> reads_scratch;
  std::string packed_scratch;
  std::vector<std::pair<int64_t, int64_t>> pairs_scratch;
  std::vector<std::tuple<int64_t, int64_t, std::string>> join_keys_scratch;
  std::vector<std::tuple<int64_t, int64_t, std::string_view, int>> column_edges_scratch;
  /// Fingerprints whose text is stored (committed or in the open transaction); cleared on
  /// rollback like the name caches.
  std::unordered_set<int64_t> fingerprint_texts;
  /// Packed column reads → id in `read_sets` (committed or in the open transaction); cleared
  /// on rollback like the name caches.
  TextIds read_set_ids;
  /// Texts encode_batch() compressed (it runs on other threads: only it touches this).
  TextClaims text_claims;
  /// A group transaction (Store::begin_group) is open: batches join it.
  bool group_open = false;
  std::chrono::steady_clock::time_point group_started;
  /// The open group's sums, applied when it commits.
  BatchDelta group_delta;

  void prepare();
  /// At the start of a write transaction: drops the cached text and read-set ids when a prune
  /// deleted unreferenced ones since.
  void sync_text_caches() {
    if (texts.sync()) read_set_ids.clear();
  }
  /// The id of a table or location (by its text), added with its kind when new.
  int64_t table_id(const model::TableName& table);
  /// The id of a column, added under its own table (never split from its text) when new.
  int64_t column_id(const model::ColumnName& column);
  /// The id of a packed column-read set, added when new.
  int64_t read_set_id(const std::string& packed);
  /// Deletes a stored query and its facts (for replacing a non-terminal one).
  void delete_query(int64_t q);
  void prepare_aggregates();
  /// Adds a batch's sums to the aggregates; called inside the batch's transaction.
  void apply(const BatchDelta& delta);
  /// Recomputes every dirty aggregate; called inside a transaction.
  void refresh();
};

/// The statements Store::refresh_aggregates runs (aggregates.cpp), for plan checks in tests.
std::string_view refresh_sql();

} // namespace athena::store
