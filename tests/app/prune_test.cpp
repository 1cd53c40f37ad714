// `prune` and `run`'s retention: what goes, what stays, and that nothing a sink still needs goes.
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <sqlite3.h>

#include "src/store/text_codec.h"
#include "tests/app/sqlite_rows.h"
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

std::string lineage_bin() {
  return shell_quote((binary_dir() / "athena-lineage").string());
}

std::string rows(const std::filesystem::path& db, const std::string& sql) {
  return testing::sqlite_rows(db, sql);
}

void exec(const std::filesystem::path& db, const std::string& sql) {
  sqlite3* h = nullptr;
  ASSERT_EQ(sqlite3_open(db.c_str(), &h), SQLITE_OK);
  char* err = nullptr;
  const int rc = sqlite3_exec(h, sql.c_str(), nullptr, nullptr, &err);
  EXPECT_EQ(rc, SQLITE_OK) << (err != nullptr ? err : "") << " in " << sql;
  sqlite3_free(err);
  sqlite3_close(h);
}

/// The aggregates (every one prune keeps), by names rather than internal ids.
std::string aggregates(const std::filesystem::path& db) {
  return rows(db, "SELECT * FROM usage_daily ORDER BY day") +
         rows(db, "SELECT t.name, u.day, u.queries, u.users, u.bytes_scanned, u.cost_usd, "
                  "u.failures FROM table_usage_daily u JOIN tables t ON t.id = u.table_id "
                  "ORDER BY 1, 2") +
         rows(db, "SELECT c.name, r.day, r.clause, r.reads FROM column_reads_daily r JOIN columns "
                  "c ON c.id = r.column_id ORDER BY 1, 2, 3") +
         rows(db, "SELECT l.name, r.name, j.day, j.queries FROM joins_daily j JOIN tables l ON "
                  "l.id = j.left_id JOIN tables r ON r.id = j.right_id ORDER BY 1, 2, 3") +
         rows(db, "SELECT l.name, r.name, j.day, j.columns, j.queries FROM join_columns_daily j "
                  "JOIN tables l ON l.id = j.left_id JOIN tables r ON r.id = j.right_id "
                  "ORDER BY 1, 2, 3, 4") +
         rows(db, "SELECT * FROM fingerprints_daily ORDER BY 1, 2") +
         rows(db, "SELECT s.name, t.name, e.queries, e.first_seen_ms, e.last_seen_ms, "
                  "e.last_query_id FROM table_edges e JOIN tables s ON s.id = e.source_id JOIN "
                  "tables t ON t.id = e.target_id ORDER BY 1, 2") +
         rows(db, "SELECT s.name, t.name, e.transform, e.condition, e.queries, e.first_seen_ms, "
                  "e.last_seen_ms, e.last_query_id FROM column_edges e JOIN columns s ON s.id = "
                  "e.source_id JOIN columns t ON t.id = e.target_id ORDER BY 1, 2, 3, 4") +
         rows(db, "SELECT * FROM day_users ORDER BY 1, 2") +
         rows(db, "SELECT t.name, u.day, u.user FROM table_day_users u JOIN tables t ON t.id = "
                  "u.table_id ORDER BY 1, 2, 3");
}

int64_t number(const std::filesystem::path& db, const std::string& sql) {
  return testing::sqlite_number(db, sql);
}

