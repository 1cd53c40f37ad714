#include <gtest/gtest.h>

#include "src/analysis/fingerprint.h"

namespace athena::analysis {
namespace {

TEST(Fingerprint, MasksLiteralsAndNormalizesCaseAndSpace) {
  auto a = fingerprint("SELECT  a, B FROM t WHERE x = 5 AND y = 'abc' -- note\n");
  auto b = fingerprint("select a,b from T where X=17 and Y='zzz'");
  EXPECT_EQ(a.text, "select a, b from t where x = ? and y = ?");
  EXPECT_EQ(a.hash, b.hash);
  EXPECT_EQ(a.text, b.text);
}

TEST(Fingerprint, CollapsesInListsAndValuesRows) {
  auto a = fingerprint("SELECT * FROM t WHERE id IN (1, 2, 3, 4)");
  auto b = fingerprint("SELECT * FROM t WHERE id IN (9)");
  EXPECT_EQ(a.text, "select * from t where id in (?)");
  EXPECT_EQ(a.hash, b.hash);
  auto v = fingerprint("INSERT INTO t VALUES (1, 'a'), (2, 'b'), (3, 'c')");
  EXPECT_EQ(v.text, "insert into t values (?)");
}

TEST(Fingerprint, KeepsQuotedIdentifiersAndDifferentShapesApart) {
  auto a = fingerprint("SELECT \"Col\" FROM t");
  EXPECT_EQ(a.text, "select \"Col\" from t");
  EXPECT_NE(fingerprint("SELECT a FROM t").hash, fingerprint("SELECT b FROM t").hash);
}

TEST(Fingerprint, TruncatesTextButHashesAll) {
  auto a = fingerprint("SELECT aaaaaaaaaa FROM t", 6);
  auto b = fingerprint("SELECT aaaaaaaaab FROM t", 6);
  EXPECT_EQ(a.text, "select");
  EXPECT_NE(a.hash, b.hash);
}

TEST(QueryOrigin, ReadsDbtComment) {
  auto o = query_origin("/* {\"app\": \"dbt\", \"dbt_version\": \"1.7.4\", \"node_id\": "
                        "\"model.lake.fct_orders\"} */\n"
                        "select 1");
  EXPECT_EQ(o.tool, "dbt");
  EXPECT_EQ(o.dbt_model, "model.lake.fct_orders");
  EXPECT_EQ(query_origin("select 1 /* {\"app\": \"dbt\"} */").tool, "");
  EXPECT_EQ(query_origin("/* not json */ select 1").tool, "");
  EXPECT_EQ(query_origin("/* {\"app\": ").tool, "");
}

} // namespace
} // namespace athena::analysis
