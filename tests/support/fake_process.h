// A fake server of tests/fakes/ (a Python 3 script) as a child process on a loopback port.
// Header-only and free of GoogleTest, so that benchmarks use it too.
#pragma once

#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace athena::testing {

/// Runs `python3 -u SCRIPT --port 0 ARGS...` (a script of tests/fakes/); its first line on
/// stdout is `PORT n` once it listens, or else says why it cannot run (kept as `first_line()`).
/// The child gets SIGTERM and is waited for on destruction.
class FakeProcess {
public:
  FakeProcess(const std::filesystem::path& script, std::vector<std::string> args) {
    std::vector<std::string> argv = {"python3", "-u", script.string(), "--port", "0"};
    argv.insert(argv.end(), args.begin(), args.end());
    int out[2];
    if (pipe(out) != 0) return;
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_adddup2(&fa, out[1], 1);
    posix_spawn_file_actions_addclose(&fa, out[0]);
    std::vector<char*> cargs;
    for (auto& a : argv)
      cargs.push_back(a.data());
    cargs.push_back(nullptr);
    if (posix_spawnp(&pid_, "python3", &fa, nullptr, cargs.data(), environ) != 0) pid_ = -1;
    posix_spawn_file_actions_destroy(&fa);
    close(out[1]);
    FILE* f = fdopen(out[0], "r");
    char line[512] = {0};
    if (f != nullptr && std::fgets(line, sizeof line, f) != nullptr) {
      first_line_ = line;
      while (!first_line_.empty() && first_line_.back() == '\n')
        first_line_.pop_back();
      if (std::sscanf(line, "PORT %d", &port_) == 1) {
        url_ = "http://127.0.0.1:" + std::to_string(port_);
      }
    } else {
      first_line_ = "python3 did not start " + script.string();
    }
    if (f != nullptr) {
      std::fclose(f);
    } else {
      close(out[0]);
    }
  }
  ~FakeProcess() {
    if (pid_ > 0) {
      kill(pid_, SIGTERM);
      int status = 0;
      waitpid(pid_, &status, 0);
    }
  }
  FakeProcess(const FakeProcess&) = delete;
  FakeProcess& operator=(const FakeProcess&) = delete;

  bool ok() const { return port_ > 0; }
  int port() const { return port_; }
  /// http://127.0.0.1:PORT
  const std::string& url() const { return url_; }
  const std::string& first_line() const { return first_line_; }

private:
  pid_t pid_ = -1;
  int port_ = 0;
  std::string url_;
  std::string first_line_;
};

} // namespace athena::testing
