#include <gtest/gtest.h>

#include "tests/support/test_support.h"

namespace athena::testing {
namespace {

std::string binary() {
  return shell_quote((binary_dir() / "athena-lineage").string());
}

TEST(Cli, VersionPrintsNameAndSemver) {
  auto r = run_shell(binary() + " --version");
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.out, "athena-lineage 0.1.0\n");
}

TEST(Cli, HelpListsEverySubcommand) {
  auto r = run_shell(binary() + " --help");
  EXPECT_EQ(r.exit_code, 0);
  for (const char* sub : {"parse", "lineage", "analyze", "report", "graph", "pull", "push", "run",
                          "check", "iam-policy"}) {
    EXPECT_NE(r.out.find(sub), std::string::npos) << sub;
  }
}

TEST(Cli, UnknownOptionIsUsageErrorWithStatus2) {
  auto r = run_shell(binary() + " --no-such-flag");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_FALSE(r.err.empty());
}

TEST(Cli, MissingSubcommandIsUsageError) {
  auto r = run_shell(binary());
  EXPECT_EQ(r.exit_code, 2);
}

} // namespace
} // namespace athena::testing
