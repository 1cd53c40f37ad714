// Output order and name handling on the lineage fast paths: names compared by rank instead of
// as built strings (table names that prefix each other), columns shared from the catalog's
// prepared lists, and identifiers lowercased eight bytes at a time.
#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "lineage/lineage.h"
#include "lineage/table_columns.h"
#include "parser/parser.h"

namespace athena::lineage {
namespace {

TableSchema table(std::string name, std::vector<std::string> columns) {
  TableSchema t;
  t.name = QualifiedName{"awsdatacatalog", "db", std::move(name)};
  for (auto& c : columns)
    t.columns.push_back(ColumnInfo{std::move(c), ""});
  return t;
}

// Lineage of the only statement of `sql` (default schema `db`).
StatementLineage lineage_of(const std::string& sql, const SchemaCatalog& catalog) {
  sql::ParseResult parsed = sql::parse(sql);
  EXPECT_EQ(parsed.statements().size(), 1u);
  EXPECT_TRUE(parsed.statements()[0].ok()) << sql;
  LineageOptions options;
  options.default_schema = "db";
  return analyze_statement(*parsed.statements()[0].ast, sql, options, catalog);
}

std::vector<std::string> read_strings(const StatementLineage& l) {
  std::vector<std::string> out;
  for (const auto& r : l.reads)
    out.push_back(r.column + " " + std::string(to_string(r.clause)));
  return out;
}

constexpr const char* kT = "awsdatacatalog.db.t";
constexpr const char* kTDash = "awsdatacatalog.db.t-x";
constexpr const char* kTUnder = "awsdatacatalog.db.t_x";

// `t` is a prefix of `t-x` and `t_x`; '-' sorts before the '.' that follows `t` in `t.c`,
// '_' after it: `t-x.c` < `t.c` < `t_x.c` although `t` < `t-x` as table names.
SchemaCatalog prefix_catalog() {
  SchemaCatalog catalog;
  catalog.put(table("t", {"c", "b"}));
  catalog.put(table("t-x", {"c"}));
  catalog.put(table("t_x", {"c"}));
  return catalog;
}

TEST(LineageOrder, TableNamesThatPrefixOthersSortAsPrintedStrings) {
  const SchemaCatalog catalog = prefix_catalog();
  const StatementLineage l =
      lineage_of("SELECT a.c || b.c || d.c AS m FROM t a JOIN \"t-x\" b ON a.c = b.c "
                 "JOIN t_x d ON a.c = d.c",
                 catalog);
  ASSERT_TRUE(l.complete);
  ASSERT_EQ(l.columns.size(), 1u);
  EXPECT_EQ(l.columns[0].sources,
            (std::vector<std::string>{std::string(kTDash) + ".c", std::string(kT) + ".c",
                                      std::string(kTUnder) + ".c"}));
  EXPECT_EQ(read_strings(l), (std::vector<std::string>{
                                 std::string(kTDash) + ".c select",
                                 std::string(kTDash) + ".c join",
                                 std::string(kT) + ".c select",
                                 std::string(kT) + ".c join",
                                 std::string(kTUnder) + ".c select",
                                 std::string(kTUnder) + ".c join",
                             }));
  // Join pairs: left < right as table names (`t` < `t-x` < `t_x`).
  ASSERT_EQ(l.joins.size(), 2u);
  EXPECT_EQ(l.joins[0].left, kT);
  EXPECT_EQ(l.joins[0].right, kTDash);
  EXPECT_EQ(l.joins[1].left, kT);
  EXPECT_EQ(l.joins[1].right, kTUnder);
  EXPECT_EQ(l.joins[0].columns, (std::vector<std::pair<std::string, std::string>>{{"c", "c"}}));
  EXPECT_EQ(l.sources, (std::vector<std::string>{kT, kTDash, kTUnder}));
}

TEST(LineageOrder, KnownAndUnknownColumnsOfOneStatementSortByName) {
  SchemaCatalog catalog;
  catalog.put(table("k", {"zeta", "alpha", "mid"}));
  // `u` is unknown: its columns get ids outside any known schema.
  const StatementLineage l =
      lineage_of("SELECT k.zeta, u.y, k.alpha, u.b FROM k JOIN u ON k.mid = u.m", catalog);
  std::vector<std::string> columns;
  for (const auto& r : l.reads)
    columns.push_back(r.column);
  EXPECT_EQ(columns,
            (std::vector<std::string>{"awsdatacatalog.db.k.alpha", "awsdatacatalog.db.k.mid",
                                      "awsdatacatalog.db.k.zeta", "awsdatacatalog.db.u.b",
                                      "awsdatacatalog.db.u.m", "awsdatacatalog.db.u.y"}));
  ASSERT_EQ(l.joins.size(), 1u);
  EXPECT_EQ(l.joins[0].columns, (std::vector<std::pair<std::string, std::string>>{{"mid", "m"}}));
}

TEST(LineageOrder, IdentifiersAreLoweredAndUnescapedAtEveryLength) {
  SchemaCatalog catalog;
  // Names of 7, 8, 9 and 17 characters: the lowercase check reads eight bytes at a time and
  // the last word overlaps the one before.
  catalog.put(table("wide", {"abcdefg", "abcdefgh", "abcdefghi", "abcdefghijklmnopq", "q\"uote"}));
  const StatementLineage l = lineage_of(
      "SELECT abcdefG, ABCDEFGH, abcdefghI, \"abcdefghijklmnoPq\", \"q\"\"uote\" FROM WIDE",
      catalog);
  ASSERT_TRUE(l.complete) << (l.errors.empty() ? "" : l.errors[0].message);
  ASSERT_EQ(l.columns.size(), 5u);
  EXPECT_EQ(l.columns[0].sources, std::vector<std::string>{"awsdatacatalog.db.wide.abcdefg"});
  EXPECT_EQ(l.columns[1].sources, std::vector<std::string>{"awsdatacatalog.db.wide.abcdefgh"});
  EXPECT_EQ(l.columns[2].sources, std::vector<std::string>{"awsdatacatalog.db.wide.abcdefghi"});
  EXPECT_EQ(l.columns[3].sources,
            std::vector<std::string>{"awsdatacatalog.db.wide.abcdefghijklmnopq"});
  EXPECT_EQ(l.columns[4].sources, std::vector<std::string>{"awsdatacatalog.db.wide.q\"uote"});
  EXPECT_EQ(l.columns[3].target, "abcdefghijklmnopq");
}

TEST(LineageOrder, RepeatedColumnNameIsTheFirstColumn) {
  std::vector<ColumnInfo> cols{{"a", "int"}, {"b", ""}, {"a", "varchar"}};
  const detail::TableColumns prepared(cols);
  ASSERT_EQ(prepared.size(), 3u);
  EXPECT_EQ(prepared.find("a", detail::name_hash("a")), 0u);
  EXPECT_EQ(prepared.find("b", detail::name_hash("b")), 1u);
  EXPECT_EQ(prepared.find("c", detail::name_hash("c")), detail::TableColumns::kNotFound);
  // The repeated `a` is the first `a`; ranks follow the names.
  EXPECT_EQ(prepared.columns()[2].deriv.values.ids()[0], 0u);
  EXPECT_EQ(prepared.name_rank(0), prepared.name_rank(2));
  EXPECT_LT(prepared.name_rank(0), prepared.name_rank(1));
  EXPECT_EQ(prepared.columns()[2].type, "varchar");

  // Bound in a statement, both read as the one column.
  SchemaCatalog catalog;
  TableSchema t = table("dup", {"a", "b", "a"});
  catalog.put(t);
  const StatementLineage l = lineage_of("SELECT * FROM dup", catalog);
  ASSERT_EQ(l.columns.size(), 3u);
  EXPECT_EQ(l.columns[0].sources, l.columns[2].sources);
  EXPECT_EQ(l.columns[2].sources, std::vector<std::string>{"awsdatacatalog.db.dup.a"});
}

TEST(LineageOrder, CopiedCatalogSharesPreparedColumns) {
  SchemaCatalog original = prefix_catalog();
  const SchemaCatalog copy = original;
  original.erase(QualifiedName{"awsdatacatalog", "db", "t"}); // the copy keeps its own entry
  const StatementLineage l = lineage_of("SELECT b, c FROM t", copy);
  ASSERT_TRUE(l.complete);
  ASSERT_EQ(l.columns.size(), 2u);
  EXPECT_EQ(l.columns[0].sources, std::vector<std::string>{std::string(kT) + ".b"});
  EXPECT_EQ(l.columns[1].sources, std::vector<std::string>{std::string(kT) + ".c"});
}

} // namespace
} // namespace athena::lineage
