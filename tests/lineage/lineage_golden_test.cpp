// Lineage goldens: tests/lineage/testdata/golden/NAME.sql in, NAME.expected out (the text format
// of `athena-lineage lineage`). Leading `-- default-schema: S` / `-- default-catalog: C` /
// `-- dialect: D` lines set the context; every case sees golden_schema.json, plus NAME.schema.json
// when present. UPDATE_GOLDENS=1 rewrites the expected files.
#include <algorithm>
#include <filesystem>

#include <gtest/gtest.h>

#include "lineage/lineage.h"
#include "lineage/lineage_text.h"
#include "parser/parser.h"
#include "parser/source_location.h"
#include "tests/lineage/schema_double.h"
#include "tests/support/test_support.h"

namespace athena::testing {
namespace {

const std::filesystem::path kDir = source_dir() / "tests/lineage/testdata/golden";

std::string directive(const std::string& sql, const std::string& key) {
  const std::string prefix = "-- " + key + ": ";
  size_t pos = 0;
  while (pos < sql.size() && sql.compare(pos, 3, "-- ") == 0) {
    size_t nl = sql.find('\n', pos);
    std::string line = sql.substr(pos, nl == std::string::npos ? std::string::npos : nl - pos);
    if (line.rfind(prefix, 0) == 0) return line.substr(prefix.size());
    if (nl == std::string::npos) break;
    pos = nl + 1;
  }
  return {};
}

std::string run_case(const std::filesystem::path& sql_path) {
  const std::string sql = read_file(sql_path);
  lineage::SchemaCatalog catalog;
  load_test_schema(kDir / "golden_schema.json", catalog);
  auto own = sql_path;
  own.replace_extension(".schema.json");
  if (std::filesystem::exists(own)) load_test_schema(own, catalog);
  lineage::LineageOptions options;
  if (auto c = directive(sql, "default-catalog"); !c.empty()) options.default_catalog = c;
  options.default_schema = directive(sql, "default-schema");
  lineage::LineageSession session(std::move(catalog));
  // As `lineage` parses: Hive/Spark forms are read in every dialect, with a warning unless
  // the `-- dialect:` directive is hive.
  sql::ParseOptions parse_options;
  parse_options.dialect = sql::Dialect::kHive;
  const bool warn_hive = directive(sql, "dialect") != "hive";
  sql::ParseResult parsed = sql::parse(sql, parse_options);
  std::string out;
  int n = 0;
  for (const auto& ps : parsed.statements()) {
    ++n;
    lineage::StatementLineage lin;
    std::vector<lineage::PositionedError> errors;
    std::vector<lineage::PositionedError> warnings;
    if (warn_hive) {
      for (const auto& f : ps.hive_forms)
        warnings.push_back({f.message, f.line, f.col});
    }
    if (!ps.ok()) {
      errors.push_back({"parse error: " + ps.error->message, ps.error->line, ps.error->col});
    } else {
      lin = session.analyze(*ps.ast, sql, options);
      for (const auto& e : lin.errors) {
        auto lc = sql::line_col_at(sql, e.offset);
        errors.push_back({e.message, lc.line, lc.col});
      }
    }
    out += lineage::lineage_text(n, sql_path.filename().string(), lin, errors, warnings);
  }
  return out;
}

std::vector<std::filesystem::path> files_ending(const std::string& suffix) {
  std::vector<std::filesystem::path> files;
  for (const auto& e : std::filesystem::directory_iterator(kDir)) {
    const std::string name = e.path().filename().string();
    if (name.size() > suffix.size() && name.ends_with(suffix)) files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

std::vector<std::string> stems(const std::vector<std::filesystem::path>& files,
                               const std::string& suffix) {
  std::vector<std::string> out;
  for (const auto& f : files) {
    const std::string name = f.filename().string();
    out.push_back(name.substr(0, name.size() - suffix.size()));
  }
  return out;
}

// Every case has its expected output and every expected output and schema has its case, so a
// renamed or deleted .sql cannot leave a golden that no longer runs.
TEST(LineageGolden, EveryFileBelongsToACase) {
  const auto cases = stems(files_ending(".sql"), ".sql");
  EXPECT_EQ(stems(files_ending(".expected"), ".expected"), cases);
  const auto schemas = stems(files_ending(".schema.json"), ".schema.json");
  for (const auto& s : schemas) {
    EXPECT_TRUE(std::binary_search(cases.begin(), cases.end(), s)) << s << ".schema.json";
  }
  EXPECT_TRUE(std::filesystem::exists(kDir / "golden_schema.json"));
}

TEST(LineageGolden, EveryCaseMatches) {
  const auto cases = files_ending(".sql");
  ASSERT_FALSE(cases.empty());
  for (const auto& c : cases) {
    SCOPED_TRACE(c.filename().string());
    auto expected = c;
    expected.replace_extension(".expected");
    expect_golden(expected, run_case(c));
  }
}

} // namespace
} // namespace athena::testing
