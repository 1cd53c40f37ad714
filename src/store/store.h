#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "src/model/query_facts.h"
#include "src/model/query_record.h"
#include "src/store/encoded_text.h"
#include "src/util/result.h"

namespace athena::store {

class Db;
class StoreConnection;
namespace testing {
struct RawDb;
} // namespace testing

struct StoreOptions {
  double price_per_tb_usd = 5.00; ///< cost of scanning 2^40 bytes
  int utc_offset_minutes = 0;     ///< the zone whose dates are "days" (UTC by default)
};

/// One analyzed query: what the log said and what analysis found.
struct AnalyzedQuery {
  model::QueryRecord record;
  model::QueryFacts facts;
  /// The stored form of record.query when Store::encode_batch() computed it (else computed
  /// when stored).
  EncodedText text = {};
};

/// A QueryExecution as the API returned it, kept verbatim for `pull`.
struct RawExecution {
  std::string id;
  std::string workgroup;
  std::optional<int64_t> submitted_ms;
  std::string state;
  std::string json;
};

struct InsertStats {
  uint64_t inserted = 0;  ///< new queries
  uint64_t replaced = 0;  ///< stored as QUEUED/RUNNING before, now in another state
  uint64_t unchanged = 0; ///< already stored (re-analyzed input): nothing written
};

/// Inclusive day range "YYYY-MM-DD"; empty means unbounded.
struct DayWindow {
  std::string since;
  std::string until;
};

struct TableUsage {
  std::string name;
  int64_t queries = 0;
  int64_t users = 0;
  double bytes_scanned = 0;
  double cost_usd = 0;
  int64_t failures = 0;
  std::string first_seen; ///< first day with usage or failures in the window
  std::string last_seen;
};

enum class TableOrder { kQueries, kUsers, kBytes, kCost, kFailures };

struct DayUsage {
  std::string day;
  int64_t queries = 0;       ///< every stored query submitted that day
  int64_t usage_queries = 0; ///< SUCCEEDED data statements
  int64_t succeeded = 0;
  int64_t failed = 0;
  int64_t cancelled = 0;
  int64_t users = 0; ///< distinct users of usage queries
  int64_t bytes_scanned = 0;
  double cost_usd = 0;
};

struct JoinUsage {
  std::string left;
  std::string right;
  int64_t count = 0; ///< queries joining the pair
  /// "l_col=r_col,..." join keys with the number of queries using them, most used first.
  std::vector<std::pair<std::string, int64_t>> columns;
};

struct TableEdge {
  std::string source;
  std::string target;
  int64_t queries = 0;
  std::optional<int64_t> first_seen_ms;
  std::optional<int64_t> last_seen_ms;
  std::string last_query_id;
};

struct ColumnEdge {
  std::string source;
  std::string target;
  std::string transform;
  bool condition = false;
  int64_t queries = 0;
  std::optional<int64_t> first_seen_ms;
  std::optional<int64_t> last_seen_ms;
  std::string last_query_id;
};

enum class EdgeDirection { kUpstream, kDownstream, kBoth };

struct QueryCounts {
  int64_t total = 0;
  int64_t analyzed = 0;     ///< every statement parsed
  int64_t parse_failed = 0; ///< some statement did not parse
  std::map<std::string, int64_t> by_state;
};

/// The SQLite store (schema in src/store/SCHEMA.md): one file in WAL mode, versioned with
/// `PRAGMA user_version` and ordered migrations.
///
/// Idempotent and crash-safe by construction: a batch is one transaction that writes the
/// queries not yet stored, their per-query facts and "dirty" markers (days, edges) together;
/// refresh_aggregates() recomputes every aggregate touched by dirty markers from the facts,
/// also in one transaction, and clears the markers. Storing a query whose id is already
/// there writes nothing; a run killed at any point leaves the last committed state, and a
/// re-run completes it to the same content as one clean run (ids of tables, columns and
/// queries follow first-seen order, so feed records in input order).
///
/// Not thread-safe (but for encode_batch()): use one Store from one thread. Every method that
/// can fail returns a util::Result or util::Status with the error message; no exception escapes.
class Store {
public:
  [[nodiscard]] static util::Result<std::unique_ptr<Store>> open(const std::filesystem::path& path,
                                                                 const StoreOptions& options);
  /// Opens an existing database for reading only (reports, graphs): nothing is written, so it
  /// works on a file or folder the user cannot write. Nothing is migrated: the caller checks
  /// schema_version(). refresh_aggregates() and the writers fail on it.
  [[nodiscard]] static util::Result<std::unique_ptr<Store>>
  open_read_only(const std::filesystem::path& path, const StoreOptions& options);
  [[nodiscard]] bool read_only() const;
  /// SQLite's `PRAGMA quick_check`: an error with the first problems when the file is damaged
  /// (or cannot be read).
  [[nodiscard]] util::Status quick_check();
  ~Store();
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  int schema_version();
  [[nodiscard]] const StoreOptions& options() const { return options_; }

