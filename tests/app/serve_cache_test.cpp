// The response cache of `serve`: entries live within one generation of the database, and the
// least recently used go first when it is full.
#include <gtest/gtest.h>

#include "src/serve/response_cache.h"

namespace athena::serve {
namespace {

TEST(ServeResponseCache, ANewGenerationDropsEverything) {
  ResponseCache cache;
  const uint64_t g = cache.generation();
  cache.put("/api/tables", g, "one");
  EXPECT_EQ(cache.get("/api/tables", g).value_or(""), "one");
  cache.invalidate();
  EXPECT_FALSE(cache.get("/api/tables", g).has_value());
  EXPECT_FALSE(cache.get("/api/tables", cache.generation()).has_value());
  // An answer computed from a snapshot older than the generation is not kept.
  cache.put("/api/tables", g, "stale");
  EXPECT_FALSE(cache.get("/api/tables", cache.generation()).has_value());
}

TEST(ServeResponseCache, LeastRecentlyUsedGoesFirst) {
  ResponseCache cache(40); // entries of at most 10 bytes (a quarter), 40 in all
  const uint64_t g = cache.generation();
  cache.put("a", g, "111111111");
  cache.put("b", g, "222222222");
  cache.put("c", g, "333333333");
  cache.put("d", g, "444444444");             // 40 bytes: full
  EXPECT_TRUE(cache.get("a", g).has_value()); // a is now the most recent
  cache.put("e", g, "555555555");             // 50 bytes: b goes
  EXPECT_FALSE(cache.get("b", g).has_value());
  for (const char* kept : {"a", "c", "d", "e"})
    EXPECT_TRUE(cache.get(kept, g).has_value()) << kept;
  cache.put("big", g, "far more than a quarter of it");
  EXPECT_FALSE(cache.get("big", g).has_value());
}

} // namespace
} // namespace athena::serve
