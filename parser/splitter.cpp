// Statement splitting: the lexer's tokens, cut at top-level `;`.
#include "parser/lexer.h"

namespace athena::sql {

// Athena runs Hive DDL (CREATE EXTERNAL TABLE, ALTER TABLE ..., MSCK, CREATE DATABASE) through
// Hive, whose strings honour backslash escapes: `COMMENT 'it\'s'`. The leading words of a
// statement decide, before its strings are lexed.
StringEscapes StatementSplitter::choose_escapes() {
  size_t save = lexer_.position();
  Kw words[5] = {};
  for (auto& w : words) {
    Token t = lexer_.next();
    if (t.type != Tok::kIdent) break;
    w = t.kw;
  }
  lexer_.reset(save);
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
    const StringEscapes escapes = choose_escapes();
    // Inside a SQL routine body (`FUNCTION ... BEGIN ... END`), `;` ends routine statements,
    // not the SQL statement. BEGIN and CASE open a block; END closes one unless it is
    // `END IF|WHILE|LOOP|REPEAT` (those blocks were never counted).
    bool saw_function = false;
    int depth = 0;
    size_t seen = 0; // tokens[0, seen) are examined
    bool done = false;
    while (!done) {
      const size_t old = tokens.size();
      tokens.resize(old + kBatch);
      tokens.resize(old + lexer_.next_batch(tokens.data() + old, kBatch, escapes));
      for (; seen < tokens.size(); ++seen) {
        const Token& t = tokens[seen];
        if (t.type == Tok::kEnd || (t.type == Tok::kSemicolon && depth <= 0)) {
          tokens.resize(seen);
          done = true;
          break;
        }
        if (t.type != Tok::kIdent || t.kw == Kw::kNone) continue;
        if (t.kw == Kw::kFunction) {
          saw_function = true;
        } else if (saw_function && (t.kw == Kw::kBegin || t.kw == Kw::kCase)) {
          ++depth;
        } else if (saw_function && t.kw == Kw::kEnd && depth > 0) {
          if (seen + 1 == tokens.size()) break; // the batch ended: look again with more tokens
          const Token& after = tokens[seen + 1];
          bool closes_other =
              after.type == Tok::kIdent && (after.kw == Kw::kIf || after.kw == Kw::kWhile ||
                                            after.kw == Kw::kLoop || after.kw == Kw::kRepeat);
          if (!closes_other) --depth;
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
