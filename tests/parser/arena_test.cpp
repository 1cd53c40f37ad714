// The AST arena: one reservation, 32-bit references within it, its header with the source.
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "parser/arena.h"
#include "parser/ast.h"
#include "parser/parser.h"
#include "tests/parser/parser_test_util.h"
#include "tests/support/test_support.h"

namespace athena::sql {
namespace {

struct Holder {
  Ref<Holder> next;
  RList<int*> list;
};

TEST(Arena, ReferencesReachAcrossGrowthAndFindTheSource) {
  const std::string source = "select 1";
  Arena arena;
  arena.set_source(source.data());
  auto* first = arena.make<Holder>();
  Holder* last = first;
  // Well past the first usable part (64 KiB) and the 1 MiB blocks of old.
  for (int i = 0; i < 200000; ++i) {
    auto* h = arena.make<Holder>();
    last->next = h;
    last = h;
  }
  int count = 0;
  for (Holder* h = first; h != nullptr; h = h->next)
    ++count;
  EXPECT_EQ(count, 200001);
  EXPECT_EQ(arena.bytes_used(), 200001 * sizeof(Holder));
  // Objects reach the header (and so the source) from anywhere in the arena by a Ref.
  auto* in_arena = arena.make<SourceRef>();
  *in_arena = arena.header();
  EXPECT_EQ(in_arena->text(), source.data());
}

TEST(Arena, ListsKeepTheirCountInlineOrBeforeTheElements) {
  Arena arena;
  for (size_t n : {0u, 1u, 3u, 4u, 7u, 8u, 1000u}) {
    auto* h = arena.make<Holder>();
    auto list = List<int*>::make(n, [&](size_t b, size_t a) { return arena.allocate(b, a); });
    for (size_t i = 0; i < n; ++i)
      list[i] = reinterpret_cast<int*>(i + 1);
    h->list = list;
    ASSERT_EQ(h->list.size(), n);
    for (size_t i = 0; i < n; ++i)
      EXPECT_EQ(h->list[i], reinterpret_cast<int*>(i + 1));
  }
}

TEST(Arena, MoreThanItsCapacityIsArenaFull) {
  Arena arena;
  EXPECT_THROW(arena.allocate(Arena::kMaxCapacity, 8), Arena::ArenaFull);
  // The arena is still usable after the refusal.
  EXPECT_NE(arena.allocate(64, 8), nullptr);
}

TEST(Arena, NodesOfManyLiveResultsReadTheirOwnSource) {
  std::vector<std::string> sources;
  std::vector<ParseResult> results;
  for (int i = 0; i < 20; ++i) {
    sources.push_back("SELECT col" + std::to_string(i) + ", 'v" + std::to_string(i) + "' FROM t");
  }
  for (const auto& s : sources)
    results.push_back(parse(s)); // moved into the vector: nodes do not move
  for (int i = 0; i < 20; ++i) {
    const auto* sel =
        results[i].statements()[0].ast->as<QueryStatement>()->query->body->as<Select>();
    EXPECT_EQ(sel->items[0]->value->as<NameRef>()->parts()[0].name(), "col" + std::to_string(i));
    EXPECT_EQ(sel->items[1]->value->as<Literal>()->value(), "v" + std::to_string(i));
  }
}

// The bound on memory per statement: each TPC-H and TPC-DS statement parsed alone takes at most
// 8 bytes of syntax tree and tokens per byte of its SQL.
TEST(Arena, TreeAndTokensOfEachCorpusStatementStayWithinEightTimesItsBytes) {
  ATHENA_REQUIRE_SHARED(corpus, "corpus");
  size_t statements = 0;
  for (const char* dir : {"tpch", "tpcds"}) {
    for (const auto& entry : std::filesystem::directory_iterator(corpus / dir)) {
      if (entry.path().extension() != ".sql") continue;
      for (const std::string& sql :
           testing::split_statements(athena::testing::read_file(entry.path()))) {
        ParseResult r = parse(sql);
        ASSERT_EQ(r.failed(), 0u) << entry.path();
        const double ratio = static_cast<double>(r.arena().bytes_used() + r.token_bytes()) /
                             static_cast<double>(sql.size());
        EXPECT_LE(ratio, 8.0) << entry.path();
        ++statements;
      }
    }
  }
  EXPECT_EQ(statements, 126u);
}

} // namespace
} // namespace athena::sql
