// The schema pass's judgement of `CREATE ... IF NOT EXISTS` (src/analysis/skipped_creates.h):
// its catalog keeps what a DROP forgets, so the drops are tracked apart.
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "lineage/lineage.h"
#include "parser/parser.h"
#include "src/analysis/skipped_creates.h"

namespace athena::analysis {
namespace {

// Replays `statements` (query ids q0, q1, ...) as the schema pass does: each is analyzed
// against the catalog, judged, and its definition put into the catalog; a DROP forgets
// nothing. Returns whether each was skipped.
std::vector<bool> replay(const std::vector<std::string>& statements, lineage::SchemaCatalog catalog,
                         SkippedCreates& skipped) {
  std::vector<bool> out;
  for (size_t i = 0; i < statements.size(); ++i) {
    const std::string& sql = statements[i];
    sql::ParseOptions hive;
    hive.dialect = sql::Dialect::kHive;
    sql::ParseResult parsed = sql::parse(sql, hive);
    EXPECT_EQ(parsed.statements().size(), 1u);
    EXPECT_TRUE(parsed.statements()[0].ok()) << sql;
    lineage::LineageOptions options;
    options.default_schema = "db";
    lineage::StatementLineage lin =
        lineage::analyze_statement(*parsed.statements()[0].ast, sql, options, catalog);
    const std::string id = "q" + std::to_string(i);
    skipped.judge(id, 0, lin, catalog);
    if (lin.defines) catalog.put(*lin.defines);
    out.push_back(skipped.skipped(id, 0));
    EXPECT_FALSE(skipped.skipped(id, 1));
  }
  return out;
}

lineage::SchemaCatalog knowing_t() {
  lineage::SchemaCatalog catalog;
  lineage::TableSchema t;
  t.name = lineage::QualifiedName{"awsdatacatalog", "db", "t"};
  t.columns = {{"a", "bigint"}};
  catalog.put(t);
  return catalog;
}

TEST(SkippedCreates, ExistenceFollowsSchemaSourcesDdlAndDrops) {
  SkippedCreates skipped;
  const std::vector<bool> got = replay(
      {
          "CREATE EXTERNAL TABLE IF NOT EXISTS db.t (x string)", // a schema source knows t
          "DROP TABLE db.t",
          "CREATE TABLE IF NOT EXISTS db.t AS SELECT 1 AS x",            // dropped: created again
          "CREATE TABLE IF NOT EXISTS db.t (y int)",                     // created just before
          "CREATE TABLE IF NOT EXISTS db.u AS SELECT * FROM db.unknown", // unknown: created
          "CREATE TABLE IF NOT EXISTS db.u (z int)", // exists, though its columns are unknown
          "CREATE TABLE db.v (z int)", "ALTER TABLE db.v RENAME TO db.w",
          "CREATE TABLE IF NOT EXISTS db.v (z int)", // renamed away: created again
          "CREATE TABLE IF NOT EXISTS db.w (z int)", // the renamed table exists
          "CREATE TABLE IF NOT EXISTS DB.T (y int)", // names compare without regard to case
      },
      knowing_t(), skipped);
  EXPECT_EQ(got, (std::vector<bool>{true, false, false, true, false, true, false, false, false,
                                    true, true}));
  EXPECT_FALSE(skipped.skipped("other", 0));
}

} // namespace
} // namespace athena::analysis
