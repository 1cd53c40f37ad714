#pragma once
// A small hand-made database shared by the report and graph tests (three days, ten queries).
//
//   day        id   state      user   what                                    bytes
//   2025-01-15 q1   SUCCEEDED  alice  SELECT orders JOIN customers            1 TiB
//   2025-01-15 q2   SUCCEEDED  bob    INSERT INTO mart.daily FROM orders      1/2 TiB
//   2025-01-16 q3   SUCCEEDED  alice  INSERT INTO mart.summary FROM daily     1/4 TiB (lineage
//   incomplete) 2025-01-16 q4   SUCCEEDED  carol  INSERT INTO orders FROM summary         1/4 TiB
//   (closes a cycle) 2025-01-16 q5   FAILED     alice  SELECT orders                           10
//   GiB 2025-01-17 q6   FAILED     bob    SELECT customers (same error as q5)     0 2025-01-17 q7
//   CANCELLED  carol  SELECT orders (same shape as q1)        0 2025-01-17 q8   SUCCEEDED  dave
//   CREATE EXTERNAL TABLE raw.unused_tbl    0   (DDL) 2025-01-17 q9   SUCCEEDED  alice  UNLOAD
//   mart.daily TO s3://bucket/export/ 1/8 TiB 2025-01-17 q10  SUCCEEDED  bob    text that did not
//   parse                 1000 B
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "src/store/store.h"
#include "tests/app/store_test_access.h"
#include "tests/support/test_names.h"

