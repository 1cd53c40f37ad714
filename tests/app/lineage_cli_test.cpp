// `athena-lineage lineage` as scripts call it (CONTRACT.md): one JSON object per statement,
// failed statements included, exit statuses, text and DOT formats.
#include <gtest/gtest.h>

#include "tests/support/test_support.h"

namespace athena::testing {
namespace {

std::string binary() {
  return shell_quote((binary_dir() / "athena-lineage").string());
}

class LineageCli : public ::testing::Test {
protected:
  void SetUp() override {
    write_file(tmp.path() / "schema.json", R"({"raw.orders": ["id", "amount", "status"]})");
  }
  RunResult lineage(const std::string& sql, const std::string& extra = "") {
    write_file(tmp.path() / "q.sql", sql);
    return run_shell(binary() + " lineage --schema " +
                     shell_quote((tmp.path() / "schema.json").string()) + " " + extra + " " +
                     shell_quote((tmp.path() / "q.sql").string()));
  }
  TempDir tmp;
};

TEST_F(LineageCli, PrintsOneContractObjectPerStatement) {
  auto r =
      lineage("INSERT INTO mart.t (total) SELECT sum(CASE WHEN status = 'x' THEN amount END) FROM "
              "raw.orders;\nSELECT id FROM raw.orders");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  const std::string file = (tmp.path() / "q.sql").string();
  EXPECT_EQ(
      r.out,
      R"({"statement":1,"kind":"insert","targets":["awsdatacatalog.mart.t"],)"
      R"("sources":["awsdatacatalog.raw.orders"],"columns":[{"target":"awsdatacatalog.mart.t.total",)"
      R"("sources":["awsdatacatalog.raw.orders.amount"],"conditions":["awsdatacatalog.raw.orders.status"],)"
      R"("transform":"aggregation"}],"errors":[],"file":")" +
          file +
          R"(","complete":true,"table_edges":[{"source":"awsdatacatalog.raw.orders","target":"awsdatacatalog.mart.t"}],)"
          R"("reads":[{"column":"awsdatacatalog.raw.orders.amount","clause":"select"},)"
          R"({"column":"awsdatacatalog.raw.orders.status","clause":"select"}],"joins":[],"functions":["sum"]})"
          "\n"
          R"({"statement":2,"kind":"select","targets":[],"sources":["awsdatacatalog.raw.orders"],)"
          R"("columns":[{"target":"id","sources":["awsdatacatalog.raw.orders.id"],"conditions":[],)"
          R"("transform":"identity"}],"errors":[],"file":")" +
          file +
          R"(","complete":true,"table_edges":[],"reads":[{"column":"awsdatacatalog.raw.orders.id",)"
          R"("clause":"select"}],"joins":[],"functions":[]})"
          "\n");
}

TEST_F(LineageCli, InsertSaysHowEachColumnWasMapped) {
  auto r = lineage("INSERT INTO mart.daily SELECT id FROM raw.orders;\n"
                   "INSERT INTO raw.orders SELECT id, amount, status FROM raw.orders");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find(R"({"target":"awsdatacatalog.mart.daily.id",)"
                       R"("sources":["awsdatacatalog.raw.orders.id"],"conditions":[],)"
                       R"("transform":"identity","mapped":"name"})"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find(R"({"target":"awsdatacatalog.raw.orders.status",)"
                       R"("sources":["awsdatacatalog.raw.orders.status"],"conditions":[],)"
                       R"("transform":"identity","mapped":"position"})"),
            std::string::npos)
      << r.out;
}

TEST_F(LineageCli, HiveFormsWarnUnlessTheDialectIsHive) {
  const std::string sql = "INSERT OVERWRITE TABLE mart.t SELECT id FROM raw.orders";
  auto r = lineage(sql);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find(R"("warnings":[{"message":"INSERT OVERWRITE is Hive SQL, not Athena or )"
                       R"(Trino SQL","line":1,"col":8}])"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.err.find(":1:8: warning: INSERT OVERWRITE is Hive SQL"), std::string::npos) << r.err;
  auto hive = lineage(sql, "--dialect hive");
  EXPECT_EQ(hive.exit_code, 0) << hive.err;
  EXPECT_EQ(hive.out.find("warnings"), std::string::npos) << hive.out;
  EXPECT_EQ(hive.err, "");
}

