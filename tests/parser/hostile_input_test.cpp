// Adversarial input never crashes or hangs: deep nesting is an error, huge and binary input
// yield errors in linear time.
#include <random>

#include <gtest/gtest.h>

#include "parser/parser.h"
#include "parser/unparser.h"

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

// Left-deep chains as tall as the input is long: the dump, the height measure and the printer
// walk them in loops, so 100,000 links (far past any thread's stack if recursed) are fine, and
// printing round-trips.
TEST(HostileInput, HundredThousandLinkChainsDumpMeasureAndPrintWithoutRecursion) {
  constexpr int kLinks = 100000;
  auto repeat = [](std::string head, std::string_view item, std::string_view sep, int n) {
    for (int i = 0; i < n; ++i) {
      if (i) head += sep;
      head += item;
    }
    return head;
  };
  const std::string cases[] = {
      repeat("SELECT ", "a = 1", " OR ", kLinks),
      repeat("", "SELECT a FROM t", " UNION ALL ", kLinks),
      repeat("SELECT 1 FROM t0", " JOIN t ON true", "", kLinks),
  };
  for (const std::string& sql : cases) {
    ParseResult r = parse(sql);
    ASSERT_EQ(r.statements().size(), 1u);
    ASSERT_TRUE(r.statements()[0].ok()) << r.statements()[0].error->message;
    const Statement* st = r.statements()[0].ast;
    const uint32_t height = ast_height(st);
    EXPECT_GE(height, static_cast<uint32_t>(kLinks));
    EXPECT_LE(height, static_cast<uint32_t>(kLinks) + 8);
    const std::string dump = dump_ast(st, false);
    EXPECT_GT(dump.size(), static_cast<size_t>(kLinks));
    const std::string printed = to_sql(st);
    EXPECT_EQ(printed, sql);
    ParseResult again = parse(printed);
    ASSERT_TRUE(again.statements()[0].ok()) << printed.substr(0, 200);
    EXPECT_EQ(to_sql(again.statements()[0].ast), printed);
    EXPECT_EQ(ast_height(again.statements()[0].ast), height);
  }
}

TEST(HostileInput, PrintingAChainKeepsItsParentheses) {
  // Only operands printed without parentheses are chain links; the others recurse as before.
  for (const char* sql : {"SELECT (a OR b) AND c AND (d OR e)", "SELECT a - (b - c) - d",
                          "SELECT a = b AND c = d OR e = f", "SELECT (a = b) = (c = d)",
                          "SELECT 1 FROM a JOIN b ON x JOIN (c JOIN d ON y) ON z",
                          "SELECT 1 UNION (SELECT 2 INTERSECT SELECT 3) EXCEPT SELECT 4"}) {
    ParseResult r = parse(sql);
    ASSERT_TRUE(r.statements()[0].ok()) << sql;
    EXPECT_EQ(to_sql(r.statements()[0].ast), sql);
  }
}

} // namespace
} // namespace athena::sql
