// Shared set-up of the OpenMetadata sink tests: the committed sample analyzed once into a
// database, a workflow config pointing at a fake OpenMetadata, and readers for what it got.
#pragma once

#include <cstdlib>
#include <filesystem>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <simdjson.h>

#include "tests/app/om_fake_server.h"
#include "tests/support/test_support.h"

namespace athena::testing {

inline constexpr const char* kOmJwt = "eyJhbGciOiJSUzI1NiJ9.om-test-bot-token.c2lnbmF0dXJl";
inline constexpr const char* kAwsSecret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYOMSECRETKEY";

inline std::string lineage_bin() {
  return shell_quote((binary_dir() / "athena-lineage").string());
}

/// The sample analyzed once per test binary; each test works on its own copy.
inline const std::filesystem::path& analyzed_sample_db() {
  static TempDir dir;
  static std::filesystem::path db = [] {
    const std::filesystem::path out = dir.path() / "sample.db";
    const auto s = source_dir() / "samples";
    RunResult r = run_shell(lineage_bin() + " analyze --quiet --db " + shell_quote(out.string()) +
                            " --schema " + shell_quote((s / "schema.json").string()) + " " +
                            shell_quote((s / "history.json").string()) + " " +
                            shell_quote((s / "cloudtrail.json").string()));
    EXPECT_LE(r.exit_code, 1) << r.err;
    return out;
  }();
  return db;
}

/// Fake server arguments for the sample: its tables, the schemas, the token, a fixed "today".
inline std::vector<std::string> sample_fake_args(std::vector<std::string> extra = {}) {
  std::vector<std::string> args = {"--schema",  (source_dir() / "samples/schema.json").string(),
                                   "--jwt",     kOmJwt,
                                   "--today",   "2026-11-20",
                                   "--service", "athena_prod"};
  if (auto shared = shared_dir()) {
    args.push_back("--schemas");
    args.push_back((*shared / "schemas/openmetadata").string());
  }
  args.insert(args.end(), extra.begin(), extra.end());
  return args;
}

/// A test's own database and config.
class OmPushEnv {
public:
  explicit OmPushEnv(const FakeOpenMetadata& fake, const std::string& sink_options = "") {
    std::filesystem::copy_file(analyzed_sample_db(), db());
    setenv("OM_TEST_JWT", kOmJwt, 1);
    write_file(config(), R"(source:
  type: athena-usage
  serviceName: athena_prod
  serviceConnection:
    config:
      type: Athena
      awsConfig:
        awsAccessKeyId: AKIDOMPUSHTEST
        awsSecretAccessKey: )" +
                             std::string(kAwsSecret) +
                             R"(
        awsRegion: us-east-1
      s3StagingDir: s3://staging/
workflowConfig:
  openMetadataServerConfig:
    hostPort: )" + fake.host_port() +
                             R"(
    authProvider: openmetadata
    securityConfig:
      jwtToken: ${OM_TEST_JWT}
athenaLineage:
  openMetadata:
    retryBaseSeconds: 0.002
    maxBackoffSeconds: 0.05
    maxAttempts: 12
    requestTimeoutSeconds: 2
)" + sink_options);
  }

  std::filesystem::path db() const { return dir_.path() / "push.db"; }
  std::filesystem::path config() const { return dir_.path() / "workflow.yaml"; }
  const std::filesystem::path& dir() const { return dir_.path(); }

  RunResult push(const std::string& extra = "") const {
    return run_shell(lineage_bin() + " push --config " + shell_quote(config().string()) + " --db " +
                     shell_quote(db().string()) + " --today 2026-11-20 " + extra);
  }

private:
  TempDir dir_;
};

/// Rows of a CSV file with a header (no quoting: the truth files have none).
inline std::vector<std::vector<std::string>> read_csv(const std::filesystem::path& path) {
  std::vector<std::vector<std::string>> rows;
  std::istringstream in(read_file(path));
  std::string line;
  std::getline(in, line); // header
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    std::vector<std::string> cells;
    size_t pos = 0;
    while (true) {
      size_t comma = line.find(',', pos);
      cells.push_back(line.substr(pos, comma - pos));
      if (comma == std::string::npos) break;
      pos = comma + 1;
    }
    rows.push_back(std::move(cells));
  }
  return rows;
}

/// awsdatacatalog.schema.table(.column) -> athena_prod.default.schema.table(.column)
inline std::string om_name(const std::string& athena) {
  const std::string prefix = "awsdatacatalog.";
  return "athena_prod.default." + athena.substr(prefix.size());
}

} // namespace athena::testing