  /// Computes what insert_batch() would compute for each query's text (hashes, and the
  /// compressed blob of texts no earlier batch of this Store had), so that the writer thread
  /// only runs SQLite. Unlike every other method it may be called from any thread, also while
  /// another one uses the Store; call it after the records' texts are final.
  void encode_batch(std::span<AnalyzedQuery> batch);
  /// Stores a batch in one transaction and adds its counts to `*stats` (when not null). On
  /// failure nothing of the batch is stored.
  [[nodiscard]] util::Status insert_batch(std::span<const AnalyzedQuery> batch, InsertStats* stats);
  /// Opens a transaction that the following batches join until commit_group(): one commit
  /// for many batches in bulk loads. A batch that fails then rolls back the whole group.
  [[nodiscard]] util::Status begin_group();
  /// Commits the open group; success when there is none.
  [[nodiscard]] util::Status commit_group();
  /// True when the id is stored in a terminal state (SUCCEEDED/FAILED/CANCELLED), so
  /// analysis of a record with this id can be skipped.
  bool has_final_query(const std::string& id);
  /// True when any query is stored (false for a new database).
  bool has_queries();
  /// Recomputes the aggregates that batches marked dirty. Cheap when nothing is dirty.
  [[nodiscard]] util::Status refresh_aggregates();
  /// Days, edges waiting for refresh_aggregates() (0 when the aggregates are current; -1 on
  /// a database error).
  int64_t dirty_count();

  /// Stores or replaces raw API records (in one transaction).
  [[nodiscard]] util::Status put_raw_executions(std::span<const RawExecution> raws);
  /// The SQL text of the stored query with this id (nullopt when there is none).
  [[nodiscard]] util::Result<std::optional<std::string>> query_text(const std::string& id);
  /// The raw API record stored for this id, its JSON byte for byte as it was put (nullopt
  /// when there is none).
  [[nodiscard]] util::Result<std::optional<RawExecution>> raw_execution(const std::string& id);

  // Query API for reports and graphs. Aggregates must be current (refresh first).
  [[nodiscard]] util::Result<std::vector<TableUsage>> top_tables(const DayWindow& window,
                                                                 TableOrder order, size_t limit);
  [[nodiscard]] util::Result<std::vector<DayUsage>> daily_trend(const DayWindow& window);
  [[nodiscard]] util::Result<std::vector<JoinUsage>> top_joins(const DayWindow& window,
                                                               size_t limit);
  [[nodiscard]] util::Result<std::vector<TableEdge>> table_edges(const std::string& table,
                                                                 EdgeDirection direction);
  [[nodiscard]] util::Result<std::vector<ColumnEdge>> column_edges(const std::string& column,
                                                                   EdgeDirection direction);
  [[nodiscard]] util::Result<QueryCounts> query_counts(const DayWindow& window);

  struct Impl; ///< private to src/store/ (store_impl.h)

private:
  /// The underlying connection: for src/store/ only (StoreConnection, store_connection.h) and
  /// for tests (testing::RawDb, tests/app/store_test_access.h). Other modules read and write
  /// through the typed readers (report_reader.h, graph_reader.h, push_reader.h, ...).
  Db& db();
  friend class StoreConnection;
  friend struct testing::RawDb;

  explicit Store(std::unique_ptr<Impl> impl, StoreOptions options);
  int64_t dirty_count_or_throw();
  std::unique_ptr<Impl> impl_;
  StoreOptions options_;
};

/// Cost of scanning `bytes` at `price_per_tb_usd` per 2^40 bytes, rounded to the cent's
/// thousandth (README, "What counts").
double scan_cost_usd(int64_t bytes, double price_per_tb_usd);

} // namespace athena::store
