#include "tests/support/test_support.h"

#include <atomic>
#include <cstdlib>
#include <fstream>
#include <random>
#include <sstream>
#include <stdexcept>
#include <vector>

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

namespace athena::testing {

std::filesystem::path source_dir() {
  return ATHENA_SOURCE_DIR;
}
std::filesystem::path binary_dir() {
  return ATHENA_BINARY_DIR;
}

std::optional<std::filesystem::path> shared_dir() {
  std::filesystem::path p = ATHENA_DEFAULT_SHARED_DIR;
  if (const char* env = std::getenv("ATHENA_SHARED_DIR"); env != nullptr && *env != '\0') {
    p = env;
  }
  std::error_code ec;
  if (!std::filesystem::is_directory(p, ec)) return std::nullopt;
  return std::filesystem::canonical(p, ec);
}

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path.string());
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void write_file(const std::filesystem::path& path, std::string_view content) {
  if (path.has_parent_path()) std::filesystem::create_directories(path.parent_path());
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) throw std::runtime_error("cannot write " + path.string());
  out.write(content.data(), static_cast<std::streamsize>(content.size()));
}

namespace {

std::vector<std::string_view> split_lines(std::string_view s) {
  std::vector<std::string_view> lines;
  size_t start = 0;
  while (start <= s.size()) {
    size_t nl = s.find('\n', start);
    if (nl == std::string_view::npos) {
      if (start < s.size()) lines.push_back(s.substr(start));
      break;
    }
    lines.push_back(s.substr(start, nl - start));
    start = nl + 1;
  }
  return lines;
}

// A small LCS line diff; goldens are short enough for the quadratic table.
std::string line_diff(std::string_view expected, std::string_view actual) {
  auto a = split_lines(expected);
  auto b = split_lines(actual);
  if (a.size() * b.size() > 4'000'000) return "(files too large to diff)\n";
  std::vector<std::vector<uint32_t>> lcs(a.size() + 1, std::vector<uint32_t>(b.size() + 1));
  for (size_t i = a.size(); i-- > 0;)
    for (size_t j = b.size(); j-- > 0;)
      lcs[i][j] = a[i] == b[j] ? lcs[i + 1][j + 1] + 1 : std::max(lcs[i + 1][j], lcs[i][j + 1]);
  std::string out;
  size_t i = 0, j = 0;
  while (i < a.size() || j < b.size()) {
    if (i < a.size() && j < b.size() && a[i] == b[j]) {
      ++i;
      ++j;
    } else if (j < b.size() && (i == a.size() || lcs[i][j + 1] >= lcs[i + 1][j])) {
      out += "+ " + std::string(b[j++]) + "\n";
    } else {
      out += "- " + std::string(a[i++]) + "\n";
    }
  }
  return out;
}

} // namespace

void expect_golden(const std::filesystem::path& golden, std::string_view actual) {
  const char* update = std::getenv("UPDATE_GOLDENS");
  if (update != nullptr && std::string_view(update) == "1") {
    write_file(golden, actual);
    return;
  }
  std::string expected;
  try {
    expected = read_file(golden);
  } catch (const std::exception& e) {
    ADD_FAILURE() << e.what() << " (run with UPDATE_GOLDENS=1 to create it)";
    return;
  }
  if (expected != actual) {
    ADD_FAILURE() << "golden mismatch: " << golden.string()
                  << " (- expected, + actual; UPDATE_GOLDENS=1 rewrites it)\n"
                  << line_diff(expected, actual);
  }
}

TempDir::TempDir() {
  static std::atomic<unsigned> counter{0};
  std::random_device rd;
  for (int attempt = 0; attempt < 100; ++attempt) {
    auto candidate = std::filesystem::temp_directory_path() /
                     ("athena-test-" + std::to_string(::getpid()) + "-" +
                      std::to_string(counter++) + "-" + std::to_string(rd() % 100000));
    std::error_code ec;
    if (std::filesystem::create_directory(candidate, ec)) {
      path_ = candidate;
      return;
    }
  }
  throw std::runtime_error("cannot create a temporary directory");
}

TempDir::~TempDir() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

std::string shell_quote(std::string_view s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'') {
      out += "'\\''";
    } else {
      out += c;
    }
  }
  out += "'";
  return out;
}

RunResult run_shell(const std::string& command) {
  TempDir tmp;
  const auto out_path = tmp.path() / "out";
  const auto err_path = tmp.path() / "err";
  const std::string full = "(" + command + ") >" + shell_quote(out_path.string()) + " 2>" +
                           shell_quote(err_path.string());
  const int status = std::system(full.c_str());
  RunResult r;
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  r.out = read_file(out_path);
  r.err = read_file(err_path);
  return r;
}

} // namespace athena::testing
