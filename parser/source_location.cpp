#include "parser/source_location.h"

#include <algorithm>
#include <atomic>
#include <cstring>

namespace athena::sql {

namespace {
std::atomic<uint64_t> g_bytes_scanned{0};
} // namespace

uint64_t LineIndex::bytes_scanned() {
  return g_bytes_scanned.load(std::memory_order_relaxed);
}

LineCol line_col_at(std::string_view text, size_t offset) {
  offset = std::min(offset, text.size());
  g_bytes_scanned.fetch_add(offset, std::memory_order_relaxed);
  LineCol lc;
  size_t line_start = 0;
  for (size_t i = 0; i < offset; ++i) {
    if (text[i] == '\n') {
      ++lc.line;
      line_start = i + 1;
    }
  }
  lc.col = static_cast<uint32_t>(offset - line_start + 1);
  return lc;
}

LineIndex::LineIndex(std::string_view text) : size_(text.size()) {
  g_bytes_scanned.fetch_add(text.size(), std::memory_order_relaxed);
  starts_.push_back(0);
  const char* const begin = text.data();
  const char* const end = begin + text.size();
  for (const char* p = begin;
       (p = static_cast<const char*>(std::memchr(p, '\n', static_cast<size_t>(end - p))));) {
    ++p;
    starts_.push_back(static_cast<uint32_t>(p - begin));
  }
}

LineCol LineIndex::at(size_t offset) const {
  offset = std::min(offset, size_);
  auto it = std::upper_bound(starts_.begin(), starts_.end(), static_cast<uint32_t>(offset));
  size_t line = static_cast<size_t>(it - starts_.begin()); // 1-based
  LineCol lc;
  lc.line = static_cast<uint32_t>(line);
  lc.col = static_cast<uint32_t>(offset - starts_[line - 1] + 1);
  return lc;
}

} // namespace athena::sql
