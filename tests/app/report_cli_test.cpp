// `athena-lineage report` run as a process: formats, --out, --schema, and exit status 2 for
// usage and I/O errors.
#include <string>

#include <gtest/gtest.h>
#include <simdjson.h>

#include "tests/app/report_test_db.h"
#include "tests/support/test_support.h"

namespace athena::report {
namespace {

using athena::testing::run_shell;
using athena::testing::shell_quote;

class ReportCli : public ::testing::Test {
protected:
  void SetUp() override { ASSERT_NE(test_db::build(db_), nullptr); }
  athena::testing::RunResult report(const std::string& args) {
    const auto bin = athena::testing::binary_dir() / "athena-lineage";
    return run_shell(shell_quote(bin.string()) + " report --db " + shell_quote(db_.string()) + " " +
                     args);
  }

  athena::testing::TempDir dir_;
  std::filesystem::path db_ = dir_.path() / "r.db";
};

TEST_F(ReportCli, JsonOnStdout) {
  auto r = report("--format json --top 2");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.err, "");
  simdjson::dom::parser parser;
  simdjson::dom::element root;
  ASSERT_EQ(parser.parse(r.out).get(root), simdjson::SUCCESS) << r.out;
  EXPECT_EQ(root["tables"].get_array().size(), 2u);
  EXPECT_EQ(int64_t(root["queries"]["total"]), 10);
}

TEST_F(ReportCli, WindowAndOutFile) {
  const auto out = dir_.path() / "r.csv";
  auto r = report("--since 2025-01-17 --until 2025-01-17 --format csv --out " +
                  shell_quote(out.string()));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "");
  const std::string csv = athena::testing::read_file(out);
  EXPECT_NE(csv.find("summary,window,2025-01-17 to 2025-01-17\r\n"), std::string::npos) << csv;
  EXPECT_NE(csv.find("summary,queries,5\r\n"), std::string::npos) << csv;
  EXPECT_NE(csv.find("daily,2025-01-17,5,1,3,1,1,1,137438953472,0.62500\r\n"), std::string::npos)
      << csv;
}

TEST_F(ReportCli, SchemaNamesTheTablesThatExist) {
  const auto schema = dir_.path() / "schema.json";
  athena::testing::write_file(schema,
                              R"({"sales.orders": ["id", "amount"], "raw.never_queried": ["x"]})");
  auto r = report("--format json --schema " + shell_quote(schema.string()));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  simdjson::dom::parser parser;
  simdjson::dom::element root;
  ASSERT_EQ(parser.parse(r.out).get(root), simdjson::SUCCESS) << r.out;
  EXPECT_EQ(std::string_view(root["unused"]["from"]), "schema");
  simdjson::dom::array unused = root["unused"]["tables"];
  ASSERT_EQ(unused.size(), 1u);
  EXPECT_EQ(std::string_view(unused.at(0)), "awsdatacatalog.raw.never_queried");
}

TEST_F(ReportCli, EveryFormatRuns) {
  for (const char* format : {"text", "markdown", "json", "csv", "html"}) {
    auto r = report(std::string("--format ") + format);
    EXPECT_EQ(r.exit_code, 0) << format << ": " << r.err;
    EXPECT_NE(r.out.find("awsdatacatalog.sales.orders"), std::string::npos) << format;
  }
}

TEST_F(ReportCli, UsageAndIoErrorsExitWithTwo) {
  struct Case {
    std::string args;
    std::string message;
  };
  const std::vector<Case> cases = {
      {"--since 2025-02-30", "--since '2025-02-30' is not a date YYYY-MM-DD"},
      {"--until tomorrow", "--until 'tomorrow' is not a date YYYY-MM-DD"},
      {"--since 2025-01-17 --until 2025-01-15", "--until 2025-01-15 is before --since 2025-01-17"},
      {"--format xml", "unknown --format 'xml'"},
      {"--top 0", "--top must be at least 1"},
      {"--out /nonexistent-dir/r.txt", "cannot write '/nonexistent-dir/r.txt'"},
  };
  for (const auto& c : cases) {
    auto r = report(c.args);
    EXPECT_EQ(r.exit_code, 2) << c.args;
    EXPECT_NE(r.err.find("athena-lineage: error: " + c.message), std::string::npos)
        << c.args << ": " << r.err;
  }
  const auto bin = athena::testing::binary_dir() / "athena-lineage";
  const auto missing = dir_.path() / "missing.db";
  auto r = run_shell(shell_quote(bin.string()) + " report --db " + shell_quote(missing.string()));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("database '" + missing.string() + "' does not exist"), std::string::npos)
      << r.err;
  EXPECT_FALSE(std::filesystem::exists(missing)); // not created by asking for a report
}

} // namespace
} // namespace athena::report
