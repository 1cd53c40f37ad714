// `reanalyze`: stored queries derived again equal a fresh analyze of the same input, twice, and
// after a kill.
#include <filesystem>
#include <string>

#include <gtest/gtest.h>
#include <sqlite3.h>

#include "src/store/text_codec.h"
#include "tests/app/sqlite_rows.h"
#include "tests/support/test_support.h"

namespace athena {
namespace {

using testing::binary_dir;
using testing::run_shell;
using testing::RunResult;
using testing::shell_quote;
using testing::TempDir;

std::string lineage_bin() {
  return shell_quote((binary_dir() / "athena-lineage").string());
}

/// Rows of the statements in `sql` (';'-separated), '|' between columns, "--" after each.
std::string rows(const std::filesystem::path& db, const std::string& sql) {
  return testing::sqlite_rows(db, sql, true);
}

/// Every fact and aggregate, by query ids and names (internal keys follow arrival order).
std::string dump(const std::filesystem::path& db) {
  return rows(db, R"sql(
SELECT q.id, q.id_synthetic, q.state, q.day, q.submitted_ms, q.completed_ms, q.statement_type,
  q.substatement_type, q.statement_kind, q.is_usage, q.parsed, q.lineage_complete, q.catalog,
  q.database, q.workgroup, q.user, q.data_scanned_bytes, q.cost_usd, q.cost_stated,
  q.error_message, q.fingerprint, q.tool, q.dbt_model, q.origin, q.tables_read, q.tables_written
  FROM queries q ORDER BY q.id;
SELECT q.id, t.name, x.reads, x.writes, x.bytes_share, x.cost_share FROM query_tables x
  JOIN queries q ON q.q = x.q JOIN tables t ON t.id = x.table_id ORDER BY 1, 2;
SELECT q.id, c.name, json_extract(j.value, '$[1]') FROM query_column_reads x
  JOIN queries q ON q.q = x.q JOIN json_each(x.reads) j
  JOIN columns c ON c.id = json_extract(j.value, '$[0]') ORDER BY 1, 2, 3;
SELECT q.id, l.name, r.name, x.join_type, x.columns FROM query_joins x JOIN queries q ON q.q = x.q
  JOIN tables l ON l.id = x.left_id JOIN tables r ON r.id = x.right_id ORDER BY 1, 2, 3, 4, 5;
SELECT q.id, s.name, t.name FROM query_table_edges x JOIN queries q ON q.q = x.q
  JOIN tables s ON s.id = x.source_id JOIN tables t ON t.id = x.target_id ORDER BY 1, 2, 3;
SELECT q.id, s.name, t.name, x.transform, x.condition FROM query_column_edges x
  JOIN queries q ON q.q = x.q JOIN columns s ON s.id = x.source_id
  JOIN columns t ON t.id = x.target_id ORDER BY 1, 2, 3, 4, 5;
SELECT q.id, x.seq, x.kind, x.message, x.line, x.col, x.offset FROM query_errors x
  JOIN queries q ON q.q = x.q ORDER BY 1, 2;
SELECT q.id, t.query FROM query_texts t JOIN queries q ON q.q = t.q ORDER BY 1;
SELECT * FROM usage_daily ORDER BY 1;
SELECT t.name, u.day, u.queries, u.users, u.bytes_scanned, u.cost_usd, u.failures
  FROM table_usage_daily u JOIN tables t ON t.id = u.table_id ORDER BY 1, 2;
SELECT c.name, r.day, r.clause, r.reads FROM column_reads_daily r
  JOIN columns c ON c.id = r.column_id ORDER BY 1, 2, 3;
SELECT l.name, r.name, j.day, j.queries FROM joins_daily j JOIN tables l ON l.id = j.left_id
  JOIN tables r ON r.id = j.right_id ORDER BY 1, 2, 3;
SELECT l.name, r.name, j.day, j.columns, j.queries FROM join_columns_daily j
  JOIN tables l ON l.id = j.left_id JOIN tables r ON r.id = j.right_id ORDER BY 1, 2, 3, 4;
SELECT * FROM fingerprints_daily ORDER BY 1, 2;
SELECT * FROM fingerprint_texts ORDER BY 1;
SELECT s.name, t.name, e.queries, e.first_seen_ms, e.last_seen_ms, e.last_query_id
  FROM table_edges e JOIN tables s ON s.id = e.source_id JOIN tables t ON t.id = e.target_id
  ORDER BY 1, 2;
SELECT s.name, t.name, e.transform, e.condition, e.queries, e.first_seen_ms, e.last_seen_ms,
  e.last_query_id FROM column_edges e JOIN columns s ON s.id = e.source_id
  JOIN columns t ON t.id = e.target_id ORDER BY 1, 2, 3, 4;
SELECT * FROM day_users ORDER BY 1, 2;
SELECT t.name, u.day, u.user FROM table_day_users u JOIN tables t ON t.id = u.table_id
  ORDER BY 1, 2, 3;
SELECT count(*) FROM dirty_days;
SELECT count(*) FROM reanalyze_queue;
)sql");
}

/// What an older analysis could have left: facts missing or different, aggregates off.
void tamper(const std::filesystem::path& db) {
  rows(db, R"sql(
DELETE FROM query_column_reads WHERE q % 2 = 0;
DELETE FROM query_table_edges WHERE q % 3 = 0;
DELETE FROM query_column_edges WHERE q % 5 = 0;
DELETE FROM query_tables WHERE q % 7 = 0;
DELETE FROM query_joins WHERE q % 4 = 0;
UPDATE query_rows SET lineage_complete = 0, parsed = 0, statement_kind = 'old' WHERE q % 6 = 0;
UPDATE usage_daily SET queries = 0;
UPDATE table_edges SET queries = 99 WHERE source_id % 2 = 0;
DELETE FROM column_reads_daily WHERE column_id % 3 = 0;
)sql");
}

class ReanalyzeTest : public ::testing::Test {
protected:
  void SetUp() override {
    RunResult g = run_shell(shell_quote((binary_dir() / "athena-samplegen").string()) + " --out " +
                            shell_quote(dir.path().string()) +
                            " --seed 5 --queries 400 --days 6 --format jsonl");
    ASSERT_EQ(g.exit_code, 0) << g.err;
    RunResult a = run_shell(lineage_bin() + " analyze --quiet --db " + shell_quote(fresh.string()) +
                            " --schema " + schema() + " " +
                            shell_quote((dir.path() / "history.jsonl").string()) + " " +
                            shell_quote((dir.path() / "cloudtrail.json").string()));
    ASSERT_EQ(a.exit_code, 0) << a.err;
    std::filesystem::copy_file(fresh, db);
    expected = dump(fresh);
    ASSERT_NE(expected.find("|SUCCEEDED|"), std::string::npos);
  }
  std::string schema() const { return shell_quote((dir.path() / "schema.json").string()); }
  RunResult reanalyze(const std::string& env = "", const std::string& args = "") {
    return run_shell(env + lineage_bin() + " reanalyze --quiet --threads 2 --db " +
                     shell_quote(db.string()) + " --schema " + schema() + " " + args);
  }
  TempDir dir;
  std::filesystem::path fresh = dir.path() / "fresh.db";
  std::filesystem::path db = dir.path() / "old.db";
  std::string expected;
};

TEST_F(ReanalyzeTest, EqualsAFreshAnalyzeAndChangesNothingTheSecondTime) {
  tamper(db);
  ASSERT_NE(dump(db), expected);
  RunResult r = reanalyze();
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("reanalyze: 400 queries derived again"), std::string::npos) << r.out;
  EXPECT_EQ(dump(db), expected);
  RunResult again = reanalyze();
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_EQ(dump(db), expected);
}

TEST_F(ReanalyzeTest, ResumesAfterAKill) {
  tamper(db);
  // Killed after 300 records: the first batch (256) is stored again, the rest still queued.
  RunResult killed = reanalyze("ATHENA_LINEAGE_TEST_KILL_AFTER=300 ");
  EXPECT_NE(killed.exit_code, 0);
  const std::string mid = rows(db, "SELECT count(*) FROM reanalyze_queue; "
                                   "SELECT count(*) FROM queries");
  EXPECT_EQ(mid, "400\n--\n256\n--\n") << mid;
  RunResult r = reanalyze();
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("(resumed)"), std::string::npos) << r.out;
  EXPECT_EQ(dump(db), expected);
}

TEST_F(ReanalyzeTest, SinceADayLeavesEarlierDaysAlone) {
  rows(db, "DELETE FROM query_column_reads WHERE q IN (SELECT q FROM queries WHERE day < "
           "'2026-11-03')");
  const std::string before = rows(db, "SELECT count(*) FROM query_column_reads");
  RunResult r = reanalyze("", "--since 2026-11-03");
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_EQ(rows(db, "SELECT count(*) FROM query_column_reads"), before);
  EXPECT_EQ(rows(db, "SELECT count(*) FROM usage_daily"), rows(fresh, "SELECT count(*) FROM "
                                                                      "usage_daily"));
  RunResult all = reanalyze();
  ASSERT_EQ(all.exit_code, 0) << all.err;
  EXPECT_EQ(dump(db), expected);
  RunResult bad = reanalyze("", "--since yesterday");
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("--since 'yesterday' is not a date YYYY-MM-DD"), std::string::npos);
}

} // namespace
} // namespace athena
