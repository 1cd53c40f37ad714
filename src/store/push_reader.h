#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "src/model/names.h"
#include "src/store/store.h"
#include "src/util/result.h"

namespace athena::store {

class Statement;

/// A table (or S3 location) row: its text and its parts as lineage resolved them (catalog,
/// schema and table may contain dots; a location has only `table`, its URI).
struct StoredTable {
  std::string name;
  model::TableName parts;
};

/// A column value edge (conditions are not data flow) with the tables of its ends.
struct ColumnFlow {
  std::string source_table;
  std::string source_column; ///< `TABLE.column`
  std::string target_table;
  std::string target_column;
  std::string transform;
  int64_t queries = 0;
};

/// A table edge (not a self-edge) with what push tells OpenMetadata about its last query.
struct TableFlow {
  std::string source;
  std::string target;
  std::optional<int64_t> last_seen_ms;
  std::string statement_kind; ///< of the last query ("" when it is not stored)
  std::string masked_sql;     ///< the last query's shape ("" when its text is not stored)
};

/// A SUCCEEDED data statement of the push window.
struct UsageQuery {
  int64_t q = 0;
  int64_t fingerprint = 0;
  std::string user;
  std::string workgroup;
  std::optional<int64_t> submitted_ms;
  std::optional<int64_t> total_ms;
  std::string tool;
  std::string dbt_model;
};

/// A pair of joined tables on one day (left and right by name, never the same).
struct JoinDay {
  std::string left;
  std::string right;
  std::string day;
  std::string columns; ///< join keys `l=r,...` ("" for the pair's total)
  int64_t queries = 0;
};

struct UsageDay {
  std::string table;
  std::string day;
  int64_t queries = 0;
};

/// The reads of `push` (what the store holds, as OpenMetadata will be told). Days are
/// `YYYY-MM-DD`; each method returns the rows or the database error.
class PushReader {
public:
  explicit PushReader(Store& store);
  ~PushReader();
  PushReader(const PushReader&) = delete;
  PushReader& operator=(const PushReader&) = delete;

  /// Every table and location, by name.
  util::Result<std::vector<StoredTable>> tables();
  util::Result<std::vector<ColumnFlow>> column_flows();
  /// Table edges by source then target.
  util::Result<std::vector<TableFlow>> table_flows();
  /// (q, table) of the SUCCEEDED data statements of days [first_day, last_day].
  util::Result<std::vector<std::pair<int64_t, std::string>>>
  usage_query_tables(const std::string& first_day, const std::string& last_day);
  util::Result<std::vector<UsageQuery>> usage_queries(const std::string& first_day,
                                                      const std::string& last_day);
  /// The masked text of query `q`'s shape; "" when the query's text is not stored.
  util::Result<std::string> masked_sql(int64_t q);
  /// Joined pairs per day up to `last_day`.
  util::Result<std::vector<JoinDay>> join_days(const std::string& last_day);
  /// Join keys of pairs per day in [first_day, last_day].
  util::Result<std::vector<JoinDay>> join_column_days(const std::string& first_day,
                                                      const std::string& last_day);
  /// Table usage (queries > 0) per day up to `last_day`, by day then table.
  util::Result<std::vector<UsageDay>> usage_days(const std::string& last_day);
  /// Days with QUEUED or RUNNING executions and how many, by day.
  util::Result<std::vector<std::pair<std::string, int64_t>>> open_executions();

private:
  Store& store_;
  std::unique_ptr<Statement> masked_; ///< prepared once for masked_sql()
};

/// One read transaction on the store: every read in it sees the same state of the database
/// (WAL mode) until the object ends.
class ReadSnapshot {
public:
  explicit ReadSnapshot(Store& store);
  ~ReadSnapshot();
  ReadSnapshot(const ReadSnapshot&) = delete;
  ReadSnapshot& operator=(const ReadSnapshot&) = delete;
  /// Why the transaction could not begin; ok() when it is open.
  [[nodiscard]] const util::Status& status() const { return status_; }

private:
  Store& store_;
  util::Status status_;
};

} // namespace athena::store
