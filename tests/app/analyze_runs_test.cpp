// `analyze` run by run, as a nightly job does: what an earlier run stored (views, tables,
// prepared statements) is known to the next one, and the result equals one run over the whole
// history.
#include <filesystem>
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

RunResult analyze(const std::filesystem::path& db, const std::filesystem::path& log) {
  return run_shell(shell_quote((binary_dir() / "athena-lineage").string()) +
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

} // namespace
} // namespace athena
