// Test helpers for the OpenMetadata sink: starts tests/fakes/fake_openmetadata.py on a loopback
// port (the same way aws_fake_server.h starts the fake Athena) and reads back what it got.
#pragma once

#include <cstdio>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <signal.h>
#include <simdjson.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include "src/aws/http_client.h"
#include "tests/support/test_support.h"

extern char** environ;

namespace athena::testing {

/// The fake OpenMetadata server as a child process. `skip_reason()` is set when it cannot run
/// here (python3-jsonschema or ../shared/schemas absent).
class FakeOpenMetadata {
public:
  explicit FakeOpenMetadata(std::vector<std::string> args) {
    const std::string script = (source_dir() / "tests/fakes/fake_openmetadata.py").string();
    std::vector<std::string> argv = {"python3", "-u", script, "--port", "0"};
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
      if (std::sscanf(line, "PORT %d", &port_) == 1) {
        url_ = "http://127.0.0.1:" + std::to_string(port_);
      } else {
        skip_reason_ = line;
        while (!skip_reason_.empty() && skip_reason_.back() == '\n')
          skip_reason_.pop_back();
      }
    } else {
      skip_reason_ = "python3 did not start the fake OpenMetadata server";
    }
    if (f != nullptr) std::fclose(f);
  }
  ~FakeOpenMetadata() {
    if (pid_ > 0) {
      kill(pid_, SIGTERM);
      int status = 0;
      waitpid(pid_, &status, 0);
    }
  }
  FakeOpenMetadata(const FakeOpenMetadata&) = delete;
  FakeOpenMetadata& operator=(const FakeOpenMetadata&) = delete;

  bool ok() const { return port_ > 0; }
  const std::string& skip_reason() const { return skip_reason_; }
  /// The hostPort of a workflow config: http://127.0.0.1:PORT/api.
  std::string host_port() const { return url_ + "/api"; }

  std::string get(const std::string& path) const {
    aws::HttpClient client;
    aws::HttpRequest req;
    req.method = "GET";
    req.url = url_ + path;
    return client.perform(req).body;
  }
  long post(const std::string& path, const std::string& json) const {
    aws::HttpClient client;
    aws::HttpRequest req;
    req.url = url_ + path;
    req.body = json;
    req.headers = {{"Content-Type", "application/json"}};
    return client.perform(req).status;
  }
  std::string received() const { return get("/_fake/received"); }
  std::string state() const { return get("/_fake/state"); }
  std::string stats() const { return get("/_fake/stats"); }

private:
  pid_t pid_ = -1;
  int port_ = 0;
  std::string url_;
  std::string skip_reason_;
};

/// Skips the test when the fake cannot run here, naming why.
#define ATHENA_REQUIRE_FAKE_OM(fake)                                                               \
  if (!(fake).ok()) {                                                                              \
    GTEST_SKIP() << "fake OpenMetadata server unavailable: " << (fake).skip_reason()               \
                 << " (install python3-jsonschema; needs ../shared/schemas/openmetadata)";         \
  }

} // namespace athena::testing
