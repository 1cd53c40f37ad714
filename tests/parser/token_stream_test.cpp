// The parser's tokens (TokenStream): statements end where they should; each is lexed once, and
// its tokens with its syntax tree stay within 8 bytes per byte of SQL.
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "parser/ast.h"
#include "parser/lexer.h"
#include "parser/parser.h"
#include "parser/token_stream.h"
#include "tests/parser/parser_test_util.h"

namespace athena::sql {
namespace {

std::vector<std::string> parsed_spans(std::string_view s) {
  std::vector<std::string> out;
  ParseResult r = parse(s);
  for (const auto& st : r.statements())
    out.emplace_back(s.substr(st.span.begin, st.span.end - st.span.begin));
  return out;
}

TEST(TokenStream, StatementsEndRightEvenWhereARoutineEndFallsOnABatchEdge) {
  // Pad the routine so that its END lands on every position of a lexing batch.
  for (size_t pad = 0; pad < 2 * TokenStream::kBatch + 2; ++pad) {
    std::string body;
    for (size_t i = 0; i < pad; ++i)
      body += "+ 1 ";
    std::string sql = "WITH FUNCTION f() RETURNS INT BEGIN DECLARE a INT DEFAULT 1 " + body +
                      "; IF a = 1 THEN RETURN a; END IF; RETURN a; END SELECT f();\n"
                      "SELECT 2 ; ; SELECT ';' -- c;\n";
    const std::vector<std::string> expected = {sql.substr(0, sql.find("f();\n") + 3), "SELECT 2",
                                               "SELECT ';'"};
    EXPECT_EQ(parsed_spans(sql), expected) << pad;
    EXPECT_EQ(testing::split_statements(sql), expected) << pad;
    ParseResult r = parse(sql);
    EXPECT_TRUE(r.statements()[0].ok()) << pad << ": " << r.statements()[0].error->message;
    EXPECT_EQ(r.statements()[1].kind, StatementKind::kQuery);
  }
}

TEST(TokenStream, EmptyStatementsAndTrailingCommentsAreSkipped) {
  EXPECT_EQ(parsed_spans(";; /* x */ ; SELECT 1 ;\n-- only a comment\n"),
            std::vector<std::string>{"SELECT 1"});
  EXPECT_TRUE(parsed_spans("  -- nothing\n").empty());
}

// A statement's tokens are lexed once, into a buffer the size of its token count.
TEST(TokenStream, AStatementOfAMegabyteIsLexedOnce) {
  std::string sql = "SELECT c0";
  for (int i = 1; sql.size() < (1u << 20); ++i)
    sql += ", t.c" + std::to_string(i) + " + 1 AS x" + std::to_string(i);
  sql += " FROM t WHERE a IN (1, 2, 3) AND ((SELECT count(*) FROM u WHERE b > 0) > 0)";
  ParseResult r = parse(sql);
  ASSERT_EQ(r.statements().size(), 1u);
  ASSERT_TRUE(r.statements()[0].ok()) << r.statements()[0].error->message;
  const size_t tokens = lex_all(sql).size(); // with the end token
  EXPECT_EQ(r.token_bytes(), tokens * sizeof(Token));
  // The densest SQL there is (one- and two-byte tokens) stays within 12 bytes per byte.
  EXPECT_LE(r.arena().bytes_used() + r.token_bytes(), 12 * sql.size());
}

TEST(TokenStream, ParenthesisedQueriesAreToldFromExpressions) {
  std::string list = "0";
  for (int i = 1; i < 20000; ++i)
    list += ", " + std::to_string(i);
  // `((SELECT ...) > 0)` is an expression; `((SELECT ...) UNION (...))` is a query.
  std::string sql = "SELECT * FROM t WHERE ((SELECT count(*) FROM u WHERE a IN (" + list +
                    ")) > 0);\nSELECT * FROM ((SELECT a FROM u WHERE a IN (" + list +
                    ")) UNION (SELECT 1))";
  ParseResult r = parse(sql);
  ASSERT_EQ(r.statements().size(), 2u);
  ASSERT_TRUE(r.statements()[0].ok()) << r.statements()[0].error->message;
  ASSERT_TRUE(r.statements()[1].ok()) << r.statements()[1].error->message;
  const auto* where =
      r.statements()[0].ast->as<QueryStatement>()->query->body->as<Select>()->where.get();
  EXPECT_EQ(where->kind, NodeKind::kBinary);
  const auto* from =
      r.statements()[1].ast->as<QueryStatement>()->query->body->as<Select>()->from[0];
  EXPECT_EQ(from->kind, NodeKind::kSubqueryRelation);
}

TEST(TokenStream, BacktrackingKeepsItsTokensHoweverLongTheExpression) {
  std::string sum = "a0";
  for (int i = 1; i < 5000; ++i)
    sum += " + a" + std::to_string(i);
  ParseResult r = parse("SELECT position(" + sum + " IN s), position(" + sum + ", s), substring(" +
                        sum + " FROM 2)");
  ASSERT_TRUE(r.statements()[0].ok()) << r.statements()[0].error->message;
  const auto* sel = r.statements()[0].ast->as<QueryStatement>()->query->body->as<Select>();
  ASSERT_EQ(sel->items.size(), 3u);
  EXPECT_EQ(sel->items[0]->value->kind, NodeKind::kPosition);
  EXPECT_EQ(sel->items[1]->value->kind, NodeKind::kFunctionCall);
  EXPECT_EQ(sel->items[2]->value->kind, NodeKind::kSubstring);
}

TEST(TokenStream, ADottedNameOfMoreThan65535PartsIsAnError) {
  std::string sql = "SELECT a";
  for (int i = 0; i < 70000; ++i)
    sql += ".a";
  ParseResult r = parse(sql);
  ASSERT_FALSE(r.statements()[0].ok());
  EXPECT_EQ(r.statements()[0].error->message, "a dotted name has too many parts");
  EXPECT_EQ(r.statements()[0].error->offset, 7u + 2 * 65535);
}

} // namespace
} // namespace athena::sql
