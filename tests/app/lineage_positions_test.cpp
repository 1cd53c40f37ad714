// `athena-lineage lineage` on a large file: every warning's line:col comes from one line index
// per input, so the bytes scanned to place messages stay linear in the input (a scan from the
// start of the file per statement made a 16 MB file take about 20 minutes).
#include <algorithm>
#include <cstdio>
#include <string>

#include <CLI/CLI.hpp>
#include <fcntl.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include "parser/source_location.h"
#include "src/cli/commands.h"
#include "tests/support/test_support.h"

namespace athena::testing {
namespace {

// Points stdout and stderr at files for the life of the object (the command prints there).
class RedirectOutput {
public:
  RedirectOutput(const std::filesystem::path& out, const std::filesystem::path& err) {
    std::fflush(stdout);
    std::fflush(stderr);
    saved_out_ = dup(STDOUT_FILENO);
    saved_err_ = dup(STDERR_FILENO);
    const int o = open(out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    const int e = open(err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    dup2(o, STDOUT_FILENO);
    dup2(e, STDERR_FILENO);
    close(o);
    close(e);
  }
  ~RedirectOutput() {
    std::fflush(stdout);
    std::fflush(stderr);
    dup2(saved_out_, STDOUT_FILENO);
    dup2(saved_err_, STDERR_FILENO);
    close(saved_out_);
    close(saved_err_);
  }
  RedirectOutput(const RedirectOutput&) = delete;
  RedirectOutput& operator=(const RedirectOutput&) = delete;

private:
  int saved_out_ = -1;
  int saved_err_ = -1;
};

size_t count_lines(const std::string& text) {
  return static_cast<size_t>(std::count(text.begin(), text.end(), '\n'));
}

TEST(LineagePositions, SixteenMegabyteFileScansItsBytesOncePerInput) {
  TempDir tmp;
  write_file(tmp.path() / "schema.json", R"({"raw.orders": ["id", "amount"]})");
  // Each block: a 4 KB comment (cheap to lex, it makes the file big), a statement whose
  // unknown column is a warning, and one that fails to parse.
  const std::string padding = "-- " + std::string(4093, 'x') + "\n";
  const std::string block = padding + "SELECT id, nope FROM raw.orders;\nSELEC 1;\n";
  const size_t blocks = (size_t{16} << 20) / block.size() + 1;
  std::string sql;
  sql.reserve(blocks * block.size());
  for (size_t i = 0; i < blocks; ++i)
    sql += block;
  write_file(tmp.path() / "big.sql", sql);

  CLI::App app;
  int exit_code = -1;
  cli::add_lineage_command(app, exit_code);
  const std::string schema = (tmp.path() / "schema.json").string();
  const std::string input = (tmp.path() / "big.sql").string();
  // CLI11 takes the arguments last first: `lineage --schema SCHEMA INPUT`.
  std::vector<std::string> args = {input, schema, "--schema", "lineage"};
  const uint64_t before = sql::LineIndex::bytes_scanned();
  {
    RedirectOutput redirect(tmp.path() / "out.jsonl", tmp.path() / "err.txt");
    app.parse(args);
  }
  const uint64_t scanned = sql::LineIndex::bytes_scanned() - before;

  EXPECT_EQ(exit_code, 1);
  EXPECT_EQ(count_lines(read_file(tmp.path() / "out.jsonl")), 2 * blocks);
  // One warning and one parse error per block, each with its position.
  const std::string err = read_file(tmp.path() / "err.txt");
  EXPECT_EQ(count_lines(err), 2 * blocks);
  EXPECT_NE(err.find(input + ":2:12: warning: "), std::string::npos) << err.substr(0, 300);
  EXPECT_NE(err.find(input + ":" + std::to_string(3 * blocks) + ":1: error: "), std::string::npos);
  // The parser's index (for the parse errors) and the command's (for the warnings): at most
  // two scans of the input, however many statements it holds.
  EXPECT_LE(scanned, 2 * sql.size());
}

} // namespace
} // namespace athena::testing
