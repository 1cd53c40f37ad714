// Test helpers for the OpenMetadata sink: starts tests/fakes/fake_openmetadata.py on a loopback
// port (the same way aws_fake_server.h starts the fake Athena) and reads back what it got.
#pragma once

#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <simdjson.h>

#include "tests/app/fake_http_calls.h"
#include "tests/support/fake_process.h"
#include "tests/support/test_support.h"

namespace athena::testing {

/// The fake OpenMetadata server as a child process. `skip_reason()` is set when it cannot run
/// here (python3-jsonschema or ../shared/schemas absent).
class FakeOpenMetadata {
public:
  explicit FakeOpenMetadata(std::vector<std::string> args)
      : process_(source_dir() / "tests/fakes/fake_openmetadata.py", std::move(args)),
        url_(process_.url()) {}

  bool ok() const { return process_.ok(); }
  /// Why it cannot run here (its first line of output), when !ok().
  const std::string& skip_reason() const { return process_.first_line(); }
  /// The hostPort of a workflow config: http://127.0.0.1:PORT/api.
  std::string host_port() const { return url_ + "/api"; }

  std::string get(const std::string& path) const { return fake_get(url_ + path); }
  long post(const std::string& path, const std::string& json) const {
    return fake_post_json(url_ + path, json);
  }
  std::string received() const { return get("/_fake/received"); }
  std::string state() const { return get("/_fake/state"); }
  std::string stats() const { return get("/_fake/stats"); }

private:
  FakeProcess process_;
  std::string url_;
};

/// Skips the test when the fake cannot run here, naming why.
#define ATHENA_REQUIRE_FAKE_OM(fake)                                                               \
  if (!(fake).ok()) {                                                                              \
    GTEST_SKIP() << "fake OpenMetadata server unavailable: " << (fake).skip_reason()               \
                 << " (install python3-jsonschema; needs ../shared/schemas/openmetadata)";         \
  }

} // namespace athena::testing
