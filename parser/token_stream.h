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

/// The tokens of one statement at a time, lexed on demand into a small window: the parser's
/// token memory stays constant however long the statement is. The window keeps every token from
/// the one before the parser's cursor on, and from the oldest pinned position (backtracking).
/// Indices are the token's position in its statement; past the statement's last token every
/// index reads the statement's Tok::kEnd token.
class TokenStream {
public:
  /// `split`: a top-level `;` ends a statement (false: the whole source is one expression).
  explicit TokenStream(std::string_view source, bool split = true)
      : src_(source), lexer_(source), split_(split) {}

  /// Moves to the next non-empty statement; false at the end of the input. (Unsplit, the
  /// source is one statement, even when empty.)
  bool next_statement();
  /// The parser's position: the window keeps it, and the token before it, readable.
  void follow(const size_t* cursor) { cursor_ = cursor; }

  const Token& at(size_t i) { return i - base_ < ready_ ? window_[i - base_] : at_slow(i); }
  /// Lexes (without keeping) to the end of the statement, as after an error.
  void skip_rest();

  /// Keeps positions from `i` readable until the matching unpin().
  void pin(size_t i) { pins_.push_back(i); }
  void unpin() { pins_.pop_back(); }

  /// The statement's span, from its first token's start to its last token's end (read the end
  /// once the statement has been read or skipped to its end).
  uint32_t begin() const { return begin_; }
  uint32_t end() const { return last_end_; }
  /// The keyword of the statement's first (k = 0) or second (k = 1) token.
  Kw leading_keyword(size_t k) const { return leading_[k]; }
  /// The window's first size; it grows with the statement up to kMaxWindow (more only while
  /// lookahead or backtracking needs it) and lexes no fewer than kMinBatch tokens at a time.
  static constexpr size_t kBatch = 8;
  static constexpr size_t kMaxWindow = 128;
  static constexpr size_t kMinBatch = 4;

  /// How the statement's strings are escaped.
  StringEscapes escapes() const { return escapes_; }
  /// Whether a top-level `;` ends statements.
  bool splits() const { return split_; }
  /// The most bytes the window has held (its buffer's capacity).
  size_t peak_bytes() const { return capacity_ * sizeof(Token); }

private:
  const Token& at_slow(size_t i);
  /// Lexes one more batch and examines it; false when the statement has ended.
  bool fill();
  /// Room for one more batch: drops what cannot be read again, else grows.
  void make_room();

  std::string_view src_;
  Lexer lexer_;
  bool split_;
  StringEscapes escapes_ = StringEscapes::kTrino;
  StatementEnd end_rule_;
  const size_t* cursor_ = nullptr;
  std::unique_ptr<Token[]> window_; ///< tokens [base_, base_ + size_) of the statement
  size_t capacity_ = 0;
  size_t size_ = 0;
  size_t ready_ = 0; ///< window_[0, ready_) is examined and readable
  size_t base_ = 0;
  std::vector<size_t> pins_;
  bool ended_ = false;
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
  size_t cursor_ = 0;
};

} // namespace athena::sql
