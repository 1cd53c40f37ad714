#include <algorithm>
#include <csignal>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include "src/store/sqlite_db.h"
#include "src/store/store.h"
#include "tests/app/store_test_access.h"
#include "tests/support/test_support.h"

namespace athena::store {
namespace {

using model::QueryState;

/// A deterministic history: `n` queries over 5 days and 8 tables, in every state.
std::vector<AnalyzedQuery> history(int n) {
  std::vector<AnalyzedQuery> out;
  uint64_t seed = 12345;
  auto next = [&]() {
    seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<uint32_t>(seed >> 33);
  };
  auto table = [](uint32_t i) {
    return model::TableName{"awsdatacatalog", "s" + std::to_string(i % 2),
                            "t" + std::to_string(i % 8)};
  };
  const QueryState states[] = {QueryState::kSucceeded, QueryState::kSucceeded,
                               QueryState::kSucceeded, QueryState::kFailed,
                               QueryState::kCancelled, QueryState::kRunning};
  for (int i = 0; i < n; ++i) {
    AnalyzedQuery a;
    model::QueryRecord& r = a.record;
    r.id = "q-" + std::to_string(i);
    r.query = "SELECT " + std::to_string(i);
    r.state = states[next() % 6];
    r.submission_ms = 1736899200000 + static_cast<int64_t>(next() % (5 * 86400)) * 1000;
    r.data_scanned_bytes = static_cast<int64_t>(next()) * 1000;
    r.user = "user" + std::to_string(next() % 4);
    r.origin = "gen#record " + std::to_string(i + 1);
    model::QueryFacts& f = a.facts;
    f.query_id = r.id;
    f.parsed = next() % 10 != 0;
    f.is_usage = next() % 7 != 0;
    f.statement_kinds = {f.is_usage ? athena::lineage::StatementKind::kInsert
                                    : athena::lineage::StatementKind::kUtility};
    uint32_t t1 = next(), t2 = next(), t3 = next();
    f.tables_read = {table(t1)};
    if (table(t2) != table(t1)) f.tables_read.push_back(table(t2));
    std::sort(f.tables_read.begin(), f.tables_read.end());
    if (next() % 2 == 0) {
      f.tables_written = {table(t3)};
      for (const auto& s : f.tables_read)
        f.table_edges.push_back({s, table(t3)});
      f.column_edges.push_back({{f.tables_read[0], "a"},
                                {table(t3), "a"},
                                athena::lineage::Transform::kIdentity,
                                false});
      f.column_edges.push_back({{f.tables_read.back(), "b"},
                                {table(t3), "b"},
                                athena::lineage::Transform::kAggregation,
                                next() % 2 == 0});
    }
    f.column_reads = {{{f.tables_read[0], "a"}, athena::lineage::Clause::kSelect},
                      {{f.tables_read.back(), "b"}, athena::lineage::Clause::kWhere}};
    if (f.tables_read.size() == 2) {
      f.joins.push_back({f.tables_read[0], f.tables_read[1], "inner", {"a=a"}});
    }
    if (!f.parsed) f.errors.push_back({"syntax error", 1, 8, 7, athena::model::ErrorKind::kParse});
    f.fingerprint = next() % 5 + 1;
    f.fingerprint_text = "SELECT ? /* " + std::to_string(f.fingerprint) + " */";
    out.push_back(std::move(a));
  }
  return out;
}

/// Every row of every table, in a stable order: the database's whole content.
std::string dump(const std::filesystem::path& path) {
  sqlite3* db = nullptr;
  EXPECT_EQ(sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
  std::vector<std::string> tables;
  sqlite3_stmt* st = nullptr;
  sqlite3_prepare_v2(db,
                     "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE "
                     "'sqlite_%' ORDER BY name",
                     -1, &st, nullptr);
  while (sqlite3_step(st) == SQLITE_ROW) {
    tables.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(st, 0)));
  }
  sqlite3_finalize(st);
  std::string out;
  for (const auto& t : tables) {
    out += "== " + t + "\n";
    sqlite3_prepare_v2(db, ("SELECT * FROM " + t).c_str(), -1, &st, nullptr);
    int n = sqlite3_column_count(st);
    sqlite3_finalize(st);
    std::string sql = "SELECT * FROM " + t + " ORDER BY ";
    for (int i = 1; i <= n; ++i)
      sql += (i > 1 ? ", " : "") + std::to_string(i);
    sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr);
    while (sqlite3_step(st) == SQLITE_ROW) {
      for (int i = 0; i < n; ++i) {
        if (i > 0) out += '|';
        int type = sqlite3_column_type(st, i);
        const unsigned char* text = sqlite3_column_text(st, i);
        out += type == SQLITE_NULL ? "NULL" : reinterpret_cast<const char*>(text);
      }
      out += '\n';
    }
    sqlite3_finalize(st);
  }
  sqlite3_close(db);
  return out;
}