/// 400 generated queries over 2026-11-01 .. 2026-11-10, analyzed into `db`.
class PruneTest : public ::testing::Test {
protected:
  void SetUp() override {
    RunResult g = run_shell(shell_quote((binary_dir() / "athena-samplegen").string()) + " --out " +
                            shell_quote(dir.path().string()) +
                            " --seed 4 --queries 400 --days 10 --format jsonl");
    ASSERT_EQ(g.exit_code, 0) << g.err;
    RunResult a = analyze();
    ASSERT_EQ(a.exit_code, 0) << a.err;
  }
  RunResult analyze() {
    return run_shell(lineage_bin() + " analyze --quiet --db " + shell_quote(db.string()) +
                     " --schema " + shell_quote((dir.path() / "schema.json").string()) + " " +
                     shell_quote((dir.path() / "history.jsonl").string()) + " " +
                     shell_quote((dir.path() / "cloudtrail.json").string()));
  }
  /// prune as if today were 2026-11-12.
  RunResult prune(const std::string& args) {
    return run_shell("ATHENA_LINEAGE_TODAY=2026-11-12 " + lineage_bin() + " prune --db " +
                     shell_quote(db.string()) + " " + args);
  }
  std::string cli(const std::string& args) {
    RunResult r = run_shell(lineage_bin() + " " + args);
    EXPECT_EQ(r.exit_code, 0) << args << "\n" << r.err;
    return r.out;
  }
  /// What report and graph print for the kept days and for the whole lineage.
  std::string outputs() {
    const std::string d = " --db " + shell_quote(db.string());
    return cli("report" + d + " --since 2026-11-07") +
           cli("report" + d + " --since 2026-11-07 --format json") +
           cli("graph" + d + " awsdatacatalog.marts.fct_orders --format json") +
           cli("graph" + d + " awsdatacatalog.staging.stg_returns") +
           cli("graph" + d + " --columns awsdatacatalog.marts.fct_orders.order_id --format json");
  }
  int64_t old_texts() {
    return number(db, "SELECT count(*) FROM queries q JOIN query_texts t ON t.q = q.q WHERE "
                      "q.day < '2026-11-07'");
  }
  TempDir dir;
  std::filesystem::path db = dir.path() / "lineage.db";
};

TEST_F(PruneTest, KeepsAggregatesReportAndGraphAndShrinksTheFile) {
  const std::string before = outputs();
  const std::string sums = aggregates(db);
  const int64_t pages = number(db, "PRAGMA page_count");
  const int64_t old_queries = number(db, "SELECT count(*) FROM queries WHERE day < '2026-11-07'");
  ASSERT_GT(old_queries, 100);
  RunResult r = prune("--keep-days 5");
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("queries before:       2026-11-07"), std::string::npos) << r.out;
  EXPECT_EQ(aggregates(db), sums);
  EXPECT_EQ(outputs(), before);
  EXPECT_EQ(number(db, "PRAGMA auto_vacuum"), 2); // incremental
  EXPECT_LT(number(db, "PRAGMA page_count"), pages);
  // What stays of the old days: the queries that wrote (with their edge facts), one witness per
  // table; texts only of each edge's last query. No reads, joins or errors.
  EXPECT_LT(number(db, "SELECT count(*) FROM queries WHERE day < '2026-11-07'"), old_queries / 2);
  EXPECT_EQ(old_texts(), number(db, "SELECT count(*) FROM queries q WHERE q.day < '2026-11-07' "
                                    "AND q.id IN (SELECT last_query_id FROM table_edges UNION "
                                    "SELECT last_query_id FROM column_edges)"));
  EXPECT_EQ(number(db, "SELECT count(*) FROM query_column_reads r JOIN queries q ON q.q = r.q "
                       "WHERE q.day < '2026-11-07'"),
            0);
  EXPECT_EQ(rows(db, "SELECT value FROM meta WHERE key = 'retention_horizon'"), "2026-11-07\n");

  // The old days are closed: analyzing the same input again counts nothing twice, and a
  // second prune has nothing left to do.
  RunResult again = analyze();
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_EQ(aggregates(db), sums);
  EXPECT_EQ(outputs(), before);
  RunResult second = prune("--keep-days 5");
  EXPECT_EQ(second.exit_code, 0) << second.out;
  EXPECT_NE(second.out.find("removed:              0 queries"), std::string::npos) << second.out;
}

