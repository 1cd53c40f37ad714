// Every statement of ../shared/corpus parses and round-trips (parse -> print -> parse gives the
// same tree). The corpus is read at run time and never copied into the repository.
#include <filesystem>
#include <map>
#include <set>

#include <gtest/gtest.h>

#include "tests/parser/parser_test_util.h"
#include "tests/support/test_support.h"

namespace athena::sql::testing {
namespace {

using athena::testing::read_file;

void check_directory(const std::filesystem::path& dir, size_t expected_files,
                     size_t expected_statements) {
  size_t files = 0;
  size_t statements = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.path().extension() != ".sql") continue;
    ++files;
    std::string sql = read_file(entry.path());
    statements += parse(sql).statements().size();
    EXPECT_EQ(round_trip_problem(sql), "") << entry.path();
  }
  EXPECT_EQ(files, expected_files);
  EXPECT_EQ(statements, expected_statements);
}

TEST(Corpus, TpchQueriesParseAndRoundTrip) {
  ATHENA_REQUIRE_SHARED(dir, "corpus/tpch");
  check_directory(dir, 22, 23); // q15 holds a view and a select
}

TEST(Corpus, TpchQ15HoldsAViewAndASelect) {
  ATHENA_REQUIRE_SHARED(file, "corpus/tpch/q15.sql");
  std::string sql = read_file(file);
  ParseResult r = parse(sql);
  ASSERT_EQ(r.statements().size(), 2u);
  EXPECT_EQ(r.statements()[0].kind, StatementKind::kCreateView);
  EXPECT_EQ(r.statements()[1].kind, StatementKind::kQuery);
  EXPECT_EQ(r.failed(), 0u);
}

TEST(Corpus, TpcdsQueriesParseAndRoundTrip) {
  ATHENA_REQUIRE_SHARED(dir, "corpus/tpcds");
  check_directory(dir, 103, 103);
}

// sqlglot entries that Trino's own grammar (SqlBase.g4) rejects, with the reason. Keyed by
// entry number (1-based, as in the corpus's index.tsv); the text guards against renumbering.
struct Rejected {
  const char* prefix;
  const char* reason;
};
const std::map<int, Rejected>& rejected_entries() {
  static const std::map<int, Rejected> kRejected = {
      {78,
       {"CREATE TABLE test STORED AS 'PARQUET'",
        "Trino has no STORED AS; Hive's STORED AS takes a bare format name, not a string"}},
      {85,
       {"CREATE OR REPLACE VIEW x (cola) SELECT",
        "CREATE VIEW takes no column list and requires AS before the query"}},
      {86,
       {"CREATE TABLE IF NOT EXISTS x (\"cola\" INTEGER",
        "a property name is one identifier: `PARTITIONED BY=` is not a property"}},
      {151,
       {"SELECT ARRAY_SORT(x, (left, right) -> -1)",
        "LEFT and RIGHT are reserved words and cannot be lambda parameters unquoted"}},
      {159,
       {"SELECT a, b, c, d, sum(y) FROM z GROUP BY CUBE(a) ROLLUP(a)",
        "grouping elements must be separated by commas"}},
      {210,
       {"JSON_QUERY(content, 'strict $.HY.*' WITHOUT CONDITIONAL WRAPPER)",
        "WITHOUT ARRAY WRAPPER takes no CONDITIONAL/UNCONDITIONAL"}},
  };
  return kRejected;
}

TEST(Corpus, SqlglotEntriesParseAndRoundTripExceptThoseTrinoRejects) {
  ATHENA_REQUIRE_SHARED(file, "corpus/sqlglot-presto-trino-athena.sql");
  std::vector<std::string> entries = split_corpus_entries(read_file(file));
  ASSERT_EQ(entries.size(), 364u);
  size_t statements = 0;
  size_t expressions = 0;
  for (size_t i = 0; i < entries.size(); ++i) {
    const int number = static_cast<int>(i + 1);
    const std::string& sql = entries[i];
    auto rejected = rejected_entries().find(number);
    ParseResult r = parse(sql);
    bool as_statement = r.statements().size() == 1 && r.failed() == 0;
    bool as_expression = !as_statement && !parse_expression(sql).error;
    if (rejected != rejected_entries().end()) {
      EXPECT_EQ(sql.rfind(rejected->second.prefix, 0), 0u) << "entry " << number << " moved";
      EXPECT_FALSE(as_statement || as_expression)
          << "entry " << number << " should fail (" << rejected->second.reason << "): " << sql;
      ASSERT_FALSE(r.statements().empty());
      EXPECT_TRUE(r.statements()[0].error.has_value());
      continue;
    }
    if (as_statement) {
      ++statements;
      EXPECT_EQ(round_trip_problem(sql), "") << "entry " << number << ": " << sql;
    } else if (as_expression) {
      ++expressions;
      EXPECT_EQ(expression_round_trip_problem(sql), "") << "entry " << number << ": " << sql;
    } else {
      ADD_FAILURE() << "entry " << number << " does not parse: " << sql << "\n  "
                    << (r.statements().empty() ? std::string("no statement")
                                               : r.statements()[0].error->message);
    }
  }
  // The index says 249 statements and 115 expressions; 5 rejected statements, 1 expression.
  EXPECT_EQ(statements, 244u);
  EXPECT_EQ(expressions, 114u);
}

} // namespace
} // namespace athena::sql::testing