TEST_F(LineageCli, CombineFollowsIntermediateTables) {
  auto r = lineage("CREATE TABLE tmp.s AS SELECT id, amount FROM raw.orders WHERE status = 'x';\n"
                   "INSERT INTO mart.t SELECT id, amount * 2 AS doubled FROM tmp.s",
                   "--combine");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  const std::string file = (tmp.path() / "q.sql").string();
  const size_t last = r.out.rfind('\n', r.out.size() - 2);
  ASSERT_NE(last, std::string::npos) << r.out;
  EXPECT_EQ(
      r.out.substr(last + 1),
      R"({"combined":true,"file":")" + file +
          R"(","targets":["awsdatacatalog.mart.t"],"sources":["awsdatacatalog.raw.orders"],)"
          R"("columns":[{"target":"awsdatacatalog.mart.t.doubled",)"
          R"("sources":["awsdatacatalog.raw.orders.amount"],"conditions":[],)"
          R"("transform":"expression"},)"
          R"({"target":"awsdatacatalog.mart.t.id","sources":["awsdatacatalog.raw.orders.id"],)"
          R"("conditions":[],"transform":"identity"}],)"
          R"("table_edges":[{"source":"awsdatacatalog.raw.orders",)"
          R"("target":"awsdatacatalog.mart.t"}]})"
          "\n");
}

TEST_F(LineageCli, FailedStatementStillGetsALineAndExitIsOne) {
  auto r = lineage("SELECT 1;\nSELEC x FROM y;\nSELECT nope FROM raw.orders");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.out.find(R"({"statement":2,"kind":"other","targets":[],"sources":[],"columns":[],)"
                       R"("errors":[{"message":)"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.err.find("q.sql:2:1: error: "), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("q.sql:3:8: warning: column 'nope' cannot be resolved"), std::string::npos)
      << r.err;
}

TEST_F(LineageCli, DotShowsEveryTableEdge) {
  auto r = lineage("INSERT INTO mart.t SELECT id FROM raw.orders;\n"
                   "UNLOAD (SELECT * FROM mart.t) TO 's3://b/p' WITH (format = 'PARQUET')",
                   "--format dot");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "digraph lineage {\n  rankdir=LR;\n  node [fontname=\"Helvetica\"];\n"
                   "  n0 [label=\"awsdatacatalog.raw.orders\", shape=box];\n"
                   "  n1 [label=\"awsdatacatalog.mart.t\", shape=box];\n"
                   "  n2 [label=\"s3://b/p/\", shape=folder];\n"
                   "  n1 -> n2;\n  n0 -> n1;\n}\n");
}

// A quoted table name that looks like a URI is a table (a box); only what the SQL names as a
// location (UNLOAD ... TO) is a folder.
TEST_F(LineageCli, DotShowsLocationsWhereTheSqlSaysSo) {
  auto r = lineage("INSERT INTO \"s3://x/\" SELECT a FROM raw.t;\n"
                   "UNLOAD (SELECT a FROM raw.t) TO 's3://b/p' WITH (format = 'CSV')",
                   "--format dot");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "digraph lineage {\n  rankdir=LR;\n  node [fontname=\"Helvetica\"];\n"
                   "  n0 [label=\"awsdatacatalog.raw.t\", shape=box];\n"
                   "  n1 [label=\"s3://x/\", shape=box];\n"
                   "  n2 [label=\"s3://b/p/\", shape=folder];\n"
                   "  n0 -> n2;\n  n0 -> n1;\n}\n");
}

TEST_F(LineageCli, MissingInputIsAnIoErrorWithStatusTwo) {
  auto r = run_shell(binary() + " lineage /no/such/file.sql");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("/no/such/file.sql: cannot open"), std::string::npos) << r.err;
}

} // namespace
} // namespace athena::testing