namespace athena::report::test_db {

inline constexpr int64_t kTb = int64_t{1} << 40;
inline constexpr int64_t kDay15 = 1736899200000; // 2025-01-15T00:00:00Z
inline constexpr int64_t kHour = 3600000;

inline const std::string kOrders = "awsdatacatalog.sales.orders";
inline const std::string kCustomers = "awsdatacatalog.sales.customers";
inline const std::string kDaily = "awsdatacatalog.mart.daily";
inline const std::string kSummary = "awsdatacatalog.mart.summary";
inline const std::string kUnused = "awsdatacatalog.raw.unused_tbl";
inline const std::string kExport = "s3://bucket/export/";

inline store::AnalyzedQuery make(const std::string& id, model::QueryState state, int64_t submitted,
                                 int64_t bytes, const std::string& user, uint64_t fingerprint,
                                 std::vector<std::string> reads,
                                 std::vector<std::string> writes = {}) {
  store::AnalyzedQuery a;
  a.record.id = id;
  a.record.query = "-- " + id;
  a.record.state = state;
  a.record.submission_ms = submitted;
  a.record.data_scanned_bytes = bytes;
  a.record.user = user;
  a.facts.query_id = id;
  a.facts.statement_kinds = {writes.empty() ? athena::lineage::StatementKind::kSelect
                                            : athena::lineage::StatementKind::kInsert};
  a.facts.parsed = true;
  a.facts.lineage_complete = true;
  a.facts.is_usage = true;
  for (const auto& t : reads)
    a.facts.tables_read.push_back(athena::testing::tn(t));
  for (const auto& t : writes)
    a.facts.tables_written.push_back(athena::testing::tn(t));
  a.facts.fingerprint = fingerprint;
  a.facts.fingerprint_text = "SHAPE " + std::to_string(fingerprint);
  return a;
}

/// Builds the database above at `path` and returns the open store (aggregates refreshed).
inline std::unique_ptr<store::Store> build(const std::filesystem::path& path) {
  using model::QueryState;
  auto store = store::testing::opened_store(store::Store::open(path, store::StoreOptions{}));
  EXPECT_NE(store, nullptr);
  if (store == nullptr) return nullptr;
  std::vector<store::AnalyzedQuery> b;
  b.push_back(make("q1", QueryState::kSucceeded, kDay15 + 10 * kHour, kTb, "alice", 1,
                   {kCustomers, kOrders}));
  b.back().facts.joins.push_back(
      {athena::testing::tn(kCustomers), athena::testing::tn(kOrders), "inner", {"id=customer_id"}});
  b.back().facts.fingerprint_text = "SELECT * FROM orders o JOIN customers c ON c.id = o.cid";
  b.push_back(make("q2", QueryState::kSucceeded, kDay15 + 11 * kHour, kTb / 2, "bob", 2, {kOrders},
                   {kDaily}));
  b.back().facts.table_edges = {{athena::testing::tn(kOrders), athena::testing::tn(kDaily)}};
  b.back().facts.column_edges = {
      {athena::testing::cn(kOrders + ".amount"), athena::testing::cn(kDaily + ".total"),
       athena::lineage::Transform::kAggregation, false},
      {athena::testing::cn(kOrders + ".status"), athena::testing::cn(kDaily + ".total"),
       athena::lineage::Transform::kAggregation, true}};
  b.push_back(make("q3", QueryState::kSucceeded, kDay15 + 33 * kHour, kTb / 4, "alice", 3, {kDaily},
                   {kSummary}));
  b.back().facts.table_edges = {{athena::testing::tn(kDaily), athena::testing::tn(kSummary)}};
  b.back().facts.column_edges = {{athena::testing::cn(kDaily + ".total"),
                                  athena::testing::cn(kSummary + ".total"),
                                  athena::lineage::Transform::kIdentity, false}};
  b.back().facts.lineage_complete = false;
  b.push_back(make("q4", QueryState::kSucceeded, kDay15 + 34 * kHour, kTb / 4, "carol", 4,
                   {kSummary}, {kOrders}));
  b.back().facts.table_edges = {{athena::testing::tn(kSummary), athena::testing::tn(kOrders)}};
  b.push_back(make("q5", QueryState::kFailed, kDay15 + 36 * kHour, int64_t{10} << 30, "alice", 5,
                   {kOrders}));
  b.back().record.error_message = "TABLE_NOT_FOUND: Table awsdatacatalog.sales.x does not exist";
  b.push_back(make("q6", QueryState::kFailed, kDay15 + 56 * kHour, 0, "bob", 5, {kCustomers}));
  b.back().record.error_message = "TABLE_NOT_FOUND: Table awsdatacatalog.sales.x does not exist";
  b.push_back(make("q7", QueryState::kCancelled, kDay15 + 57 * kHour, 0, "carol", 1, {kOrders}));
  b.back().record.state_change_reason = "Query cancelled by user";
  b.push_back(make("q8", QueryState::kSucceeded, kDay15 + 58 * kHour, 0, "dave", 6, {}, {kUnused}));
  b.back().facts.statement_kinds = {athena::lineage::StatementKind::kCreateTable};
  b.back().facts.is_usage = false;
  b.back().facts.table_edges = {{athena::testing::tn(kExport), athena::testing::tn(kUnused)}};
  b.push_back(
      make("q9", QueryState::kSucceeded, kDay15 + 59 * kHour, kTb / 8, "alice", 7, {kDaily}));
  b.back().facts.statement_kinds = {athena::lineage::StatementKind::kUnload};
  b.back().facts.table_edges = {{athena::testing::tn(kDaily), athena::testing::tn(kExport)}};
  b.push_back(make("q10", QueryState::kSucceeded, kDay15 + 60 * kHour, 1000, "bob", 8, {}));
  b.back().facts.parsed = false;
  b.back().facts.lineage_complete = false;
  b.back().facts.is_usage = false;
  b.back().facts.errors.push_back(
      {"expected an expression, found ')'", 1, 8, 7, athena::model::ErrorKind::kParse});
  store::InsertStats stats;
  EXPECT_TRUE(store::testing::is_ok(store->insert_batch(b, &stats)));
  EXPECT_TRUE(store::testing::is_ok(store->refresh_aggregates()));
  return store;
}

} // namespace athena::report::test_db
