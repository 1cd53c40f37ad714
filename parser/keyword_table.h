#pragma once

// Internal: the keyword hash table, inline so that the lexer's identifier path compiles to a
// few instructions. Not part of the public API; parser/keywords.h is.

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

#include "parser/keywords.h"

namespace athena::sql::detail {

/// Upper bound on a keyword's length; longer words are never looked up.
inline constexpr size_t kMaxKeywordLength = 24;

inline constexpr std::string_view kKeywordSpelling[] = {"",
#define ATHENA_SQL_KW_TEXT(name, text, reserved) text,
                                                        ATHENA_SQL_KEYWORDS(ATHENA_SQL_KW_TEXT)
#undef ATHENA_SQL_KW_TEXT
};
inline constexpr size_t kKeywordCount = sizeof(kKeywordSpelling) / sizeof(kKeywordSpelling[0]);

// Identifier bytes are letters, digits, '_' and bytes >= 0x80. Or-ing 0x20 into each byte folds
// letter case and maps no other identifier byte onto a letter, digit or '_'|0x20, so comparing
// folded words is exact for keywords (which are ASCII letters, digits and '_').
constexpr uint64_t kFold = 0x2020202020202020ull;

/// A keyword as the lookup compares it: folded and zero-padded to whole 8-byte words.
struct KeywordEntry {
  std::array<uint64_t, kMaxKeywordLength / 8> folded{};
  uint8_t length = 0;
};

// Slots hash (first, second, last character, length) with one multiplication: cheap, and
// sparse enough (about 1 in 6 slots used) that most non-keywords hit an empty slot at once. The
// multiplier was picked among random odd numbers for the fewest collisions (16 of 335).
inline constexpr size_t kKeywordSlotBits = 11;
inline constexpr size_t kKeywordSlots = size_t{1} << kKeywordSlotBits;

constexpr uint32_t keyword_hash(size_t len, unsigned first, unsigned second, unsigned last) {
  const uint32_t key = ((first | second << 8 | last << 16) | 0x202020u) | static_cast<uint32_t>(len)
                                                                              << 24;
  return (key * 0xEB2D5B67u) >> (32 - kKeywordSlotBits);
}

// Linear probing; a slot's top bit says that a keyword hashed to it or before it was placed
// further on, so a lookup that misses there must probe on. Few slots have it, so the lookup is
// almost always one slot and one branch-free comparison.
constexpr uint16_t kProbeOn = 0x8000;
constexpr uint16_t kIndexMask = 0x7FFF;

struct KeywordTable {
  std::array<uint16_t, kKeywordSlots> slots{}; ///< index into `entries` (0: empty) | kProbeOn
  std::array<KeywordEntry, kKeywordCount> entries{};
  /// masks[len][w]: the bytes of 8-byte word w that lie within a word of length len.
  std::array<std::array<uint64_t, kMaxKeywordLength / 8>, kMaxKeywordLength + 1> masks{};
  constexpr KeywordTable() {
    for (size_t i = 1; i < kKeywordCount; ++i) {
      std::string_view k = kKeywordSpelling[i];
      auto at = [&](size_t j) { return static_cast<unsigned char>(k[j]); };
      size_t s = keyword_hash(k.size(), at(0), at(1), at(k.size() - 1));
      while ((slots[s] & kIndexMask) != 0) {
        slots[s] |= kProbeOn;
        s = (s + 1) & (kKeywordSlots - 1);
      }
      slots[s] = static_cast<uint16_t>(slots[s] | i);
      KeywordEntry& e = entries[i];
      e.length = static_cast<uint8_t>(k.size());
      for (size_t j = 0; j < k.size(); ++j)
        e.folded[j / 8] |= static_cast<uint64_t>(at(j) | 0x20u) << (8 * (j % 8));
    }
    for (size_t len = 0; len <= kMaxKeywordLength; ++len) {
      for (size_t j = 0; j < len; ++j)
        masks[len][j / 8] |= uint64_t{0xFF} << (8 * (j % 8));
    }
  }
};

inline constexpr KeywordTable kKeywordTable;

/// Do the `len` (<= kMaxKeywordLength) bytes at `w` spell `e`, any case? `w` holds at least
/// kMaxKeywordLength readable bytes. Only the word's own 8-byte words are compared, so the
/// length is compared too.
inline bool keyword_equal(const KeywordEntry& e, const char* w, size_t len) {
  const auto& mask = kKeywordTable.masks[len];
  uint64_t diff = 0;
  for (size_t c = 0; c < (len + 7) / 8; ++c) {
    uint64_t x;
    std::memcpy(&x, w + 8 * c, 8);
    diff |= ((x | kFold) & mask[c]) ^ e.folded[c];
  }
  return (diff == 0) & (e.length == len);
}

/// The keyword spelt by the `len` bytes at `p` (any case), or Kw::kNone. `avail` is how many
/// bytes from `p` may be read (at least `len`).
inline Kw find_keyword(const char* p, size_t len, size_t avail) {
  if (len < 2 || len > kMaxKeywordLength) return Kw::kNone;
  char copy[kMaxKeywordLength];
  if (avail < kMaxKeywordLength) { // near the end of the input: compare a padded copy
    std::memset(copy, 0, sizeof copy);
    std::memcpy(copy, p, len);
    p = copy;
  }
  auto at = [&](size_t j) { return static_cast<unsigned char>(p[j]); };
  size_t s = keyword_hash(len, at(0), at(1), at(len - 1));
  while (true) {
    const uint16_t slot = kKeywordTable.slots[s];
    const uint16_t idx = slot & kIndexMask;
    const bool hit = keyword_equal(kKeywordTable.entries[idx], p, len);
    if (hit || (slot & kProbeOn) == 0) return static_cast<Kw>(hit ? idx : 0);
    s = (s + 1) & (kKeywordSlots - 1);
  }
}

} // namespace athena::sql::detail
