#include <gtest/gtest.h>

#include "parser/parser.h"
#include "parser/unparser.h"

namespace athena::sql {
namespace {

TEST(ParserApi, AFailedStatementNeverStopsTheOthers) {
  std::string sql = "SELECT 1;\nSELECT FROM;\nINSERT INTO t SELECT * FROM s";
  ParseResult r = parse(sql);
  ASSERT_EQ(r.statements().size(), 3u);
  EXPECT_TRUE(r.statements()[0].ok());
  EXPECT_FALSE(r.statements()[1].ok());
  EXPECT_EQ(r.statements()[1].kind, StatementKind::kQuery);
  EXPECT_EQ(r.statements()[1].error->message, "expected expression, found 'FROM'");
  EXPECT_EQ(r.statements()[1].error->line, 2u);
  EXPECT_EQ(r.statements()[1].error->col, 8u);
  EXPECT_EQ(r.statements()[1].error->offset, 17u);
  EXPECT_TRUE(r.statements()[2].ok());
  EXPECT_EQ(r.statements()[2].kind, StatementKind::kInsert);
  EXPECT_EQ(r.failed(), 1u);
}

TEST(ParserApi, SpansAreExactByteRanges) {
  std::string sql = "  select a.b AS x from t ;";
  ParseResult r = parse(sql);
  ASSERT_EQ(r.statements().size(), 1u);
  const auto& st = r.statements()[0];
  EXPECT_EQ(sql.substr(st.span.begin, st.span.end - st.span.begin), "select a.b AS x from t");
  const Query* q = st.ast->as<QueryStatement>()->query;
  const auto* sel = q->body->as<Select>();
  const SelectItem* item = sel->items[0];
  EXPECT_EQ(sql.substr(item->span.begin, item->span.end - item->span.begin), "a.b AS x");
  const auto* ref = item->value->as<NameRef>();
  ASSERT_EQ(ref->parts().size(), 2u);
  EXPECT_EQ(ref->parts()[1].text(), "b");
  EXPECT_EQ(item->alias().name(), "x");
}

// A NameRef keeps its parts right after the node; past 7 parts the count comes from the node.
TEST(ParserApi, LongDottedNamesKeepEveryPart) {
  std::string sql = "SELECT a.b.c.d.e.f.g.h.i, (x).y.z, r.s[1].t FROM t";
  ParseResult r = parse(sql);
  ASSERT_TRUE(r.statements()[0].ok());
  const auto* sel = r.statements()[0].ast->as<QueryStatement>()->query->body->as<Select>();
  const auto* ref = sel->items[0]->value->as<NameRef>();
  ASSERT_EQ(ref->parts().size(), 9u);
  std::string joined;
  for (const Identifier& part : ref->parts())
    joined += std::string(part.text()) + "/";
  EXPECT_EQ(joined, "a/b/c/d/e/f/g/h/i/");
  EXPECT_EQ(ref->span.begin, 7u);
  EXPECT_EQ(ref->span.end, 24u);
  const auto* field = sel->items[1]->value->as<FieldAccess>();
  EXPECT_EQ(field->field.text(), "z");
  EXPECT_EQ(field->base->as<FieldAccess>()->field.text(), "y");
  const auto* sub = sel->items[2]->value->as<FieldAccess>()->base->as<Subscript>();
  ASSERT_EQ(sub->base->as<NameRef>()->parts().size(), 2u);
  EXPECT_EQ(sub->base->as<NameRef>()->parts()[1].text(), "s");
}

// Bug: `(x).y` became the NameRef `x.y` (so `(t).c` read column c of table t), and a postfix
// after `(...)` had a span starting inside the parenthesis.
TEST(ParserApi, ParenthesisedNameFieldIsAFieldAccessSpanningTheParenthesis) {
  std::string sql = "SELECT (t).c FROM t";
  ParseResult r = parse(sql);
  ASSERT_TRUE(r.statements()[0].ok());
  const auto* sel = r.statements()[0].ast->as<QueryStatement>()->query->body->as<Select>();
  const auto* field = sel->items[0]->value->dyn<FieldAccess>();
  ASSERT_NE(field, nullptr);
  EXPECT_EQ(field->field.text(), "c");
  EXPECT_EQ(sql.substr(field->span.begin, field->span.end - field->span.begin), "(t).c");
  ASSERT_EQ(field->base->as<NameRef>()->parts().size(), 1u);
}

TEST(ParserApi, IdentifierNamesAreUnquotedAndCaseFolded) {
  ParseOptions hive; // backquotes in a SELECT are Hive SQL
  hive.dialect = Dialect::kHive;
  ParseResult r = parse(R"(SELECT "My""Col", `Back``Tick`, PlainName FROM "Db"."Tbl")", hive);
  ASSERT_TRUE(r.statements()[0].ok());
  const auto* sel = r.statements()[0].ast->as<QueryStatement>()->query->body->as<Select>();
  EXPECT_EQ(sel->items[0]->value->as<NameRef>()->parts()[0].name(), "my\"col");
  EXPECT_TRUE(sel->items[0]->value->as<NameRef>()->parts()[0].quoted());
  EXPECT_EQ(sel->items[1]->value->as<NameRef>()->parts()[0].name(), "back`tick");
  EXPECT_EQ(sel->items[2]->value->as<NameRef>()->parts()[0].name(), "plainname");
  EXPECT_EQ(sel->from[0]->as<TableRef>()->name.name(), "db.tbl");
}

TEST(ParserApi, IntersectBindsTighterThanUnion) {
  ParseResult r = parse("SELECT 1 UNION SELECT 2 INTERSECT SELECT 3");
  const QueryBody* body = r.statements()[0].ast->as<QueryStatement>()->query->body;
  ASSERT_EQ(body->kind, NodeKind::kSetOperation);
  EXPECT_EQ(body->as<SetOperation>()->op, SetOp::kUnion);
  EXPECT_EQ(body->as<SetOperation>()->right->as<SetOperation>()->op, SetOp::kIntersect);
}

TEST(ParserApi, ExternalTableLocationIsFound) {
  ParseResult r = parse("CREATE EXTERNAL TABLE db.t (a INT) LOCATION 's3://b/p/'");
  ASSERT_TRUE(r.statements()[0].ok());
  EXPECT_EQ(r.statements()[0].kind, StatementKind::kCreateExternalTable);
  const auto* t = r.statements()[0].ast->as<CreateTable>();
  ASSERT_NE(t->effective_location(), nullptr);
  EXPECT_EQ(t->effective_location()->value(), "s3://b/p/");
  r = parse("CREATE TABLE t WITH (external_location = 's3://x/') AS SELECT 1");
  const auto* c = r.statements()[0].ast->as<CreateTableAs>();
  EXPECT_EQ(r.statements()[0].kind, StatementKind::kCreateTableAsSelect);
  EXPECT_EQ(c->properties[0]->value->as<Literal>()->value(), "s3://x/");
}

TEST(ParserApi, StatementKindsHaveSnakeCaseNames) {
  EXPECT_EQ(statement_kind_name(StatementKind::kCreateTableAsSelect), "create_table_as_select");
  EXPECT_EQ(statement_kind_name(StatementKind::kCreateExternalTable), "create_external_table");
  EXPECT_EQ(statement_kind_name(StatementKind::kQuery), "query");
}

TEST(ParserApi, StandaloneExpressions) {
  ExpressionResult e = parse_expression("CAST(x AS ARRAY(MAP(VARCHAR, ROW(a INT, b DOUBLE))))");
  ASSERT_FALSE(e.error.has_value());
  EXPECT_EQ(to_sql(e.expr), "CAST(x AS ARRAY(MAP(VARCHAR, ROW(a INT, b DOUBLE))))");
  e = parse_expression("1 +");
  ASSERT_TRUE(e.error.has_value());
  EXPECT_EQ(e.error->message, "expected expression, found end of input");
}

TEST(ParserApi, AsChecksTheNodeKindWhereAssertionsAreOn) {
  const std::string sql = "SELECT 1";
  ParseResult r = parse(sql);
  ASSERT_EQ(r.statements().size(), 1u);
  const Node* ast = r.statements()[0].ast;
  EXPECT_EQ(ast->as<QueryStatement>(), ast->dyn<QueryStatement>());
  EXPECT_EQ(ast->dyn<Insert>(), nullptr);
#ifndef NDEBUG
  // Debug and Checked builds (the sanitizer job) stop at a cast to the wrong kind.
  EXPECT_DEATH((void)ast->as<Insert>(), "kind == T::kKind");
#endif
}

} // namespace
} // namespace athena::sql
