// `CREATE ... IF NOT EXISTS` of a table that exists does nothing (Trino and Athena suppress the
// error and leave the table as it is): the existing definition stays for later statements, and
// a CTAS does not run its query. A table exists when a schema source knows it, or earlier DDL
// created it and no DROP forgot it since.
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "lineage/lineage.h"
#include "parser/parser.h"
#include "tests/lineage/session_statements.h"

namespace athena::lineage {
namespace {

// Each form of the create, on `db.t` with a column `x`.
constexpr std::string_view kCreateTable = "CREATE TABLE IF NOT EXISTS db.t (x varchar)";
constexpr std::string_view kCreateExternal =
    "CREATE EXTERNAL TABLE IF NOT EXISTS db.t (x string) LOCATION 's3://b/t/'";
constexpr std::string_view kCtas =
    "CREATE TABLE IF NOT EXISTS db.t AS SELECT x FROM db.src WHERE y > 0";

// A schema source that knows `db.t (a, b)` and `db.src (x, y)`, or only `db.src`.
SchemaCatalog sources(bool knows_t) {
  SchemaCatalog catalog;
  TableSchema src;
  src.name = QualifiedName{"awsdatacatalog", "db", "src"};
  src.columns = {{"x", "varchar"}, {"y", "integer"}};
  catalog.put(src);
  if (knows_t) {
    TableSchema t;
    t.name = QualifiedName{"awsdatacatalog", "db", "t"};
    t.columns = {{"a", "bigint"}, {"b", "varchar"}};
    catalog.put(t);
  }
  return catalog;
}

// Every statement of `sql` in one session (Hive forms allowed), in order.
std::vector<StatementLineage> session_of(const std::string& sql, SchemaCatalog catalog) {
  return testing::session_statements(sql, std::move(catalog));
}

// The output columns of a statement, `name <- sources`.
std::vector<std::string> columns(const StatementLineage& l) {
  std::vector<std::string> out;
  for (const auto& c : l.columns) {
    std::string line = c.target + " <-";
    for (const auto& s : c.sources)
      line += " " + s;
    out.push_back(line);
  }
  return out;
}

const std::vector<std::string> kExistingColumns = {"a <- awsdatacatalog.db.t.a",
                                                   "b <- awsdatacatalog.db.t.b"};
const std::vector<std::string> kNewColumns = {"x <- awsdatacatalog.db.t.x"};

// The create's own facts when its table exists: a CREATE TABLE keeps its LOCATION edge and
// defines nothing; a CTAS names its target only.
void expect_skipped(const StatementLineage& l, std::string_view form) {
  SCOPED_TRACE(form);
  EXPECT_FALSE(l.defines);
  ASSERT_TRUE(l.if_absent);
  EXPECT_EQ(l.if_absent->str(), "awsdatacatalog.db.t");
  EXPECT_EQ(l.targets, std::vector<std::string>{"awsdatacatalog.db.t"});
  EXPECT_TRUE(l.sources.empty());
  EXPECT_TRUE(l.columns.empty());
  EXPECT_TRUE(l.reads.empty());
  EXPECT_TRUE(l.errors.empty());
  EXPECT_TRUE(l.complete);
  if (form == kCreateExternal) {
    EXPECT_EQ(l.table_edges, (std::vector<TableEdge>{{"s3://b/t/", "awsdatacatalog.db.t"}}));
    EXPECT_EQ(l.kind, StatementKind::kCreateTable);
  } else if (form == kCtas) {
    EXPECT_TRUE(l.table_edges.empty());
    EXPECT_TRUE(l.functions.empty());
    EXPECT_EQ(l.tables, (std::vector<QualifiedName>{{"awsdatacatalog", "db", "t"}}));
    EXPECT_EQ(l.kind, StatementKind::kCtas);
  } else {
    EXPECT_TRUE(l.table_edges.empty());
    EXPECT_EQ(l.kind, StatementKind::kCreateTable);
  }
}

// The create's facts when it creates the table.
void expect_created(const StatementLineage& l, std::string_view form) {
  SCOPED_TRACE(form);
  ASSERT_TRUE(l.defines);
  EXPECT_EQ(l.defines->name.str(), "awsdatacatalog.db.t");
  ASSERT_EQ(l.defines->columns.size(), 1u);
  EXPECT_EQ(l.defines->columns[0].name, "x");
  EXPECT_EQ(l.targets, std::vector<std::string>{"awsdatacatalog.db.t"});
  if (form == kCtas) {
    EXPECT_EQ(l.sources, std::vector<std::string>{"awsdatacatalog.db.src"});
    EXPECT_EQ(columns(l), std::vector<std::string>{"awsdatacatalog.db.t.x <- "
                                                   "awsdatacatalog.db.src.x"});
    EXPECT_EQ(l.table_edges,
              (std::vector<TableEdge>{{"awsdatacatalog.db.src", "awsdatacatalog.db.t"}}));
    EXPECT_EQ(l.reads, (std::vector<ColumnRead>{{"awsdatacatalog.db.src.x", Clause::kSelect},
                                                {"awsdatacatalog.db.src.y", Clause::kWhere}}));
  } else {
    EXPECT_TRUE(l.sources.empty());
  }
}

TEST(IfNotExists, ATableASchemaSourceKnowsKeepsItsDefinition) {
  for (std::string_view form : {kCreateTable, kCreateExternal, kCtas}) {
    const auto s = session_of(std::string(form) + ";SELECT * FROM db.t", sources(true));
    ASSERT_EQ(s.size(), 2u);
    expect_skipped(s[0], form);
    EXPECT_EQ(columns(s[1]), kExistingColumns) << form;
  }
}

TEST(IfNotExists, ASkippedCtasReportsNothingOfItsQuery) {
  // The query is never run: a column it cannot resolve is no error.
  const auto s = session_of("CREATE TABLE IF NOT EXISTS db.t AS SELECT nope, upper(x) FROM db.src",
                            sources(true));
  ASSERT_EQ(s.size(), 1u);
  expect_skipped(s[0], kCtas);
  const auto created = session_of(
      "CREATE TABLE IF NOT EXISTS db.t AS SELECT nope, upper(x) FROM db.src", sources(false));
  EXPECT_EQ(created[0].errors.size(), 1u);
  EXPECT_FALSE(created[0].complete);
  EXPECT_EQ(created[0].functions, std::vector<std::string>{"upper"});
}

TEST(IfNotExists, ATableEarlierDdlCreatedKeepsItsDefinition) {
  for (std::string_view form : {kCreateTable, kCreateExternal, kCtas}) {
    const auto s = session_of("CREATE TABLE db.t (a bigint, b varchar);" + std::string(form) +
                                  ";SELECT * FROM db.t",
                              sources(false));
    ASSERT_EQ(s.size(), 3u);
    expect_skipped(s[1], form);
    EXPECT_EQ(columns(s[2]), kExistingColumns) << form;
  }
}

TEST(IfNotExists, ATableDroppedSinceIsCreatedAgain) {
  for (std::string_view form : {kCreateTable, kCreateExternal, kCtas}) {
    const auto s = session_of(
        "DROP TABLE IF EXISTS db.t;" + std::string(form) + ";SELECT * FROM db.t", sources(true));
    ASSERT_EQ(s.size(), 3u);
    expect_created(s[1], form);
    EXPECT_EQ(columns(s[2]), kNewColumns) << form;
  }
}

TEST(IfNotExists, AnUnknownTableIsCreated) {
  for (std::string_view form : {kCreateTable, kCreateExternal, kCtas}) {
    const auto s = session_of(std::string(form) + ";SELECT * FROM db.t", sources(false));
    ASSERT_EQ(s.size(), 2u);
    expect_created(s[0], form);
    EXPECT_EQ(columns(s[1]), kNewColumns) << form;
    // Without IF NOT EXISTS nothing is skipped.
    EXPECT_FALSE(
        session_of("CREATE TABLE db.t AS SELECT x FROM db.src", sources(true))[0].if_absent);
  }
}

TEST(IfNotExists, ACreateOrReplaceStillReplaces) {
  const auto s = session_of("CREATE OR REPLACE VIEW db.t AS SELECT x FROM db.src;"
                            "SELECT * FROM db.t",
                            sources(true));
  ASSERT_EQ(s.size(), 2u);
  EXPECT_TRUE(s[0].defines);
  EXPECT_EQ(columns(s[1]), kNewColumns);
}

TEST(IfNotExists, ASchemaCreatedIfNotExistsDefinesNoTable) {
  const auto s = session_of("CREATE SCHEMA IF NOT EXISTS db;CREATE DATABASE IF NOT EXISTS db;"
                            "SELECT * FROM db.t",
                            sources(true));
  ASSERT_EQ(s.size(), 3u);
  for (size_t i = 0; i < 2; ++i) {
    EXPECT_EQ(s[i].kind, StatementKind::kDdl);
    EXPECT_FALSE(s[i].defines);
    EXPECT_FALSE(s[i].if_absent);
    EXPECT_TRUE(s[i].targets.empty());
  }
  EXPECT_EQ(columns(s[2]), kExistingColumns);
}

} // namespace
} // namespace athena::lineage