void store_all(const std::filesystem::path& path, const std::vector<AnalyzedQuery>& all,
               size_t batch_size, InsertStats* stats) {
  auto store = testing::opened_store(Store::open(path, StoreOptions{}));
  ASSERT_NE(store, nullptr);
  for (size_t i = 0; i < all.size(); i += batch_size) {
    std::span<const AnalyzedQuery> batch(all.data() + i, std::min(batch_size, all.size() - i));
    ASSERT_TRUE(testing::is_ok(store->insert_batch(batch, stats)));
  }
  ASSERT_TRUE(testing::is_ok(store->refresh_aggregates()));
}

TEST(StoreIdempotency, StoringTheSameInputTwiceLeavesTheDatabaseIdentical) {
  athena::testing::TempDir dir;
  auto all = history(400);
  InsertStats first;
  store_all(dir.path() / "a.db", all, 64, &first);
  EXPECT_EQ(first.inserted, 400u);
  std::string once = dump(dir.path() / "a.db");
  EXPECT_NE(once.find("== table_usage_daily\n1|"), std::string::npos);
  InsertStats second;
  store_all(dir.path() / "a.db", all, 64, &second);
  EXPECT_EQ(second.inserted, 0u);
  EXPECT_EQ(second.unchanged, 400u);
  EXPECT_EQ(dump(dir.path() / "a.db"), once);
}

TEST(StoreIdempotency, BatchSizeDoesNotChangeTheContent) {
  athena::testing::TempDir dir;
  auto all = history(300);
  store_all(dir.path() / "a.db", all, 7, nullptr);
  store_all(dir.path() / "b.db", all, 1000, nullptr);
  EXPECT_EQ(dump(dir.path() / "a.db"), dump(dir.path() / "b.db"));
}

/// The sections of dump() for the aggregate tables and user sets only.
std::string aggregates_of(const std::string& all) {
  static const std::vector<std::string> kTables = {
      "column_edges",       "column_reads_daily", "day_users",       "fingerprints_daily",
      "join_columns_daily", "joins_daily",        "table_day_users", "table_edges",
      "table_usage_daily",  "usage_daily"};
  std::string out;
  for (const auto& t : kTables) {
    size_t begin = all.find("== " + t + "\n");
    EXPECT_NE(begin, std::string::npos) << t;
    if (begin == std::string::npos) continue;
    size_t end = all.find("== ", begin + 3);
    out += all.substr(begin, end == std::string::npos ? std::string::npos : end - begin);
  }
  return out;
}

TEST(StoreAggregatePaths, RecomputingEveryDayFromTheFactsGivesTheSameContent) {
  athena::testing::TempDir dir;
  auto all = history(400);
  store_all(dir.path() / "a.db", all, 37, nullptr);
  const std::string incremental = dump(dir.path() / "a.db");
  auto store = testing::opened_store(Store::open(dir.path() / "a.db", StoreOptions{}));
  ASSERT_NE(store, nullptr);
  EXPECT_EQ(store->dirty_count(), 0);
  testing::RawDb::of(*store).exec("INSERT INTO dirty_days(day) SELECT DISTINCT day FROM queries");
  EXPECT_EQ(store->dirty_count(), 5);
  ASSERT_TRUE(testing::is_ok(store->refresh_aggregates()));
  EXPECT_EQ(store->dirty_count(), 0);
  store.reset();
  EXPECT_EQ(dump(dir.path() / "a.db"), incremental);
}

