// `athena-lineage serve` as a process: a read-only database (as an unprivileged user, in a
// folder it cannot write), its startup line, and its usage errors.
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <httplib.h>
#include <signal.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tests/app/serve_fixture.h"
#include "tests/support/test_support.h"

extern char** environ;

namespace athena::serve {
namespace {

using athena::testing::run_shell;
using athena::testing::shell_quote;

std::string bin() {
  return (athena::testing::binary_dir() / "athena-lineage").string();
}

/// `serve` as a child process; its first stderr line says where it listens.
class ServeProcess {
public:
  explicit ServeProcess(std::vector<std::string> argv) {
    int err[2];
    if (pipe(err) != 0) return;
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_adddup2(&fa, err[1], 2);
    posix_spawn_file_actions_addclose(&fa, err[0]);
    std::vector<char*> cargs;
    for (auto& a : argv)
      cargs.push_back(a.data());
    cargs.push_back(nullptr);
    if (posix_spawnp(&pid_, cargs[0], &fa, nullptr, cargs.data(), environ) != 0) pid_ = -1;
    posix_spawn_file_actions_destroy(&fa);
    close(err[1]);
    FILE* f = fdopen(err[0], "r");
    char line[1024] = {0};
    if (f != nullptr && std::fgets(line, sizeof line, f) != nullptr) {
      first_line_ = line;
      const auto at = first_line_.find("http://127.0.0.1:");
      if (at != std::string::npos) port_ = std::atoi(first_line_.c_str() + at + 17);
    }
    if (f != nullptr) std::fclose(f);
  }
  ~ServeProcess() {
    if (pid_ > 0) {
      kill(pid_, SIGTERM);
      waitpid(pid_, &status_, 0);
    }
  }
  ServeProcess(const ServeProcess&) = delete;
  ServeProcess& operator=(const ServeProcess&) = delete;
  int port() const { return port_; }
  const std::string& first_line() const { return first_line_; }
  /// Sends SIGTERM and returns the exit status.
  int stop() {
    if (pid_ <= 0) return -1;
    kill(pid_, SIGTERM);
    waitpid(pid_, &status_, 0);
    pid_ = -1;
    return WIFEXITED(status_) ? WEXITSTATUS(status_) : 128 + WTERMSIG(status_);
  }

private:
  pid_t pid_ = -1;
  int port_ = 0;
  int status_ = 0;
  std::string first_line_;
};

TEST(ServeCli, ServesAReadOnlyDatabaseInAReadOnlyFolder) {
  athena::testing::TempDir dir;
  const auto folder = dir.path() / "ro";
  std::filesystem::create_directory(folder);
  const auto db = folder / "lineage.db";
  test::write_history(dir.path(), test::fixture_queries(), "h");
  ASSERT_EQ(test::analyze(db, dir.path(), "h"), "");
  auto listing = [&folder] {
    std::vector<std::string> names;
    for (const auto& e : std::filesystem::directory_iterator(folder))
      names.push_back(e.path().filename().string());
    std::sort(names.begin(), names.end());
    return names;
  };
  const auto before = listing();
  ::chmod(db.c_str(), 0444);
  ::chmod(folder.c_str(), 0555);
  ::chmod(dir.path().c_str(), 0755);
  std::vector<std::string> argv;
  if (::geteuid() == 0) {
    if (run_shell("command -v setpriv").exit_code != 0) {
      GTEST_SKIP() << "running as root without setpriv: cannot drop privileges";
    }
    argv = {"setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"};
  }
  for (const std::string& a : {bin(), std::string("serve"), std::string("--db"), db.string(),
                               std::string("--port"), std::string("0")}) {
    argv.push_back(a);
  }
  ServeProcess serve(argv);
  ASSERT_GT(serve.port(), 0) << serve.first_line();
  EXPECT_EQ(serve.first_line(), "athena-lineage: serving " + db.string() + " on http://127.0.0.1:" +
                                    std::to_string(serve.port()) + "/ (API under /api/)\n");
  httplib::Client c("127.0.0.1", serve.port());
  auto r = c.Get("/api/tables/mart.daily");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200) << r->body;
  EXPECT_NE(r->body.find("\"name\":\"awsdatacatalog.mart.daily\""), std::string::npos);
  EXPECT_EQ(serve.stop(), 0);
  // Nothing was written beside it.
  EXPECT_EQ(listing(), before);
  ::chmod(folder.c_str(), 0755);
}

TEST(ServeCli, TokenFromTheEnvironmentIsRequiredAndNeverPrinted) {
  athena::testing::TempDir dir;
  const auto db = dir.path() / "t.db";
  test::write_history(dir.path(), {test::fixture_queries()[0]}, "h");
  ASSERT_EQ(test::analyze(db, dir.path(), "h"), "");
  const std::string token = "tok-7f3a9c-never-printed";
  ::setenv("ATHENA_SERVE_TEST_TOKEN", token.c_str(), 1);
  ServeProcess serve({bin(), "serve", "--db", db.string(), "--port", "0", "--token-env",
                      "ATHENA_SERVE_TEST_TOKEN"});
  ::unsetenv("ATHENA_SERVE_TEST_TOKEN");
  ASSERT_GT(serve.port(), 0) << serve.first_line();
  EXPECT_EQ(serve.first_line().find(token), std::string::npos);
  EXPECT_NE(serve.first_line().find("bearer token required"), std::string::npos);
  httplib::Client c("127.0.0.1", serve.port());
  auto denied = c.Get("/api/tables");
  ASSERT_TRUE(denied);
  EXPECT_EQ(denied->status, 401);
  auto allowed = c.Get("/api/tables", {{"Authorization", "Bearer " + token}});
  ASSERT_TRUE(allowed);
  EXPECT_EQ(allowed->status, 200);
  auto head = c.Head("/api/tables", {{"Authorization", "Bearer " + token}});
  ASSERT_TRUE(head);
  EXPECT_EQ(head->status, 200);
  EXPECT_EQ(head->body, "");
  EXPECT_EQ(serve.stop(), 0);
}

TEST(ServeCli, UsageErrorsExitTwo) {
  athena::testing::TempDir dir;
  auto missing =
      run_shell(bin() + " serve --port 0 --db " + shell_quote((dir.path() / "none.db").string()));
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_EQ(missing.err, "athena-lineage: error: database '" + (dir.path() / "none.db").string() +
                             "' does not exist (run 'athena-lineage analyze' first)\n");
  const auto db = dir.path() / "x.db";
  test::write_history(dir.path(), {test::fixture_queries()[0]}, "h");
  ASSERT_EQ(test::analyze(db, dir.path(), "h"), "");
  auto no_token = run_shell("env -u ATHENA_TEST_NO_SUCH_VAR " + bin() + " serve --port 0 --db " +
                            shell_quote(db.string()) + " --token-env ATHENA_TEST_NO_SUCH_VAR");
  EXPECT_EQ(no_token.exit_code, 2);
  EXPECT_EQ(no_token.err, "athena-lineage: error: --token-env ATHENA_TEST_NO_SUCH_VAR: that "
                          "environment variable is not set\n");
  auto port = run_shell(bin() + " serve --port 70000 --db " + shell_quote(db.string()));
  EXPECT_EQ(port.exit_code, 2);
  EXPECT_EQ(port.err, "athena-lineage: error: --port must be 0 to 65535\n");
}

} // namespace
} // namespace athena::serve
