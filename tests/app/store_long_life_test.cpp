// A database that lives for years: recomputing a day reads only that day's rows, and writers
// that overlap wait for each other instead of failing with "database is locked".
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>
#include <sqlite3.h>

#include "src/store/sqlite_db.h"
#include "src/store/store.h"
#include "src/store/store_impl.h"
#include "tests/app/sqlite_rows.h"
#include "tests/app/store_test_access.h"
#include "tests/support/test_support.h"

namespace athena {
namespace {

using testing::binary_dir;
using testing::read_file;
using testing::run_shell;
using testing::RunResult;
using testing::shell_quote;
using testing::TempDir;
using testing::write_file;

/// The statements of `sql`, split at the ';' that end a line.
std::vector<std::string> statements(std::string_view sql) {
  std::vector<std::string> out;
  size_t start = 0;
  for (size_t end; (end = sql.find(";\n", start)) != std::string_view::npos; start = end + 2)
    out.emplace_back(sql.substr(start, end - start));
  return out;
}

TEST(StoreLongLife, RecomputingADayUsesTheDayIndex) {
  TempDir dir;
  auto store = store::testing::opened_store(store::Store::open(dir.path() / "x.db", {}));
  ASSERT_NE(store, nullptr);
  store::Db& db = store::testing::RawDb::of(*store);
  int checked = 0;
  for (const std::string& st : statements(store::refresh_sql())) {
    const bool reads_queries = st.find("FROM queries q WHERE") != std::string::npos ||
                               st.find("FROM queries WHERE") != std::string::npos ||
                               st.find("FROM queries q JOIN") != std::string::npos;
    if (!reads_queries || st.find("dirty_days") == std::string::npos) continue;
    store::Statement plan(db, "EXPLAIN QUERY PLAN " + st);
    std::string details;
    while (plan.step())
      details += plan.text(3) + "\n";
    EXPECT_NE(details.find("USING INDEX queries_day (day=?)"), std::string::npos) << st << "\n"
                                                                                  << details;
    EXPECT_EQ(details.find("SCAN queries"), std::string::npos) << st << "\n" << details;
    EXPECT_EQ(details.find("SCAN q\n"), std::string::npos) << st << "\n" << details;
    EXPECT_EQ(details.find("SCAN q "), std::string::npos) << st << "\n" << details;
    ++checked;
  }
  EXPECT_GE(checked, 7); // day_users, table_day_users, usage, tables, columns, joins x2, shapes
}

std::string lineage_bin() {
  return shell_quote((binary_dir() / "athena-lineage").string());
}

std::string rows(const std::filesystem::path& db, const std::string& sql) {
  return testing::sqlite_rows(db, sql);
}

/// Every stored query and the aggregates, by names (ids follow arrival order).
std::string content(const std::filesystem::path& db) {
  return rows(db, "SELECT id, state, day, user, fingerprint FROM queries ORDER BY id") +
         rows(db, "SELECT * FROM usage_daily ORDER BY day") +
         rows(db, "SELECT t.name, u.day, u.queries, u.users, u.bytes_scanned, u.cost_usd, "
                  "u.failures FROM table_usage_daily u JOIN tables t ON t.id = u.table_id "
                  "ORDER BY 1, 2") +
         rows(db, "SELECT c.name, r.day, r.clause, r.reads FROM column_reads_daily r JOIN columns "
                  "c ON c.id = r.column_id ORDER BY 1, 2, 3") +
         rows(db, "SELECT * FROM fingerprints_daily ORDER BY 1, 2") +
         rows(db, "SELECT s.name, t.name, e.queries, e.first_seen_ms, e.last_seen_ms, "
                  "e.last_query_id FROM table_edges e JOIN tables s ON s.id = e.source_id JOIN "
                  "tables t ON t.id = e.target_id ORDER BY 1, 2");
}

TEST(StoreLongLife, OverlappingWritersWaitAndComplete) {
  TempDir dir;
  RunResult g = run_shell(shell_quote((binary_dir() / "athena-samplegen").string()) + " --out " +
                          shell_quote(dir.path().string()) +
                          " --seed 9 --queries 1500 --days 8 --format jsonl");
  ASSERT_EQ(g.exit_code, 0) << g.err;
  // Two parts of the history, analyzed by two processes at once: the ETL workgroup's records
  // and the rest. A workgroup's statements stay together because the order they are stored in
  // matters within one (a dbt model's temporary table is filled, then moved into its base
  // table; a PREPARE comes before its EXECUTE).
  std::ifstream in(dir.path() / "history.jsonl");
  std::ostringstream a, b;
  std::string line;
  while (std::getline(in, line))
    (line.find("\"WorkGroup\":\"etl\"") != std::string::npos ? a : b) << line << '\n';
  write_file(dir.path() / "a.jsonl", a.str());
  write_file(dir.path() / "b.jsonl", b.str());
  auto analyze = [&](const std::filesystem::path& db, const char* half) {
    return lineage_bin() + " analyze --quiet --threads 1 --db " + shell_quote(db.string()) +
           " --schema " + shell_quote((dir.path() / "schema.json").string()) + " " +
           shell_quote((dir.path() / half).string()) + " " +
           shell_quote((dir.path() / "cloudtrail.json").string());
  };
  const auto sequential = dir.path() / "seq.db";
  ASSERT_EQ(run_shell(analyze(sequential, "a.jsonl")).exit_code, 0);
  ASSERT_EQ(run_shell(analyze(sequential, "b.jsonl")).exit_code, 0);

  const auto together = dir.path() / "par.db";
  ASSERT_EQ(run_shell(lineage_bin() + " prune --keep-days 1 --db " + shell_quote(together.string()))
                .exit_code,
            2); // no database yet
  // Both analyze runs and a prune that removes nothing (its days are all kept) but writes.
  RunResult r = run_shell(
      "(" + analyze(together, "a.jsonl") + " & " + analyze(together, "b.jsonl") +
      " & sleep 0.5; ATHENA_LINEAGE_TODAY=2026-11-09 " + lineage_bin() +
      " prune --keep-days 30 --db " + shell_quote(together.string()) + " & wait) 2>&1; echo done");
  EXPECT_EQ(r.out.find("locked"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("error"), std::string::npos) << r.out;
  EXPECT_EQ(content(together), content(sequential));
}

} // namespace
} // namespace athena
