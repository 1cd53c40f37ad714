// The generator's PRNG gives the same numbers everywhere: pinned reference values (splitmix64's
// published vectors for seed 1234567; xoshiro256** and the range mapping computed independently
// with Python's arbitrary-precision integers).
#include <cstdint>
#include <vector>

#include <gtest/gtest.h>

#include "samples/generator/rng.h"

namespace athena::samplegen {
namespace {

TEST(SamplegenRng, SplitMix64MatchesReferenceVectors) {
  uint64_t state = 1234567;
  const std::vector<uint64_t> expected = {6457827717110365317ULL, 3203168211198807973ULL,
                                          9817491932198370423ULL, 4593380528125082431ULL,
                                          16408922859458223821ULL};
  for (uint64_t want : expected)
    EXPECT_EQ(splitmix64(state), want);
}

TEST(SamplegenRng, XoshiroStreamIsPinned) {
  Rng rng(42);
  const std::vector<uint64_t> expected = {1546998764402558742ULL, 6990951692964543102ULL,
                                          12544586762248559009ULL, 17057574109182124193ULL};
  for (uint64_t want : expected)
    EXPECT_EQ(rng.next(), want);
}

TEST(SamplegenRng, BelowIsPinnedAndInRange) {
  Rng a(42);
  const std::vector<uint64_t> expected = {742, 102, 9, 193, 476, 584, 754, 407};
  for (uint64_t want : expected)
    EXPECT_EQ(a.below(1000), want);
  Rng b(7);
  const std::vector<uint64_t> small = {0, 2, 0, 1, 2, 2, 1, 1, 1, 1};
  for (uint64_t want : small)
    EXPECT_EQ(b.below(3), want);
  Rng c(9);
  for (int i = 0; i < 10000; ++i) {
    const int64_t v = c.range(-5, 5);
    ASSERT_GE(v, -5);
    ASSERT_LE(v, 5);
    ASSERT_LT(c.below(1), 1u);
    const uint64_t h = c.log_uniform(10, 20);
    ASSERT_GE(h, uint64_t{1} << 10);
    ASSERT_LT(h, uint64_t{1} << 21);
  }
}

TEST(SamplegenRng, WeightedFollowsTheWeights) {
  Rng rng(3);
  int counts[3] = {0, 0, 0};
  for (int i = 0; i < 30000; ++i)
    ++counts[rng.weighted({1, 0, 2})];
  EXPECT_EQ(counts[1], 0) << "a zero weight is never chosen";
  EXPECT_GT(counts[2], counts[0] * 17 / 10);
  EXPECT_LT(counts[2], counts[0] * 23 / 10);
}

} // namespace
} // namespace athena::samplegen
