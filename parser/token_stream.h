#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

#include "parser/lexer.h"
#include "parser/token.h"

namespace athena::sql {

/// Where a statement ends: at a top-level `;`, except inside the BEGIN ... END bodies of SQL
/// routines (`FUNCTION ... BEGIN ... END`), where `;` ends routine statements. BEGIN and CASE
/// open a block there; END closes one unless it is `END IF|WHILE|LOOP|REPEAT` (those blocks were
/// never counted). Shared by StatementSplitter and TokenStream.
class StatementEnd {
public:
  enum class Verdict : uint8_t { kInside, kEnds, kNeedNext };
  /// Feeds token `t`; `next` is the token after it, or nullptr when not lexed yet (then an
  /// `END` inside a routine answers kNeedNext and must be fed again with its successor).
  Verdict feed(const Token& t, const Token* next) {
    if (t.type == Tok::kEnd || (t.type == Tok::kSemicolon && depth_ <= 0)) return Verdict::kEnds;
    if (t.type != Tok::kIdent || t.kw == Kw::kNone) return Verdict::kInside;
    if (t.kw == Kw::kFunction) {
      saw_function_ = true;
    } else if (saw_function_ && (t.kw == Kw::kBegin || t.kw == Kw::kCase)) {
      ++depth_;
    } else if (saw_function_ && t.kw == Kw::kEnd && depth_ > 0) {
      if (next == nullptr) return Verdict::kNeedNext;
      bool closes_other =
          next->type == Tok::kIdent && (next->kw == Kw::kIf || next->kw == Kw::kWhile ||
                                        next->kw == Kw::kLoop || next->kw == Kw::kRepeat);
      if (!closes_other) --depth_;
    }
    return Verdict::kInside;
  }

private:
  bool saw_function_ = false;
  int depth_ = 0;
};

/// The tokens of one statement at a time: each statement is lexed whole into a buffer reused
/// from statement to statement (and, per thread, from parse to parse), so lookahead and
/// backtracking are indexing. Indices are the token's position in its statement; past the
/// statement's last token every index reads the statement's Tok::kEnd token.
class TokenStream {
public:
  /// `split`: a top-level `;` ends a statement (false: the whole source is one expression).
  explicit TokenStream(std::string_view source, bool split = true);
  ~TokenStream();
  TokenStream(const TokenStream&) = delete;
  TokenStream& operator=(const TokenStream&) = delete;

  /// Moves to the next non-empty statement; false at the end of the input. (Unsplit, the
  /// source is one statement, even when empty.)
  bool next_statement();

  [[nodiscard]] const Token& at(size_t i) const {
    return i < size_ ? tokens_[i] : tokens_[size_ - 1];
  }
  /// The statement's tokens, its Tok::kEnd token last.
  [[nodiscard]] const Token* data() const { return tokens_; }
  [[nodiscard]] size_t size() const { return size_; }

  /// The statement's span, from its first token's start to its last token's end.
  [[nodiscard]] uint32_t begin() const { return begin_; }
  [[nodiscard]] uint32_t end() const { return last_end_; }
  /// The keyword of the statement's first (k = 0) or second (k = 1) token.
  [[nodiscard]] Kw leading_keyword(size_t k) const { return leading_[k]; }
  /// The most tokens one call to the lexer produces (and the least room made for it).
  static constexpr size_t kBatch = 256;

  /// How the statement's strings are escaped.
  [[nodiscard]] StringEscapes escapes() const { return escapes_; }
  /// Whether a top-level `;` ends statements.
  [[nodiscard]] bool splits() const { return split_; }
  /// The most bytes one statement's tokens took.
  [[nodiscard]] size_t peak_bytes() const { return peak_ * sizeof(Token); }

private:
  /// Lexes the statement at the lexer's position, up to its end token.
  void lex_statement();
  /// Room for at least kBatch more tokens.
  void reserve_batch();

  std::string_view src_;
  Lexer lexer_;
  bool split_;
  StringEscapes escapes_ = StringEscapes::kTrino;
  std::unique_ptr<Token[]> buffer_;
  Token* tokens_ = nullptr; ///< buffer_.get()
  size_t capacity_ = 0;
  size_t size_ = 0; ///< tokens of the statement, its end token included
  size_t peak_ = 0;
  bool started_ = false;
  bool input_done_ = false; ///< the lexer returned Tok::kEnd
  uint32_t begin_ = 0;
  uint32_t last_end_ = 0;
  Kw leading_[2] = {Kw::kNone, Kw::kNone};
};

/// One statement found by StatementSplitter: its byte span, from its first token to its last
/// (the `;` excluded).
struct StatementTokens {
  uint32_t begin = 0;
  uint32_t end = 0;
};

/// Splits source text into statements on `;`, respecting strings, quoted identifiers,
/// comments and the BEGIN ... END bodies of SQL routines, as parse() does (it reads the same
/// TokenStream). Each call to next() fills `tokens`, ending with a Tok::kEnd token at its end.
class StatementSplitter {
public:
  explicit StatementSplitter(std::string_view source) : stream_(source) {}

  /// The next non-empty statement's tokens; false at the end of the input.
  bool next(std::vector<Token>& tokens, StatementTokens& where);

private:
  TokenStream stream_;
};

} // namespace athena::sql
