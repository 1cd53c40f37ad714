// Statement splitting: which escapes a statement's strings use, and StatementSplitter.
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
  tokens.clear();
  if (!stream_.next_statement()) return false;
  tokens.assign(stream_.data(), stream_.data() + stream_.size());
  where = {stream_.begin(), stream_.end()};
  return true;
}

} // namespace athena::sql
