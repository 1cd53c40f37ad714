// Lineage over Trino's TPC-H and TPC-DS queries (../shared/corpus) with the TPC schemas
// (tests/lineage/testdata/tpc_schema.json, written from the TPC specifications): every query
// resolves with no error, and selected queries match their column-by-column goldens in
// tests/app/testdata/lineage_tpc/.
#include <algorithm>
#include <filesystem>

#include <gtest/gtest.h>

#include "lineage/lineage.h"
#include "parser/parser.h"
#include "parser/source_location.h"
#include "src/catalog/schema_file.h"
#include "src/output/lineage_json.h"
#include "tests/support/test_support.h"

namespace athena::testing {
namespace {

struct CorpusLineage {
  std::string text; // every statement's lineage, text format
  std::vector<std::string> problems;
};

CorpusLineage lineage_of(const std::filesystem::path& file, const std::string& schema) {
  lineage::SchemaCatalog catalog;
  const auto loaded = catalog::load_schema_file(
      (source_dir() / "tests/lineage/testdata/tpc_schema.json").string(), catalog);
  EXPECT_TRUE(loaded.ok()) << loaded.error();
  lineage::LineageSession session(std::move(catalog));
  lineage::LineageOptions options;
  options.default_schema = schema;
  const std::string sql = read_file(file);
  sql::ParseResult parsed = sql::parse(sql);
  CorpusLineage out;
  int n = 0;
  for (const auto& ps : parsed.statements()) {
    ++n;
    if (!ps.ok()) {
      out.problems.push_back(file.filename().string() + ": parse error: " + ps.error->message);
      continue;
    }
    lineage::StatementLineage lin = session.analyze(*ps.ast, sql, options);
    std::vector<output::PositionedError> errors;
    for (const auto& e : lin.errors) {
      auto lc = sql::line_col_at(sql, e.offset);
      errors.push_back({e.message, lc.line, lc.col});
      out.problems.push_back(file.filename().string() + ":" + std::to_string(lc.line) + ":" +
                             std::to_string(lc.col) + ": " + e.message);
    }
    if (!lin.complete && errors.empty()) {
      out.problems.push_back(file.filename().string() + ": lineage incomplete");
    }
    out.text += output::lineage_text(n, file.filename().string(), lin, errors);
  }
  return out;
}

std::vector<std::filesystem::path> sql_files(const std::filesystem::path& dir) {
  std::vector<std::filesystem::path> files;
  for (const auto& e : std::filesystem::directory_iterator(dir)) {
    if (e.path().extension() == ".sql") files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

TEST(LineageTpc, EveryTpchQueryResolvesCompletely) {
  ATHENA_REQUIRE_SHARED(dir, "corpus/tpch");
  auto files = sql_files(dir);
  ASSERT_EQ(files.size(), 22U);
  std::vector<std::string> problems;
  for (const auto& f : files) {
    auto r = lineage_of(f, "tpch");
    problems.insert(problems.end(), r.problems.begin(), r.problems.end());
  }
  EXPECT_EQ(problems, std::vector<std::string>{});
}

TEST(LineageTpc, EveryTpcdsQueryResolvesCompletely) {
  ATHENA_REQUIRE_SHARED(dir, "corpus/tpcds");
  auto files = sql_files(dir);
  ASSERT_EQ(files.size(), 103U);
  std::vector<std::string> problems;
  for (const auto& f : files) {
    auto r = lineage_of(f, "tpcds");
    problems.insert(problems.end(), r.problems.begin(), r.problems.end());
  }
  EXPECT_EQ(problems, std::vector<std::string>{});
}

// Column-by-column lineage of selected queries, reviewed by hand.
TEST(LineageTpc, SelectedQueriesMatchGoldens) {
  ATHENA_REQUIRE_SHARED(corpus, "corpus");
  const std::vector<std::pair<std::string, std::string>> selected = {
      {"tpch/q01.sql", "tpch"},   {"tpch/q03.sql", "tpch"},   {"tpch/q05.sql", "tpch"},
      {"tpch/q07.sql", "tpch"},   {"tpch/q13.sql", "tpch"},   {"tpch/q15.sql", "tpch"},
      {"tpch/q18.sql", "tpch"},   {"tpcds/q01.sql", "tpcds"}, {"tpcds/q06.sql", "tpcds"},
      {"tpcds/q12.sql", "tpcds"}, {"tpcds/q36.sql", "tpcds"}, {"tpcds/q51.sql", "tpcds"},
  };
  for (const auto& [rel, schema] : selected) {
    SCOPED_TRACE(rel);
    auto r = lineage_of(corpus / rel, schema);
    std::string name = rel;
    std::replace(name.begin(), name.end(), '/', '_');
    expect_golden(source_dir() / "tests/app/testdata/lineage_tpc" / (name + ".expected"), r.text);
  }
}

} // namespace
} // namespace athena::testing
