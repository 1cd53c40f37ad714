// `athena-lineage parse` as CONTRACT.md fixes it. Runs the built binary; skips when it has not
// been built in this build directory.
#include <filesystem>

#include <gtest/gtest.h>

#include "tests/support/test_support.h"

namespace athena::testing {
namespace {

std::string binary_or_skip() {
  auto path = binary_dir() / "athena-lineage";
  if (!std::filesystem::exists(path)) return {};
  return shell_quote(path.string());
}

#define REQUIRE_BINARY(var)                                                                        \
  const std::string var = binary_or_skip();                                                        \
  if (var.empty()) GTEST_SKIP() << "athena-lineage is not built in " << binary_dir()

TEST(CliParse, FailedStatementsGoToStderrAsFileLineColAndExitOne) {
  REQUIRE_BINARY(bin);
  TempDir dir;
  auto file = dir.path() / "q.sql";
  write_file(file, "SELECT 1;\nSELECT FROM t;\nSELECT 2");
  auto r = run_shell(bin + " parse " + shell_quote(file.string()));
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.err, file.string() + ":2:8: error: expected expression, found 'FROM'\n");
  EXPECT_EQ(r.out, "");
}

TEST(CliParse, AllParsedExitsZeroAndStatsIsTheLastLine) {
  REQUIRE_BINARY(bin);
  TempDir dir;
  auto file = dir.path() / "q.sql";
  write_file(file, "SELECT 1; INSERT INTO t SELECT 2;");
  auto r = run_shell(bin + " parse --stats " + shell_quote(file.string()));
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.err, "");
  EXPECT_EQ(r.out.rfind("{\"statements\":2,\"ok\":2,\"failed\":0,\"bytes\":33,\"seconds\":", 0), 0u)
      << r.out;
}

TEST(CliParse, StdinIsNamedStdin) {
  REQUIRE_BINARY(bin);
  auto r = run_shell("printf 'SELECT (' | " + bin + " parse -");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.err, "<stdin>:1:9: error: expected expression, found end of input\n");
}

TEST(CliParse, JsonFormatPrintsKindAndSpanPerStatement) {
  REQUIRE_BINARY(bin);
  auto r = run_shell("printf 'SELECT 1;\\nCREATE EXTERNAL TABLE t (a INT) LOCATION s3' | " + bin +
                     " parse --format json -");
  EXPECT_EQ(
      r.out,
      "{\"statement\":1,\"file\":\"<stdin>\",\"kind\":\"query\",\"begin\":0,\"end\":8,"
      "\"line\":1,\"col\":1,\"ok\":true}\n"
      "{\"statement\":2,\"file\":\"<stdin>\",\"kind\":\"create_external_table\",\"begin\":10,"
      "\"end\":53,\"line\":2,\"col\":1,\"ok\":false,\"error\":{\"message\":\"expected string, "
      "found 's3'\",\"line\":2,\"col\":42}}\n");
  EXPECT_EQ(r.exit_code, 1);
}

TEST(CliParse, TextFormat) {
  REQUIRE_BINARY(bin);
  auto r = run_shell("printf 'USE db; DROP TABLE t' | " + bin + " parse --format text -");
  EXPECT_EQ(r.out, "<stdin>:1:1: use [0-6] ok\n<stdin>:1:9: drop [8-20] ok\n");
  EXPECT_EQ(r.exit_code, 0);
}

TEST(CliParse, MissingFileIsAnIoErrorWithStatusTwo) {
  REQUIRE_BINARY(bin);
  auto r = run_shell(bin + " parse /nonexistent/file.sql");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("/nonexistent/file.sql"), std::string::npos);
}

TEST(CliParse, NoInputIsAUsageError) {
  REQUIRE_BINARY(bin);
  auto r = run_shell(bin + " parse");
  EXPECT_EQ(r.exit_code, 2);
}

} // namespace
} // namespace athena::testing
