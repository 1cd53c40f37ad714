#pragma once

#include <cstdint>
#include <string_view>

#include "parser/keywords.h"

namespace athena::sql {

/// Token types. Identifiers carry their keyword (if any) in Token::kw.
enum class Tok : uint8_t {
  kEnd,
  kIdent,           ///< bare word (maybe a keyword), or digit identifier `1abc`
  kQuotedIdent,     ///< "x"
  kBackquotedIdent, ///< `x`
  kString,          ///< 'x'
  kUnicodeString,   ///< U&'x'
  kBinaryString,    ///< X'00ff'
  kInteger,
  kDecimal,
  kDouble,
  kQuestion,
  kLParen,
  kRParen,
  kLBracket,
  kRBracket,
  kLBrace,
  kRBrace,
  kLBraceMinus, ///< {-
  kMinusRBrace, ///< -}
  kComma,
  kDot,
  kSemicolon,
  kColon,
  kEq,
  kNe,
  kLt,
  kLe,
  kGt,
  kGe,
  kPlus,
  kMinus,
  kStar,
  kSlash,
  kPercent,
  kConcat,
  kArrow,    ///< ->
  kFatArrow, ///< =>
  kPipe,
  kCaret,
  kDollar,
  kError, ///< a lexical error; Token::error says which
};

/// Lexical errors, reported when the parser reaches the token.
enum class LexError : uint8_t {
  kNone,
  kUnterminatedString,
  kUnterminatedIdentifier,
  kUnterminatedComment,
  kUnexpectedCharacter,
};

/// A token: where it is in the source and what it is. The text is never copied.
struct Token {
  uint32_t begin = 0;
  uint32_t length = 0;
  Tok type = Tok::kEnd;
  LexError error = LexError::kNone;
  Kw kw = Kw::kNone;

  [[nodiscard]] uint32_t end() const { return begin + length; }
  [[nodiscard]] std::string_view text(std::string_view source) const {
    return source.substr(begin, length);
  }
};

/// "end of input", "identifier", "','" ...: how diagnostics name a token type.
std::string_view token_type_name(Tok type);

} // namespace athena::sql
