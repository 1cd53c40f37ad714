// Schemas from OpenMetadata: `analyze --config` (and `run` reading a queryLogFilePath) take the
// columns of the config's OpenMetadata service, so a log analyzed without `--schema` still
// pushes column lineage for INSERT, CTAS and MERGE; a column no schema has is reported in the
// database and never sent.
#include <algorithm>
#include <cstdlib>
#include <ctime>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <simdjson.h>

#include "lineage/schema_catalog.h"
#include "src/openmetadata/om_client.h"
#include "src/openmetadata/om_schemas.h"
#include "src/store/sqlite_db.h"
#include "tests/app/aws_pull_fixture.h"
#include "tests/app/om_push_test_env.h"
#include "tests/app/om_truth_check.h"

namespace athena::testing {
namespace {

// One history record in the Athena JSON Lines export format.
std::string record(const std::string& id, const std::string& sql, int second) {
  return R"({"QueryExecutionId": ")" + id + R"(", "Query": ")" + sql +
         R"(", "StatementType": "DML", "QueryExecutionContext": {"Database": "sales", )"
         R"("Catalog": "AwsDataCatalog"}, "Status": {"State": "SUCCEEDED", )"
         R"("SubmissionDateTime": )" +
         std::to_string(1795600000 + second) + R"(}, "WorkGroup": "primary"})" + "\n";
}

class AnalyzeOmSchemas : public ::testing::Test {
protected:
  void SetUp() override {
    // Only OpenMetadata knows these columns; the log has no DDL and no --schema is given.
    write_file(dir_.path() / "om_tables.json", R"({
      "sales.orders": ["id", "amount", "Country"],
      "mart.daily": ["order_id", "total"],
      "mart.copy": ["id", "amount", "country"],
      "mart.ctas_out": ["id", "amount"],
      "mart.summary": ["country", "n"]})");
    setenv("OM_TEST_JWT", kOmJwt, 1);
  }

  std::vector<std::string> fake_args() const {
    std::vector<std::string> args = {"--schema",  (dir_.path() / "om_tables.json").string(),
                                     "--jwt",     kOmJwt,
                                     "--today",   "2026-11-20",
                                     "--service", "lake"};
    if (auto shared = shared_dir()) {
      args.push_back("--schemas");
      args.push_back((*shared / "schemas/openmetadata").string());
    }
    return args;
  }

  // A workflow config for `fake`; `source_config` goes under source.sourceConfig.config.
  std::filesystem::path config(const FakeOpenMetadata& fake, const std::string& source_config) {
    auto path = dir_.path() / "workflow.yaml";
    write_file(path, "source:\n  type: athena-usage\n  serviceName: lake\n"
                     "  serviceConnection:\n    config:\n      type: Athena\n"
                     "      awsConfig:\n        awsRegion: us-east-1\n" +
                         source_config +
                         "workflowConfig:\n  openMetadataServerConfig:\n    hostPort: " +
                         fake.host_port() +
                         "\n    authProvider: openmetadata\n    securityConfig:\n"
                         "      jwtToken: ${OM_TEST_JWT}\n");
    return path;
  }

  std::filesystem::path log(const std::string& records) {
    auto path = dir_.path() / "history.jsonl";
    write_file(path, records);
    return path;
  }

  RunResult analyze(const std::filesystem::path& cfg, const std::filesystem::path& log) {
    return run_shell(lineage_bin() + " analyze --quiet --config " + shell_quote(cfg.string()) +
                     " --db " + shell_quote(db().string()) + " " + shell_quote(log.string()));
  }

  RunResult push(const std::filesystem::path& cfg) {
    return run_shell(lineage_bin() + " push --config " + shell_quote(cfg.string()) + " --db " +
                     shell_quote(db().string()) + " --today 2026-11-20");
  }

  std::filesystem::path db() const { return dir_.path() / "a.db"; }

  TempDir dir_;
};

// Every lineage edge the fake stores, one line each: `from -> to: to_col <- from_col, ...`
// (column FQNs without the `lake.default.` prefix), sorted.
std::string edges_of(const FakeOpenMetadata& fake) {
  simdjson::dom::parser p;
  const std::string state = fake.state();
  simdjson::dom::element doc = p.parse(state);
  const std::string prefix = "lake.default.";
  auto local = [&](std::string fqn) {
    return fqn.starts_with(prefix) ? fqn.substr(prefix.size()) : fqn;
  };
  std::vector<std::string> lines;
  for (simdjson::dom::element e : arr(doc, "edges")) {
    std::vector<std::string> cols;
    for (simdjson::dom::element c : arr(e["lineageDetails"], "columnsLineage")) {
      std::string from;
      for (simdjson::dom::element f : arr(c, "fromColumns")) {
        std::string_view v;
        if (f.get(v) == simdjson::SUCCESS)
          from += (from.empty() ? "" : "+") + local(std::string(v));
      }
      cols.push_back(local(s(c, "toColumn")) + " <- " + from);
    }
    std::sort(cols.begin(), cols.end());
    std::string line = local(s(e, "from")) + " -> " + local(s(e, "to")) + ":";
    for (const auto& c : cols)
      line += " " + c + ";";
    lines.push_back(line);
  }
  std::sort(lines.begin(), lines.end());
  std::string out;
  for (const auto& l : lines)
    out += l + "\n";
  return out;
}

