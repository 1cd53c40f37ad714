#include "src/readers/record_hash.h"

#include <cstring>

namespace athena::readers {

namespace {

constexpr uint64_t kMul1 = 0x9E3779B97F4A7C15ULL;
constexpr uint64_t kMul2 = 0xC2B2AE3D27D4EB4FULL;

uint64_t rotl(uint64_t x, int r) {
  return (x << r) | (x >> (64 - r));
}

/// splitmix64's finaliser: every input bit affects every output bit.
uint64_t avalanche(uint64_t x) {
  x ^= x >> 30;
  x *= 0xBF58476D1CE4E5B9ULL;
  x ^= x >> 27;
  x *= 0x94D049BB133111EBULL;
  x ^= x >> 31;
  return x;
}

uint64_t load_le64(const unsigned char* p) {
  uint64_t v = 0;
  for (int i = 7; i >= 0; --i)
    v = (v << 8) | p[i];
  return v;
}

} // namespace

uint64_t hash64(std::string_view bytes, uint64_t seed) {
  const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
  size_t n = bytes.size();
  uint64_t h = seed ^ (n * kMul1);
  while (n >= 8) {
    h = rotl(h ^ (load_le64(p) * kMul2), 31) * kMul1;
    p += 8;
    n -= 8;
  }
  uint64_t tail = 0;
  for (size_t i = 0; i < n; ++i)
    tail |= static_cast<uint64_t>(p[i]) << (8 * i);
  h = rotl(h ^ (tail * kMul2), 29) * kMul1;
  return avalanche(h);
}

std::string synthetic_query_id(std::initializer_list<std::string_view> fields) {
  std::string buf;
  for (std::string_view f : fields) {
    buf += std::to_string(f.size());
    buf += ':';
    buf += f;
  }
  uint64_t a = hash64(buf, 0x5851F42D4C957F2DULL);
  uint64_t b = hash64(buf, 0x14057B7EF767814FULL);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string id = "h-";
  for (uint64_t v : {a, b}) {
    for (int i = 60; i >= 0; i -= 4)
      id += kHex[(v >> i) & 0xF];
  }
  return id;
}

} // namespace athena::readers
