// End to end: generated histories -> `athena-lineage analyze` -> SQLite, checked against what
// the generator knows (every table's query count per day and every table edge), re-analysis
// idempotency, and recovery after SIGKILL.
#include <algorithm>
#include <sstream>

#include <gtest/gtest.h>
#include <sqlite3.h>

#include "tests/support/test_support.h"

namespace athena::testing {
namespace {

std::string binary() {
  return shell_quote((binary_dir() / "athena-lineage").string());
}
std::string samplegen() {
  return shell_quote((binary_dir() / "athena-samplegen").string());
}

// Rows of a query as sorted CSV-ish lines.
std::vector<std::string> query_rows(const std::filesystem::path& db, const std::string& sql) {
  sqlite3* h = nullptr;
  std::vector<std::string> rows;
  if (sqlite3_open_v2(db.c_str(), &h, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
    ADD_FAILURE() << "cannot open " << db;
    sqlite3_close(h);
    return rows;
  }
  sqlite3_stmt* st = nullptr;
  if (sqlite3_prepare_v2(h, sql.c_str(), -1, &st, nullptr) != SQLITE_OK) {
    ADD_FAILURE() << sqlite3_errmsg(h) << " in " << sql;
  } else {
    while (sqlite3_step(st) == SQLITE_ROW) {
      std::string row;
      for (int i = 0; i < sqlite3_column_count(st); ++i) {
        if (i > 0) row += ',';
        const unsigned char* t = sqlite3_column_text(st, i);
        row += t != nullptr ? reinterpret_cast<const char*>(t) : "NULL";
      }
      rows.push_back(std::move(row));
    }
  }
  sqlite3_finalize(st);
  sqlite3_close(h);
  std::sort(rows.begin(), rows.end());
  return rows;
}

// Every row of every table, for comparing whole databases; columns named in `skip` are left
// out (the records' `origin` names the input file and line, which differ between formats).
// The strings `query_rows` refers to are compared through the view `queries`.
std::string dump(const std::filesystem::path& db, const std::vector<std::string>& skip = {}) {
  std::string out;
  for (const std::string& table :
       query_rows(db, "SELECT name FROM sqlite_master WHERE (type = 'table' AND name <> "
                      "'query_strings') OR name = 'queries' ORDER BY name")) {
    std::string columns;
    for (const std::string& col :
         query_rows(db, "SELECT name FROM pragma_table_info('" + table + "')")) {
      if (std::find(skip.begin(), skip.end(), col) != skip.end()) continue;
      columns += (columns.empty() ? "\"" : ", \"") + col + "\"";
    }
    out += "== " + table + "\n";
    for (const std::string& row : query_rows(db, "SELECT " + columns + " FROM \"" + table + "\"")) {
      out += row + "\n";
    }
  }
  return out;
}

// The first line where two dumps differ ("" when equal): keeps failure messages readable.
std::string first_difference(const std::string& a, const std::string& b) {
  std::istringstream ia(a);
  std::istringstream ib(b);
  std::string la;
  std::string lb;
  for (int line = 1;; ++line) {
    const bool ga = static_cast<bool>(std::getline(ia, la));
    const bool gb = static_cast<bool>(std::getline(ib, lb));
    if (!ga && !gb) return "";
    if (!ga || !gb || la != lb) {
      return "line " + std::to_string(line) + ": '" + (ga ? la : "<end>") + "' vs '" +
             (gb ? lb : "<end>") + "'";
    }
  }
}

std::vector<std::string> csv_lines(const std::filesystem::path& file) {
  std::istringstream in(read_file(file));
  std::vector<std::string> lines;
  std::string line;
  std::getline(in, line); // header
  while (std::getline(in, line)) {
    if (!line.empty()) lines.push_back(line);
  }
  std::sort(lines.begin(), lines.end());
  return lines;
}

class AnalyzeE2E : public ::testing::Test {
protected:
  void generate(int seed, int queries, int days) {
    auto r = run_shell(samplegen() + " --out " + shell_quote(tmp.path().string()) + " --seed " +
                       std::to_string(seed) + " --queries " + std::to_string(queries) + " --days " +
                       std::to_string(days));
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }
  RunResult analyze(const std::string& db, const std::string& history) {
    return run_shell(binary() + " analyze --quiet --db " + shell_quote(db) + " --schema " +
                     shell_quote((tmp.path() / "schema.json").string()) + " " +
                     shell_quote((tmp.path() / history).string()) + " " +
                     shell_quote((tmp.path() / "cloudtrail.json").string()));
  }
  void expect_matches_truth(const std::filesystem::path& db) {
    EXPECT_EQ(query_rows(db, "SELECT u.day, t.name, u.queries, u.failures, u.users FROM "
                             "table_usage_daily u JOIN tables t ON t.id = u.table_id "
                             "WHERE u.queries > 0 OR u.failures > 0"),
              csv_lines(tmp.path() / "expected_usage.csv"));
    EXPECT_EQ(query_rows(db, "SELECT s.name, t.name FROM table_edges e JOIN tables s ON s.id = "
                             "e.source_id JOIN tables t ON t.id = e.target_id"),
              csv_lines(tmp.path() / "expected_edges.csv"));
  }
  TempDir tmp;
};

TEST_F(AnalyzeE2E, UsageAndEdgesMatchTheGeneratorsTruth) {
  generate(7, 6000, 10);
  const std::string db = (tmp.path() / "a.db").string();
  auto r = analyze(db, "history.jsonl");
  ASSERT_EQ(r.exit_code, 0) << r.err << r.out;
  EXPECT_NE(r.out.find("6000 queries read"), std::string::npos) << r.out;
  expect_matches_truth(db);
}

TEST_F(AnalyzeE2E, AwsCliJsonGivesTheSameDatabaseAsJsonLines) {
  generate(11, 1500, 5);
  const std::string a = (tmp.path() / "a.db").string();
  const std::string b = (tmp.path() / "b.db").string();
  ASSERT_EQ(analyze(a, "history.json").exit_code, 0);
  ASSERT_EQ(analyze(b, "history.jsonl").exit_code, 0);
  expect_matches_truth(a);
  const std::vector<std::string> origin{"origin", "origin_ref", "origin_line"};
  EXPECT_EQ(first_difference(dump(a, origin), dump(b, origin)), "");
}

TEST_F(AnalyzeE2E, AnalyzingTwiceLeavesTheDatabaseIdentical) {
  generate(3, 2500, 7);
  const std::string db = (tmp.path() / "a.db").string();
  ASSERT_EQ(analyze(db, "history.jsonl").exit_code, 0);
  const std::string first = dump(db);
  auto again = analyze(db, "history.jsonl");
  ASSERT_EQ(again.exit_code, 0) << again.err;
  // Only queries still QUEUED or RUNNING are analyzed again; nothing new is stored.
  EXPECT_NE(again.out.find("new in database:    0"), std::string::npos) << again.out;
  EXPECT_EQ(first_difference(dump(db), first), "");
}

TEST_F(AnalyzeE2E, RunKilledHalfwayThenRerunEqualsOneCleanRun) {
  generate(5, 15000, 20);
  const std::string clean = (tmp.path() / "clean.db").string();
  ASSERT_EQ(analyze(clean, "history.jsonl").exit_code, 0);
  const std::string killed = (tmp.path() / "killed.db").string();
  // Start a run, wait until it has committed at least one batch, then SIGKILL it.
  const std::string cmd = binary() + " analyze --quiet --db " + shell_quote(killed) + " --schema " +
                          shell_quote((tmp.path() / "schema.json").string()) + " " +
                          shell_quote((tmp.path() / "history.jsonl").string()) + " & pid=$!; " +
                          "for i in $(seq 1 600); do "
                          "  n=$(sqlite3 " +
                          shell_quote(killed) +
                          " 'select count(*) from queries' 2>/dev/null); "
                          "  [ \"${n:-0}\" -gt 0 ] && break; sleep 0.05; done; "
                          "kill -9 $pid; wait $pid; echo status=$?";
  auto r = run_shell(cmd);
  if (r.out.find("status=137") == std::string::npos) {
    GTEST_SKIP() << "the run finished before it could be killed (" << r.out << ")";
  }
  const auto partial = query_rows(killed, "SELECT count(*) FROM queries");
  ASSERT_EQ(partial.size(), 1U);
  EXPECT_LT(std::stoi(partial[0]), 15000) << "the kill came too late to test recovery";
  // The killed run used no CloudTrail file; neither does the rerun, so compare with a clean
  // run without it as well.
  const std::string clean_no_users = (tmp.path() / "clean2.db").string();
  auto plain = [&](const std::string& db) {
    return run_shell(binary() + " analyze --quiet --db " + shell_quote(db) + " --schema " +
                     shell_quote((tmp.path() / "schema.json").string()) + " " +
                     shell_quote((tmp.path() / "history.jsonl").string()));
  };
  ASSERT_EQ(plain(clean_no_users).exit_code, 0);
  ASSERT_EQ(plain(killed).exit_code, 0);
  EXPECT_EQ(first_difference(dump(killed), dump(clean_no_users)), "");
}

TEST_F(AnalyzeE2E, BadInputIsReportedWithFileAndLineAndTheRestIsStored) {
  generate(9, 200, 2);
  // Corrupt one line and append garbage and an empty query; every good record still lands.
  std::string jsonl = read_file(tmp.path() / "history.jsonl");
  const size_t second = jsonl.find('\n') + 1;
  jsonl.insert(second, "{\"QueryExecutionId\": \"broken\", \"Query\": \n");
  jsonl += "not json at all\n";
  jsonl += "{\"QueryExecutionId\": \"empty-1\", \"Query\": \"\"}\n";
  write_file(tmp.path() / "bad.jsonl", jsonl);
  const std::string db = (tmp.path() / "a.db").string();
  auto r = run_shell(binary() + " analyze --quiet --db " + shell_quote(db) + " " +
                     shell_quote((tmp.path() / "bad.jsonl").string()));
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_NE(r.err.find("bad.jsonl:2:"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("bad.jsonl:202:"), std::string::npos) << r.err;
  EXPECT_NE(r.out.find("skipped bad input:  3"), std::string::npos) << r.out;
  EXPECT_EQ(query_rows(db, "SELECT count(*) FROM queries"), std::vector<std::string>{"200"});
}

// `--stats` adds one JSON line at the end of stderr, every stage in it, and changes nothing
// else: the summary on stdout is the one a run without it prints.
TEST(AnalyzeStats, EndStderrWithTheCpuSecondsOfEachStage) {
  TempDir tmp;
  const std::string inputs = shell_quote((source_dir() / "samples/history.jsonl").string()) + " " +
                             shell_quote((source_dir() / "samples/cloudtrail.json").string());
  const std::string db = (tmp.path() / "a.db").string();
  const std::string plain_db = (tmp.path() / "b.db").string();
  auto r = run_shell(binary() + " analyze --quiet --stats --db " + shell_quote(db) + " " + inputs);
  auto plain =
      run_shell(binary() + " analyze --quiet --db " + shell_quote(plain_db) + " " + inputs);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  ASSERT_EQ(plain.exit_code, 0) << plain.err;
  std::string expected_out = plain.out;
  const size_t at = expected_out.find(plain_db);
  ASSERT_NE(at, std::string::npos) << plain.out;
  expected_out.replace(at, plain_db.size(), db);
  EXPECT_EQ(r.out, expected_out);
  EXPECT_EQ(plain.err, "");
  ASSERT_TRUE(r.err.starts_with("{\"wall_seconds\":")) << r.err;
  EXPECT_TRUE(r.err.ends_with("}}\n")) << r.err;
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
  for (const char* key :
       {"\"cpu_seconds\":", "\"first_batch_at_seconds\":", "\"stage_cpu_seconds\":{\"cloudtrail\":",
        "\"read\":", "\"schema_pass\":", "\"fingerprint\":", "\"parse\":", "\"lineage\":",
        "\"facts\":", "\"analysis_other\":", "\"dbt\":", "\"store\":", "\"aggregates\":",
        "\"other\":"}) {
    EXPECT_NE(r.err.find(key), std::string::npos) << key << " in " << r.err;
  }
  EXPECT_EQ(r.err.find(":-"), std::string::npos) << "a negative time: " << r.err;
}

} // namespace
} // namespace athena::testing
