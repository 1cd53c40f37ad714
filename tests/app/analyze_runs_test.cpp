// `analyze` run by run, as a nightly job does: what an earlier run stored (views, tables,
// prepared statements) is known to the next one, and the result equals one run over the whole
// history.
#include <filesystem>
#include <sstream>
#include <string>

#include <gtest/gtest.h>

#include "tests/app/sqlite_rows.h"
#include "tests/support/test_support.h"

namespace athena {
namespace {

using testing::binary_dir;
using testing::run_shell;
using testing::RunResult;
using testing::shell_quote;
using testing::TempDir;

/// One JSON Lines record of a SUCCEEDED query in workgroup `wg` submitted at `t` (seconds).
std::string record(const std::string& id, const std::string& sql, int t,
                   const std::string& wg = "bi") {
  std::string escaped;
  for (char c : sql) {
    if (c == '"' || c == '\\') escaped += '\\';
    escaped += c == '\n' ? ' ' : c;
  }
  return "{\"QueryExecutionId\":\"" + id + "\",\"Query\":\"" + escaped + "\",\"WorkGroup\":\"" +
         wg +
         "\",\"QueryExecutionContext\":{\"Catalog\":\"awsdatacatalog\",\"Database\":\"s\"},"
         "\"Status\":{\"State\":\"SUCCEEDED\",\"SubmissionDateTime\":" +
         std::to_string(t) + ".0,\"CompletionDateTime\":" + std::to_string(t + 1) + ".0}}\n";
}

RunResult analyze(const std::filesystem::path& db, const std::filesystem::path& log,
                  const std::string& env = "") {
  return run_shell(env + shell_quote((binary_dir() / "athena-lineage").string()) +
                   " analyze --quiet --db " + shell_quote(db.string()) + " " +
                   shell_quote(log.string()));
}

/// What the queries read and write, and their column edges, by query id.
std::string facts(const std::filesystem::path& db) {
  return testing::sqlite_rows(db, R"sql(
SELECT q.id, t.name, x.reads, x.writes FROM query_tables x
  JOIN queries q ON q.q = x.q JOIN tables t ON t.id = x.table_id ORDER BY 1, 2;
SELECT q.id, s.name, t.name, x.transform FROM query_column_edges x
  JOIN queries q ON q.q = x.q JOIN columns s ON s.id = x.source_id
  JOIN columns t ON t.id = x.target_id ORDER BY 1, 2, 3, 4;
SELECT t.name, u.day, u.queries FROM table_usage_daily u JOIN tables t ON t.id = u.table_id
  ORDER BY 1, 2;
)sql",
                              true);
}

TEST(AnalyzeRuns, ViewsTablesAndPreparedStatementsOfAnEarlierRunAreKnown) {
  TempDir dir;
  // 2026-11-10 and 2026-11-11 (UTC).
  const std::string first =
      record("q1", "CREATE TABLE s.t (a int, b varchar)", 1794268800) +
      record("q2", "CREATE VIEW s.v AS SELECT a, b FROM s.t", 1794268900) +
      record("q3", "PREPARE recent FROM SELECT a FROM s.t WHERE b = ?", 1794269000);
  const std::string second = record("q4", "EXECUTE recent USING 'x'", 1794355300) +
                             record("q5", "INSERT INTO s.w SELECT * FROM s.v", 1794355400) +
                             // Another workgroup's statement of that name is not this one.
                             record("q6", "EXECUTE recent USING 'y'", 1794355500, "etl");
  testing::write_file(dir.path() / "first.jsonl", first);
  testing::write_file(dir.path() / "second.jsonl", second);
  testing::write_file(dir.path() / "whole.jsonl", first + second);

  const auto runs = dir.path() / "runs.db";
  ASSERT_EQ(analyze(runs, dir.path() / "first.jsonl").exit_code, 0);
  RunResult r = analyze(runs, dir.path() / "second.jsonl");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto whole = dir.path() / "whole.db";
  ASSERT_EQ(analyze(whole, dir.path() / "whole.jsonl").exit_code, 0);

  const std::string got = facts(runs);
  EXPECT_EQ(got, facts(whole));
  EXPECT_EQ(got, "q1|awsdatacatalog.s.t|0|1\n"
                 "q2|awsdatacatalog.s.t|1|0\n"
                 "q2|awsdatacatalog.s.v|0|1\n"
                 "q4|awsdatacatalog.s.t|1|0\n"
                 "q5|awsdatacatalog.s.v|1|0\n"
                 "q5|awsdatacatalog.s.w|0|1\n"
                 "--\n"
                 "q2|awsdatacatalog.s.t.a|awsdatacatalog.s.v.a|identity\n"
                 "q2|awsdatacatalog.s.t.b|awsdatacatalog.s.v.b|identity\n"
                 "q5|awsdatacatalog.s.v.a|awsdatacatalog.s.w.a|identity\n"
                 "q5|awsdatacatalog.s.v.b|awsdatacatalog.s.w.b|identity\n"
                 "--\n"
                 "awsdatacatalog.s.t|2026-11-11|1\n"
                 "awsdatacatalog.s.v|2026-11-11|1\n"
                 "awsdatacatalog.s.w|2026-11-11|1\n"
                 "--\n");
}

/// Every fact and aggregate, by query ids and names (internal keys follow arrival order).
std::string dump(const std::filesystem::path& db) {
  return testing::sqlite_rows(db, R"sql(
SELECT q.id, q.state, q.day, q.statement_kind, q.is_usage, q.parsed, q.lineage_complete,
  q.tables_read, q.tables_written, q.fingerprint FROM queries q ORDER BY q.id;
SELECT q.id, t.name, x.reads, x.writes, x.bytes_share FROM query_tables x
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
SELECT * FROM usage_daily ORDER BY 1;
SELECT t.name, u.day, u.queries, u.users, u.bytes_scanned, u.failures
  FROM table_usage_daily u JOIN tables t ON t.id = u.table_id ORDER BY 1, 2;
SELECT c.name, r.day, r.clause, r.reads FROM column_reads_daily r
  JOIN columns c ON c.id = r.column_id ORDER BY 1, 2, 3;
SELECT l.name, r.name, j.day, j.queries FROM joins_daily j JOIN tables l ON l.id = j.left_id
  JOIN tables r ON r.id = j.right_id ORDER BY 1, 2, 3;
SELECT s.name, t.name, e.queries, e.first_seen_ms, e.last_seen_ms, e.last_query_id
  FROM table_edges e JOIN tables s ON s.id = e.source_id JOIN tables t ON t.id = e.target_id
  ORDER BY 1, 2;
SELECT s.name, t.name, e.transform, e.condition, e.queries, e.first_seen_ms, e.last_seen_ms,
  e.last_query_id FROM column_edges e JOIN columns s ON s.id = e.source_id
  JOIN columns t ON t.id = e.target_id ORDER BY 1, 2, 3, 4;
SELECT count(*) FROM dirty_days;
SELECT count(*) FROM reanalyze_queue;
)sql",
                              true);
}

