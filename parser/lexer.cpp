#include "parser/lexer.h"

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstring>

#include "parser/keyword_table.h"
#include "parser/scan.h"

namespace athena::sql {
namespace {

// Character classes drive the lexer's main switch (as SQLite's tokenizer does). Every byte that
// can only be a one-character token has its own class kSingle and its token type in kSingleTok.
enum class Cc : uint8_t {
  kSpace,
  kIdent,  ///< letters, '_' and bytes >= 0x80 (UTF-8 in identifiers is accepted)
  kIdentU, ///< 'u', 'U': maybe U&'...'
  kIdentX, ///< 'x', 'X': maybe X'...'
  kDigit,
  kQuote,
  kDoubleQuote,
  kBacktick,
  kMinus,
  kSlash,
  kDot,
  kSingle, ///< a token of its own: ( ) [ ] } , ; : ? ^ $ + * %
  kPunct,  ///< the start of a one- or two-character operator: { = < > ! |
  kOther,
};

constexpr std::array<Cc, 256> make_classes() {
  std::array<Cc, 256> t{};
  for (auto& c : t)
    c = Cc::kOther;
  for (unsigned char c : {' ', '\t', '\n', '\r', '\f', '\v'})
    t[c] = Cc::kSpace;
  for (int c = 'a'; c <= 'z'; ++c)
    t[c] = Cc::kIdent;
  for (int c = 'A'; c <= 'Z'; ++c)
    t[c] = Cc::kIdent;
  for (int c = 0x80; c < 256; ++c)
    t[c] = Cc::kIdent;
  t['_'] = Cc::kIdent;
  t['u'] = t['U'] = Cc::kIdentU;
  t['x'] = t['X'] = Cc::kIdentX;
  for (int c = '0'; c <= '9'; ++c)
    t[c] = Cc::kDigit;
  t['\''] = Cc::kQuote;
  t['"'] = Cc::kDoubleQuote;
  t['`'] = Cc::kBacktick;
  t['-'] = Cc::kMinus;
  t['/'] = Cc::kSlash;
  t['.'] = Cc::kDot;
  for (unsigned char c : {'(', ')', '[', ']', '}', ',', ';', ':', '?', '^', '$', '+', '*', '%'})
    t[c] = Cc::kSingle;
  for (unsigned char c : {'{', '=', '<', '>', '!', '|'})
    t[c] = Cc::kPunct;
  return t;
}

constexpr std::array<Cc, 256> kClass = make_classes();

constexpr std::array<Tok, 256> make_single() {
  std::array<Tok, 256> t{};
  for (auto& c : t)
    c = Tok::kError;
  t['('] = Tok::kLParen;
  t[')'] = Tok::kRParen;
  t['['] = Tok::kLBracket;
  t[']'] = Tok::kRBracket;
  t['}'] = Tok::kRBrace;
  t[','] = Tok::kComma;
  t[';'] = Tok::kSemicolon;
  t[':'] = Tok::kColon;
  t['?'] = Tok::kQuestion;
  t['^'] = Tok::kCaret;
  t['$'] = Tok::kDollar;
  t['+'] = Tok::kPlus;
  t['*'] = Tok::kStar;
  t['%'] = Tok::kPercent;
  return t;
}

constexpr std::array<Tok, 256> kSingleTok = make_single();

constexpr std::array<bool, 256> make_word() {
  std::array<bool, 256> t{};
  for (int c = 0; c < 256; ++c) {
    Cc k = kClass[c];
    t[c] = k == Cc::kIdent || k == Cc::kIdentU || k == Cc::kIdentX || k == Cc::kDigit;
  }
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

inline unsigned char byte_at(const char* s, size_t i) {
  return static_cast<unsigned char>(s[i]);
}

// Tokens are built from two whole words: GCC otherwise stores the fields one by one and reloads
// them as words to return the token in registers, and such a load stalls (store forwarding).
static_assert(sizeof(Token) == 12 && offsetof(Token, length) == 4 && offsetof(Token, type) == 8 &&
              offsetof(Token, error) == 9 && offsetof(Token, kw) == 10);

/// A token as two words, kept in registers until it is stored.
struct Raw {
  uint64_t lo; ///< begin | length << 32
  uint32_t hi; ///< type | error << 8 | kw << 16

  [[nodiscard]] size_t end() const { return static_cast<size_t>((lo & 0xFFFFFFFFu) + (lo >> 32)); }
  [[nodiscard]] Tok type() const { return static_cast<Tok>(hi & 0xFF); }
  void store(Token* out) const {
    std::memcpy(static_cast<void*>(out), &lo, sizeof lo);
    std::memcpy(reinterpret_cast<char*>(out) + sizeof lo, &hi, sizeof hi);
  }
  [[nodiscard]] Token token() const {
    Token t;
    store(&t);
    return t;
  }
};

inline Raw pack(size_t begin, size_t end, Tok type, LexError e, Kw kw) {
  return Raw{static_cast<uint64_t>(begin) | static_cast<uint64_t>(end - begin) << 32,
             static_cast<uint32_t>(type) | static_cast<uint32_t>(e) << 8 |
                 static_cast<uint32_t>(kw) << 16};
}

inline Raw make(size_t begin, size_t end, Tok type, Kw kw = Kw::kNone) {
  return pack(begin, end, type, LexError::kNone, kw);
}

inline Raw error(size_t begin, size_t end, LexError e) {
  return pack(begin, end, Tok::kError, e, Kw::kNone);
}

// The token scanners below take the source (s, n) and the token's first byte i, and return the
// token; the lexer then continues at the token's end.

/// A quoted string or identifier; `from` is just past the opening quote (or `U&'`, `X'`).
template <StringEscapes kEscapes>
inline Raw lex_quoted(const char* s, size_t n, size_t i, size_t from, char quote, Tok type) {
  size_t j = from;
  while (true) {
    j = kEscapes == StringEscapes::kTrino ? detail::find_byte(s, j, n, quote)
                                          : detail::find_either(s, j, n, quote, '\\');
    if (j >= n) {
      return error(
          i, n, quote == '\'' ? LexError::kUnterminatedString : LexError::kUnterminatedIdentifier);
    }
    if (kEscapes == StringEscapes::kHive && s[j] == '\\') {
      j = std::min(j + 2, n);
      continue;
    }
    if (j + 1 < n && s[j + 1] == quote) { // a doubled quote stands for itself
      j += 2;
      continue;
    }
    return make(i, j + 1, type);
  }
}

inline Raw lex_string(const char* s, size_t n, size_t i, StringEscapes escapes) {
  return escapes == StringEscapes::kTrino
             ? lex_quoted<StringEscapes::kTrino>(s, n, i, i + 1, '\'', Tok::kString)
             : lex_quoted<StringEscapes::kHive>(s, n, i, i + 1, '\'', Tok::kString);
}

[[gnu::always_inline]] inline Raw lex_word(const char* s, size_t n, size_t i) {
  const size_t end = detail::skip_word(s, i + 1, n);
  return make(i, end, Tok::kIdent, detail::find_keyword(s + i, end - i, n - i));
}

// INTEGER_VALUE, DECIMAL_VALUE, DOUBLE_VALUE (with '_' separators, 0x/0o/0b prefixes), or a
// DIGIT_IDENTIFIER such as `1abc`.
[[gnu::noinline]] Raw lex_number(const char* s, size_t n, size_t start) {
  size_t i = start;
  auto digits = [&](auto pred) {
    // DIGIT ('_'? DIGIT)*
    size_t j = i;
    if (j >= n || !pred(byte_at(s, j))) return false;
    ++j;
    while (j < n) {
      if (pred(byte_at(s, j))) {
        ++j;
      } else if (s[j] == '_' && j + 1 < n && pred(byte_at(s, j + 1))) {
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
      frac_digits = i < n && is_digit(byte_at(s, i));
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
      if (j < n && is_digit(byte_at(s, j))) {
        while (j < n && is_digit(byte_at(s, j)))
          ++j;
        i = j;
        type = Tok::kDouble;
      }
    }
  }
  // DIGIT_IDENTIFIER (`1abc`, `2nd_col`) wins when the word run is longer than the number.
  if (is_digit(byte_at(s, start))) {
    size_t w = start;
    while (w < n && is_word(byte_at(s, w)))
      ++w;
    if (w > i && w - start >= 2) return make(start, w, Tok::kIdent);
  }
  return make(start, i, type);
}

/// `{ = < > ! |`, alone or starting a two-character operator (`d` is the next byte or 0).
inline Raw lex_operator(size_t i, unsigned char c, char d) {
  switch (c) {
  case '{':
    return d == '-' ? make(i, i + 2, Tok::kLBraceMinus) : make(i, i + 1, Tok::kLBrace);
  case '=':
    return d == '>' ? make(i, i + 2, Tok::kFatArrow) : make(i, i + 1, Tok::kEq);
  case '<':
    if (d == '=') return make(i, i + 2, Tok::kLe);
    if (d == '>') return make(i, i + 2, Tok::kNe);
    return make(i, i + 1, Tok::kLt);
  case '>':
    return d == '=' ? make(i, i + 2, Tok::kGe) : make(i, i + 1, Tok::kGt);
  case '!':
    if (d == '=') return make(i, i + 2, Tok::kNe);
    break;
  case '|':
    return d == '|' ? make(i, i + 2, Tok::kConcat) : make(i, i + 1, Tok::kPipe);
  default:
    break;
  }
  return error(i, i + 1, LexError::kUnexpectedCharacter);
}

/// The token at i (which is not whitespace), or a comment's end as a kEnd token of the
/// comment's span: the caller continues after it.
[[gnu::always_inline]] inline Raw lex_at(const char* s, size_t n, size_t i, StringEscapes escapes) {
  const unsigned char c = byte_at(s, i);
  const char d = i + 1 < n ? s[i + 1] : '\0';
  switch (kClass[c]) {
  case Cc::kIdent:
    return lex_word(s, n, i);
  case Cc::kIdentU:
    if (d == '&' && i + 2 < n && s[i + 2] == '\'') {
      return lex_quoted<StringEscapes::kTrino>(s, n, i, i + 3, '\'', Tok::kUnicodeString);
    }
    return lex_word(s, n, i);
  case Cc::kIdentX:
    if (d == '\'') {
      size_t j = detail::find_byte(s, i + 2, n, '\'');
      if (j >= n) return error(i, n, LexError::kUnterminatedString);
      return make(i, j + 1, Tok::kBinaryString);
    }
    return lex_word(s, n, i);
  case Cc::kDigit: {
    // Fast path: a plain integer (digits not followed by a word byte or '.').
    size_t j = i + 1;
    while (j < n && is_digit(byte_at(s, j)))
      ++j;
    if (j < n && (is_word(byte_at(s, j)) || s[j] == '.')) return lex_number(s, n, i);
    return make(i, j, Tok::kInteger);
  }
  case Cc::kQuote:
    return lex_string(s, n, i, escapes);
  case Cc::kDoubleQuote:
    // Hive DDL quotes strings with `"` too (`ESCAPED BY "\\"`, `"quote.char" = "\""`).
    return escapes == StringEscapes::kTrino
               ? lex_quoted<StringEscapes::kTrino>(s, n, i, i + 1, '"', Tok::kQuotedIdent)
               : lex_quoted<StringEscapes::kHive>(s, n, i, i + 1, '"', Tok::kQuotedIdent);
  case Cc::kBacktick:
    return lex_quoted<StringEscapes::kTrino>(s, n, i, i + 1, '`', Tok::kBackquotedIdent);
  case Cc::kMinus:
    if (d == '-') { // `--` comment to the end of the line
      const void* nl = std::memchr(s + i + 2, '\n', n - i - 2);
      size_t end = nl != nullptr ? static_cast<size_t>(static_cast<const char*>(nl) - s) : n;
      return make(i, end, Tok::kEnd);
    }
    if (d == '>') return make(i, i + 2, Tok::kArrow);
    if (d == '}') return make(i, i + 2, Tok::kMinusRBrace);
    return make(i, i + 1, Tok::kMinus);
  case Cc::kSlash:
    if (d == '*') { // `/* ... */` comment, not nested
      size_t j = i + 2;
      while (true) {
        const void* star = j < n ? std::memchr(s + j, '*', n - j) : nullptr;
        if (star == nullptr) return error(i, n, LexError::kUnterminatedComment);
        j = static_cast<size_t>(static_cast<const char*>(star) - s) + 1;
        if (j < n && s[j] == '/') return make(i, j + 1, Tok::kEnd);
      }
    }
    return make(i, i + 1, Tok::kSlash);
  case Cc::kDot:
    if (is_digit(static_cast<unsigned char>(d))) return lex_number(s, n, i);
    return make(i, i + 1, Tok::kDot);
  case Cc::kSingle:
    return make(i, i + 1, kSingleTok[c]);
  case Cc::kPunct:
    return lex_operator(i, c, d);
  case Cc::kSpace:
  case Cc::kOther:
    break;
  }
  return error(i, i + 1, LexError::kUnexpectedCharacter);
}

/// Skips the whitespace at i. One space before a token is the usual case: a predicted branch,
/// not a vector scan, so the next token's position does not wait on a chain of loads.
[[gnu::always_inline]] inline size_t skip_gap(const char* s, size_t n, size_t i) {
  if (i + 1 < n && s[i] == ' ' && kClass[byte_at(s, i + 1)] != Cc::kSpace) return i + 1;
  if (i < n && kClass[byte_at(s, i)] == Cc::kSpace) return detail::skip_space(s, i + 1, n);
  return i;
}

} // namespace

Token Lexer::next(StringEscapes escapes) {
  const size_t n = src_.size();
  const char* s = src_.data();
  size_t i = pos_;
  while (true) {
    i = skip_gap(s, n, i);
    if (i >= n) {
      pos_ = n;
      return make(n, n, Tok::kEnd).token();
    }
    const Raw t = lex_at(s, n, i, escapes);
    i = t.end();
    if (t.type() != Tok::kEnd) { // kEnd here is a comment
      pos_ = i;
      return t.token();
    }
  }
}

size_t Lexer::next_batch(Token* out, size_t capacity, StringEscapes escapes) {
  // The same loop as next(), with the position in a register and no call per token.
  const size_t n = src_.size();
  const char* s = src_.data();
  size_t i = pos_;
  size_t k = 0;
  while (k < capacity) {
    i = skip_gap(s, n, i);
    if (i >= n) {
      i = n;
      make(n, n, Tok::kEnd).store(out + k++);
      break;
    }
    const Raw t = lex_at(s, n, i, escapes);
    i = t.end();
    if (t.type() == Tok::kEnd) continue; // a comment
    t.store(out + k++);
    if (t.type() == Tok::kSemicolon) break;
  }
  pos_ = i;
  return k;
}

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