TEST_F(PruneTest, DryRunChangesNothing) {
  const std::string bytes = read_file(db);
  RunResult r = prune("--keep-days 3 --keep-raw-days 1 --dry-run");
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("dry run, nothing changed"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("would remove:         0 queries"), std::string::npos) << r.out;
  EXPECT_TRUE(read_file(db) == bytes) << "the database file changed";
  RunResult real = prune("--keep-days 3");
  ASSERT_EQ(real.exit_code, 0) << real.err;
  // The dry run counted what the real one removed.
  auto removed = [](const std::string& out) { return out.substr(out.find("texts:")); };
  std::string dry = removed(r.out);
  dry = dry.substr(0, dry.find('\n'));
  std::string done = removed(real.out);
  done = done.substr(0, done.find('\n'));
  EXPECT_EQ(dry.substr(0, dry.find(" would")), done.substr(0, done.find(" removed")));
}

TEST_F(PruneTest, KeepsWhatOpenLineageHasNotDelivered) {
  // Every event of the old executions delivered to one endpoint, except two: one with no row,
  // one still pending.
  exec(db, R"sql(
    INSERT INTO ol_outbox(target, query_id, run_id, event_type, event_time, body, state,
                          attempts, last_error, created_ms)
    SELECT 'http://marquez:5000/api/v1/lineage', id, id, 'COMPLETE', '', '{}',
           CASE WHEN n = 2 THEN 'pending' ELSE 'done' END, 1, '', 0
    FROM (SELECT id, row_number() OVER (ORDER BY id) AS n FROM queries
          WHERE day < '2026-11-07' AND is_usage = 1
            AND state IN ('SUCCEEDED', 'FAILED', 'CANCELLED'))
    WHERE n <> 1;
  )sql");
  const std::string first = rows(db, "SELECT min(id) FROM queries WHERE day < '2026-11-07' AND "
                                     "is_usage = 1 AND state IN ('SUCCEEDED', 'FAILED', "
                                     "'CANCELLED')");
  const std::string pending = rows(db, "SELECT query_id FROM ol_outbox WHERE state = 'pending'");
  ASSERT_FALSE(first.empty());
  ASSERT_FALSE(pending.empty());
  const int64_t outbox = number(db, "SELECT count(*) FROM ol_outbox");
  RunResult r = prune("--keep-days 5");
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_NE(r.out.find("kept back: 2 queries OpenLineage has not delivered them to "
                       "http://marquez:5000/api/v1/lineage"),
            std::string::npos)
      << r.out;
  auto has_text = [&](const std::string& id_line) {
    const std::string id = id_line.substr(0, id_line.find('\n'));
    return number(db, "SELECT count(*) FROM queries q JOIN query_texts t ON t.q = q.q WHERE "
                      "q.id = '" +
                          id + "'");
  };
  EXPECT_EQ(has_text(first), 1);
  EXPECT_EQ(has_text(pending), 1);
  EXPECT_EQ(number(db, "SELECT count(*) FROM ol_outbox"), outbox);
  EXPECT_LT(old_texts(), 40);
}

TEST_F(PruneTest, KeepsWhatAnUnfinishedPushNeeds) {
  // A push (OpenMetadata) left a request pending on 2026-11-09: its 30-day window stays.
  exec(db, "INSERT INTO om_outbox(key, kind, lane, method, path, body, body_hash, value, state, "
           "attempts, last_error, created_ms) VALUES('usage|t|2026-11-09', 'usage', 't', 'POST', "
           "'/usage', '{}', 'h', 3, 'pending', 1, '', 1794182400000)");
  const int64_t texts = old_texts();
  RunResult r = prune("--keep-days 5");
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_NE(r.out.find("OpenMetadata request(s) of an unfinished push are not delivered"),
            std::string::npos)
      << r.out;
  EXPECT_EQ(old_texts(), texts);
  EXPECT_EQ(number(db, "SELECT count(*) FROM om_outbox WHERE state = 'pending'"), 1);
}