/// A handcrafted history whose definitions arrive one run after the queries using them.
struct LateHistory {
  TempDir dir;
  std::filesystem::path first = dir.path() / "first.jsonl";
  std::filesystem::path second = dir.path() / "second.jsonl";
  std::filesystem::path whole = dir.path() / "whole.jsonl";
  LateHistory() {
    // 2026-11-10 and 2026-11-11 (UTC). The first run has the queries, the second the view and
    // the PREPARE they use (submitted before them: the log of that hour came late).
    const std::string a =
        record("q1", "CREATE TABLE s.t (a int, b varchar)", 1794268800) +
        record("q3", "EXECUTE early USING 'x'", 1794269000) +
        record("q5", "INSERT INTO s.w SELECT * FROM s.v", 1794269100) +
        record("q7", "SELECT v.a, t.b FROM s.v v JOIN s.t t ON v.b = t.b", 1794269200);
    const std::string b =
        record("q2", "CREATE VIEW s.v AS SELECT a, b FROM s.t", 1794268850) +
        record("q4", "PREPARE early FROM SELECT a FROM s.t WHERE b = ?", 1794268900) +
        record("q6", "EXECUTE early USING 'y'", 1794355300);
    testing::write_file(first, a);
    testing::write_file(second, b);
    testing::write_file(whole, a + b);
  }
};

TEST(AnalyzeRuns, QueriesOfAnEarlierRunAreDerivedAgainWhenTheirDefinitionsArriveLater) {
  LateHistory h;
  const auto runs = h.dir.path() / "runs.db";
  ASSERT_EQ(analyze(runs, h.first).exit_code, 0);
  RunResult r = analyze(runs, h.second);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto whole = h.dir.path() / "whole.db";
  ASSERT_EQ(analyze(whole, h.whole).exit_code, 0);
  const std::string got = dump(runs);
  EXPECT_EQ(got, dump(whole));
  // The EXECUTE reads what the late PREPARE reads; the view's columns reach the INSERT.
  const std::string tables = testing::sqlite_rows(
      runs,
      "SELECT q.id, t.name FROM query_tables x JOIN queries q ON q.q = x.q "
      "JOIN tables t ON t.id = x.table_id WHERE q.id IN ('q3', 'q5') ORDER BY 1, 2; "
      "SELECT count(*) FROM query_column_edges x JOIN queries q ON q.q = x.q "
      "WHERE q.id = 'q5'",
      true);
  EXPECT_EQ(tables, "q3|awsdatacatalog.s.t\n"
                    "q5|awsdatacatalog.s.v\n"
                    "q5|awsdatacatalog.s.w\n"
                    "--\n"
                    "2\n"
                    "--\n");
  // Idempotent: the same input again changes nothing.
  ASSERT_EQ(analyze(runs, h.second).exit_code, 0);
  ASSERT_EQ(analyze(runs, h.first).exit_code, 0);
  EXPECT_EQ(dump(runs), got);
}

