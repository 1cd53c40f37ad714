// Long chains of binary operators (OR, AND, +/-, ||) get complete lineage: the expression walk
// follows a chain's operands without recursing once per operator, so the nesting guard of
// expressions never cuts one short. Run on the analysis stack, as the pipeline runs lineage.
#include <algorithm>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "lineage/lineage.h"
#include "parser/parser.h"
#include "src/analysis/analysis_limits.h"

namespace athena::lineage {
namespace {

constexpr size_t kTerms = 5000;

/// `head` + item(0) sep item(1) ... sep item(n-1) + `tail`.
template <class Item>
std::string chain(const std::string& head, size_t n, const std::string& sep, Item item,
                  const std::string& tail) {
  std::string out = head;
  for (size_t i = 0; i < n; ++i)
    out += (i > 0 ? sep : "") + item(i);
  return out + tail;
}

/// `prefix` + "c0" ... `prefix` + "c<n-1>", sorted as strings (as lineage sorts its sets).
std::vector<std::string> columns(const std::string& prefix, size_t n, const std::string& stem) {
  std::vector<std::string> out;
  for (size_t i = 0; i < n; ++i)
    out.push_back(prefix + stem + std::to_string(i));
  std::sort(out.begin(), out.end());
  return out;
}

StatementLineage lineage_on_analysis_stack(const std::string& sql) {
  StatementLineage out;
  analysis::run_on_analysis_stack([&] {
    sql::ParseResult parsed = sql::parse(sql);
    EXPECT_EQ(parsed.statements().size(), 1u);
    if (parsed.statements().size() != 1 || !parsed.statements()[0].ok()) return 1;
    LineageOptions options;
    options.default_schema = "db";
    out = analyze_statement(*parsed.statements()[0].ast, sql, options, SchemaCatalog{});
    return 0;
  });
  return out;
}

std::string errors_of(const StatementLineage& l) {
  std::string out;
  for (const auto& e : l.errors)
    out += e.message + "\n";
  return out;
}

TEST(LineageChains, PlusMinusChainOfFiveThousandTermsHasEverySource) {
  const auto l = lineage_on_analysis_stack(chain(
      "INSERT INTO db.out SELECT ", kTerms, "",
      [](size_t i) {
        return std::string(i == 0 ? "" : i % 2 == 1 ? " + " : " - ") + "c" + std::to_string(i);
      },
      " AS s FROM db.t"));
  EXPECT_EQ(errors_of(l), "");
  EXPECT_TRUE(l.complete);
  ASSERT_EQ(l.columns.size(), 1u);
  EXPECT_EQ(l.columns[0].target, "awsdatacatalog.db.out.s");
  EXPECT_EQ(l.columns[0].sources, columns("awsdatacatalog.db.t.", kTerms, "c"));
  EXPECT_TRUE(l.columns[0].conditions.empty());
  EXPECT_EQ(l.columns[0].transform, Transform::kExpression);
}

TEST(LineageChains, ConcatChainOfTenThousandTermsHasEverySource) {
  const size_t n = 2 * kTerms;
  const auto l = lineage_on_analysis_stack(chain(
      "SELECT ", n, " || ", [](size_t i) { return "c" + std::to_string(i); }, " AS s FROM db.t"));
  EXPECT_EQ(errors_of(l), "");
  ASSERT_EQ(l.columns.size(), 1u);
  EXPECT_EQ(l.columns[0].sources, columns("awsdatacatalog.db.t.", n, "c"));
}

TEST(LineageChains, OrChainInWhereReadsEveryColumn) {
  const auto l = lineage_on_analysis_stack(chain(
      "INSERT INTO db.out SELECT a FROM db.t WHERE ", kTerms, " OR ",
      [](size_t i) { return "c" + std::to_string(i) + " = " + std::to_string(i); }, ""));
  EXPECT_EQ(errors_of(l), "");
  ASSERT_EQ(l.columns.size(), 1u);
  EXPECT_EQ(l.columns[0].sources, std::vector<std::string>{"awsdatacatalog.db.t.a"});
  std::vector<std::string> where_reads;
  for (const auto& r : l.reads) {
    if (r.clause == Clause::kWhere) where_reads.push_back(r.column);
  }
  std::sort(where_reads.begin(), where_reads.end());
  EXPECT_EQ(where_reads, columns("awsdatacatalog.db.t.", kTerms, "c"));
}

TEST(LineageChains, AndChainInAJoinConditionKeepsEveryJoinPair) {
  const auto l = lineage_on_analysis_stack(chain(
      "SELECT x.a FROM db.t x JOIN db.u y ON ", kTerms, " AND ",
      [](size_t i) { return "x.k" + std::to_string(i) + " = y.k" + std::to_string(i); }, ""));
  EXPECT_EQ(errors_of(l), "");
  ASSERT_EQ(l.joins.size(), 1u);
  EXPECT_EQ(l.joins[0].left, "awsdatacatalog.db.t");
  EXPECT_EQ(l.joins[0].right, "awsdatacatalog.db.u");
  std::vector<std::pair<std::string, std::string>> expected;
  for (size_t i = 0; i < kTerms; ++i)
    expected.emplace_back("k" + std::to_string(i), "k" + std::to_string(i));
  std::sort(expected.begin(), expected.end());
  auto got = l.joins[0].columns;
  std::sort(got.begin(), got.end());
  EXPECT_EQ(got, expected);
}

} // namespace
} // namespace athena::lineage
