#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "src/store/store.h"

namespace athena::store {

class Db;
class Statement;

/// A table or S3 location row.
struct TableRef {
  int64_t id = 0;
  std::string name;
  bool location = false;
};

/// A column row (`TABLE.column`) and its table.
struct ColumnRef {
  int64_t id = 0;
  std::string name;
  TableRef table;
};

/// A name matching a search, before ranking.
struct NameMatch {
  std::string name;
  bool column = false;
  std::string table; ///< a column's table
  bool location = false;
  int64_t table_id = 0;
};

/// Usage of a table over a window (the aggregates of SCHEMA.md).
struct TableStats {
  int64_t queries = 0; ///< usage queries reading or writing it, summed over days
  int64_t users = 0;   ///< distinct users of those queries
  int64_t bytes_scanned = 0;
  double cost_usd = 0;
  int64_t failures = 0;
  std::string first_seen; ///< first day with usage or failures ("" when none)
  std::string last_seen;
};

struct TableRow {
  TableRef table;
  TableStats stats;
};

enum class TableSort { kQueries, kUsers, kCost };

struct TableDay {
  std::string day;
  int64_t queries = 0;
  int64_t users = 0;
  int64_t bytes_scanned = 0;
  double cost_usd = 0;
  int64_t failures = 0;
};

struct NamedCount {
  std::string name;
  int64_t queries = 0;
};

/// How often a column is read, per clause (select, where, join, ...).
struct ColumnReads {
  std::string name;
  int64_t reads = 0;
  std::vector<std::pair<std::string, int64_t>> clauses; ///< by clause name
};

/// A query shape that referenced a table: its masked text and its latest execution.
struct ShapeUse {
  int64_t fingerprint = 0;
  int64_t runs = 0;
  std::string text;
  std::string example_query_id;
  std::string example_sql;
};

/// A stored lineage edge between tables (or locations) or columns, with its ends' tables.
struct LineageEdge {
  int64_t source_id = 0;
  int64_t target_id = 0;
  std::string source;
  std::string target;
  std::string source_table; ///< columns: the table of each end
  std::string target_table;
  bool source_location = false; ///< the end (or its table) is an S3 location
  bool target_location = false;
  int64_t source_table_id = 0; ///< tables: the end itself; columns: its table
  int64_t target_table_id = 0;
  std::string transform; ///< columns only
  bool condition = false;
  int64_t queries = 0;
  std::optional<int64_t> first_seen_ms;
  std::optional<int64_t> last_seen_ms;
  std::string last_query_id;
};

/// One stored query execution.
struct QueryRun {
  std::string id;
  std::string state;
  std::optional<int64_t> submitted_ms;
  std::string user;
  std::string workgroup;
  std::string statement_kind;
  int64_t fingerprint = 0;
  int64_t bytes_scanned = 0;
  std::string sql;
};

/// A query shape: totals over every execution and its masked text.
struct ShapeTotals {
  std::string text;
  int64_t runs = 0;
  int64_t succeeded = 0;
  int64_t failures = 0;
  int64_t bytes_scanned = 0;
  double cost_usd = 0;
};

/// The read side of `serve`: typed queries over the stored lineage and usage for the JSON API
/// and the explorer. Opens the database read-only (it works on a file the user cannot write)
/// and binds every parameter. Not thread-safe: one reader per thread (serve pools them).
/// Every method throws SqliteError on a database error.
class ExplorerReader {
public:
  /// Opens `path` read-only; throws SqliteError naming it when it cannot.
  explicit ExplorerReader(const std::string& path);
  ~ExplorerReader();
  ExplorerReader(const ExplorerReader&) = delete;
  ExplorerReader& operator=(const ExplorerReader&) = delete;

  /// One consistent view of the database for the reads of a request: a read transaction
  /// begun here and ended by the destructor (never longer), so the next request sees what a
  /// writer committed meanwhile.
  class Snapshot {
  public:
    explicit Snapshot(ExplorerReader& reader);
    ~Snapshot();
    Snapshot(const Snapshot&) = delete;
    Snapshot& operator=(const Snapshot&) = delete;

  private:
    ExplorerReader& reader_;
  };

  /// `PRAGMA user_version` of the file.
  int schema_version();
  /// True when another connection committed since this reader last asked (and the first time
  /// it is asked), by SQLite's `PRAGMA data_version`; asked outside a Snapshot.
  bool changed_since_last_asked();

  std::optional<TableRef> table(const std::string& name);
  std::optional<ColumnRef> column(const std::string& name);
  /// Ids of the tables a SUCCEEDED CREATE VIEW wrote.
  std::set<int64_t> view_ids();
  /// Tables, locations and columns whose name contains `needle` (lowercase), ignoring case.
  std::vector<NameMatch> names_containing(std::string_view needle);

  int64_t table_count();
  /// Every table and location with its all-time usage, sorted (ties by name).
  std::vector<TableRow> tables(TableSort sort, int64_t limit, int64_t offset);
  TableStats table_stats(int64_t table_id, const DayWindow& window);
  std::vector<TableDay> table_days(int64_t table_id, const DayWindow& window);
  /// What a table page shows of the queries referencing the table, from one pass over them:
  /// users and workgroups of its SUCCEEDED data statements (most first, then by name), and
  /// the shapes of every execution (most runs first, then by fingerprint).
  struct TableQueries {
    std::vector<NamedCount> users;
    std::vector<NamedCount> workgroups;
    std::vector<ShapeUse> shapes;
  };
  TableQueries table_queries(int64_t table_id, size_t top_users, size_t top_shapes);
  /// Every column of the table with its reads by clause, by name.
  std::vector<ColumnReads> table_columns(int64_t table_id);
  std::vector<ColumnRef> columns_of(const TableRef& table);

  /// Table edges into (`downstream` false) or out of the table, by source then target name.
  std::vector<LineageEdge> table_edges(int64_t table_id, bool downstream);
  std::vector<LineageEdge> column_edges(int64_t column_id, bool downstream);
  /// The SUCCEEDED queries that made a table edge (latest first) and how many there are.
  std::vector<QueryRun> table_edge_queries(int64_t source_id, int64_t target_id, int64_t limit,
                                           int64_t* total);
  /// The same for a column edge; `transform` and `condition` narrow it when given.
  std::vector<QueryRun> column_edge_queries(int64_t source_id, int64_t target_id,
                                            const std::optional<std::string>& transform,
                                            std::optional<bool> condition, int64_t limit,
                                            int64_t* total);

  /// A shape's text and totals; nullopt when the fingerprint was never stored.
  std::optional<ShapeTotals> shape(int64_t fingerprint);
  /// Its executions, latest first.
  std::vector<QueryRun> shape_runs(int64_t fingerprint, int64_t limit);

private:
  /// The statement for `sql`, prepared once per connection.
  Statement& prepared(std::string_view sql);
  std::vector<QueryRun> runs(Statement& st, int64_t limit);

  std::unique_ptr<Db> db_;
  std::optional<int64_t> data_version_;
  std::vector<std::pair<std::string, std::unique_ptr<Statement>>> statements_;
};

} // namespace athena::store