TEST_F(AnalyzeOmSchemas,
       ColumnLineageArrivesForInsertCtasAndMergeWhenOnlyOpenMetadataKnowsColumns) {
  FakeOpenMetadata fake(fake_args());
  ATHENA_REQUIRE_FAKE_OM(fake);
  auto cfg = config(fake, "");
  auto history =
      log(record("q1", "INSERT INTO mart.daily SELECT id, amount FROM sales.orders", 1) +
          record("q2", "INSERT INTO mart.copy SELECT * FROM sales.orders", 2) +
          record("q3", "CREATE TABLE mart.ctas_out AS SELECT id, amount FROM orders", 3) +
          record("q4",
                 "MERGE INTO mart.summary t USING sales.orders s ON t.country = s.country "
                 "WHEN MATCHED THEN UPDATE SET n = s.amount "
                 "WHEN NOT MATCHED THEN INSERT VALUES (s.country, s.id)",
                 4));
  RunResult a = analyze(cfg, history);
  ASSERT_EQ(a.exit_code, 0) << a.out << a.err;
  RunResult p = push(cfg);
  ASSERT_EQ(p.exit_code, 0) << p.out << p.err;
  // mart.daily's columns come by position (order_id <- id), mart.copy's from the star.
  EXPECT_EQ(edges_of(fake),
            "sales.orders -> mart.copy: mart.copy.amount <- sales.orders.amount; "
            "mart.copy.country <- sales.orders.Country; mart.copy.id <- sales.orders.id;\n"
            "sales.orders -> mart.ctas_out: mart.ctas_out.amount <- sales.orders.amount; "
            "mart.ctas_out.id <- sales.orders.id;\n"
            "sales.orders -> mart.daily: mart.daily.order_id <- sales.orders.id; "
            "mart.daily.total <- sales.orders.amount;\n"
            "sales.orders -> mart.summary: mart.summary.country <- sales.orders.Country; "
            "mart.summary.n <- sales.orders.amount; mart.summary.n <- sales.orders.id;\n");
}

TEST_F(AnalyzeOmSchemas, RunReadingAQueryLogFileUsesOpenMetadataColumns) {
  FakeOpenMetadata fake(fake_args());
  ATHENA_REQUIRE_FAKE_OM(fake);
  auto history = log(record("q2", "INSERT INTO mart.copy SELECT * FROM sales.orders", 2));
  auto cfg = config(fake, "  sourceConfig:\n    config:\n      type: DatabaseUsage\n"
                          "      queryLogFilePath: " +
                              history.string() + "\n");
  RunResult r = run_shell(lineage_bin() + " run --quiet --config " + shell_quote(cfg.string()) +
                          " --db " + shell_quote(db().string()));
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_EQ(edges_of(fake), "sales.orders -> mart.copy: mart.copy.amount <- sales.orders.amount; "
                            "mart.copy.country <- sales.orders.Country; "
                            "mart.copy.id <- sales.orders.id;\n");
}

TEST_F(AnalyzeOmSchemas, AColumnNoSchemaHasIsReportedNeverInvented) {
  FakeOpenMetadata fake(fake_args());
  ATHENA_REQUIRE_FAKE_OM(fake);
  auto cfg = config(fake, "");
  auto history = log(
      record("b1", "INSERT INTO mart.daily (order_id, bogus) SELECT id, amount FROM orders", 1) +
      record("b2", "INSERT INTO mart.copy SELECT id, nosuchcol, country FROM orders", 2));
  RunResult a = analyze(cfg, history);
  ASSERT_EQ(a.exit_code, 0) << a.out << a.err;
  {
    store::Db store(db().string());
    store::Statement q(store, "SELECT kind, message, line, col FROM query_errors ORDER BY message");
    std::string errors;
    while (q.step())
      errors += q.text(0) + " " + std::to_string(q.int64(2)) + ":" + std::to_string(q.int64(3)) +
                " " + q.text(1) + "\n";
    EXPECT_EQ(errors,
              "resolution 1:35 column 'bogus' is not a column of awsdatacatalog.mart.daily\n"
              "resolution 1:34 column 'nosuchcol' cannot be resolved\n");
  }
  RunResult p = push(cfg);
  ASSERT_EQ(p.exit_code, 0) << p.out << p.err;
  // Only the columns both sides know: no mart.daily.bogus, nothing from sales.orders.nosuchcol.
  EXPECT_EQ(edges_of(fake),
            "sales.orders -> mart.copy: mart.copy.country <- sales.orders.Country; "
            "mart.copy.id <- sales.orders.id;\n"
            "sales.orders -> mart.daily: mart.daily.order_id <- sales.orders.id;\n");
  const std::string received = fake.received();
  EXPECT_EQ(received.find("lake.default.mart.daily.bogus"), std::string::npos);
  EXPECT_EQ(received.find("lake.default.sales.orders.nosuchcol"), std::string::npos);
}

