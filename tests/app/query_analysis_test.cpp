// analyze's facts for one query: MERGE/UPDATE/DELETE targets count as read (usage, never
// "unused"); Hive/Spark DML keeps its lineage and is noted as a `dialect` error.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>

#include "src/analysis/query_analysis.h"
#include "tests/support/test_names.h"

namespace athena::analysis {
namespace {

using testing::tn;

model::QueryFacts facts_of(const std::string& sql) {
  model::QueryRecord record;
  record.id = "q";
  record.query = sql;
  record.database = "s";
  return analyze_query(record, AnalysisContext{});
}

TEST(QueryAnalysis, MergeUpdateDeleteTargetsAreRead) {
  const std::vector<model::TableName> t = {tn("awsdatacatalog.s.t")};
  const std::vector<model::TableName> t_u = {tn("awsdatacatalog.s.t"), tn("awsdatacatalog.s.u")};
  auto merge = facts_of("MERGE INTO t USING u ON t.id = u.id WHEN MATCHED THEN DELETE");
  EXPECT_EQ(merge.tables_read, t_u);
  EXPECT_EQ(merge.tables_written, t);
  auto update = facts_of("UPDATE t SET v = 1 WHERE id = 2");
  EXPECT_EQ(update.tables_read, t);
  EXPECT_EQ(update.tables_written, t);
  auto del = facts_of("DELETE FROM t WHERE id = 3");
  EXPECT_EQ(del.tables_read, t);
  EXPECT_TRUE(facts_of("DELETE FROM t").tables_read.empty());
}

TEST(QueryAnalysis, HiveFormsKeepLineageAndAreNoted) {
  auto f = facts_of("INSERT OVERWRITE TABLE t SELECT a FROM u");
  EXPECT_TRUE(f.parsed);
  EXPECT_EQ(f.tables_read, std::vector<model::TableName>{tn("awsdatacatalog.s.u")});
  EXPECT_EQ(f.tables_written, std::vector<model::TableName>{tn("awsdatacatalog.s.t")});
  ASSERT_EQ(f.errors.size(), 1u);
  EXPECT_EQ(athena::model::to_string(f.errors[0].kind), "dialect");
  EXPECT_EQ(f.errors[0].message, "INSERT OVERWRITE is Hive SQL, not Athena or Trino SQL");
  EXPECT_EQ(f.errors[0].col, 8u);
}

// Backquoted names in DML keep their lineage and are noted once (the first); in Hive DDL, which
// Athena runs, they are plain quoted names.
TEST(QueryAnalysis, BackquotesInDmlKeepLineageAndAreNoted) {
  auto f = facts_of("INSERT INTO `t` SELECT `a`, b FROM `s`.`u`");
  EXPECT_TRUE(f.parsed);
  EXPECT_EQ(f.tables_read, std::vector<model::TableName>{tn("awsdatacatalog.s.u")});
  EXPECT_EQ(f.tables_written, std::vector<model::TableName>{tn("awsdatacatalog.s.t")});
  ASSERT_EQ(f.errors.size(), 1u);
  EXPECT_EQ(athena::model::to_string(f.errors[0].kind), "dialect");
  EXPECT_EQ(f.errors[0].message,
            "backquoted identifier in DML is Hive SQL, not Athena or Trino SQL");
  EXPECT_EQ(f.errors[0].col, 13u);
  auto ddl = facts_of("CREATE EXTERNAL TABLE `t` (`a` int) LOCATION 's3://b/p/'");
  EXPECT_TRUE(ddl.parsed);
  EXPECT_TRUE(ddl.errors.empty());
}

// EXECUTE runs the statement prepared under its name in its workgroup; a name with no PREPARE,
// or a prepared text that does not parse, leaves the EXECUTE as itself.
TEST(QueryAnalysis, ExecuteTakesThePreparedStatementsLineage) {
  AnalysisContext context;
  std::vector<std::string> asked;
  context.prepared = [&asked](std::string_view wg, std::string_view name,
                              int64_t t) -> std::optional<std::string> {
    asked.push_back(std::string(wg) + "/" + std::string(name) + "@" + std::to_string(t));
    if (name == "ins") return "INSERT INTO t SELECT a FROM u WHERE b = ?";
    if (name == "bad") return "SELECT FROM";
    return std::nullopt;
  };
  auto run = [&context](const std::string& sql) {
    model::QueryRecord record;
    record.id = "q";
    record.query = sql;
    record.database = "s";
    record.workgroup = "wg";
    record.submission_ms = 7;
    return analyze_query(record, context);
  };
  auto ins = run("EXECUTE ins USING 1");
  EXPECT_EQ(athena::model::statement_kind_text(ins), "insert");
  EXPECT_EQ(ins.tables_read, std::vector<model::TableName>{tn("awsdatacatalog.s.u")});
  EXPECT_EQ(ins.tables_written, std::vector<model::TableName>{tn("awsdatacatalog.s.t")});
  EXPECT_TRUE(ins.errors.empty());
  for (const std::string name : {"bad", "unknown"}) {
    auto f = run("EXECUTE " + name);
    EXPECT_EQ(athena::model::statement_kind_text(f), "other") << name;
    EXPECT_TRUE(f.tables_read.empty()) << name;
  }
  EXPECT_EQ(asked, (std::vector<std::string>{"wg/ins@7", "wg/bad@7", "wg/unknown@7"}));
}

} // namespace
} // namespace athena::analysis
