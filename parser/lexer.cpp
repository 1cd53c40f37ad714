#include "parser/lexer.h"

#include <array>
#include <cstring>

namespace athena::sql {
namespace {

// Character classes drive the lexer's main switch (as SQLite's tokenizer does).
enum class Cc : uint8_t {
  kSpace,
  kIdent, ///< letters, '_' and bytes >= 0x80 (UTF-8 in identifiers is accepted)
  kDigit,
  kQuote,
  kDoubleQuote,
  kBacktick,
  kMinus,
  kSlash,
  kDot,
  kPunct, ///< single-character tokens and operator starts
  kOther,
};

constexpr std::array<Cc, 256> make_classes() {
  std::array<Cc, 256> t{};
  for (auto& c : t)
    c = Cc::kOther;
  for (int c : {' ', '\t', '\n', '\r', '\f', '\v'})
    t[c] = Cc::kSpace;
  for (int c = 'a'; c <= 'z'; ++c)
    t[c] = Cc::kIdent;
  for (int c = 'A'; c <= 'Z'; ++c)
    t[c] = Cc::kIdent;
  for (int c = 0x80; c < 256; ++c)
    t[c] = Cc::kIdent;
  t['_'] = Cc::kIdent;
  for (int c = '0'; c <= '9'; ++c)
    t[c] = Cc::kDigit;
  t['\''] = Cc::kQuote;
  t['"'] = Cc::kDoubleQuote;
  t['`'] = Cc::kBacktick;
  t['-'] = Cc::kMinus;
  t['/'] = Cc::kSlash;
  t['.'] = Cc::kDot;
  for (int c : {'(', ')', '[', ']', '{', '}', ',', ';', ':', '=',
                '<', '>', '!', '+', '*', '%', '|', '?', '^', '$'}) {
    t[c] = Cc::kPunct;
  }
  return t;
}

constexpr std::array<Cc, 256> kClass = make_classes();

constexpr std::array<bool, 256> make_word() {
  std::array<bool, 256> t{};
  for (int c = 0; c < 256; ++c)
    t[c] = kClass[c] == Cc::kIdent || kClass[c] == Cc::kDigit;
  return t;
}

constexpr std::array<bool, 256> kWord = make_word();

constexpr bool is_word(unsigned char c) {
  return kWord[c];
}
constexpr bool is_digit(unsigned char c) {
  return c >= '0' && c <= '9';
}
constexpr bool is_hex(unsigned char c) {
  return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

Token make(size_t begin, size_t end, Tok type) {
  Token t;
  t.begin = static_cast<uint32_t>(begin);
  t.length = static_cast<uint32_t>(end - begin);
  t.type = type;
  return t;
}

Token error(size_t begin, size_t end, LexError e) {
  Token t = make(begin, end, Tok::kError);
  t.error = e;
  return t;
}

} // namespace

std::string_view token_type_name(Tok type) {
  switch (type) {
  case Tok::kEnd:
    return "end of input";
  case Tok::kIdent:
    return "identifier";
  case Tok::kQuotedIdent:
    return "quoted identifier";
  case Tok::kBackquotedIdent:
    return "backquoted identifier";
  case Tok::kString:
    return "string";
  case Tok::kUnicodeString:
    return "unicode string";
  case Tok::kBinaryString:
    return "binary literal";
  case Tok::kInteger:
    return "integer";
  case Tok::kDecimal:
    return "decimal number";
  case Tok::kDouble:
    return "double number";
  case Tok::kQuestion:
    return "'?'";
  case Tok::kLParen:
    return "'('";
  case Tok::kRParen:
    return "')'";
  case Tok::kLBracket:
    return "'['";
  case Tok::kRBracket:
    return "']'";
  case Tok::kLBrace:
    return "'{'";
  case Tok::kRBrace:
    return "'}'";
  case Tok::kLBraceMinus:
    return "'{-'";
  case Tok::kMinusRBrace:
    return "'-}'";
  case Tok::kComma:
    return "','";
  case Tok::kDot:
    return "'.'";
  case Tok::kSemicolon:
    return "';'";
  case Tok::kColon:
    return "':'";
  case Tok::kEq:
    return "'='";
  case Tok::kNe:
    return "'<>'";
  case Tok::kLt:
    return "'<'";
  case Tok::kLe:
    return "'<='";
  case Tok::kGt:
    return "'>'";
  case Tok::kGe:
    return "'>='";
  case Tok::kPlus:
    return "'+'";
  case Tok::kMinus:
    return "'-'";
  case Tok::kStar:
    return "'*'";
  case Tok::kSlash:
    return "'/'";
  case Tok::kPercent:
    return "'%'";
  case Tok::kConcat:
    return "'||'";
  case Tok::kArrow:
    return "'->'";
  case Tok::kFatArrow:
    return "'=>'";
  case Tok::kPipe:
    return "'|'";
  case Tok::kCaret:
    return "'^'";
  case Tok::kDollar:
    return "'$'";
  case Tok::kError:
    return "invalid token";
  }
  return "token";
}

Token Lexer::lex_quoted(size_t start, char quote, Tok type, StringEscapes escapes) {
  // `start` is the token's first byte; pos_ is just past the opening quote.
  const size_t n = src_.size();
  const char* s = src_.data();
  size_t i = pos_;
  while (true) {
    // Scan to the next quote (or backslash in Hive mode) quickly.
    if (escapes == StringEscapes::kTrino) {
      const void* q = i < n ? std::memchr(s + i, quote, n - i) : nullptr;
      i = q != nullptr ? static_cast<size_t>(static_cast<const char*>(q) - s) : n;
    } else {
      while (i < n && s[i] != quote && s[i] != '\\')
        ++i;
    }
    if (i >= n) {
      pos_ = n;
      return error(start, n,
                   quote == '\'' ? LexError::kUnterminatedString
                                 : LexError::kUnterminatedIdentifier);
    }
    if (s[i] == '\\') {
      i += 2;
      if (i > n) i = n;
      continue;
    }
    if (i + 1 < n && s[i + 1] == quote) {
      i += 2;
      continue;
    }
    pos_ = i + 1;
    return make(start, pos_, type);
  }
}

Token Lexer::lex_number(size_t start) {
  const size_t n = src_.size();
  const char* s = src_.data();
  size_t i = start;
  auto digits = [&](auto pred) {
    // DIGIT ('_'? DIGIT)*
    size_t j = i;
    if (j >= n || !pred(static_cast<unsigned char>(s[j]))) return false;
    ++j;
    while (j < n) {
      if (pred(static_cast<unsigned char>(s[j]))) {
        ++j;
      } else if (s[j] == '_' && j + 1 < n && pred(static_cast<unsigned char>(s[j + 1]))) {
        j += 2;
      } else {
        break;
      }
    }
    i = j;
    return true;
  };
  Tok type = Tok::kInteger;
  if (s[i] == '0' && i + 1 < n && (s[i + 1] | 0x20) == 'x') {
    size_t save = i;
    i += 2;
    if (i < n && s[i] == '_') ++i;
    if (!digits(is_hex)) i = save + 1;
  } else if (s[i] == '0' && i + 1 < n && ((s[i + 1] | 0x20) == 'o' || (s[i + 1] | 0x20) == 'b')) {
    bool octal = (s[i + 1] | 0x20) == 'o';
    size_t save = i;
    i += 2;
    if (i < n && s[i] == '_') ++i;
    bool ok = octal ? digits([](unsigned char c) { return c >= '0' && c <= '7'; })
                    : digits([](unsigned char c) { return c == '0' || c == '1'; });
    if (!ok) i = save + 1;
  } else {
    bool int_part = digits(is_digit);
    bool frac_digits = false;
    if (i < n && s[i] == '.' && !(i + 1 < n && s[i + 1] == '.')) {
      size_t dot = i;
      ++i;
      frac_digits = i < n && is_digit(static_cast<unsigned char>(s[i]));
      if (frac_digits) {
        // DOUBLE allows DIGIT* after '.', DECIMAL allows DECIMAL_INTEGER (with '_').
        digits(is_digit);
      }
      if (!int_part && !frac_digits) i = dot; // a lone '.'
      type = Tok::kDecimal;
    }
    if (i < n && (s[i] | 0x20) == 'e') {
      size_t j = i + 1;
      if (j < n && (s[j] == '+' || s[j] == '-')) ++j;
      if (j < n && is_digit(static_cast<unsigned char>(s[j]))) {
        while (j < n && is_digit(static_cast<unsigned char>(s[j])))
          ++j;
        i = j;
        type = Tok::kDouble;
      }
    }
  }
  // DIGIT_IDENTIFIER (`1abc`, `2nd_col`) wins when the word run is longer than the number.
  if (is_digit(static_cast<unsigned char>(s[start]))) {
    size_t w = start;
    while (w < n && is_word(static_cast<unsigned char>(s[w])))
      ++w;
    if (w > i && w - start >= 2) {
      pos_ = w;
      return make(start, w, Tok::kIdent);
    }
  }
  pos_ = i;
  return make(start, i, type);
}

Token Lexer::next(StringEscapes escapes) {
  const size_t n = src_.size();
  const char* s = src_.data();
  while (true) {
    // Skip whitespace and comments.
    while (pos_ < n && kClass[static_cast<unsigned char>(s[pos_])] == Cc::kSpace)
      ++pos_;
    if (pos_ >= n) return make(n, n, Tok::kEnd);
    char c = s[pos_];
    if (c == '-' && pos_ + 1 < n && s[pos_ + 1] == '-') {
      while (pos_ < n && s[pos_] != '\n')
        ++pos_;
      continue;
    }
    if (c == '/' && pos_ + 1 < n && s[pos_ + 1] == '*') {
      size_t start = pos_;
      size_t i = pos_ + 2;
      while (i + 1 < n && !(s[i] == '*' && s[i + 1] == '/'))
        ++i;
      if (i + 1 >= n) {
        pos_ = n;
        return error(start, n, LexError::kUnterminatedComment);
      }
      pos_ = i + 2;
      continue;
    }
    break;
  }
  const size_t start = pos_;
  const unsigned char c = static_cast<unsigned char>(s[pos_]);
  switch (kClass[c]) {
  case Cc::kIdent: {
    // U&'...' and X'...' prefixes.
    if ((c | 0x20) == 'u' && pos_ + 2 < n && s[pos_ + 1] == '&' && s[pos_ + 2] == '\'') {
      pos_ += 3;
      return lex_quoted(start, '\'', Tok::kUnicodeString, StringEscapes::kTrino);
    }
    if ((c | 0x20) == 'x' && pos_ + 1 < n && s[pos_ + 1] == '\'') {
      pos_ += 2;
      size_t i = pos_;
      while (i < n && s[i] != '\'')
        ++i;
      if (i >= n) {
        pos_ = n;
        return error(start, n, LexError::kUnterminatedString);
      }
      pos_ = i + 1;
      return make(start, pos_, Tok::kBinaryString);
    }
    size_t i = pos_ + 1;
    while (i < n && is_word(static_cast<unsigned char>(s[i])))
      ++i;
    pos_ = i;
    Token t = make(start, i, Tok::kIdent);
    t.kw = lookup_keyword(src_.substr(start, i - start));
    return t;
  }
  case Cc::kDigit:
    return lex_number(start);
  case Cc::kDot:
    if (pos_ + 1 < n && is_digit(static_cast<unsigned char>(s[pos_ + 1]))) return lex_number(start);
    ++pos_;
    return make(start, pos_, Tok::kDot);
  case Cc::kQuote:
    ++pos_;
    return lex_quoted(start, '\'', Tok::kString, escapes);
  case Cc::kDoubleQuote:
    ++pos_;
    return lex_quoted(start, '"', Tok::kQuotedIdent, StringEscapes::kTrino);
  case Cc::kBacktick:
    ++pos_;
    return lex_quoted(start, '`', Tok::kBackquotedIdent, StringEscapes::kTrino);
  case Cc::kMinus:
    if (pos_ + 1 < n && s[pos_ + 1] == '>') {
      pos_ += 2;
      return make(start, pos_, Tok::kArrow);
    }
    if (pos_ + 1 < n && s[pos_ + 1] == '}') {
      pos_ += 2;
      return make(start, pos_, Tok::kMinusRBrace);
    }
    ++pos_;
    return make(start, pos_, Tok::kMinus);
  case Cc::kSlash:
    ++pos_;
    return make(start, pos_, Tok::kSlash);
  case Cc::kPunct: {
    char d = pos_ + 1 < n ? s[pos_ + 1] : '\0';
    Tok type = Tok::kError;
    size_t len = 1;
    switch (c) {
    case '(':
      type = Tok::kLParen;
      break;
    case ')':
      type = Tok::kRParen;
      break;
    case '[':
      type = Tok::kLBracket;
      break;
    case ']':
      type = Tok::kRBracket;
      break;
    case '{':
      type = d == '-' ? Tok::kLBraceMinus : Tok::kLBrace;
      len = d == '-' ? 2 : 1;
      break;
    case '}':
      type = Tok::kRBrace;
      break;
    case ',':
      type = Tok::kComma;
      break;
    case ';':
      type = Tok::kSemicolon;
      break;
    case ':':
      type = Tok::kColon;
      break;
    case '?':
      type = Tok::kQuestion;
      break;
    case '^':
      type = Tok::kCaret;
      break;
    case '$':
      type = Tok::kDollar;
      break;
    case '+':
      type = Tok::kPlus;
      break;
    case '*':
      type = Tok::kStar;
      break;
    case '%':
      type = Tok::kPercent;
      break;
    case '=':
      type = d == '>' ? Tok::kFatArrow : Tok::kEq;
      len = d == '>' ? 2 : 1;
      break;
    case '<':
      if (d == '=') {
        type = Tok::kLe;
        len = 2;
      } else if (d == '>') {
        type = Tok::kNe;
        len = 2;
      } else {
        type = Tok::kLt;
      }
      break;
    case '>':
      type = d == '=' ? Tok::kGe : Tok::kGt;
      len = d == '=' ? 2 : 1;
      break;
    case '!':
      if (d == '=') {
        type = Tok::kNe;
        len = 2;
      }
      break;
    case '|':
      type = d == '|' ? Tok::kConcat : Tok::kPipe;
      len = d == '|' ? 2 : 1;
      break;
    default:
      break;
    }
    pos_ += len;
    if (type == Tok::kError) return error(start, pos_, LexError::kUnexpectedCharacter);
    return make(start, pos_, type);
  }
  case Cc::kSpace:
  case Cc::kOther:
    break;
  }
  ++pos_;
  return error(start, pos_, LexError::kUnexpectedCharacter);
}

std::vector<Token> lex_all(std::string_view source) {
  std::vector<Token> out;
  Lexer lexer(source);
  while (true) {
    out.push_back(lexer.next());
    if (out.back().type == Tok::kEnd) break;
  }
  return out;
}

} // namespace athena::sql
