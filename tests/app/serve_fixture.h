#pragma once
// A small database for the `serve` tests, built by `athena-lineage analyze` from a few SQL
// statements (JSON Lines history plus CloudTrail for the users), and a server over it on an
// ephemeral loopback port.
//
//   id  day         user     workgroup  state      statement
//   q1  2025-01-15  alice    etl        SUCCEEDED  CTAS mart.daily FROM sales.orders (1 TiB)
//   q2  2025-01-15  bob      etl        SUCCEEDED  CTAS mart.summary FROM mart.daily
//   q3  2025-01-16  carol    bi         SUCCEEDED  CREATE VIEW mart.v_summary FROM mart.summary
//   q4  2025-01-16  alice    bi         SUCCEEDED  SELECT FROM mart.daily (total > 10)
//   q5  2025-01-16  alice    bi         SUCCEEDED  the same shape (total > 20)
//   q6  2025-01-17  bob      adhoc      FAILED     SELECT FROM mart.daily
//   q7  2025-01-17  mallory  adhoc      SUCCEEDED  CTAS sales."<script>..." (hostile names)
//   q8  2025-01-17  dave     etl        SUCCEEDED  UNLOAD mart.daily TO s3://bucket/export/
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "lineage/json_writer.h"
#include "tests/support/test_support.h"

namespace athena::serve::test {

struct FixtureQuery {
  std::string id;
  int64_t submitted_s;
  std::string user;
  std::string workgroup;
  std::string state;
  int64_t bytes;
  std::string sql;
};

inline constexpr int64_t kDay15 = 1736899200; // 2025-01-15T00:00:00Z
inline constexpr int64_t kHour = 3600;

inline std::vector<FixtureQuery> fixture_queries() {
  return {
      {"q1", kDay15 + 10 * kHour, "alice", "etl", "SUCCEEDED", int64_t{1} << 40,
       "CREATE TABLE mart.daily AS SELECT o.day, sum(CASE WHEN o.status = 'ok' THEN o.amount "
       "ELSE 0 END) AS total FROM sales.orders o GROUP BY o.day"},
      {"q2", kDay15 + 11 * kHour, "bob", "etl", "SUCCEEDED", int64_t{1} << 39,
       "CREATE TABLE mart.summary AS SELECT d.day, d.total FROM mart.daily d"},
      {"q3", kDay15 + 33 * kHour, "carol", "bi", "SUCCEEDED", 0,
       "CREATE VIEW mart.v_summary AS SELECT total FROM mart.summary"},
      {"q4", kDay15 + 34 * kHour, "alice", "bi", "SUCCEEDED", int64_t{1} << 30,
       "SELECT day, total FROM mart.daily WHERE total > 10"},
      {"q5", kDay15 + 35 * kHour, "alice", "bi", "SUCCEEDED", int64_t{1} << 30,
       "SELECT day, total FROM mart.daily WHERE total > 20"},
      {"q6", kDay15 + 56 * kHour, "bob", "adhoc", "FAILED", 0, "SELECT missing FROM mart.daily"},
      {"q7", kDay15 + 57 * kHour, "mallory", "adhoc", "SUCCEEDED", 1000,
       "CREATE TABLE sales.\"<script>alert('x')</script>\" AS SELECT o.amount AS \"a\"\"b</td>\" "
       "FROM sales.orders o -- </script><img src=x onerror=alert(1)>\n"},
      {"q8", kDay15 + 58 * kHour, "dave", "etl", "SUCCEEDED", int64_t{1} << 20,
       "UNLOAD (SELECT day FROM mart.daily) TO 's3://bucket/export/' WITH (format = 'PARQUET')"},
  };
}

/// Writes the history (JSON Lines) and CloudTrail files of `queries` into `dir`.
inline void write_history(const std::filesystem::path& dir, const std::vector<FixtureQuery>& qs,
                          const std::string& stem) {
  std::string history, trail = "{\"Records\":[";
  for (size_t i = 0; i < qs.size(); ++i) {
    const auto& q = qs[i];
    history += "{\"QueryExecutionId\":\"" + q.id + "\",\"Query\":" + lineage::json_string(q.sql) +
               ",\"QueryExecutionContext\":{\"Database\":\"sales\",\"Catalog\":"
               "\"AwsDataCatalog\"},\"Status\":{\"State\":\"" +
               q.state + "\",\"SubmissionDateTime\":" + std::to_string(q.submitted_s) +
               ".0},\"Statistics\":{\"DataScannedInBytes\":" + std::to_string(q.bytes) +
               "},\"WorkGroup\":\"" + q.workgroup + "\"}\n";
    if (i > 0) trail += ",";
    trail += "{\"eventVersion\":\"1.09\",\"userIdentity\":{\"type\":\"IAMUser\",\"arn\":"
             "\"arn:aws:iam::123456789012:user/" +
             q.user + "\",\"userName\":\"" + q.user +
             "\"},\"eventTime\":\"2025-01-15T00:00:00Z\",\"eventSource\":\"athena.amazonaws.com\","
             "\"eventName\":\"StartQueryExecution\",\"responseElements\":{\"queryExecutionId\":"
             "\"" +
             q.id + "\"}}";
  }
  trail += "]}";
  athena::testing::write_file(dir / (stem + ".jsonl"), history);
  athena::testing::write_file(dir / (stem + "-cloudtrail.json"), trail);
}

/// Runs `athena-lineage analyze` on the files write_history() wrote; "" or the error output.
inline std::string analyze(const std::filesystem::path& db, const std::filesystem::path& dir,
                           const std::string& stem) {
  using athena::testing::shell_quote;
  auto r = athena::testing::run_shell(
      shell_quote((athena::testing::binary_dir() / "athena-lineage").string()) +
      " analyze --quiet --db " + shell_quote(db.string()) + " " +
      shell_quote((dir / (stem + ".jsonl")).string()) + " " +
      shell_quote((dir / (stem + "-cloudtrail.json")).string()));
  return r.exit_code == 0 ? "" : "exit " + std::to_string(r.exit_code) + ": " + r.err;
}

} // namespace athena::serve::test
