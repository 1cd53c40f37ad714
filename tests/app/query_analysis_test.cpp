// analyze's facts for one query: MERGE/UPDATE/DELETE targets count as read (usage, never
// "unused"); Hive/Spark DML keeps its lineage and is noted as a `dialect` error.
#include <string>
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
  EXPECT_EQ(f.errors[0].kind, "dialect");
  EXPECT_EQ(f.errors[0].message, "INSERT OVERWRITE is Hive SQL, not Athena or Trino SQL");
  EXPECT_EQ(f.errors[0].col, 8u);
}

} // namespace
} // namespace athena::analysis
