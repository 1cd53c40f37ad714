// The parser's token window: one statement at a time, lexed on demand.
#include "parser/token_stream.h"

#include <algorithm>
#include <memory>
#include <stdexcept>

namespace athena::sql {
namespace {

constexpr size_t kStart = 0;
constexpr size_t kAll = SIZE_MAX;

} // namespace

bool TokenStream::next_statement() {
  cursor_ = &kStart;
  while (true) {
    size_ = ready_ = base_ = 0;
    pins_.clear();
    ended_ = false;
    end_rule_ = StatementEnd();
    leading_[0] = leading_[1] = Kw::kNone;
    begin_ = last_end_ = 0;
    if (!split_) {
      // The whole source is one statement, empty or not.
      if (started_) return false;
      started_ = true;
      return true;
    }
    if (input_done_) return false;
    escapes_ = statement_escapes(lexer_);
    while (ready_ == 0 && fill()) {
    }
    if (ready_ > 0 && window_[0].type != Tok::kEnd) return true;
    // An empty statement (`;;`, or only comments before the end): go on.
  }
}

void TokenStream::skip_rest() {
  pins_.clear();
  cursor_ = &kAll;
  while (fill()) {
  }
}

const Token& TokenStream::at_slow(size_t i) {
  if (i < base_) throw std::logic_error("token window: a released position was read");
  while (i - base_ >= ready_) {
    if (ended_) return window_[ready_ - 1]; // the statement's Tok::kEnd token
    fill();
  }
  return window_[i - base_];
}

void TokenStream::make_room() {
  // The window grows with the statement, in steps of 4x to about an eighth of its tokens so far
  // (a few bytes per hundred of SQL) and at most kMaxWindow, so that long statements are lexed
  // in long batches.
  const size_t seen = base_ + size_;
  size_t target = kBatch;
  while (target < kMaxWindow && target * 8 < seen)
    target *= 4;
  const auto roomy = [&] { return size_ + kMinBatch <= capacity_ && capacity_ >= target; };
  if (roomy()) return;
  // Drop what the parser cannot read again: before the token preceding its cursor, and before
  // the oldest pinned position.
  size_t keep = *cursor_ > 0 ? *cursor_ - 1 : 0;
  for (size_t p : pins_)
    keep = std::min(keep, p);
  keep = std::min(keep, base_ + ready_);
  if (keep > base_) {
    const size_t drop = keep - base_;
    std::copy(window_.get() + drop, window_.get() + size_, window_.get());
    size_ -= drop;
    ready_ -= drop;
    base_ += drop;
  }
  if (roomy()) return;
  // Grow: to the target, or by half when lookahead (or a pinned position) fills the window.
  const size_t full = size_ + kMinBatch > capacity_ ? capacity_ + capacity_ / 2 : 0;
  const size_t capacity = std::max({target, full, size_ + kBatch});
  auto bigger = std::make_unique_for_overwrite<Token[]>(capacity);
  std::copy(window_.get(), window_.get() + size_, bigger.get());
  window_ = std::move(bigger);
  capacity_ = capacity;
}

bool TokenStream::fill() {
  if (ended_) return false;
  if (!input_done_) {
    make_room();
    const size_t got = lexer_.next_batch(window_.get() + size_, capacity_ - size_, escapes_);
    size_ += got;
    if (got > 0 && window_[size_ - 1].type == Tok::kEnd) input_done_ = true;
  }
  const size_t from = ready_;
  if (!split_) {
    ready_ = size_;
    ended_ = input_done_;
  } else {
    // The lexer stops after a `;`, so only a batch's last token can end the statement, unless a
    // routine body (FUNCTION ... BEGIN ... END) is being read: then every keyword counts.
    for (; ready_ < size_; ++ready_) {
      const Token& t = window_[ready_];
      if (t.type != Tok::kIdent && ready_ + 1 < size_) continue;
      const Token* next = ready_ + 1 < size_ ? &window_[ready_ + 1] : nullptr;
      StatementEnd::Verdict v = end_rule_.feed(t, next);
      if (v == StatementEnd::Verdict::kNeedNext) break;
      if (v == StatementEnd::Verdict::kEnds) {
        // The `;` or the input's end becomes the statement's end token, at its last token's end.
        if (base_ + ready_ > 0)
          window_[ready_].begin = ready_ > 0 ? window_[ready_ - 1].end() : last_end_;
        window_[ready_].type = Tok::kEnd;
        window_[ready_].length = 0;
        window_[ready_].kw = Kw::kNone;
        size_ = ++ready_;
        ended_ = true;
        break;
      }
    }
  }
  // The statement's first tokens and its end so far.
  const size_t real = ended_ ? ready_ - 1 : ready_; // examined tokens before the end token
  if (base_ + from < 2) {
    for (size_t k = base_ + from; k < 2 && k < base_ + real; ++k)
      leading_[k] = window_[k - base_].type == Tok::kIdent ? window_[k - base_].kw : Kw::kNone;
  }
  if (base_ + from == 0 && real > 0) begin_ = window_[0].begin;
  if (real > from) last_end_ = window_[real - 1].end();
  return true;
}

} // namespace athena::sql
