// Adversarial input never crashes or hangs: deep nesting is an error, huge and binary input
// yield errors in linear time.
#include <random>

#include <gtest/gtest.h>

#include "parser/parser.h"

namespace athena::sql {
namespace {

TEST(HostileInput, HundredThousandOpenParenthesesIsADepthError) {
  std::string sql = "SELECT " + std::string(100000, '(') + "1";
  ParseResult r = parse(sql);
  ASSERT_EQ(r.statements().size(), 1u);
  ASSERT_TRUE(r.statements()[0].error.has_value());
  EXPECT_EQ(r.statements()[0].error->message, "nesting is too deep");
}

TEST(HostileInput, DeeplyNestedSubqueriesAndTypesAreDepthErrors) {
  std::string q;
  for (int i = 0; i < 20000; ++i)
    q += "SELECT * FROM (";
  ParseResult r = parse(q);
  ASSERT_EQ(r.statements().size(), 1u);
  EXPECT_EQ(r.statements()[0].error->message, "nesting is too deep");

  std::string t = "SELECT CAST(x AS ";
  for (int i = 0; i < 20000; ++i)
    t += "ARRAY(";
  r = parse(t);
  EXPECT_EQ(r.statements()[0].error->message, "nesting is too deep");

  std::string n = "SELECT ";
  for (int i = 0; i < 20000; ++i)
    n += "NOT ";
  r = parse(n + "x");
  EXPECT_EQ(r.statements()[0].error->message, "nesting is too deep");
}

TEST(HostileInput, LongFlatExpressionsParseIteratively) {
  // Left-associative chains do not recurse: 200,000 terms parse fine.
  std::string sql = "SELECT 1";
  for (int i = 0; i < 200000; ++i)
    sql += " + 1";
  ParseResult r = parse(sql);
  ASSERT_EQ(r.statements().size(), 1u);
  EXPECT_TRUE(r.statements()[0].ok());
}

TEST(HostileInput, TenMegabyteStatementGetsAnError) {
  std::string sql = "SELECT ";
  while (sql.size() < 10u * 1024 * 1024)
    sql += "a, ";
  sql += "FROM";
  ParseResult r = parse(sql);
  ASSERT_EQ(r.statements().size(), 1u);
  ASSERT_TRUE(r.statements()[0].error.has_value());
  EXPECT_EQ(r.statements()[0].error->message, "expected expression, found 'FROM'");
  EXPECT_EQ(r.statements()[0].error->line, 1u);
}

TEST(HostileInput, TenMegabytesOfBinaryGarbageGetErrorsNotCrashes) {
  std::mt19937 rng(42);
  std::string junk(10u * 1024 * 1024, '\0');
  for (auto& c : junk)
    c = static_cast<char>(rng());
  ParseResult r = parse(junk);
  EXPECT_GT(r.statements().size(), 0u);
  EXPECT_EQ(r.failed(), r.statements().size());
}

TEST(HostileInput, UnterminatedStringSwallowsTheRestAndSaysSo) {
  ParseResult r = parse("SELECT 'abc; SELECT 2");
  ASSERT_EQ(r.statements().size(), 1u);
  EXPECT_EQ(r.statements()[0].error->message, "unterminated string literal");
  EXPECT_EQ(r.statements()[0].error->col, 8u);
}

} // namespace
} // namespace athena::sql
