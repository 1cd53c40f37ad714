#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace athena::testing {

/// The repository root (the directory holding CMakeLists.txt).
std::filesystem::path source_dir();
/// The CMake build directory; the binary is binary_dir() / "athena-lineage".
std::filesystem::path binary_dir();
/// `../shared` (or $ATHENA_SHARED_DIR) when it exists; nullopt otherwise.
std::optional<std::filesystem::path> shared_dir();

/// Skips the current test with a clear message when ../shared (or a path in it) is absent.
#define ATHENA_REQUIRE_SHARED(var, rel)                                                            \
  auto var##_opt = ::athena::testing::shared_dir();                                                \
  if (!var##_opt || !std::filesystem::exists(*var##_opt / (rel))) {                                \
    GTEST_SKIP() << "../shared/" << (rel)                                                          \
                 << " is absent (set ATHENA_SHARED_DIR to the shared folder to run this)";         \
  }                                                                                                \
  const std::filesystem::path var = *var##_opt / (rel)

/// Whole file as bytes; throws std::runtime_error naming the path when it cannot be read.
std::string read_file(const std::filesystem::path& path);
void write_file(const std::filesystem::path& path, std::string_view content);

/// Compares `actual` with the golden file; with UPDATE_GOLDENS=1 in the environment rewrites
/// it instead. On mismatch the test fails with a unified-style line diff.
void expect_golden(const std::filesystem::path& golden, std::string_view actual);

/// A fresh empty directory under the system temp dir, removed by the destructor.
class TempDir {
public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }

private:
  std::filesystem::path path_;
};

/// Result of running a child process with its output captured.
struct RunResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

/// Runs `command` through /bin/sh with stdout and stderr captured to files.
RunResult run_shell(const std::string& command);

/// Single-quotes `s` for /bin/sh.
std::string shell_quote(std::string_view s);

} // namespace athena::testing