TEST_F(AnalyzeOmSchemas, RunPullingFromAthenaUsesOpenMetadataColumns) {
  FakeOpenMetadata om(fake_args());
  ATHENA_REQUIRE_FAKE_OM(om);
  // A recent execution (the pull window), and no table metadata at the fake Athena.
  const int ago = static_cast<int>(std::time(nullptr) - 3600 - 1795600000);
  auto history = log(record("q2", "INSERT INTO mart.copy SELECT * FROM sales.orders", ago));
  FakeAws athena(pull_fake_args({"--history", history.string(), "--workgroups", "1"}));
  ASSERT_TRUE(athena.ok()) << "the fake Athena did not start";
  std::string json = pull_config_json(athena.url());
  json.replace(json.find("\"athena_test\""), 13, "\"lake\"");
  json.pop_back(); // the closing brace of the document
  json += R"(, "workflowConfig": {"openMetadataServerConfig": {"hostPort": ")" + om.host_port() +
          R"(", "authProvider": "openmetadata", "securityConfig": {"jwtToken": ")" + kOmJwt +
          "\"}}}}";
  const auto cfg = dir_.path() / "workflow.json";
  write_file(cfg, json);
  RunResult r = run_shell(lineage_bin() + " run --quiet --config " + shell_quote(cfg.string()) +
                          " --db " + shell_quote(db().string()));
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_EQ(edges_of(om), "sales.orders -> mart.copy: mart.copy.amount <- sales.orders.amount; "
                          "mart.copy.country <- sales.orders.Country; "
                          "mart.copy.id <- sales.orders.id;\n");
}

openmetadata::OmClientOptions client_options(const FakeOpenMetadata& fake, std::string jwt) {
  openmetadata::OmClientOptions o;
  o.host_port = fake.host_port();
  o.bearer = true;
  o.jwt = util::Secret(std::move(jwt));
  o.max_attempts = 1;
  return o;
}

TEST_F(AnalyzeOmSchemas, TheServiceTablesArePagedWithTheirColumnsInOrder) {
  FakeOpenMetadata fake(fake_args());
  ATHENA_REQUIRE_FAKE_OM(fake);
  openmetadata::OmClient client(client_options(fake, kOmJwt));
  openmetadata::NameMapping mapping;
  mapping.service = "lake";
  lineage::SchemaCatalog catalog;
  auto summary = openmetadata::load_om_schemas(client, mapping, catalog, 2);
  EXPECT_EQ(summary.error, "");
  EXPECT_EQ(summary.tables, 5u);
  EXPECT_EQ(summary.requests, 3u); // 2 + 2 + 1 tables
  std::string got;
  for (const lineage::TableSchema* t : catalog.all()) {
    got += t->name.str() + ":";
    for (const auto& c : t->columns)
      got += " " + c.name + " " + c.type;
    got += "\n";
  }
  EXPECT_EQ(got, "awsdatacatalog.mart.copy: id string amount string country string\n"
                 "awsdatacatalog.mart.ctas_out: id string amount string\n"
                 "awsdatacatalog.mart.daily: order_id string total string\n"
                 "awsdatacatalog.mart.summary: country string n string\n"
                 "awsdatacatalog.sales.orders: id string amount string country string\n");
}

TEST_F(AnalyzeOmSchemas, ARefusedListingNamesTheRequestNotTheToken) {
  FakeOpenMetadata fake(fake_args());
  ATHENA_REQUIRE_FAKE_OM(fake);
  openmetadata::OmClient client(client_options(fake, "wrong-token-value"));
  openmetadata::NameMapping mapping;
  mapping.service = "lake";
  lineage::SchemaCatalog catalog;
  auto summary = openmetadata::load_om_schemas(client, mapping, catalog);
  EXPECT_EQ(summary.tables, 0u);
  EXPECT_EQ(catalog.size(), 0u);
  EXPECT_EQ(summary.error, "GET /tables?database=lake.default&fields=columns&limit=1000: HTTP 401 "
                           "missing or invalid bearer token");
  EXPECT_EQ(summary.error.find("wrong-token-value"), std::string::npos);
}

} // namespace
} // namespace athena::testing
