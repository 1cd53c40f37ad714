// Test helpers for the OpenLineage export: starts tests/fakes/fake_openlineage.py on a loopback
// port (as om_fake_server.h starts the fake OpenMetadata) and reads back what it accepted.
#pragma once

#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "tests/app/fake_http_calls.h"
#include "tests/support/fake_process.h"
#include "tests/support/test_support.h"

namespace athena::testing {

/// The fake OpenLineage consumer as a child process; `skip_reason()` is set when it cannot
/// run here (python3-jsonschema or ../shared/schemas/openlineage absent).
class FakeOpenLineage {
public:
  explicit FakeOpenLineage(std::vector<std::string> args)
      : process_(source_dir() / "tests/fakes/fake_openlineage.py", with_schemas(std::move(args))),
        url_(process_.url()) {}

  bool ok() const { return process_.ok(); }
  const std::string& skip_reason() const { return process_.first_line(); }
  /// http://127.0.0.1:PORT (no path: the export appends /api/v1/lineage).
  const std::string& url() const { return url_; }

  std::string get(const std::string& path) const { return fake_get(url_ + path); }
  long post(const std::string& path, const std::string& json) const {
    return fake_post_json(url_ + path, json);
  }
  std::string stats() const { return get("/_fake/stats"); }
  std::string events() const { return get("/_fake/events"); }

private:
  static std::vector<std::string> with_schemas(std::vector<std::string> args) {
    auto shared = shared_dir();
    args.push_back("--schemas");
    args.push_back(shared ? (*shared / "schemas/openlineage").string() : "/nonexistent");
    return args;
  }
  FakeProcess process_;
  std::string url_;
};

#define ATHENA_REQUIRE_FAKE_OL(fake)                                                               \
  if (!(fake).ok()) {                                                                              \
    GTEST_SKIP() << "fake OpenLineage server unavailable: " << (fake).skip_reason()                \
                 << " (install python3-jsonschema; needs ../shared/schemas/openlineage)";          \
  }

} // namespace athena::testing
