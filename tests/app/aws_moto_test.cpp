// The tool against moto, an implementation of Athena, Glue and STS independent of our own
// fakes (tests/fakes/moto_athena.py seeds it through boto3). moto lacks
// BatchGetQueryExecution and ListTableMetadata, so the GetQueryExecution and Glue paths are
// the ones exercised. One server serves the whole suite; the suite skips when moto is absent.
#include <cstdlib>
#include <iostream>
#include <set>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <sqlite3.h>

#include "tests/app/aws_fake_server.h"
#include "tests/app/aws_pull_fixture.h"
#include "tests/support/fake_process.h"
#include "tests/support/test_support.h"

namespace athena::testing {
namespace {

std::string lineage_bin() {
  return shell_quote((binary_dir() / "athena-lineage").string());
}

/// Rows of `sql` on the SQLite file, one per line, columns joined by '|'.
std::string rows(const std::filesystem::path& db, const std::string& sql) {
  sqlite3* h = nullptr;
  std::string out;
  if (sqlite3_open_v2(db.string().c_str(), &h, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
    sqlite3_close(h);
    return "cannot open " + db.string();
  }
  sqlite3_stmt* st = nullptr;
  if (sqlite3_prepare_v2(h, sql.c_str(), -1, &st, nullptr) != SQLITE_OK) {
    out = std::string("bad SQL: ") + sqlite3_errmsg(h);
  } else {
    while (sqlite3_step(st) == SQLITE_ROW) {
      for (int i = 0; i < sqlite3_column_count(st); ++i) {
        const unsigned char* t = sqlite3_column_text(st, i);
        out +=
            (i > 0 ? "|" : "") + std::string(t == nullptr ? "" : reinterpret_cast<const char*>(t));
      }
      out += "\n";
    }
  }
  sqlite3_finalize(st);
  sqlite3_close(h);
  return out;
}

constexpr const char* kTableEdges =
    "SELECT DISTINCT s.name || ' -> ' || t.name FROM query_table_edges e JOIN tables s ON "
    "s.id = e.source_id JOIN tables t ON t.id = e.target_id ORDER BY 1";
constexpr const char* kColumnEdges =
    "SELECT DISTINCT s.name || ' -> ' || t.name FROM query_column_edges e JOIN columns s ON "
    "s.id = e.source_id JOIN columns t ON t.id = e.target_id ORDER BY 1";
constexpr const char* kQueries = "SELECT id, state, workgroup, day FROM queries ORDER BY id";
constexpr const char* kSubmitted = "SELECT submitted_ms FROM queries ORDER BY id";

/// Submission times of two stores agree to the millisecond (an export that went through a
/// Python datetime was rounded to microseconds first, so the last millisecond may differ).
void expect_same_times(const std::filesystem::path& a, const std::filesystem::path& b) {
  std::string ta = rows(a, kSubmitted);
  std::string tb = rows(b, kSubmitted);
  std::vector<long long> va, vb;
  for (size_t p = 0, nl; (nl = ta.find('\n', p)) != std::string::npos; p = nl + 1)
    va.push_back(std::stoll(ta.substr(p, nl - p)));
  for (size_t p = 0, nl; (nl = tb.find('\n', p)) != std::string::npos; p = nl + 1)
    vb.push_back(std::stoll(tb.substr(p, nl - p)));
  ASSERT_EQ(va.size(), vb.size()) << ta << tb;
  for (size_t i = 0; i < va.size(); ++i)
    EXPECT_LE(std::llabs(va[i] - vb[i]), 1) << ta << tb;
}

/// The lineage the seeded history has (Glue gives sales.orders' columns, its partition
/// column dt included, so the CTAS's star expands to all three).
constexpr const char* kExpectedTableEdges =
    "awsdatacatalog.sales.orders -> awsdatacatalog.sales.big_orders\n"
    "awsdatacatalog.sales.orders -> awsdatacatalog.sales.daily\n"
    "awsdatacatalog.sales.orders -> s3://lake/sales/archive/\n";

constexpr const char* kExpectedColumnEdges =
    "awsdatacatalog.sales.orders.amount -> awsdatacatalog.sales.big_orders.amount\n"
    "awsdatacatalog.sales.orders.amount -> awsdatacatalog.sales.daily.total\n"
    "awsdatacatalog.sales.orders.dt -> awsdatacatalog.sales.big_orders.dt\n"
    "awsdatacatalog.sales.orders.dt -> awsdatacatalog.sales.daily.dt\n"
    "awsdatacatalog.sales.orders.id -> awsdatacatalog.sales.big_orders.id\n";

/// With Glue as the catalog, also: the view v_big (whose DDL the history lacks) from its
/// ViewOriginalText, and the UNLOAD's location into the table Glue has there.
constexpr const char* kGlueTableEdges =
    "awsdatacatalog.sales.orders -> awsdatacatalog.sales.big_orders\n"
    "awsdatacatalog.sales.orders -> awsdatacatalog.sales.daily\n"
    "awsdatacatalog.sales.orders -> awsdatacatalog.sales.v_big\n"
    "awsdatacatalog.sales.orders -> s3://lake/sales/archive/\n"
    "s3://lake/sales/archive/ -> awsdatacatalog.sales.archive\n";

constexpr const char* kGlueColumnEdges =
    "awsdatacatalog.sales.orders.amount -> awsdatacatalog.sales.big_orders.amount\n"
    "awsdatacatalog.sales.orders.amount -> awsdatacatalog.sales.daily.total\n"
    "awsdatacatalog.sales.orders.amount -> awsdatacatalog.sales.v_big.amount\n"
    "awsdatacatalog.sales.orders.dt -> awsdatacatalog.sales.big_orders.dt\n"
    "awsdatacatalog.sales.orders.dt -> awsdatacatalog.sales.daily.dt\n"
    "awsdatacatalog.sales.orders.id -> awsdatacatalog.sales.big_orders.id\n"
    "awsdatacatalog.sales.orders.id -> awsdatacatalog.sales.v_big.id\n";

/// The view's definition from Glue, stored as a DDL record without a day.
constexpr const char* kGlueView =
    "1|SUCCEEDED|create_view||0|catalog metadata (view awsdatacatalog.sales.v_big)\n";
constexpr const char* kSyntheticQueries = "SELECT id_synthetic, state, statement_kind, day, "
                                          "is_usage, origin FROM queries WHERE id_synthetic = 1";

class AwsMoto : public ::testing::Test {
protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    server_ = new FakeProcess(source_dir() / "tests/fakes/moto_athena.py",
                              {"--out-dir", dir_->path().string()});
  }
  static void TearDownTestSuite() {
    delete server_;
    delete dir_;
    server_ = nullptr;
    dir_ = nullptr;
  }
  void SetUp() override {
    if (!server_->ok()) {
      GTEST_SKIP() << "moto is not available, so the moto tests do not run: "
                   << server_->first_line();
    }
  }

  static std::filesystem::path seeded(const char* name) { return dir_->path() / name; }
  static std::string url() { return server_->url(); }

  /// The seeded ids, sorted.
  static std::string seeded_ids() {
    std::string text = read_file(seeded("ids.txt"));
    std::set<std::string> ids;
    for (size_t p = 0, nl; (nl = text.find('\n', p)) != std::string::npos; p = nl + 1)
      ids.insert(text.substr(p, nl - p));
    std::string out;
    for (const auto& id : ids)
      out += id + "\n";
    return out;
  }

  /// Checks what a pull or run stored: exactly the seeded executions and their lineage, and
  /// no secret anywhere.
  static void expect_seeded_history(const std::filesystem::path& db, const RunResult& r,
                                    const std::string& secret) {
    EXPECT_EQ(rows(db, "SELECT id FROM queries WHERE id_synthetic = 0 ORDER BY id"), seeded_ids());
    EXPECT_EQ(rows(db, "SELECT count(*) FROM queries WHERE id_synthetic = 0 AND "
                       "state = 'SUCCEEDED'"),
              "4\n");
    EXPECT_EQ(rows(db, kSyntheticQueries), kGlueView);
    EXPECT_EQ(rows(db, kTableEdges), kGlueTableEdges);
    EXPECT_EQ(rows(db, kColumnEdges), kGlueColumnEdges);
    EXPECT_EQ(r.out.find(secret), std::string::npos);
    EXPECT_EQ(r.err.find(secret), std::string::npos);
    EXPECT_EQ(read_file(db).find(secret), std::string::npos);
  }

  void check_pull_and_run_store_exactly_the_seeded_history();
  void credentials_from_the_shared_files_and_aws_endpoint_url_only();
  void cli_exports_in_every_timestamp_form_analyze_to_the_same_result();

  static TempDir* dir_;
  static FakeProcess* server_;
};

TempDir* AwsMoto::dir_ = nullptr;
FakeProcess* AwsMoto::server_ = nullptr;

void AwsMoto::check_pull_and_run_store_exactly_the_seeded_history() {
  ScopedAwsEnv env;
  env.set("AWS_ENDPOINT_URL", url()); // Glue; Athena's endPointURL comes from the config
  TempDir work;
  const auto config = work.path() / "config.json";
  write_file(config, pull_config_json(url(), {{"maxAttempts", "2"}}));
  RunResult check = run_shell(lineage_bin() + " check --config " + shell_quote(config.string()));
  EXPECT_EQ(check.exit_code, 0) << check.out << check.err;
  EXPECT_NE(check.out.find("ok       glue:GetTables (database sales)"), std::string::npos)
      << check.out;
  EXPECT_EQ(check.out.find(kPullSecret), std::string::npos);

  const auto db = work.path() / "pull.db";
  RunResult pull = run_shell(lineage_bin() + " pull --config " + shell_quote(config.string()) +
                             " --db " + shell_quote(db.string()));
  EXPECT_EQ(pull.exit_code, 0) << pull.out << pull.err;
  EXPECT_NE(pull.out.find("one by one"), std::string::npos) << pull.out;
  expect_seeded_history(db, pull, kPullSecret);
  // Again, from the cached metadata: the view's record is stored once.
  RunResult again = run_shell(lineage_bin() + " pull --config " + shell_quote(config.string()) +
                              " --db " + shell_quote(db.string()));
  EXPECT_EQ(again.exit_code, 0) << again.out << again.err;
  expect_seeded_history(db, again, kPullSecret);

  const auto run_db = work.path() / "run.db";
  RunResult run = run_shell(lineage_bin() + " run --no-push --config " +
                            shell_quote(config.string()) + " --db " + shell_quote(run_db.string()));
  EXPECT_EQ(run.exit_code, 0) << run.out << run.err;
  expect_seeded_history(run_db, run, kPullSecret);
  EXPECT_EQ(rows(run_db, kQueries), rows(db, kQueries));
  EXPECT_EQ(rows(run_db, kSubmitted), rows(db, kSubmitted));
}

void AwsMoto::credentials_from_the_shared_files_and_aws_endpoint_url_only() {
  ScopedAwsEnv env;
  env.unset("AWS_CONFIG_FILE");
  env.unset("AWS_SHARED_CREDENTIALS_FILE");
  env.set("AWS_ENDPOINT_URL", url());
  TempDir home;
  const std::string secret = "moto-profile-secret-Hq3nV8";
  write_file(home.path() / ".aws/credentials",
             "[default]\naws_access_key_id = AKIDMOTOPROFILE\naws_secret_access_key = " + secret +
                 "\n");
  write_file(home.path() / ".aws/config",
             "[default]\nregion = us-east-1\n\n[profile chain]\nregion = us-east-1\n"
             "role_arn = arn:aws:iam::123456789012:role/lineage\nsource_profile = default\n");
  // No keys, region or endpoint in the config: everything comes from the environment.
  const auto config = home.path() / "config.json";
  write_file(config, R"({"source": {"type": "athena-usage", "serviceName": "athena_test",
    "serviceConnection": {"config": {"type": "Athena", "awsConfig": {}}},
    "sourceConfig": {"config": {"type": "DatabaseUsage"}}},
    "athenaLineage": {"retryBaseSeconds": 0.01, "maxAttempts": 2}})");
  for (const char* profile : {"default", "chain"}) {
    const auto db = home.path() / (std::string(profile) + ".db");
    RunResult pull = run_shell("HOME=" + shell_quote(home.path().string()) +
                               " AWS_PROFILE=" + profile + " " + lineage_bin() + " pull --config " +
                               shell_quote(config.string()) + " --db " + shell_quote(db.string()));
    EXPECT_EQ(pull.exit_code, 0) << profile << "\n" << pull.out << pull.err;
    const std::string provider =
        std::string(profile) == "chain" ? "assume-role(profile:default)" : "profile:default";
    EXPECT_NE(pull.out.find("credentials:        " + provider), std::string::npos) << pull.out;
    expect_seeded_history(db, pull, secret);
  }
}

