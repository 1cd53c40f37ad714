// Helpers for the pull tests: a workflow config pointing at the fake Athena, execution
// records for the fake's history, and counting rows in the store.
#pragma once

#include <cstdint>
#include <cstdio>
#include <ctime>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include <sqlite3.h>

#include "src/config/workflow_config.h"
#include "src/pull/pull_job.h"
#include "src/store/sqlite_db.h"
#include "src/store/store.h"
#include "tests/app/aws_fake_server.h"
#include "tests/app/store_test_access.h"
#include "tests/support/test_support.h"

namespace athena::testing {

inline constexpr const char* kPullKey = "AKIDPULLTEST";
inline constexpr const char* kPullSecret = "pull-secret-Zq8vX2mK4nR7tW1y";

/// The fake's arguments for the test key plus `extra`.
inline std::vector<std::string> pull_fake_args(std::vector<std::string> extra) {
  std::vector<std::string> a = {"--key", std::string(kPullKey) + ":" + kPullSecret};
  a.insert(a.end(), extra.begin(), extra.end());
  return a;
}

/// A workflow config (JSON) for the fake at `url`. `lineage` sets members of the
/// `athenaLineage` object (key, JSON value), replacing the defaults (45 days, 10 attempts,
/// fast retries, no rate limits); `source_config` adds members to sourceConfig.config and
/// `aws` to awsConfig (leading comma included).
inline std::string
pull_config_json(const std::string& url,
                 const std::vector<std::pair<std::string, std::string>>& lineage = {},
                 const std::string& source_config = "", const std::string& aws = "") {
  std::vector<std::pair<std::string, std::string>> members = {
      {"days", "45"},
      {"maxAttempts", "10"},
      {"retryBaseSeconds", "0.01"},
      {"rateLimits", R"({"listQueryExecutions": 0, "batchGetQueryExecution": 0})"},
      {"glueEndpointURL", "\"" + url + "\""}};
  for (const auto& [key, value] : lineage) {
    bool replaced = false;
    for (auto& m : members) {
      if (m.first == key) {
        m.second = value;
        replaced = true;
      }
    }
    if (!replaced) members.emplace_back(key, value);
  }
  std::string options;
  for (const auto& [key, value] : members)
    options += (options.empty() ? "\"" : ", \"") + key + "\": " + value;
  return R"({"source": {"type": "athena-usage", "serviceName": "athena_test",
    "serviceConnection": {"config": {"type": "Athena", "awsConfig": {
      "awsAccessKeyId": ")" +
         std::string(kPullKey) + R"(", "awsSecretAccessKey": ")" + kPullSecret +
         R"(", "awsRegion": "us-east-1", "endPointURL": ")" + url + "\"" + aws + R"(}}},
    "sourceConfig": {"config": {"type": "DatabaseUsage")" +
         source_config + R"(}}},
  "athenaLineage": {)" +
         options + "}}";
}

inline config::WorkflowConfig parse_config(const std::string& json) {
  config::ConfigResult r = config::parse_workflow_config(json, "test-config.json");
  if (!r.ok()) {
    ADD_FAILURE() << (r.errors.empty() ? "config failed" : r.errors[0]);
    return {};
  }
  return *r.config;
}

/// One QueryExecution as Athena returns it.
inline std::string execution_json(const std::string& id, const std::string& query,
                                  const std::string& state, double submitted,
                                  const std::string& workgroup = "primary",
                                  const std::string& database = "sales",
                                  const std::string& catalog = "AwsDataCatalog") {
  char sub[64];
  std::snprintf(sub, sizeof sub, "%.3f", submitted);
  std::string q;
  for (char c : query) {
    if (c == '"' || c == '\\') q += '\\';
    q += c;
  }
  return R"({"QueryExecutionId": ")" + id + R"(", "Query": ")" + q +
         R"(", "StatementType": "DML", "WorkGroup": ")" + workgroup +
         R"(", "QueryExecutionContext": {"Database": ")" + database + R"(", "Catalog": ")" +
         catalog + R"("}, "Status": {"State": ")" + state + R"(", "SubmissionDateTime": )" + sub +
         R"(}, "Statistics": {"DataScannedInBytes": 1048576}})";
}

inline std::string executions_doc(const std::vector<std::string>& records) {
  std::string out = "{\"QueryExecutions\": [";
  for (std::size_t i = 0; i < records.size(); ++i) {
    if (i > 0) out += ",";
    out += records[i];
  }
  return out + "]}";
}

/// Adds (or replaces) executions in the running fake.
inline void fake_add(const FakeAws& fake, const std::vector<std::string>& records) {
  http::HttpClient client;
  http::HttpRequest req;
  req.url = fake.url() + "/_fake/add";
  req.body = executions_doc(records);
  req.headers = {{"Content-Type", "application/json"}};
  (void)client.perform(req);
}

/// Requests the fake received for one operation.
inline int64_t fake_requests(const FakeAws& fake, const char* operation) {
  simdjson::dom::parser p;
  const std::string text = fake.stats_json();
  int64_t v = 0;
  if (p.parse(text)["requests"][operation].get(v) != simdjson::SUCCESS) return 0;
  return v;
}

inline double now_seconds() {
  return static_cast<double>(std::time(nullptr));
}

/// A single integer from SQL on the store's connection.
inline int64_t count(store::Store& s, const std::string& sql) {
  return store::testing::RawDb::of(s).scalar(sql);
}

/// A single integer from SQL on a database file opened read-only (another process may be
/// writing it); -1 when it cannot be read yet.
inline int64_t count_file(const std::filesystem::path& db, const std::string& sql) {
  sqlite3* h = nullptr;
  if (sqlite3_open_v2(db.c_str(), &h, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
    sqlite3_close(h);
    return -1;
  }
  sqlite3_busy_timeout(h, 2000);
  sqlite3_stmt* st = nullptr;
  int64_t v = -1;
  if (sqlite3_prepare_v2(h, sql.c_str(), -1, &st, nullptr) == SQLITE_OK &&
      sqlite3_step(st) == SQLITE_ROW) {
    v = sqlite3_column_int64(st, 0);
  }
  sqlite3_finalize(st);
  sqlite3_close(h);
  return v;
}

/// A pull test's own store in `dir`.
inline std::unique_ptr<store::Store> open_pull_store(const TempDir& dir) {
  auto s = store::testing::opened_store(
      store::Store::open(dir.path() / "pull.db", store::StoreOptions{}));
  EXPECT_NE(s, nullptr);
  return s;
}

/// Job options for tests: two analysis threads, "now" fixed when `now_ms` is not 0.
inline pull::PullJobOptions pull_options_at(int64_t now_ms = 0) {
  pull::PullJobOptions o;
  o.threads = 2;
  o.now_ms = now_ms;
  return o;
}

inline std::string all_warnings(const pull::PullSummary& s) {
  std::string out;
  for (const auto& w : s.warnings)
    out += w + "\n";
  return out;
}

/// A history file for the fake.
inline std::filesystem::path write_history(const TempDir& dir,
                                           const std::vector<std::string>& records) {
  const auto path = dir.path() / "history.json";
  write_file(path, executions_doc(records));
  return path;
}

} // namespace athena::testing