TEST_F(PruneTest, RunPrunesWithItsRetentionConfig) {
  const std::string sums = aggregates(db);
  const auto config = dir.path() / "workflow.yaml";
  write_file(config, "source:\n  type: athena-usage\n  serviceName: athena_prod\n"
                     "  serviceConnection:\n    config:\n      type: Athena\n"
                     "      awsConfig:\n        awsRegion: us-east-1\n"
                     "  sourceConfig:\n    config:\n      type: DatabaseUsage\n"
                     "      queryLogFilePath: " +
                         (dir.path() / "history.jsonl").string() +
                         "\nathenaLineage:\n  retention:\n    days: 4\n");
  RunResult r = run_shell("ATHENA_LINEAGE_TODAY=2026-11-12 " + lineage_bin() +
                          " run --quiet --no-push --config " + shell_quote(config.string()) +
                          " --db " + shell_quote(db.string()));
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("queries before:       2026-11-08"), std::string::npos) << r.out;
  EXPECT_EQ(rows(db, "SELECT value FROM meta WHERE key = 'retention_horizon'"), "2026-11-08\n");
  EXPECT_LT(number(db, "SELECT count(*) FROM queries q JOIN query_texts t ON t.q = q.q WHERE "
                       "q.day < '2026-11-08'"),
            40);
  EXPECT_EQ(aggregates(db), sums);

  write_file(config, read_file(config) + "    rawDays: 0\n");
  RunResult bad = run_shell(lineage_bin() + " run --quiet --no-push --config " +
                            shell_quote(config.string()) + " --db " + shell_quote(db.string()));
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("athenaLineage.retention.rawDays: must be at least 1"), std::string::npos)
      << bad.err;
}

TEST_F(PruneTest, KeepsDaysWithQueriesStillRunning) {
  // A query of 2026-11-03 still RUNNING: its day is recomputed from its queries when it ends.
  exec(db, "UPDATE query_rows SET state = 'RUNNING' WHERE q = (SELECT min(q) FROM queries WHERE "
           "day = '2026-11-03')");
  const int64_t day_texts = number(db, "SELECT count(*) FROM queries q JOIN query_texts t ON "
                                       "t.q = q.q WHERE q.day = '2026-11-03'");
  RunResult r = prune("--keep-days 5");
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_NE(r.out.find("kept back: " + std::to_string(day_texts) +
                       " queries on days with QUEUED or RUNNING queries"),
            std::string::npos)
      << r.out;
  EXPECT_EQ(number(db, "SELECT count(*) FROM queries q JOIN query_texts t ON t.q = q.q WHERE "
                       "q.day = '2026-11-03'"),
            day_texts);
  EXPECT_LT(old_texts(), day_texts + 40);
}

TEST_F(PruneTest, RawRecordsGoUnlessQueuedOrStillRunning) {
  // 2026-11-01 and 2026-11-11 (ms), as pull stores them.
  exec(db, R"sql(
    INSERT INTO raw_executions(id, workgroup, submitted_ms, state, raw) VALUES
      ('old-done', 'wg', 1793491200000, 'SUCCEEDED', '{}'),
      ('old-failed', 'wg', 1793491200000, 'FAILED', '{}'),
      ('old-running', 'wg', 1793491200000, 'RUNNING', '{}'),
      ('old-queued-for-analysis', 'wg', 1793491200000, 'SUCCEEDED', '{}'),
      ('new-done', 'wg', 1794355200000, 'SUCCEEDED', '{}');
    INSERT INTO raw_pending(sort_ms, id) VALUES(1793491200000, 'old-queued-for-analysis');
  )sql");
  const int64_t queries = number(db, "SELECT count(*) FROM queries");
  RunResult r = prune("--keep-raw-days 3");
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("raw records before:   2026-11-09"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("removed:              2 raw records"), std::string::npos) << r.out;
  EXPECT_EQ(rows(db, "SELECT id FROM raw_executions ORDER BY id"),
            "new-done\nold-queued-for-analysis\nold-running\n");
  EXPECT_EQ(number(db, "SELECT count(*) FROM queries"), queries); // --keep-days not given
}

TEST_F(PruneTest, NeedsSomethingToKeep) {
  RunResult r = prune("");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("prune needs --keep-days N or --keep-raw-days N"), std::string::npos)
      << r.err;
  RunResult missing = run_shell(lineage_bin() + " prune --keep-days 3 --db " +
                                shell_quote((dir.path() / "none.db").string()));
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_NE(missing.err.find("no such database"), std::string::npos) << missing.err;
}

} // namespace
} // namespace athena
