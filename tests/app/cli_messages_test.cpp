// Messages a new user meets: bad inputs to analyze stop it before any work (once, exit 2),
// usage errors carry our prefix, and every command's --help ends with examples.
#include <string>

#include <gtest/gtest.h>

#include "tests/support/test_support.h"

namespace athena::testing {
namespace {

std::string bin() {
  return shell_quote((binary_dir() / "athena-lineage").string());
}

size_t count_of(const std::string& text, const std::string& what) {
  size_t n = 0;
  for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1))
    ++n;
  return n;
}

TEST(CliMessages, BadLogFilesStopAnalyzeBeforeAnyWork) {
  TempDir dir;
  const auto good = dir.path() / "good.json";
  write_file(good,
             R"([{"QueryExecutionId":"a","Query":"SELECT 1","Status":{"State":"SUCCEEDED"}}])");
  const auto empty = dir.path() / "empty.json";
  write_file(empty, "");
  const auto missing = dir.path() / "missing.json";
  const auto db = dir.path() / "x.db";
  struct Case {
    std::filesystem::path path;
    std::string message;
  };
  for (const Case& c :
       {Case{missing, ": no such file"}, Case{dir.path(), ": is a directory, not a log file"},
        Case{empty, ": is empty"}}) {
    auto r = run_shell(bin() + " analyze --db " + shell_quote(db.string()) + " " +
                       shell_quote(good.string()) + " " + shell_quote(c.path.string()));
    EXPECT_EQ(r.exit_code, 2) << c.path;
    EXPECT_EQ(r.out, "");
    EXPECT_EQ(r.err, "athena-lineage: error: " + c.path.string() + c.message + "\n");
    EXPECT_EQ(count_of(r.err, c.path.string()), 1u);
    EXPECT_FALSE(std::filesystem::exists(db)) << "no database is left behind";
  }
}

TEST(CliMessages, AfterAFailedCommitTheSummarySaysWhatIsStored) {
  TempDir dir;
  const auto db = dir.path() / "full.db";
  const auto history = source_dir() / "samples" / "history.json";
  // A file size limit stands in for a full disk: SQLite's writes fail with EFBIG part-way.
  auto r = run_shell("trap '' XFSZ; ulimit -f 3000; " + bin() + " analyze --quiet --db " +
                     shell_quote(db.string()) + " " + shell_quote(history.string()));
  ASSERT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_NE(r.err.find("athena-lineage: error: "), std::string::npos) << r.err;
  auto count = run_shell("sqlite3 " + shell_quote(db.string()) + " 'SELECT count(*) FROM queries'");
  if (count.exit_code != 0) GTEST_SKIP() << "the sqlite3 shell is not installed";
  const std::string stored = count.out.substr(0, count.out.find('\n'));
  EXPECT_NE(r.out.find("  new in database:    " + stored + "\n"), std::string::npos)
      << "the database holds " << stored << ":\n"
      << r.out;
  EXPECT_NE(stored, "2000");
}

TEST(CliMessages, UsageErrorsCarryThePrefix) {
  auto r = run_shell(bin() + " report --no-such-flag");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err.rfind("athena-lineage: error: ", 0), 0u) << r.err;
  auto top = run_shell(bin() + " report --top -1");
  EXPECT_EQ(top.exit_code, 2);
  EXPECT_EQ(top.err, "athena-lineage: error: --top must be at least 1\n");
}

TEST(CliMessages, LineageOfAFolderNamesIt) {
  TempDir dir;
  auto r = run_shell(bin() + " lineage " + shell_quote(dir.path().string()));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err,
            "athena-lineage: error: " + dir.path().string() + ": is a directory, not a file\n");
}

TEST(CliMessages, EveryHelpEndsWithExamplesAndShowsDefaults) {
  for (const char* sub : {"parse", "lineage", "analyze", "report", "graph", "pull", "push", "run",
                          "check", "iam-policy"}) {
    auto r = run_shell(bin() + " " + sub + " --help");
    EXPECT_EQ(r.exit_code, 0) << sub;
    const size_t at = r.out.find("\nExamples:\n");
    ASSERT_NE(at, std::string::npos) << sub << ":\n" << r.out;
    const std::string examples = r.out.substr(at);
    const size_t n = count_of(examples, "\n  athena-lineage ") + count_of(examples, "\n  AWS_") +
                     count_of(examples, "\n  aws ") + count_of(examples, "\n  echo ") +
                     count_of(examples, "\n  cat ");
    EXPECT_GE(n, 2u) << sub << examples;
    EXPECT_LE(n, 3u) << sub << examples;
  }
  auto report = run_shell(bin() + " report --help");
  EXPECT_NE(report.out.find("(default text)"), std::string::npos);
  EXPECT_NE(report.out.find("every row in json and csv"), std::string::npos);
  auto graph = run_shell(bin() + " graph --help");
  EXPECT_NE(graph.out.find("-1 for any (default -1)"), std::string::npos);
}

TEST(CliMessages, ReadmeRunCommandBuildsOnlyTheBinaryAndPointsNowhereInternal) {
  const std::string demo = read_file(source_dir() / "scripts" / "demo.sh");
  EXPECT_NE(demo.find("BUILD_TARGET=athena-lineage scripts/build.sh"), std::string::npos);
  const std::string readme = read_file(source_dir() / "README.md");
  EXPECT_EQ(readme.find("../shared"), std::string::npos);
  EXPECT_EQ(readme.find("(issue "), std::string::npos);
  EXPECT_EQ(readme.find("from the issues"), std::string::npos);
  EXPECT_NE(readme.find("`demo.sh` builds only the\nbinary"), std::string::npos);
}

} // namespace
} // namespace athena::testing
