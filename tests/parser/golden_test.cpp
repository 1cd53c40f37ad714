// ZetaSQL-style golden files: tests/parser/testdata/*.test hold cases separated by `==` lines.
// Each case is SQL, then `--`, then the AST dump with byte spans and the canonical SQL (or, for
// a statement that must fail, `ERROR: line:col: message`). UPDATE_GOLDENS=1 rewrites the outputs
// from the SQL parts.
#include <filesystem>

#include <gtest/gtest.h>

#include "tests/parser/parser_test_util.h"
#include "tests/support/test_support.h"

namespace athena::sql::testing {
namespace {

using athena::testing::expect_golden;
using athena::testing::read_file;
using athena::testing::source_dir;

std::string run_case(const std::string& sql, bool expression, const ParseOptions& options) {
  std::string out;
  if (expression) {
    ExpressionResult r = parse_expression(sql);
    if (r.error) {
      return "ERROR: " + std::to_string(r.error->line) + ":" + std::to_string(r.error->col) + ": " +
             r.error->message + "\n";
    }
    out += dump_ast(r.expr);
    out += "--\n";
    out += to_sql(r.expr);
    out += "\n";
    std::string problem = expression_round_trip_problem(sql);
    if (!problem.empty()) out += "ROUND TRIP FAILED: " + problem + "\n";
    return out;
  }
  ParseResult r = parse(sql, options);
  for (const auto& st : r.statements()) {
    if (!st.ok()) {
      out += "ERROR: " + std::to_string(st.error->line) + ":" + std::to_string(st.error->col) +
             ": " + st.error->message + "\n";
      continue;
    }
    out += dump_ast(st.ast);
    out += "--\n";
    out += to_sql(st.ast);
    out += "\n";
  }
  if (r.failed() == 0) {
    std::string problem = round_trip_problem(sql, options);
    if (!problem.empty()) out += "ROUND TRIP FAILED: " + problem + "\n";
  }
  return out;
}

// Regenerates a .test file's outputs from its inputs.
std::string regenerate(const std::string& text, bool expression) {
  std::string out;
  size_t pos = 0;
  bool first = true;
  while (pos < text.size()) {
    size_t end = text.find("\n==\n", pos);
    std::string block = text.substr(pos, end == std::string::npos ? std::string::npos : end - pos);
    pos = end == std::string::npos ? text.size() : end + 4;
    size_t dash = block.find("\n--\n");
    std::string sql = block.substr(0, dash);
    if (dash == std::string::npos && !sql.empty() && sql.back() == '\n') sql.pop_back();
    if (sql.empty()) continue;
    if (!first) out += "==\n";
    first = false;
    out += sql;
    out += "\n--\n";
    // Leading `#` lines are comments describing the case; `# dialect: trino` (or `hive`) parses
    // it in that dialect.
    std::string input;
    ParseOptions options;
    size_t line_start = 0;
    while (line_start < sql.size()) {
      size_t nl = sql.find('\n', line_start);
      std::string line =
          sql.substr(line_start, nl == std::string::npos ? std::string::npos : nl - line_start + 1);
      if (line.rfind("#", 0) != 0) input += line;
      if (line.rfind("# dialect: trino", 0) == 0) options.dialect = Dialect::kTrino;
      if (line.rfind("# dialect: hive", 0) == 0) options.dialect = Dialect::kHive;
      line_start = nl == std::string::npos ? sql.size() : nl + 1;
    }
    out += run_case(input, expression, options);
  }
  return out;
}

class GoldenTest : public ::testing::TestWithParam<std::string> {};

TEST_P(GoldenTest, MatchesGolden) {
  std::filesystem::path file = source_dir() / "tests/parser/testdata" / GetParam();
  std::string text = read_file(file);
  bool expression = GetParam().rfind("expr_", 0) == 0;
  std::string actual = regenerate(text, expression);
  EXPECT_EQ(actual.find("ROUND TRIP FAILED"), std::string::npos) << actual;
  expect_golden(file, actual);
}

std::vector<std::string> golden_files() {
  std::vector<std::string> names;
  std::filesystem::path dir = source_dir() / "tests/parser/testdata";
  for (const auto& e : std::filesystem::directory_iterator(dir)) {
    if (e.path().extension() == ".test") names.push_back(e.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

INSTANTIATE_TEST_SUITE_P(Parser, GoldenTest, ::testing::ValuesIn(golden_files()),
                         [](const auto& param_info) {
                           std::string n = param_info.param.substr(0, param_info.param.size() - 5);
                           for (auto& c : n) {
                             if (!isalnum(static_cast<unsigned char>(c))) c = '_';
                           }
                           return n;
                         });

// errors.test is the catalogue of parse errors: every case fails, except one input that looks
// wrong but parses (FORTNIGHT is read as an alias); the case after it shows that a failed
// statement does not stop the ones around it.
TEST(Golden, ErrorGoldensAreAllErrors) {
  std::string text = read_file(source_dir() / "tests/parser/testdata/errors.test");
  std::vector<std::string> parsed_cleanly;
  size_t cases = 0;
  size_t errors = 0;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t end = text.find("\n==\n", pos);
    std::string block = text.substr(pos, end == std::string::npos ? std::string::npos : end - pos);
    pos = end == std::string::npos ? text.size() : end + 4;
    ++cases;
    size_t case_errors = 0;
    for (size_t p = block.find("\nERROR: "); p != std::string::npos;
         p = block.find("\nERROR: ", p + 1)) {
      ++case_errors;
    }
    if (case_errors == 0) parsed_cleanly.push_back(block.substr(0, block.find("\n--\n")));
    errors += case_errors;
  }
  EXPECT_EQ(cases, 91u);
  EXPECT_EQ(errors, 90u);
  EXPECT_EQ(parsed_cleanly, std::vector<std::string>{"SELECT INTERVAL '1' FORTNIGHT"});
}

} // namespace
} // namespace athena::sql::testing
