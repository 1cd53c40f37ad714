#include <gtest/gtest.h>

#include "parser/lexer.h"
#include "parser/token_stream.h"
#include "tests/parser/parser_test_util.h"

namespace athena::sql {
namespace {

struct Lexed {
  Tok type;
  std::string text;
  Kw kw;
};

std::vector<Lexed> lex(std::string_view s) {
  std::vector<Lexed> out;
  for (const Token& t : lex_all(s)) {
    if (t.type == Tok::kEnd) break;
    out.push_back({t.type, std::string(t.text(s)), t.kw});
  }
  return out;
}

TEST(Lexer, KeywordsAreCaseInsensitiveAndNonReservedOnesStayIdentifiers) {
  auto t = lex("select SeLeCt limit foo");
  ASSERT_EQ(t.size(), 4u);
  EXPECT_EQ(t[0].kw, Kw::kSelect);
  EXPECT_EQ(t[1].kw, Kw::kSelect);
  EXPECT_EQ(t[2].kw, Kw::kLimit);
  EXPECT_FALSE(is_reserved(Kw::kLimit));
  EXPECT_TRUE(is_reserved(Kw::kSelect));
  EXPECT_EQ(t[3].kw, Kw::kNone);
}

TEST(Lexer, QuotedIdentifiersAndStringsWithDoubledQuotes) {
  auto t = lex(R"("a""b" `c``d` 'it''s' U&'\2603' X'0F' u&'x')");
  ASSERT_EQ(t.size(), 6u);
  EXPECT_EQ(t[0].type, Tok::kQuotedIdent);
  EXPECT_EQ(t[0].text, R"("a""b")");
  EXPECT_EQ(t[1].type, Tok::kBackquotedIdent);
  EXPECT_EQ(t[1].text, "`c``d`");
  EXPECT_EQ(t[2].type, Tok::kString);
  EXPECT_EQ(t[2].text, "'it''s'");
  EXPECT_EQ(t[3].type, Tok::kUnicodeString);
  EXPECT_EQ(t[4].type, Tok::kBinaryString);
  EXPECT_EQ(t[5].type, Tok::kUnicodeString);
}

TEST(Lexer, Numbers) {
  auto t = lex("12 1_000 1.5 .5 1. 1e10 2.5E-3 0x1F 0b101 0o17 1abc 1.5e");
  ASSERT_EQ(t.size(), 13u);
  EXPECT_EQ(t[0].type, Tok::kInteger);
  EXPECT_EQ(t[1].type, Tok::kInteger);
  EXPECT_EQ(t[1].text, "1_000");
  EXPECT_EQ(t[2].type, Tok::kDecimal);
  EXPECT_EQ(t[3].type, Tok::kDecimal);
  EXPECT_EQ(t[4].type, Tok::kDecimal);
  EXPECT_EQ(t[5].type, Tok::kDouble);
  EXPECT_EQ(t[6].type, Tok::kDouble);
  EXPECT_EQ(t[7].type, Tok::kInteger);
  EXPECT_EQ(t[7].text, "0x1F");
  EXPECT_EQ(t[8].text, "0b101");
  EXPECT_EQ(t[9].text, "0o17");
  EXPECT_EQ(t[10].type, Tok::kIdent); // digit identifier
  EXPECT_EQ(t[10].text, "1abc");
  EXPECT_EQ(t[11].type, Tok::kDecimal); // `1.5` then identifier `e`
  EXPECT_EQ(t[12].text, "e");
}

TEST(Lexer, CommentsAreSkipped) {
  auto t = lex("a -- line\n/* block\n */ b");
  ASSERT_EQ(t.size(), 2u);
  EXPECT_EQ(t[1].text, "b");
}

TEST(Lexer, Operators) {
  auto t = lex("<> != <= >= || -> => ? [ ] { } {- -} | ^ $ :");
  std::vector<Tok> want = {Tok::kNe,          Tok::kNe,          Tok::kLe,       Tok::kGe,
                           Tok::kConcat,      Tok::kArrow,       Tok::kFatArrow, Tok::kQuestion,
                           Tok::kLBracket,    Tok::kRBracket,    Tok::kLBrace,   Tok::kRBrace,
                           Tok::kLBraceMinus, Tok::kMinusRBrace, Tok::kPipe,     Tok::kCaret,
                           Tok::kDollar,      Tok::kColon};
  ASSERT_EQ(t.size(), want.size());
  for (size_t i = 0; i < want.size(); ++i)
    EXPECT_EQ(t[i].type, want[i]) << i;
}

TEST(Lexer, ErrorsAreTokensNotCrashes) {
  auto t = lex("'unterminated");
  ASSERT_EQ(t.size(), 1u);
  EXPECT_EQ(t[0].type, Tok::kError);
  t = lex("a # b");
  ASSERT_EQ(t.size(), 3u);
  EXPECT_EQ(t[1].type, Tok::kError);
  t = lex("/* open");
  ASSERT_EQ(t.size(), 1u);
  EXPECT_EQ(t[0].type, Tok::kError);
}

TEST(Splitter, SplitsOnSemicolonsOutsideStringsIdentifiersAndComments) {
  auto s = testing::split_statements("select ';' ; select \"a;b\" -- c;\n; /* ; */ select 3;;  ");
  ASSERT_EQ(s.size(), 3u);
  EXPECT_EQ(s[0], "select ';'");
  EXPECT_EQ(s[1], "select \"a;b\"");
  EXPECT_EQ(s[2], "select 3");
}

TEST(Splitter, HiveDdlStringsHonourBackslashEscapes) {
  auto s = testing::split_statements(
      "CREATE EXTERNAL TABLE t (a INT COMMENT 'it\\'s; fine') LOCATION 's3://b/'; "
      "SELECT 'C:\\'");
  ASSERT_EQ(s.size(), 2u);
  EXPECT_EQ(s[1], "SELECT 'C:\\'");
}

TEST(Splitter, RoutineBodiesKeepTheirSemicolons) {
  auto s = testing::split_statements(
      "WITH FUNCTION f() RETURNS INT BEGIN DECLARE a INT DEFAULT 1; IF a = 1 THEN "
      "RETURN CASE WHEN a > 0 THEN 1 END; END IF; RETURN a; END SELECT f(); SELECT 2");
  ASSERT_EQ(s.size(), 2u);
  EXPECT_EQ(s[1], "SELECT 2");
}

} // namespace
} // namespace athena::sql
