// What lineage hands out about names: every table by its parts (a quoted part may contain
// dots or look like a URI), the S3 locations the SQL names as such, and where a target's
// table part ends (never at a dot of an output name).
#include <algorithm>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "lineage/lineage.h"
#include "parser/parser.h"

namespace athena::lineage {
namespace {

// The tables lineage names, sorted and distinct (lineage gives them in resolution order).
std::vector<QualifiedName> tables_of(const StatementLineage& l) {
  std::vector<QualifiedName> out = l.tables;
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

StatementLineage lineage_of(const std::string& sql) {
  sql::ParseResult parsed = sql::parse(sql);
  EXPECT_EQ(parsed.statements().size(), 1u);
  EXPECT_TRUE(parsed.statements()[0].ok()) << sql;
  LineageOptions options;
  options.default_schema = "db";
  return analyze_statement(*parsed.statements()[0].ast, sql, options, SchemaCatalog{});
}

TEST(LineageNames, OutputNamesWithDotsAreNotTableColumns) {
  const auto l =
      lineage_of(R"(SELECT order_date AS "fct_orders.order_date" FROM marts.fct_orders)");
  ASSERT_EQ(l.columns.size(), 1u);
  EXPECT_EQ(l.columns[0].target, "fct_orders.order_date");
  EXPECT_EQ(l.columns[0].table_size, 0u);
  EXPECT_EQ(tables_of(l), (std::vector<QualifiedName>{{"awsdatacatalog", "marts", "fct_orders"}}));
  EXPECT_TRUE(l.locations.empty());
}

TEST(LineageNames, QuotedPartsKeepTheirDotsAndTargetsSayWhereTheTableEnds) {
  const auto l = lineage_of(R"(INSERT INTO "my.schema"."t.x" SELECT a AS "b.c" FROM db."s3://u")");
  EXPECT_EQ(tables_of(l), (std::vector<QualifiedName>{{"awsdatacatalog", "db", "s3://u"},
                                                      {"awsdatacatalog", "my.schema", "t.x"}}));
  EXPECT_TRUE(l.locations.empty());
  ASSERT_EQ(l.columns.size(), 1u);
  EXPECT_EQ(l.columns[0].target, "awsdatacatalog.my.schema.t.x.b.c"); // named by output
  EXPECT_EQ(l.columns[0].target.substr(0, l.columns[0].table_size), "awsdatacatalog.my.schema.t.x");
}

TEST(LineageNames, LocationsAreWhatTheSqlNamesAsOne) {
  const auto unload =
      lineage_of("UNLOAD (SELECT a FROM db.t) TO 's3://b/out' WITH (format = 'CSV')");
  EXPECT_EQ(unload.locations, std::vector<std::string>{"s3://b/out/"});
  const auto ctas = lineage_of("CREATE TABLE db.c WITH (external_location = 's3://b/c/') AS "
                               "SELECT a FROM db.t");
  EXPECT_EQ(ctas.locations, std::vector<std::string>{"s3://b/c/"});
  const auto ext = lineage_of("CREATE EXTERNAL TABLE db.e (a int) LOCATION 's3://b/e/'");
  EXPECT_EQ(ext.locations, std::vector<std::string>{"s3://b/e/"});
  EXPECT_EQ(tables_of(ext), (std::vector<QualifiedName>{{"awsdatacatalog", "db", "e"}}));
}

} // namespace
} // namespace athena::lineage