TEST(AnalyzeRuns, ARederivationKilledHalfwayIsFinishedByTheNextRun) {
  LateHistory h;
  const auto runs = h.dir.path() / "runs.db";
  ASSERT_EQ(analyze(runs, h.first).exit_code, 0);
  RunResult killed = analyze(runs, h.second, "ATHENA_LINEAGE_TEST_KILL_REDERIVE=1 ");
  EXPECT_EQ(killed.exit_code, 137) << killed.out << killed.err;
  EXPECT_EQ(testing::sqlite_rows(runs, "SELECT count(*) FROM reanalyze_queue", true), "3\n--\n");
  // The next run (here with nothing new) finishes the queue.
  RunResult r = analyze(runs, h.second);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto whole = h.dir.path() / "whole.db";
  ASSERT_EQ(analyze(whole, h.whole).exit_code, 0);
  EXPECT_EQ(dump(runs), dump(whole));
}

TEST(AnalyzeRuns, AGeneratedHistoryRunByRunEqualsTheWholeHistory) {
  TempDir dir;
  RunResult g = run_shell(shell_quote((binary_dir() / "athena-samplegen").string()) +
                          " --seed 16 --queries 250 --days 5 --start-date 2026-11-10 "
                          "--format jsonl --out " +
                          shell_quote(dir.path().string()));
  ASSERT_EQ(g.exit_code, 0) << g.err;
  // The second day arrives last (as OmUsageExact.ALateQuery* splits it).
  std::istringstream in(testing::read_file(dir.path() / "history.jsonl"));
  std::string without, only, line;
  while (std::getline(in, line)) {
    // 2026-11-11T00:00Z = 1794355200 s; 2026-11-12T00:00Z = 1794441600 s.
    const size_t at = line.find("\"SubmissionDateTime\":");
    const double t = at == std::string::npos ? 0 : std::stod(line.substr(at + 21));
    ((t >= 1794355200 && t < 1794441600) ? only : without) += line + "\n";
  }
  ASSERT_FALSE(only.empty());
  testing::write_file(dir.path() / "without.jsonl", without);
  testing::write_file(dir.path() / "only.jsonl", only);
  const auto runs = dir.path() / "runs.db";
  ASSERT_LE(analyze(runs, dir.path() / "without.jsonl").exit_code, 1);
  ASSERT_LE(analyze(runs, dir.path() / "only.jsonl").exit_code, 1);
  const auto whole = dir.path() / "whole.db";
  ASSERT_LE(analyze(whole, dir.path() / "history.jsonl").exit_code, 1);
  EXPECT_EQ(dump(runs), dump(whole));
}

TEST(AnalyzeRuns, OnlyStoredStatementsThatDefineSomethingAreReplayedEachJudgedOnce) {
  TempDir dir;
  const std::string first =
      record("d1", "CREATE TABLE s.t (a int, b varchar)", 1794268800) +
      record("d2", "SHOW TABLES IN s", 1794268810) + record("d3", "DESCRIBE s.t", 1794268820) +
      record("d4", "ALTER TABLE s.t ADD PARTITION (dt = '2026-11-10')", 1794268830) +
      record("d5", "ALTER TABLE s.t ADD COLUMNS (c int)", 1794268840) +
      record("d6", "DROP TABLE IF EXISTS s.old", 1794268850) +
      record("d7", "PREPARE p FROM SELECT a FROM s.t", 1794268860) +
      record("d8", "SELECT * FROM s.t", 1794268870);
  testing::write_file(dir.path() / "first.jsonl", first);
  testing::write_file(dir.path() / "second.jsonl", record("d9", "SELECT * FROM s.t", 1794355300) +
                                                       record("d10", "EXECUTE p", 1794355400));
  testing::write_file(dir.path() / "whole.jsonl",
                      testing::read_file(dir.path() / "first.jsonl") +
                          testing::read_file(dir.path() / "second.jsonl"));
  const auto runs = dir.path() / "runs.db";
  ASSERT_EQ(analyze(runs, dir.path() / "first.jsonl").exit_code, 0);
  ASSERT_EQ(analyze(runs, dir.path() / "second.jsonl").exit_code, 0);
  const std::string judged = "d1|1\n"
                             "d2|0\n"
                             "d3|0\n"
                             "d4|0\n"
                             "d5|1\n"
                             "d6|0\n"
                             "d7|1\n"
                             "--\n";
  const std::string sql = "SELECT q.id, s.defines FROM definition_scan s "
                          "JOIN queries q ON q.q = s.q AND q.id = s.id ORDER BY 1";
  EXPECT_EQ(testing::sqlite_rows(runs, sql, true), judged);
  // The added column reaches the second run's star; the EXECUTE reads what p reads.
  const auto whole = dir.path() / "whole.db";
  ASSERT_EQ(analyze(whole, dir.path() / "whole.jsonl").exit_code, 0);
  EXPECT_EQ(dump(runs), dump(whole));
  ASSERT_EQ(analyze(runs, dir.path() / "second.jsonl").exit_code, 0);
  EXPECT_EQ(testing::sqlite_rows(runs, sql, true), judged);
}

