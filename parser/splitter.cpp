// Statement splitting: the lexer's tokens, cut at top-level `;`.
#include "parser/lexer.h"
#include "parser/token_stream.h"

namespace athena::sql {

// Athena runs Hive DDL (CREATE EXTERNAL TABLE, ALTER TABLE ..., MSCK, CREATE DATABASE) through
// Hive, whose strings honour backslash escapes: `COMMENT 'it\'s'`. The leading words of a
// statement decide, before its strings are lexed.
StringEscapes statement_escapes(Lexer& lexer) {
  size_t save = lexer.position();
  Kw words[5] = {};
  for (auto& w : words) {
    Token t = lexer.next();
    if (t.type != Tok::kIdent) break;
    w = t.kw;
  }
  lexer.reset(save);
  size_t i = 0;
  if (words[0] == Kw::kCreate) {
    i = 1;
    if (words[1] == Kw::kOr && words[2] == Kw::kReplace) i = 3;
    if (words[i] == Kw::kExternal || words[i] == Kw::kDatabase) return StringEscapes::kHive;
    return StringEscapes::kTrino;
  }
  if (words[0] == Kw::kMsck) return StringEscapes::kHive;
  if (words[0] == Kw::kAlter && (words[1] == Kw::kDatabase)) return StringEscapes::kHive;
  return StringEscapes::kTrino;
}

bool StatementSplitter::next(std::vector<Token>& tokens, StatementTokens& where) {
  // Tokens are lexed in batches (the lexer stops after each `;`) and then examined here.
  constexpr size_t kBatch = 256;
  tokens.clear();
  while (true) {
    const StringEscapes escapes = statement_escapes(lexer_);
    StatementEnd rule;
    size_t seen = 0; // tokens[0, seen) are examined
    bool done = false;
    while (!done) {
      const size_t old = tokens.size();
      tokens.resize(old + kBatch);
      tokens.resize(old + lexer_.next_batch(tokens.data() + old, kBatch, escapes));
      for (; seen < tokens.size(); ++seen) {
        const Token* next = seen + 1 < tokens.size() ? &tokens[seen + 1] : nullptr;
        StatementEnd::Verdict v = rule.feed(tokens[seen], next);
        if (v == StatementEnd::Verdict::kNeedNext) break; // look again with more tokens
        if (v == StatementEnd::Verdict::kEnds) {
          tokens.resize(seen);
          done = true;
          break;
        }
      }
    }
    if (!tokens.empty()) {
      where.begin = tokens.front().begin;
      where.end = tokens.back().end();
      Token end;
      end.begin = where.end;
      end.type = Tok::kEnd;
      tokens.push_back(end);
      return true;
    }
    if (lexer_.position() >= src_.size()) return false;
  }
}

} // namespace athena::sql
