#include "parser/keywords.h"

#include <array>
#include <cstring>

namespace athena::sql {
namespace {

struct KeywordInfo {
  std::string_view text;
  bool reserved;
};

constexpr KeywordInfo kKeywords[] = {{"", false},
#define ATHENA_SQL_KW_INFO(name, text, reserved) {text, reserved},
                                     ATHENA_SQL_KEYWORDS(ATHENA_SQL_KW_INFO)
#undef ATHENA_SQL_KW_INFO
};
constexpr size_t kKeywordCount = sizeof(kKeywords) / sizeof(kKeywords[0]);
constexpr size_t kMaxKeywordLength = 24;

constexpr unsigned char upper(unsigned char c) {
  return (c >= 'a' && c <= 'z') ? static_cast<unsigned char>(c - 32) : c;
}

// Open-addressing table from a cheap hash of (length, first, second, last characters); the
// lexer looks up every identifier, so this must cost a few nanoseconds.
constexpr size_t kTableSize = 2048;

// Letters are folded with `| 0x20` (no branch); keywords are letters, digits and '_', and a
// false match is rejected by the full comparison anyway.
constexpr uint32_t hash_word(std::string_view w) {
  auto f = [&](size_t i) { return static_cast<uint32_t>(static_cast<unsigned char>(w[i]) | 0x20); };
  uint32_t h = static_cast<uint32_t>(w.size()) * 2654435761u;
  h ^= f(0) * 97u;
  h ^= f(w.size() / 2) * 7919u;
  h ^= f(w.size() - 1) * 104729u;
  h ^= f(1) * 1299709u;
  return h ^ (h >> 11);
}

struct Table {
  std::array<uint16_t, kTableSize> slots{};
  constexpr Table() {
    for (size_t i = 1; i < kKeywordCount; ++i) {
      size_t s = hash_word(kKeywords[i].text) & (kTableSize - 1);
      while (slots[s] != 0)
        s = (s + 1) & (kTableSize - 1);
      slots[s] = static_cast<uint16_t>(i);
    }
  }
};

constexpr Table kTable;

} // namespace

Kw lookup_keyword(std::string_view word) {
  if (word.size() < 2 || word.size() > kMaxKeywordLength) return Kw::kNone;
  size_t s = hash_word(word) & (kTableSize - 1);
  while (uint16_t idx = kTable.slots[s]) {
    std::string_view k = kKeywords[idx].text;
    if (k.size() == word.size()) {
      size_t i = 0;
      while (i < k.size() &&
             upper(static_cast<unsigned char>(word[i])) == static_cast<unsigned char>(k[i])) {
        ++i;
      }
      if (i == k.size()) return static_cast<Kw>(idx);
    }
    s = (s + 1) & (kTableSize - 1);
  }
  return Kw::kNone;
}

std::string_view keyword_text(Kw kw) {
  return kKeywords[static_cast<size_t>(kw)].text;
}

bool is_reserved(Kw kw) {
  return kKeywords[static_cast<size_t>(kw)].reserved;
}

} // namespace athena::sql