TEST(AnalyzeRuns, ALaterCreateIfNotExistsOfAKnownTableDerivesNoStoredQueryAgain) {
  TempDir dir;
  // 2026-11-10, then 2026-11-11 (UTC). The later create names other columns; the table
  // exists, so it does nothing (a plain CREATE would redefine it).
  const std::string first =
      record("e1", "CREATE EXTERNAL TABLE s.t (a int, b string) LOCATION 's3://b/t/'", 1794268800) +
      record("e2", "SELECT * FROM s.t", 1794268900) +
      record("e3", "INSERT INTO s.w SELECT a, b FROM s.t", 1794269000);
  const std::string later = "CREATE EXTERNAL TABLE IF NOT EXISTS s.t (x bigint) PARTITIONED BY "
                            "(dt string) LOCATION 's3://b/t/'";
  const std::string second =
      record("e4", later, 1794355300) + record("e5", "SELECT * FROM s.t", 1794355400) +
      record("e6", "CREATE TABLE IF NOT EXISTS s.t AS SELECT a, b FROM s.u", 1794355500);
  testing::write_file(dir.path() / "first.jsonl", first);
  testing::write_file(dir.path() / "second.jsonl", second);
  testing::write_file(dir.path() / "whole.jsonl", first + second);
  const auto runs = dir.path() / "runs.db";
  ASSERT_EQ(analyze(runs, dir.path() / "first.jsonl").exit_code, 0);
  // The hook would end the run at the first query handed to the re-derivation: none is.
  RunResult r = analyze(runs, dir.path() / "second.jsonl", "ATHENA_LINEAGE_TEST_KILL_REDERIVE=1 ");
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_EQ(testing::sqlite_rows(runs, "SELECT count(*) FROM reanalyze_queue", true), "0\n--\n");
  const auto whole = dir.path() / "whole.db";
  ASSERT_EQ(analyze(whole, dir.path() / "whole.jsonl").exit_code, 0);
  EXPECT_EQ(dump(runs), dump(whole));
  // The stars still expand to the first definition; the skipped CTAS names s.t and nothing
  // else (its query never runs: s.u is not read).
  EXPECT_EQ(testing::sqlite_rows(runs, R"sql(
SELECT q.id, c.name FROM query_column_reads x JOIN queries q ON q.q = x.q
  JOIN json_each(x.reads) j JOIN columns c ON c.id = json_extract(j.value, '$[0]')
  WHERE q.id IN ('e2', 'e5', 'e6') ORDER BY 1, 2;
SELECT q.id, t.name, x.reads, x.writes FROM query_tables x JOIN queries q ON q.q = x.q
  JOIN tables t ON t.id = x.table_id WHERE q.id = 'e6';
SELECT count(*) FROM query_table_edges x JOIN queries q ON q.q = x.q WHERE q.id = 'e6';
)sql",
                                 true),
            "e2|awsdatacatalog.s.t.a\n"
            "e2|awsdatacatalog.s.t.b\n"
            "e5|awsdatacatalog.s.t.a\n"
            "e5|awsdatacatalog.s.t.b\n"
            "--\n"
            "e6|awsdatacatalog.s.t|0|1\n"
            "--\n"
            "0\n"
            "--\n");
  // Without IF NOT EXISTS the same statement redefines the table: the stored readers are
  // queued to be derived again, e1 to e6 (the hook ends the run there).
  const std::string replace = record("e7", later.substr(0, 22) + later.substr(36), 1794355600);
  testing::write_file(dir.path() / "third.jsonl", replace);
  RunResult killed =
      analyze(runs, dir.path() / "third.jsonl", "ATHENA_LINEAGE_TEST_KILL_REDERIVE=1 ");
  EXPECT_EQ(killed.exit_code, 137) << killed.out << killed.err;
  EXPECT_EQ(testing::sqlite_rows(runs, "SELECT count(*) FROM reanalyze_queue", true), "6\n--\n");
}

} // namespace
} // namespace athena
