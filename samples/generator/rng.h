#pragma once

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <span>
#include <string_view>
#include <vector>

namespace athena::samplegen {

/// splitmix64 step: advances `state` and returns the next output. Used to seed Rng.
inline uint64_t splitmix64(uint64_t& state) {
  uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

/// xoshiro256** with our own integer→range mappings, so that a seed gives the same stream on
/// every platform and standard library (std::uniform_*_distribution is implementation-defined).
/// No floating point anywhere: every draw is an integer.
class Rng {
public:
  explicit Rng(uint64_t seed) {
    uint64_t sm = seed;
    for (auto& word : s_)
      word = splitmix64(sm);
  }

  uint64_t next() {
    const uint64_t result = rotl(s_[1] * 5, 7) * 9;
    const uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = rotl(s_[3], 45);
    return result;
  }

  /// Uniform in [0, n); n > 0. Rejection sampling removes the modulo bias.
  uint64_t below(uint64_t n) {
    const uint64_t threshold = (0 - n) % n; // 2^64 mod n
    for (;;) {
      const uint64_t x = next();
      if (x >= threshold) return x % n;
    }
  }

  /// Uniform in [lo, hi], both inclusive; lo <= hi.
  int64_t range(int64_t lo, int64_t hi) {
    return lo + static_cast<int64_t>(below(static_cast<uint64_t>(hi - lo) + 1));
  }

  /// True with probability per_mille / 1000.
  bool chance(uint32_t per_mille) { return below(1000) < per_mille; }

  /// An index into `weights`, chosen with probability proportional to its weight.
  size_t weighted(std::span<const uint32_t> weights) {
    uint64_t total = 0;
    for (uint32_t w : weights)
      total += w;
    uint64_t x = below(total);
    for (size_t i = 0; i < weights.size(); ++i) {
      if (x < weights[i]) return i;
      x -= weights[i];
    }
    return weights.size() - 1;
  }
  size_t weighted(std::initializer_list<uint32_t> weights) {
    return weighted(std::span<const uint32_t>(weights.begin(), weights.size()));
  }

  template <typename T> const T& pick(const std::vector<T>& items) {
    return items[static_cast<size_t>(below(items.size()))];
  }
  template <typename T> const T& pick(std::initializer_list<T> items) {
    return items.begin()[below(items.size())];
  }
  std::string_view pick(std::initializer_list<std::string_view> items) {
    return items.begin()[below(items.size())];
  }

  /// Heavy-tailed positive integer: 2^k + uniform[0, 2^k) with k uniform in [min_log2,
  /// max_log2], so every order of magnitude in the range is about equally likely.
  uint64_t log_uniform(int min_log2, int max_log2) {
    const int k = static_cast<int>(range(min_log2, max_log2));
    const uint64_t base = uint64_t{1} << k;
    return base + below(base);
  }

private:
  static uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  uint64_t s_[4];
};

} // namespace athena::samplegen
