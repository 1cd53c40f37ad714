// --dialect: Trino rejects the Hive syntax Athena accepts; Hive also accepts Hive/Spark DML.
#include <string>

#include <gtest/gtest.h>

#include "parser/parser.h"

namespace athena::sql {
namespace {

std::string first_error(std::string_view sql, Dialect dialect) {
  ParseOptions options;
  options.dialect = dialect;
  ParseResult r = parse(sql, options);
  if (r.statements().empty()) return "no statement";
  const ParsedStatement& st = r.statements()[0];
  if (st.ok()) return "ok";
  return std::to_string(st.error->line) + ":" + std::to_string(st.error->col) + ": " +
         st.error->message;
}

TEST(Dialect, TrinoRejectsBackquotedIdentifiers) {
  EXPECT_EQ(first_error("SELECT `a` FROM t", Dialect::kTrino),
            "1:8: backquoted identifiers are Hive syntax, not Trino; quote with \"...\"");
  EXPECT_EQ(first_error("SELECT `a` FROM t", Dialect::kHive), "ok");
  EXPECT_EQ(first_error("SELECT \"a\" FROM t", Dialect::kTrino), "ok");
}

// Athena runs Hive DDL, where backquotes quote names, and runs DML on Trino, which rejects them.
TEST(Dialect, AthenaAcceptsBackquotesInDdlOnly) {
  const std::string dml_error = "backquoted identifier in DML is Hive SQL, which this dialect does "
                                "not accept (quote with \"...\" or use --dialect hive)";
  const struct {
    const char* sql;
    const char* athena; ///< "ok" or the error's position
  } cases[] = {
      {"SELECT a, `b` FROM t", "1:11"},
      {"SELECT a FROM s.t WHERE `x` = 1 AND `y` = 2", "1:25"},
      {"INSERT INTO `s`.`u` SELECT a FROM t", "1:13"},
      {"CREATE TABLE s.u AS SELECT `a` FROM t", "1:28"},
      {"CREATE VIEW v AS\nSELECT `a` FROM t", "2:8"},
      {"MERGE INTO t USING s ON t.id = s.id WHEN MATCHED THEN UPDATE SET `v` = s.v", "1:66"},
      {"UPDATE t SET v = 1 WHERE `id` = 2", "1:26"},
      {"DELETE FROM `t`", "1:13"},
      {"EXPLAIN SELECT `a` FROM t", "1:16"},
      {"PREPARE p FROM SELECT `a` FROM t", "1:23"},
      {"CREATE EXTERNAL TABLE `t` (`a` int) LOCATION 's3://b/p/'", "ok"},
      {"CREATE TABLE `t` (`a` int)", "ok"},
      {"ALTER TABLE `t` ADD COLUMNS (`b` string)", "ok"},
      {"DROP TABLE `t`", "ok"},
      {"DESCRIBE `t`", "ok"},
      {"SHOW COLUMNS IN `t`", "ok"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.sql);
    const std::string want = std::string(c.athena) == "ok"
                                 ? std::string("ok")
                                 : std::string(c.athena) + ": " + dml_error;
    EXPECT_EQ(first_error(c.sql, Dialect::kAthena), want);
    EXPECT_EQ(first_error(c.sql, Dialect::kHive), "ok");
    EXPECT_NE(first_error(c.sql, Dialect::kTrino), "ok");
  }
}

// Hive accepts backquotes in DML and names the first one as a Hive form (for `lineage`'s
// warning), in source order among the statement's other forms.
TEST(Dialect, HiveNamesTheFirstBackquoteInDmlOnce) {
  ParseOptions options;
  options.dialect = Dialect::kHive;
  ParseResult r =
      parse("INSERT INTO TABLE s.u SELECT `a`, `b` FROM t LATERAL VIEW explode(x) v AS c;\n"
            "CREATE TABLE `t` (`a` int)",
            options);
  ASSERT_EQ(r.statements().size(), 2u);
  std::string forms;
  for (const Diagnostic& d : r.statements()[0].hive_forms)
    forms += std::to_string(d.line) + ":" + std::to_string(d.col) + ": " + d.message + "\n";
  EXPECT_EQ(forms, "1:13: INSERT INTO TABLE is Hive SQL, not Athena or Trino SQL\n"
                   "1:30: backquoted identifier in DML is Hive SQL, not Athena or Trino SQL\n"
                   "1:46: LATERAL VIEW is Hive SQL, not Athena or Trino SQL\n");
  EXPECT_TRUE(r.statements()[1].ok());
  EXPECT_TRUE(r.statements()[1].hive_forms.empty());
}

TEST(Dialect, TrinoRejectsHiveDdl) {
  const char* ddl = "CREATE EXTERNAL TABLE t (a INT) LOCATION 's3://b/t/'";
  EXPECT_EQ(first_error(ddl, Dialect::kTrino), "1:8: CREATE EXTERNAL TABLE is Hive DDL, not Trino");
  EXPECT_EQ(first_error(ddl, Dialect::kAthena), "ok");
  EXPECT_EQ(first_error(ddl, Dialect::kHive), "ok");
  EXPECT_EQ(first_error("MSCK REPAIR TABLE t", Dialect::kTrino),
            "1:1: MSCK REPAIR TABLE is Hive DDL, not Trino");
  EXPECT_EQ(first_error("MSCK REPAIR TABLE t", Dialect::kAthena), "ok");
}

TEST(Dialect, TrinoAcceptsTrinoStatements) {
  EXPECT_EQ(first_error("CREATE TABLE t (a INT) WITH (format = 'ORC')", Dialect::kTrino), "ok");
  EXPECT_EQ(first_error("GRANT SELECT ON t TO u", Dialect::kTrino), "ok");
}

// Every Hive/Spark DML form: rejected by athena and trino with a message naming the
// construct; accepted by hive, which names each form it read (for `lineage`'s warnings).
struct HiveForm {
  const char* sql;
  const char* athena_error;
  const char* hive_form;
};

const HiveForm kHiveForms[] = {
    {"INSERT OVERWRITE TABLE t SELECT a FROM s",
     "1:8: INSERT OVERWRITE is Hive SQL, which this dialect does not accept (use --dialect hive)",
     "1:8: INSERT OVERWRITE is Hive SQL, not Athena or Trino SQL"},
    {"INSERT INTO TABLE t SELECT a FROM s",
     "1:13: INSERT INTO TABLE is Hive SQL, which this dialect does not accept (use --dialect hive)",
     "1:13: INSERT INTO TABLE is Hive SQL, not Athena or Trino SQL"},
    {"INSERT INTO t PARTITION (dt = '1') SELECT a FROM s",
     "1:15: PARTITION in INSERT is Hive SQL, which this dialect does not accept (use --dialect "
     "hive)",
     "1:15: PARTITION in INSERT is Hive SQL, not Athena or Trino SQL"},
    {"WITH w AS (SELECT a FROM s) INSERT INTO t SELECT a FROM w",
     "1:1: WITH before INSERT is Hive SQL, which this dialect does not accept (use --dialect "
     "hive)",
     "1:1: WITH before INSERT is Hive SQL, not Athena or Trino SQL"},
    {"SELECT a FROM s JOIN t WHERE s.k = t.k",
     "1:24: expected 'ON' or 'USING' (JOIN without ON is Hive SQL, which this dialect does not "
     "accept; use --dialect hive), found 'WHERE'",
     "1:22: JOIN without ON is Hive SQL, not Athena or Trino SQL"},
    {"SELECT a FROM s LEFT SEMI JOIN t ON s.k = t.k",
     "1:22: LEFT SEMI JOIN is Hive SQL, which this dialect does not accept (use --dialect hive)",
     "1:22: LEFT SEMI JOIN is Hive SQL, not Athena or Trino SQL"},
    {"SELECT a FROM s LEFT ANTI JOIN t ON s.k = t.k",
     "1:22: LEFT ANTI JOIN is Hive SQL, which this dialect does not accept (use --dialect hive)",
     "1:22: LEFT ANTI JOIN is Hive SQL, not Athena or Trino SQL"},
    {"UPDATE t SET t.v = 1",
     "1:14: qualified SET target is Hive SQL, which this dialect does not accept (use --dialect "
     "hive)",
     "1:14: qualified SET target is Hive SQL, not Athena or Trino SQL"},
    {"SELECT c FROM s LATERAL VIEW OUTER explode(a) v AS c",
     "1:17: LATERAL VIEW is Hive SQL, which this dialect does not accept (use --dialect hive)",
     "1:17: LATERAL VIEW is Hive SQL, not Athena or Trino SQL"},
};

TEST(Dialect, HiveDmlFormsAreNamedAndAcceptedOnlyByHive) {
  for (const HiveForm& f : kHiveForms) {
    SCOPED_TRACE(f.sql);
    EXPECT_EQ(first_error(f.sql, Dialect::kAthena), f.athena_error);
    EXPECT_EQ(first_error(f.sql, Dialect::kTrino), f.athena_error);
    EXPECT_EQ(first_error(f.sql, Dialect::kHive), "ok");
    ParseOptions options;
    options.dialect = Dialect::kHive;
    ParseResult r = parse(f.sql, options);
    ASSERT_EQ(r.statements().size(), 1u);
    ASSERT_EQ(r.statements()[0].hive_forms.size(), 1u);
    const Diagnostic& d = r.statements()[0].hive_forms[0];
    EXPECT_EQ(std::to_string(d.line) + ":" + std::to_string(d.col) + ": " + d.message, f.hive_form);
  }
}

TEST(Dialect, AthenaFormsNameNoHiveForm) {
  ParseOptions options;
  options.dialect = Dialect::kHive;
  ParseResult r = parse("WITH w AS (SELECT 1 AS a) SELECT a FROM w JOIN s ON true", options);
  ASSERT_EQ(r.statements().size(), 1u);
  EXPECT_TRUE(r.statements()[0].ok());
  EXPECT_TRUE(r.statements()[0].hive_forms.empty());
}

TEST(Dialect, ExpressionsFollowTheDialect) {
  ParseOptions options;
  options.dialect = Dialect::kTrino;
  ExpressionResult r = parse_expression("`a` + 1", options);
  ASSERT_TRUE(r.error.has_value());
  EXPECT_EQ(r.error->col, 1u);
}

} // namespace
} // namespace athena::sql
