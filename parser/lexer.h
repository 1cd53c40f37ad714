#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

#include "parser/token.h"

namespace athena::sql {

/// How string literals are escaped: Trino doubles quotes (`''`); Hive DDL also honours
/// backslash escapes (`'it\'s'`).
enum class StringEscapes : uint8_t { kTrino, kHive };

/// Turns source bytes into tokens on demand, skipping whitespace and comments. Never fails:
/// malformed input yields Tok::kError tokens.
class Lexer {
public:
  explicit Lexer(std::string_view source) : src_(source) {}

  /// The next token; Tok::kEnd (zero length, at the end) once the input is exhausted.
  Token next(StringEscapes escapes = StringEscapes::kTrino);
  /// Lexes up to `capacity` tokens into `out` and returns how many: it stops after a `;` and
  /// after the Tok::kEnd token at the end of the input. Faster than next() token by token.
  size_t next_batch(Token* out, size_t capacity, StringEscapes escapes = StringEscapes::kTrino);
  /// Byte offset of the next unread character.
  [[nodiscard]] size_t position() const { return pos_; }
  void reset(size_t pos) { pos_ = pos; }

private:
  std::string_view src_;
  size_t pos_ = 0;
};

/// Lexes all of `source` (for tests and the lexing benchmark); the last token is Tok::kEnd.
std::vector<Token> lex_all(std::string_view source);

/// How the strings of the statement starting at the lexer's position are escaped, from its
/// leading words (Hive DDL honours backslashes); the lexer's position is left unchanged.
StringEscapes statement_escapes(Lexer& lexer);

} // namespace athena::sql
