// --dialect: Trino rejects the Hive syntax Athena accepts; Hive and Athena parse the same.
#include <string>

#include <gtest/gtest.h>

#include "parser/parser.h"

namespace athena::sql {
namespace {

std::string first_error(std::string_view sql, Dialect dialect) {
  ParseOptions options;
  options.dialect = dialect;
  ParseResult r = parse(sql, options);
  if (r.statements().empty()) return "no statement";
  const ParsedStatement& st = r.statements()[0];
  if (st.ok()) return "ok";
  return std::to_string(st.error->line) + ":" + std::to_string(st.error->col) + ": " +
         st.error->message;
}

TEST(Dialect, TrinoRejectsBackquotedIdentifiers) {
  EXPECT_EQ(first_error("SELECT `a` FROM t", Dialect::kTrino),
            "1:8: backquoted identifiers are Hive syntax, not Trino; quote with \"...\"");
  EXPECT_EQ(first_error("SELECT `a` FROM t", Dialect::kAthena), "ok");
  EXPECT_EQ(first_error("SELECT `a` FROM t", Dialect::kHive), "ok");
  EXPECT_EQ(first_error("SELECT \"a\" FROM t", Dialect::kTrino), "ok");
}

TEST(Dialect, TrinoRejectsHiveDdl) {
  const char* ddl = "CREATE EXTERNAL TABLE t (a INT) LOCATION 's3://b/t/'";
  EXPECT_EQ(first_error(ddl, Dialect::kTrino), "1:8: CREATE EXTERNAL TABLE is Hive DDL, not Trino");
  EXPECT_EQ(first_error(ddl, Dialect::kAthena), "ok");
  EXPECT_EQ(first_error(ddl, Dialect::kHive), "ok");
  EXPECT_EQ(first_error("MSCK REPAIR TABLE t", Dialect::kTrino),
            "1:1: MSCK REPAIR TABLE is Hive DDL, not Trino");
  EXPECT_EQ(first_error("MSCK REPAIR TABLE t", Dialect::kAthena), "ok");
}

TEST(Dialect, TrinoAcceptsTrinoStatements) {
  EXPECT_EQ(first_error("CREATE TABLE t (a INT) WITH (format = 'ORC')", Dialect::kTrino), "ok");
  EXPECT_EQ(first_error("GRANT SELECT ON t TO u", Dialect::kTrino), "ok");
}

TEST(Dialect, ExpressionsFollowTheDialect) {
  ParseOptions options;
  options.dialect = Dialect::kTrino;
  ExpressionResult r = parse_expression("`a` + 1", options);
  ASSERT_TRUE(r.error.has_value());
  EXPECT_EQ(r.error->col, 1u);
}

} // namespace
} // namespace athena::sql
