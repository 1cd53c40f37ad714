// Test helpers for the AWS client tests: starts tests/fakes/fake_athena.py on a loopback port
// and stops it again; scoped environment variables.
#pragma once

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <signal.h>
#include <simdjson.h>
#include <sys/wait.h>
#include <unistd.h>

#include "src/http/http_client.h"
#include "tests/support/fake_process.h"
#include "tests/support/test_support.h"

extern char** environ;

namespace athena::testing {

/// The fake AWS server (Athena, STS, IMDS, container credentials) as a child process.
class FakeAws {
public:
  explicit FakeAws(std::vector<std::string> args)
      : process_(source_dir() / "tests/fakes/fake_athena.py", std::move(args)) {}

  bool ok() const { return process_.ok(); }
  int port() const { return process_.port(); }
  const std::string& url() const { return process_.url(); }

  /// GET /_fake/stats as JSON text.
  std::string stats_json() const {
    http::HttpClient client;
    http::HttpRequest req;
    req.method = "GET";
    req.url = url() + "/_fake/stats";
    return client.perform(req).body;
  }
  /// Every JSON 1.1 request as "target body", exactly as sent, in sorted order (the fake must
  /// run with --record-bodies).
  std::vector<std::string> requests() const {
    http::HttpClient client;
    http::HttpRequest req;
    req.method = "GET";
    req.url = url() + "/_fake/requests";
    const std::string text = client.perform(req).body;
    simdjson::dom::parser p;
    simdjson::dom::array items;
    std::vector<std::string> out;
    if (p.parse(text).get(items) != simdjson::SUCCESS) return out;
    for (auto item : items) {
      std::string_view line;
      if (item.get(line) == simdjson::SUCCESS) out.emplace_back(line);
    }
    std::sort(out.begin(), out.end());
    return out;
  }
  /// One integer counter from the stats.
  int64_t stat(const char* key) const {
    simdjson::dom::parser p;
    const std::string text = stats_json();
    int64_t v = -1;
    if (p.parse(text)[key].get(v) != simdjson::SUCCESS) return -1;
    return v;
  }
  /// Changes injection settings at run time (JSON object).
  void configure(const std::string& json) const {
    http::HttpClient client;
    http::HttpRequest req;
    req.url = url() + "/_fake/config";
    req.body = json;
    req.headers = {{"Content-Type", "application/json"}};
    (void)client.perform(req);
  }

private:
  FakeProcess process_;
};

/// Clears every AWS_* variable for the scope of a test and restores them afterwards; set()
/// adds variables for the test.
class ScopedAwsEnv {
public:
  ScopedAwsEnv() {
    for (char** e = environ; *e != nullptr; ++e) {
      std::string kv = *e;
      if (kv.starts_with("AWS_")) {
        size_t eq = kv.find('=');
        saved_[kv.substr(0, eq)] = kv.substr(eq + 1);
      }
    }
    for (auto& [k, v] : saved_)
      unsetenv(k.c_str());
    // Never reach for a real instance-metadata service or the user's files from a test.
    set("AWS_EC2_METADATA_DISABLED", "true");
    set("AWS_CONFIG_FILE", "/nonexistent/aws-config");
    set("AWS_SHARED_CREDENTIALS_FILE", "/nonexistent/aws-credentials");
  }
  ~ScopedAwsEnv() {
    for (auto& k : added_)
      unsetenv(k.c_str());
    for (auto& [k, v] : saved_)
      setenv(k.c_str(), v.c_str(), 1);
  }
  ScopedAwsEnv(const ScopedAwsEnv&) = delete;
  ScopedAwsEnv& operator=(const ScopedAwsEnv&) = delete;
  void set(const std::string& k, const std::string& v) {
    setenv(k.c_str(), v.c_str(), 1);
    added_.push_back(k);
  }
  void unset(const std::string& k) { unsetenv(k.c_str()); }

private:
  std::map<std::string, std::string> saved_;
  std::vector<std::string> added_;
};

} // namespace athena::testing
