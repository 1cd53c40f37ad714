#pragma once

// Internal: the lexer's inner loops, 16 bytes at a time where SSE2 is available (every x86-64),
// one byte at a time elsewhere and within 16 bytes of the end of the input. Each returns the
// index of the first byte at or after `i` that ends the run (or `n`).

#include <cstddef>
#include <cstdint>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace athena::sql::detail {

/// Identifier bytes: ASCII letters, digits, '_' and bytes >= 0x80.
constexpr bool is_word_byte(unsigned char c) {
  return c >= 0x80 || (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') ||
         c == '_';
}

/// Whitespace between tokens.
constexpr bool is_space_byte(unsigned char c) {
  return c == ' ' || (c >= '\t' && c <= '\r');
}

#if defined(__SSE2__)
inline __m128i load16(const char* p) {
  return _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
}
inline __m128i in_range(__m128i v, char lo, char hi) { // lo <= v <= hi, signed bytes
  return _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8(static_cast<char>(lo - 1))),
                       _mm_cmplt_epi8(v, _mm_set1_epi8(static_cast<char>(hi + 1))));
}
inline unsigned mask_of(__m128i v) {
  return static_cast<unsigned>(_mm_movemask_epi8(v));
}
#endif

/// Skips identifier bytes.
inline size_t skip_word(const char* s, size_t i, size_t n) {
#if defined(__SSE2__)
  while (i + 16 <= n) {
    __m128i v = load16(s + i);
    __m128i high = _mm_cmplt_epi8(v, _mm_setzero_si128());
    __m128i digit = in_range(v, '0', '9');
    __m128i letter = in_range(_mm_or_si128(v, _mm_set1_epi8(0x20)), 'a', 'z');
    __m128i under = _mm_cmpeq_epi8(v, _mm_set1_epi8('_'));
    __m128i word = _mm_or_si128(_mm_or_si128(high, digit), _mm_or_si128(letter, under));
    unsigned stop = ~mask_of(word) & 0xFFFFu;
    if (stop != 0) return i + static_cast<size_t>(__builtin_ctz(stop));
    i += 16;
  }
#endif
  while (i < n && is_word_byte(static_cast<unsigned char>(s[i])))
    ++i;
  return i;
}

/// Skips whitespace.
inline size_t skip_space(const char* s, size_t i, size_t n) {
#if defined(__SSE2__)
  while (i + 16 <= n) {
    __m128i v = load16(s + i);
    __m128i space = _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8(' ')), in_range(v, '\t', '\r'));
    unsigned stop = ~mask_of(space) & 0xFFFFu;
    if (stop != 0) return i + static_cast<size_t>(__builtin_ctz(stop));
    i += 16;
  }
#endif
  while (i < n && is_space_byte(static_cast<unsigned char>(s[i])))
    ++i;
  return i;
}

/// Finds the next `a` byte.
inline size_t find_byte(const char* s, size_t i, size_t n, char a) {
#if defined(__SSE2__)
  const __m128i va = _mm_set1_epi8(a);
  while (i + 16 <= n) {
    unsigned hit = mask_of(_mm_cmpeq_epi8(load16(s + i), va));
    if (hit != 0) return i + static_cast<size_t>(__builtin_ctz(hit));
    i += 16;
  }
#endif
  while (i < n && s[i] != a)
    ++i;
  return i;
}

/// Finds the next `a` or `b` byte.
inline size_t find_either(const char* s, size_t i, size_t n, char a, char b) {
#if defined(__SSE2__)
  const __m128i va = _mm_set1_epi8(a);
  const __m128i vb = _mm_set1_epi8(b);
  while (i + 16 <= n) {
    __m128i v = load16(s + i);
    unsigned hit = mask_of(_mm_or_si128(_mm_cmpeq_epi8(v, va), _mm_cmpeq_epi8(v, vb)));
    if (hit != 0) return i + static_cast<size_t>(__builtin_ctz(hit));
    i += 16;
  }
#endif
  while (i < n && s[i] != a && s[i] != b)
    ++i;
  return i;
}

} // namespace athena::sql::detail
