// `run` (queryLogFilePath mode) with known schemas: athenaLineage.schemaFiles and --schema expand
// `SELECT *` into column lineage, as `analyze --schema` does; a bad schema file stops the run
// with exit status 2 before the database is touched.
#include <filesystem>
#include <string>

#include <gtest/gtest.h>
#include <simdjson.h>

#include "tests/support/test_support.h"

namespace athena::testing {
namespace {

std::string bin() {
  return shell_quote((binary_dir() / "athena-lineage").string());
}

class RunSchema : public ::testing::Test {
protected:
  void SetUp() override {
    write_file(
        dir_.path() / "history.jsonl",
        R"({"QueryExecutionId": "q1", "Query": "INSERT INTO mart.copy SELECT * FROM sales.orders", )"
        R"("StatementType": "DML", "QueryExecutionContext": {"Database": "sales", "Catalog": "AwsDataCatalog"}, )"
        R"("Status": {"State": "SUCCEEDED", "SubmissionDateTime": 1795600000.5}, )"
        R"("WorkGroup": "primary"})"
        "\n");
    write_file(dir_.path() / "orders.json", R"({"sales.orders": ["id", "amount"]})");
    write_file(dir_.path() / "copy.json", R"({"mart.copy": ["id", "amount"]})");
  }

  // A config reading history.jsonl, with `extra` lines appended (the athenaLineage block).
  std::filesystem::path config(const std::string& extra) {
    auto path = dir_.path() / "run.yaml";
    write_file(path, "source:\n  type: athena-usage\n  serviceName: lake\n"
                     "  serviceConnection:\n    config:\n      type: Athena\n"
                     "      awsConfig:\n        awsRegion: us-east-1\n"
                     "  sourceConfig:\n    config:\n      type: DatabaseUsage\n"
                     "      queryLogFilePath: " +
                         (dir_.path() / "history.jsonl").string() + "\n" + extra);
    return path;
  }

  RunResult run(const std::filesystem::path& cfg, const std::string& flags) {
    return run_shell(bin() + " run --quiet --no-push --config " + shell_quote(cfg.string()) +
                     " --db " + shell_quote(db_.string()) + " " + flags);
  }

  // `graph --columns --upstream` of mart.copy.amount, as text.
  RunResult upstream_of_amount() {
    return run_shell(bin() + " graph --db " + shell_quote(db_.string()) +
                     " --columns --upstream mart.copy.amount");
  }

  TempDir dir_;
  std::filesystem::path db_ = dir_.path() / "r.db";
};

TEST_F(RunSchema, SchemaFilesFromConfigAndFlagExpandTheStar) {
  auto cfg = config("athenaLineage:\n  schemaFiles:\n    - " +
                    (dir_.path() / "orders.json").string() + "\n");
  RunResult r = run(cfg, "--schema " + shell_quote((dir_.path() / "copy.json").string()));
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  RunResult g = upstream_of_amount();
  ASSERT_EQ(g.exit_code, 0) << g.err;
  EXPECT_EQ(g.out, "upstream of awsdatacatalog.mart.copy.amount  (column)\n"
                   "└─ awsdatacatalog.sales.orders.amount  (column) [identity, value; 1 query]\n"
                   "1 nodes, 1 edges, 1 queries\n");
}

TEST_F(RunSchema, WithoutSchemasTheStarStaysATableEdge) {
  RunResult r = run(config(""), "");
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  RunResult g = upstream_of_amount();
  EXPECT_EQ(g.exit_code, 2) << g.out;
}

TEST_F(RunSchema, ABadSchemaFileStopsBeforeTheDatabase) {
  write_file(dir_.path() / "bad.json", R"({"sales.orders": 7})");
  RunResult r = run(config(""), "--schema " + shell_quote((dir_.path() / "bad.json").string()));
  EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
  EXPECT_NE(r.err.find("bad.json"), std::string::npos) << r.err;
  EXPECT_FALSE(std::filesystem::exists(db_));
}

} // namespace
} // namespace athena::testing
