#pragma once

#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include "src/store/store.h"
#include "src/util/result.h"

namespace athena::store {

/// Tables the database knows exist, and where that knowledge comes from.
struct KnownTables {
  std::set<std::string> names;
  bool from_metadata = false; ///< the catalog's metadata listed some
};

/// One query shape (fingerprint) and what its runs in the window cost.
struct ShapeCost {
  int64_t fingerprint = 0;
  std::string text; ///< masked text, at most 4 KiB ("" when not stored)
  int64_t queries = 0;
  int64_t succeeded = 0;
  int64_t failures = 0;
  int64_t bytes_scanned = 0;
  double cost_usd = 0;
  std::string example_query_id; ///< smallest id
};

/// FAILED and CANCELLED queries sharing one error message.
struct FailureGroup {
  std::string error; ///< Athena's error message, else the state change reason
  int64_t count = 0;
  int64_t failed = 0;
  int64_t cancelled = 0;
  std::string example_query_id; ///< smallest id
  std::string first_seen;       ///< day
  std::string last_seen;
};

/// What one user (or workgroup) ran in the window: SUCCEEDED data statements.
struct Spender {
  std::string name; ///< "" when the log does not say
  int64_t queries = 0;
  int64_t bytes_scanned = 0;
  double cost_usd = 0;
};

enum class SpenderKey { kUser, kWorkgroup };

/// SUCCEEDED data statements of the window (plus those that failed to parse, whose kind is
/// unknown) and how many have complete column lineage.
struct LineageCoverage {
  int64_t statements = 0;
  int64_t complete = 0;
  int64_t parse_failed = 0;
};

/// The reads `report` needs beyond the Store's query API (unused tables, query shapes,
/// failures, coverage, spenders, column lineage). Each returns the rows or the database error.
class ReportReader {
public:
  explicit ReportReader(Store& store) : store_(store) {}

  /// Tables a SUCCEEDED data statement of the window read: named in FROM/JOIN, or with a
  /// column read (a MERGE or DELETE target whose columns its conditions read).
  util::Result<std::set<std::string>> read_tables(const DayWindow& window);
  /// Tables named by a statement that SUCCEEDED (at any time: a read, a write, CREATE TABLE or
  /// VIEW in the log), or listed by the catalog's metadata. Names only failed statements used
  /// (a misspelt table) are not evidence; S3 locations are not tables anyone queries by name.
  util::Result<KnownTables> known_tables();
  /// The `limit` most expensive shapes of the window (cost, then bytes, then fingerprint).
  util::Result<std::vector<ShapeCost>> expensive_shapes(const DayWindow& window, size_t limit);
  /// The `limit` most frequent failure messages of the window (then by message).
  util::Result<std::vector<FailureGroup>> failures(const DayWindow& window, size_t limit);
  /// Users or workgroups by the cost of their SUCCEEDED data statements, then queries, then
  /// name.
  util::Result<std::vector<Spender>> spenders(const DayWindow& window, SpenderKey key,
                                              size_t limit);
  util::Result<LineageCoverage> coverage(const DayWindow& window);
  /// Column edges whose target is a column of `table`, by target, condition, source,
  /// transform (without first/last seen).
  util::Result<std::vector<ColumnEdge>> column_edges_into(const std::string& table);

private:
  Store& store_;
};

} // namespace athena::store