void AwsMoto::cli_exports_in_every_timestamp_form_analyze_to_the_same_result() {
  TempDir work;
  // The schemas the pull got from Glue (partition column dt last), as a schema file.
  const auto schema = work.path() / "schema.json";
  write_file(schema, R"({"awsdatacatalog.sales.orders": ["id", "amount", "dt"],
    "awsdatacatalog.sales.daily": ["dt", "total"], "awsdatacatalog.sales.v_big": ["id", "amount"]})");
  std::filesystem::path first;
  std::vector<std::string> exports = {"export_iso8601.json", "export_wire.json", "export_str.json"};
  // Written by the real AWS CLI (a get-query-execution loop into one file) when it is installed.
  for (const char* cli : {"cli_iso8601.json", "cli_none.json"}) {
    if (std::filesystem::exists(seeded(cli))) {
      exports.emplace_back(cli);
    } else {
      std::cout << "note: the aws CLI is not installed; " << cli << " not checked\n";
    }
  }
  for (const std::string& name : exports) {
    const auto db = work.path() / (name + ".db");
    RunResult r =
        run_shell(lineage_bin() + " analyze --schema " + shell_quote(schema.string()) + " --db " +
                  shell_quote(db.string()) + " " + shell_quote(seeded(name.c_str()).string()));
    EXPECT_EQ(r.exit_code, 0) << name << "\n" << r.out << r.err;
    EXPECT_EQ(rows(db, "SELECT id FROM queries ORDER BY id"), seeded_ids()) << name;
    EXPECT_EQ(rows(db, kSyntheticQueries), "") << name; // no Glue here: no view record
    EXPECT_EQ(rows(db, kTableEdges), kExpectedTableEdges) << name;
    EXPECT_EQ(rows(db, kColumnEdges), kExpectedColumnEdges) << name;
    if (first.empty()) {
      first = db;
    } else {
      EXPECT_EQ(rows(db, kQueries), rows(first, kQueries)) << name;
      expect_same_times(db, first);
    }
  }
}

// One test, so that the suite starts moto once even when each test runs in its own process.
TEST_F(AwsMoto, CheckPullRunCredentialChainsAndCliExportsAgreeWithTheSeededHistory) {
  {
    SCOPED_TRACE("check, pull and run --no-push with keys in the config");
    check_pull_and_run_store_exactly_the_seeded_history();
  }
  {
    SCOPED_TRACE("a static profile and a role_arn + source_profile chain, AWS_ENDPOINT_URL only");
    credentials_from_the_shared_files_and_aws_endpoint_url_only();
  }
  {
    SCOPED_TRACE("AWS CLI exports in every timestamp form");
    cli_exports_in_every_timestamp_form_analyze_to_the_same_result();
  }
}

} // namespace
} // namespace athena::testing
