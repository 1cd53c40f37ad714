// The parser's tokens: one statement at a time, lexed whole into a reused buffer.
#include "parser/token_stream.h"

#include <algorithm>
#include <memory>
#include <utility>
#include <vector>

namespace athena::sql {
namespace {

// Token buffers released by this thread's streams, for its next ones: parsing many texts in a
// row (analyze) allocates no buffer per text. Buffers of huge statements are not kept.
struct BufferPool {
  struct Buffer {
    std::unique_ptr<Token[]> tokens;
    size_t capacity = 0;
  };
  std::vector<Buffer> free;
};
thread_local BufferPool tl_pool;
constexpr size_t kPoolSize = 4;
constexpr size_t kKeepCapacity = size_t{1} << 16; // tokens (768 KiB)

} // namespace

TokenStream::TokenStream(std::string_view source, bool split)
    : src_(source), lexer_(source), split_(split) {
  if (!tl_pool.free.empty()) {
    BufferPool::Buffer b = std::move(tl_pool.free.back());
    tl_pool.free.pop_back();
    buffer_ = std::move(b.tokens);
    capacity_ = b.capacity;
  } else {
    capacity_ = kBatch * 4;
    buffer_ = std::make_unique_for_overwrite<Token[]>(capacity_);
  }
  tokens_ = buffer_.get();
  tokens_[0] = Token{}; // at() reads an end token before the first statement
  size_ = 1;
}

TokenStream::~TokenStream() {
  if (tl_pool.free.size() < kPoolSize && capacity_ <= kKeepCapacity) {
    tl_pool.free.push_back({std::move(buffer_), capacity_});
  }
}

void TokenStream::reserve_batch() {
  if (capacity_ - size_ >= kBatch) return;
  const size_t capacity = std::max(capacity_ * 2, size_ + kBatch);
  auto bigger = std::make_unique_for_overwrite<Token[]>(capacity);
  std::copy(tokens_, tokens_ + size_, bigger.get());
  buffer_ = std::move(bigger);
  tokens_ = buffer_.get();
  capacity_ = capacity;
}

void TokenStream::lex_statement() {
  StatementEnd end_rule;
  size_ = 0;
  size_t examined = 0; // tokens fed to end_rule
  while (true) {
    reserve_batch();
    if (!input_done_) {
      const size_t got = lexer_.next_batch(tokens_ + size_, kBatch, escapes_);
      size_ += got;
      if (got > 0 && tokens_[size_ - 1].type == Tok::kEnd) input_done_ = true;
    }
    if (!split_) {
      if (input_done_) return;
      continue;
    }
    // The lexer stops after a `;`, so only a batch's last token can end the statement, unless a
    // routine body (FUNCTION ... BEGIN ... END) is being read: then every keyword counts.
    for (; examined < size_; ++examined) {
      Token& t = tokens_[examined];
      if (t.type != Tok::kIdent && examined + 1 < size_) continue;
      const Token* next = examined + 1 < size_ ? &tokens_[examined + 1] : nullptr;
      const StatementEnd::Verdict v = end_rule.feed(t, next);
      if (v == StatementEnd::Verdict::kNeedNext) break;
      if (v == StatementEnd::Verdict::kEnds) {
        // The `;` or the input's end becomes the statement's end token, at its last token's end.
        if (examined > 0) t.begin = tokens_[examined - 1].end();
        t.type = Tok::kEnd;
        t.length = 0;
        t.kw = Kw::kNone;
        size_ = examined + 1;
        return;
      }
    }
  }
}

bool TokenStream::next_statement() {
  while (true) {
    leading_[0] = leading_[1] = Kw::kNone;
    begin_ = last_end_ = 0;
    if (!split_) {
      // The whole source is one statement, empty or not.
      if (started_) return false;
      started_ = true;
    } else {
      if (input_done_) return false;
      escapes_ = statement_escapes(lexer_);
    }
    lex_statement();
    peak_ = std::max(peak_, size_);
    const size_t real = size_ - 1; // tokens before the end token
    for (size_t k = 0; k < 2 && k < real; ++k)
      leading_[k] = tokens_[k].type == Tok::kIdent ? tokens_[k].kw : Kw::kNone;
    if (real > 0) {
      begin_ = tokens_[0].begin;
      last_end_ = tokens_[real - 1].end();
    }
    if (real > 0 || !split_) return true;
    // An empty statement (`;;`, or only comments before the end): go on.
  }
}

} // namespace athena::sql
