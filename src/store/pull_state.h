#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "src/store/store.h"
#include "src/util/result.h"

namespace athena::store {

class TextStore;

class Db;
class Statement;

/// The watermark of a workgroup's last complete pull.
struct PullWatermark {
  int64_t newest_ms = 0;    ///< newest SubmissionDateTime seen (or the window's start)
  int64_t pulled_at_ms = 0; ///< when that pull finished
};

/// `pull`'s bookkeeping in the store (schema v3, SCHEMA.md "pull"): raw executions and the
/// queue of those not analyzed yet, and per-workgroup watermarks. Every write is one
/// transaction, so a run killed at any point leaves raw rows and their queue entries together.
///
/// Uses the Store's connection; not thread-safe, like the Store. Writes return the SQLite
/// failure as their error; the lookups below answer nullopt (or -1) when SQLite fails.
class PullState {
public:
  /// `store` must outlive this object.
  explicit PullState(Store& store);
  ~PullState();
  PullState(const PullState&) = delete;
  PullState& operator=(const PullState&) = delete;

  /// Stores (or replaces, by id) raw executions and queues them for analysis, together.
  util::Status put(std::span<const RawExecution> raws);
  /// The submission time of an execution stored in a terminal state; nullopt when it is not
  /// stored, is QUEUED/RUNNING, or has no submission time.
  std::optional<int64_t> terminal_submitted_ms(const std::string& id);
  std::optional<PullWatermark> watermark(const std::string& workgroup);
  util::Status set_watermark(const std::string& workgroup, const PullWatermark& mark);
  /// The oldest submission time of a stored QUEUED/RUNNING execution of the workgroup.
  std::optional<int64_t> oldest_open_ms(const std::string& workgroup);
  /// Raw executions waiting for analysis (-1 on a database error).
  int64_t pending_count();
  /// Calls `fn` for every queued raw execution in (submission time, id) order. Reads through
  /// a second connection to the file, so `fn` may hand the rows to code that writes through
  /// the Store's connection on another thread (the analysis pipeline's writer).
  util::Status for_each_pending(const std::function<void(RawExecution&&)>& fn);
  /// Empties the analysis queue (after the analysis of everything in it was stored).
  util::Status clear_pending();

private:
  Db& db_;
  std::unique_ptr<TextStore> texts_; ///< the query texts cut out of raw records
  std::unique_ptr<Statement> insert_raw_;
  std::unique_ptr<Statement> insert_pending_;
  std::unique_ptr<Statement> find_terminal_;
};

/// One table as ListTableMetadata or Glue GetTables described it.
struct CachedTable {
  std::string catalog;
  std::string database;
  std::string name;
  std::string table_type;
  std::vector<std::pair<std::string, std::string>> columns; ///< (name, type), SELECT * order
  std::string location;     ///< S3 location (Glue only), "" when unknown
  std::string view_sql;     ///< a view's SQL (Glue only), "" for tables
  std::string view_catalog; ///< the catalog and schema the view's SQL was written in ("" when
  std::string view_schema;  ///< Glue does not say: the view's own)
};

/// The catalog metadata cache (schema v3): which databases each data catalog has and the
/// tables of each database, with when they were fetched. Names are kept as the API gave
/// them; lookups of catalogs ignore case.
class CatalogCache {
public:
  explicit CatalogCache(Store& store) : store_(store) {}

  /// When the catalog's database list was fetched; nullopt when never.
  std::optional<int64_t> databases_fetched_ms(const std::string& catalog);
  /// The cached database names of a catalog.
  std::vector<std::string> databases(const std::string& catalog);
  /// Replaces the catalog's entry and its database list (tables already cached are kept).
  util::Status put_catalog(const std::string& catalog, const std::string& type,
                           const std::vector<std::string>& databases, int64_t now_ms);
  /// When the database's tables were fetched; nullopt when never.
  std::optional<int64_t> tables_fetched_ms(const std::string& catalog, const std::string& database);
  /// Replaces the tables of one database; `note` says why they may be incomplete ("" if not).
  util::Status put_tables(const std::string& catalog, const std::string& database,
                          const std::vector<CachedTable>& tables, int64_t now_ms,
                          const std::string& note);
  /// Every cached table, sorted by catalog, database and name.
  util::Result<std::vector<CachedTable>> tables();

private:
  Store& store_;
};

} // namespace athena::store