TEST(StoreAggregatePaths, ReplacedRunningQueriesGiveTheAggregatesOfTheFinalOnes) {
  athena::testing::TempDir dir;
  auto first = history(300);
  auto final_states = first;
  int running = 0;
  for (auto& a : final_states) {
    if (a.record.state != QueryState::kRunning) continue;
    a.record.state = ++running % 2 == 0 ? QueryState::kSucceeded : QueryState::kFailed;
  }
  ASSERT_GT(running, 10);
  InsertStats stats;
  store_all(dir.path() / "replaced.db", first, 64, nullptr);
  store_all(dir.path() / "replaced.db", final_states, 64, &stats);
  EXPECT_EQ(stats.replaced, static_cast<uint64_t>(running));
  store_all(dir.path() / "direct.db", final_states, 64, nullptr);
  EXPECT_EQ(aggregates_of(dump(dir.path() / "replaced.db")),
            aggregates_of(dump(dir.path() / "direct.db")));
}

TEST(StoreCrashSafety, FailedBatchLeavesThePreviousStateAndARerunCompletesIt) {
  athena::testing::TempDir dir;
  auto all = history(300);
  store_all(dir.path() / "clean.db", all, 50, nullptr);

  {
    auto store = testing::opened_store(Store::open(dir.path() / "crash.db", StoreOptions{}));
    ASSERT_NE(store, nullptr);
    ASSERT_TRUE(testing::is_ok(store->insert_batch(std::span(all.data(), 100), nullptr)));
    ASSERT_TRUE(testing::is_ok(store->refresh_aggregates()));
    std::string before = dump(dir.path() / "crash.db");
    // A failure in the middle of the next batch (after rows, names and facts were written).
    testing::RawDb::of(*store).exec(
        "CREATE TEMP TRIGGER boom BEFORE INSERT ON query_rows WHEN NEW.id = 'q-175' "
        "BEGIN SELECT RAISE(ABORT, 'injected failure'); END");
    const util::Status failed = store->insert_batch(std::span(all.data() + 100, 100), nullptr);
    ASSERT_FALSE(failed.ok());
    EXPECT_NE(failed.error().find("injected failure"), std::string::npos) << failed.error();
    EXPECT_EQ(dump(dir.path() / "crash.db"), before);
    testing::RawDb::of(*store).exec("DROP TRIGGER boom");
  }
  store_all(dir.path() / "crash.db", all, 50, nullptr);
  EXPECT_EQ(dump(dir.path() / "crash.db"), dump(dir.path() / "clean.db"));
}

void die(sqlite3_context*, int, sqlite3_value**) {
  std::raise(SIGKILL);
}

TEST(StoreCrashSafety, ProcessKilledMidTransactionThenRerunEqualsOneCleanRun) {
  athena::testing::TempDir dir;
  auto all = history(500);
  store_all(dir.path() / "clean.db", all, 50, nullptr);

  const auto crash = dir.path() / "killed.db";
  pid_t pid = fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    auto opened = Store::open(crash, StoreOptions{});
    if (!opened) _exit(3);
    auto store = std::move(opened).value();
    // SIGKILL from inside SQLite, halfway through the 6th batch's transaction.
    sqlite3_create_function(testing::RawDb::of(*store).handle(), "die", 0, SQLITE_UTF8, nullptr,
                            die, nullptr, nullptr);
    testing::RawDb::of(*store).exec("CREATE TEMP TRIGGER die_here AFTER INSERT ON query_tables "
                                    "WHEN (SELECT id FROM queries WHERE q = NEW.q) = 'q-275' BEGIN "
                                    "SELECT die(); END");
    for (size_t i = 0; i < all.size(); i += 50) {
      if (!store->insert_batch(std::span(all.data() + i, 50), nullptr)) _exit(4);
      if ((i / 50) % 2 == 1 && !store->refresh_aggregates()) _exit(5);
    }
    _exit(0);
  }
  int status = 0;
  ASSERT_EQ(waitpid(pid, &status, 0), pid);
  ASSERT_TRUE(WIFSIGNALED(status)) << "child exited with " << WEXITSTATUS(status);
  EXPECT_EQ(WTERMSIG(status), SIGKILL);
  {
    auto store = testing::opened_store(Store::open(crash, StoreOptions{}));
    ASSERT_NE(store, nullptr);
    EXPECT_EQ(testing::RawDb::of(*store).scalar("SELECT count(*) FROM queries"),
              250); // 5 batches committed
  }
  InsertStats rerun;
  store_all(crash, all, 50, &rerun);
  EXPECT_EQ(rerun.inserted, 250u);
  EXPECT_EQ(rerun.unchanged, 250u);
  EXPECT_EQ(dump(crash), dump(dir.path() / "clean.db"));
}

} // namespace
} // namespace athena::store
