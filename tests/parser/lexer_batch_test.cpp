// Lexer::next_batch and the keyword table: the fast paths agree with the plain ones.
#include <filesystem>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "parser/keyword_table.h"
#include "parser/lexer.h"
#include "tests/support/test_support.h"

namespace athena::sql {
namespace {

// Every token from next_batch with batches of `size`, for comparison with lex_all().
std::vector<Token> lex_batched(std::string_view s, size_t size) {
  Lexer lexer(s);
  std::vector<Token> out;
  std::vector<Token> buffer(size);
  while (true) {
    size_t n = lexer.next_batch(buffer.data(), size);
    EXPECT_GT(n, 0u);
    out.insert(out.end(), buffer.begin(), buffer.begin() + static_cast<std::ptrdiff_t>(n));
    if (n == 0 || out.back().type == Tok::kEnd) return out;
  }
}

void expect_same_tokens(std::string_view s) {
  std::vector<Token> plain = lex_all(s);
  for (size_t size : {1u, 2u, 7u, 4096u}) {
    std::vector<Token> batched = lex_batched(s, size);
    ASSERT_EQ(batched.size(), plain.size()) << "batch size " << size << " for: " << s;
    for (size_t i = 0; i < plain.size(); ++i) {
      EXPECT_EQ(batched[i].begin, plain[i].begin) << i;
      EXPECT_EQ(batched[i].length, plain[i].length) << i;
      EXPECT_EQ(batched[i].type, plain[i].type) << i;
      EXPECT_EQ(batched[i].error, plain[i].error) << i;
      EXPECT_EQ(batched[i].kw, plain[i].kw) << i;
    }
  }
}

TEST(LexerBatch, StopsAfterEachSemicolonAndAtTheEnd) {
  Lexer lexer("SELECT 1; SELECT 2 -- done");
  Token buffer[16];
  ASSERT_EQ(lexer.next_batch(buffer, 16), 3u);
  EXPECT_EQ(buffer[2].type, Tok::kSemicolon);
  ASSERT_EQ(lexer.next_batch(buffer, 16), 3u);
  EXPECT_EQ(buffer[1].type, Tok::kInteger);
  EXPECT_EQ(buffer[2].type, Tok::kEnd);
  EXPECT_EQ(buffer[2].begin, 26u);
  ASSERT_EQ(lexer.next_batch(buffer, 16), 1u);
  EXPECT_EQ(buffer[0].type, Tok::kEnd);
}

TEST(LexerBatch, AgreesWithNextOnEdgeCases) {
  for (const char* s : {"",
                        " ",
                        "a",
                        "a ",
                        " a",
                        "select",
                        "SELECT  \n\t x",
                        "x'00",
                        "U&'a",
                        "'it''s'",
                        "\"a\"\"b\"",
                        "`c``d`",
                        "1.5e3 .5 1_000 0x1F 1abc",
                        "/* x",
                        "a -- c",
                        "a /* c */ b",
                        "-> => <> != <= >= || | { {- -} }",
                        "\x80\xff",
                        "#",
                        "current_timestamp CURRENT_DATE",
                        "a;;b;",
                        "  ;  "}) {
    expect_same_tokens(s);
  }
}

TEST(LexerBatch, AgreesWithNextOnTheCorpus) {
  ATHENA_REQUIRE_SHARED(corpus, "corpus");
  for (const char* f : {"tpch/q01.sql", "tpcds/q01.sql", "sqlglot-presto-trino-athena.sql"}) {
    if (!std::filesystem::exists(corpus / f)) continue;
    expect_same_tokens(athena::testing::read_file(corpus / f));
  }
}

TEST(Keywords, EveryKeywordIsFoundInAnyCaseAndNearTheEndOfTheInput) {
  for (size_t k = 1; k < detail::kKeywordCount; ++k) {
    std::string_view text = keyword_text(static_cast<Kw>(k));
    std::string lower(text);
    for (char& c : lower)
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
    EXPECT_EQ(lookup_keyword(text), static_cast<Kw>(k)) << text;
    EXPECT_EQ(lookup_keyword(lower), static_cast<Kw>(k)) << lower;
    // As the last word of the input (no bytes to read past it) and inside longer words.
    std::vector<Token> t = lex_all("x " + lower);
    EXPECT_EQ(t[1].kw, static_cast<Kw>(k)) << lower;
    EXPECT_EQ(lookup_keyword(lower + "_x"), Kw::kNone) << lower;
    EXPECT_EQ(lookup_keyword(lower.substr(0, lower.size() - 1)) == static_cast<Kw>(k), false);
  }
  EXPECT_EQ(lookup_keyword("current_"), Kw::kNone);
  EXPECT_EQ(lookup_keyword("selec"), Kw::kNone);
  EXPECT_EQ(lookup_keyword("s\xc5\x82"
                           "ect"),
            Kw::kNone);
}

} // namespace
} // namespace athena::sql
