// Which records the schema pass of `analyze` replays, from their query text and from the raw
// text of a JSON line (lines it is sure of are not parsed).
#include <string>

#include <gtest/gtest.h>

#include "src/analysis/schema_statements.h"

namespace athena::analysis {
namespace {

std::string line_with(const std::string& json_query) {
  return R"j({"QueryExecutionId":"q1","Query":)j" + json_query +
         R"j(,"StatementType":"DML","QueryExecutionContext":{"Database":"d"}})j";
}

bool passed_over(const std::string& json_query) {
  return line_cannot_define_schema(line_with(json_query));
}

TEST(SchemaStatements, FirstWordAfterSpacesAndComments) {
  EXPECT_TRUE(may_define_schema("CREATE TABLE t (a int)"));
  EXPECT_TRUE(may_define_schema("  alter table t add columns (b int)"));
  EXPECT_TRUE(may_define_schema("/* dbt */\n-- x\nDrop view v"));
  EXPECT_TRUE(may_define_schema("prepare p from select 1"));
  EXPECT_FALSE(may_define_schema("SELECT 1"));
  EXPECT_FALSE(may_define_schema("DESCRIBE t"));
  EXPECT_FALSE(may_define_schema("CREATED"));
  EXPECT_FALSE(may_define_schema("\"CREATE\""));
  EXPECT_FALSE(may_define_schema("/* unterminated CREATE"));
  EXPECT_FALSE(may_define_schema(""));
}

TEST(SchemaStatements, LinesSurelyWithoutDefinitionsArePassedOver) {
  EXPECT_TRUE(passed_over(R"j("SELECT * FROM t")j"));
  EXPECT_TRUE(passed_over(R"j("  insert into t select 1")j"));
  EXPECT_TRUE(passed_over(R"j("DESCRIBE t")j"));
  EXPECT_TRUE(passed_over(R"j("-- a comment\nSELECT 1")j"));
  EXPECT_TRUE(passed_over(R"j("/* {\"app\": \"dbt\"} */\nselect 1")j"));
  EXPECT_TRUE(passed_over(R"j("CREATED_AT")j"));
  // A long comment: the first token lies past the short prefix looked at first.
  EXPECT_TRUE(
      passed_over("\"/* " + std::string(200, 'x') + " */\\n\\twith a as (select 1) select 1\""));
}

TEST(SchemaStatements, LinesThatMayDefineOrAreInDoubtAreParsed) {
  EXPECT_FALSE(passed_over(R"j("CREATE TABLE t (a int)")j"));
  EXPECT_FALSE(passed_over(R"j("\n\tcreate view v as select 1")j"));
  EXPECT_FALSE(passed_over(R"j("-- c\nDROP TABLE t")j"));
  EXPECT_FALSE(passed_over(R"j("/* {\"app\": \"dbt\"} */\nalter table t")j"));
  EXPECT_FALSE(passed_over("\"/* " + std::string(200, 'x') + " */\\nprepare p from select 1\""));
  EXPECT_FALSE(passed_over(R"j("PREPARE")j"));
  // A comment that "*\/" ends: the decoded text decides, not the raw one.
  EXPECT_FALSE(passed_over(R"j("/* a *\/ CREATE TABLE t (a int)")j"));
  // Doubt: \u escapes, several "Query" keys (a batch), spaces around the key's colon.
  EXPECT_FALSE(passed_over(R"j("SELECT '\u00e9'")j"));
  EXPECT_FALSE(line_cannot_define_schema(
      R"j({"QueryExecutions":[{"Query":"SELECT 1"},{"Query":"CREATE TABLE t (a int)"}]})j"));
  EXPECT_FALSE(line_cannot_define_schema(R"j({"Query" : "SELECT 1"})j"));
  EXPECT_FALSE(line_cannot_define_schema(R"j({"QueryExecutionId":"q1"})j"));
  EXPECT_FALSE(line_cannot_define_schema(R"j({"Query":"SELECT)j"));
  EXPECT_FALSE(line_cannot_define_schema(""));
}

} // namespace
} // namespace athena::analysis
