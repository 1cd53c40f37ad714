// The truth files agree with the records: counts by state, usage rows that the records can
// explain, lineage edges between known tables and S3 locations, column edges on real columns.
#include <algorithm>
#include <cctype>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "tests/samples/samplegen_support.h"

namespace athena::testing::samples {
namespace {

using simdjson::dom::element;

std::string lower(std::string s) {
  for (auto& c : s)
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::string day_of(int64_t ms) {
  const int64_t days = ms / 86'400'000;
  // Civil date from days since the epoch (Howard Hinnant's algorithm).
  const int64_t z = days + 719468;
  const int64_t era = z / 146097;
  const int64_t doe = z - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  const int64_t d = doy - (153 * mp + 2) / 5 + 1;
  const int64_t m = mp < 10 ? mp + 3 : mp - 9;
  const int64_t y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04lld-%02lld-%02lld", static_cast<long long>(y),
                static_cast<long long>(m), static_cast<long long>(d));
  return buf;
}

struct Rec {
  std::string state;
  std::string statement_type;
  std::string query_lower;
  std::string user;
  bool execute = false;
};

// Records grouped by UTC day, with users from CloudTrail.
std::map<std::string, std::vector<Rec>> records_by_day() {
  std::map<std::string, std::string> user_of;
  for (element ev : standard().trail_records()) {
    const std::string arn = str(ev["userIdentity"].value(), "arn");
    user_of[str(ev["responseElements"].value(), "queryExecutionId")] =
        arn.substr(arn.rfind('/') + 1);
  }
  std::map<std::string, std::vector<Rec>> out;
  for (element qe : standard().executions()) {
    Rec r;
    r.state = str(qe["Status"].value(), "State");
    r.statement_type = str(qe, "StatementType");
    r.query_lower = lower(str(qe, "Query"));
    r.user = user_of[str(qe, "QueryExecutionId")];
    r.execute = r.query_lower.starts_with("execute ");
    out[day_of(millis(qe["Status"].value(), "SubmissionDateTime"))].push_back(std::move(r));
  }
  return out;
}

std::string short_name(const std::string& table) {
  return table.substr(table.rfind('.') + 1);
}

std::set<std::string> schema_tables() {
  std::set<std::string> out;
  simdjson::dom::object o = standard().schema->root.get_object().value();
  for (auto [key, value] : o)
    out.insert(std::string(key));
  return out;
}

TEST(SamplegenTruth, ManifestCountsMatchTheRecords) {
  if (!standard_ok()) return;
  std::map<std::string, int64_t> states;
  std::map<std::string, int64_t> types;
  int64_t syntax_errors = 0;
  for (element qe : standard().executions()) {
    element status = qe["Status"].value();
    ++states[str(status, "State")];
    ++types[str(qe, "StatementType")];
    if (has(status, "AthenaError") && integer(status["AthenaError"].value(), "ErrorType") == 1006)
      ++syntax_errors;
  }
  element m = standard().manifest->root;
  EXPECT_EQ(integer(m, "queries"), kStandardQueries);
  EXPECT_EQ(integer(m, "days"), kStandardDays);
  EXPECT_EQ(integer(m, "seed"), 7);
  EXPECT_EQ(str(m, "start_date"), "2026-03-02");
  for (const auto& [state, n] : states)
    EXPECT_EQ(integer(m["by_state"].value(), state), n) << state;
  for (const auto& [type, n] : types)
    EXPECT_EQ(integer(m["by_statement_type"].value(), type), n) << type;
  EXPECT_EQ(integer(m, "malformed_queries"), syntax_errors);
  EXPECT_GT(syntax_errors, 0);
}

TEST(SamplegenTruth, SchemaHasTheLakeLayersWithColumns) {
  if (!standard_ok()) return;
  const auto tables = schema_tables();
  EXPECT_GE(tables.size(), 50u);
  std::set<std::string> databases;
  bool nested = false;
  for (const auto& t : tables) {
    EXPECT_TRUE(t.starts_with("awsdatacatalog.")) << t;
    databases.insert(t.substr(15, t.find('.', 15) - 15));
    simdjson::dom::array cols = standard().schema->root[t].get_array().value();
    EXPECT_GT(cols.size(), 0u) << t;
    for (element c : cols) {
      EXPECT_FALSE(str(c, "name").empty()) << t;
      const std::string type = str(c, "type");
      EXPECT_FALSE(type.empty()) << t;
      nested = nested || type.starts_with("struct<") || type.starts_with("map<");
    }
  }
  for (const char* db :
       {"raw_shop", "raw_web", "raw_crm", "staging", "marts", "analytics", "sandbox"})
    EXPECT_TRUE(databases.count(db)) << db;
  EXPECT_TRUE(nested);
  // Partition columns come last, as Athena lays them out.
  simdjson::dom::array cols =
      standard().schema->root["awsdatacatalog.raw_web.clickstream"].get_array().value();
  std::vector<std::string> names;
  for (element c : cols)
    names.push_back(str(c, "name"));
  ASSERT_GE(names.size(), 2u);
  EXPECT_EQ(names[names.size() - 2], "dt");
  EXPECT_EQ(names.back(), "hour");
}

TEST(SamplegenTruth, UsageRowsAreSortedAndExplainedByTheRecords) {
  if (!standard_ok()) return;
  const auto rows = read_csv(standard().file("expected_usage.csv"));
  ASSERT_GE(rows.size(), 2u);
  EXPECT_EQ(rows[0], (std::vector<std::string>{"day", "table", "queries", "failures", "users"}));
  const auto by_day = records_by_day();
  const auto known = schema_tables();
  std::pair<std::string, std::string> previous;
  int64_t total_queries = 0;
  for (size_t i = 1; i < rows.size(); ++i) {
    const auto& r = rows[i];
    ASSERT_EQ(r.size(), 5u) << "row " << i;
    const std::pair<std::string, std::string> key{r[0], r[1]};
    EXPECT_LT(previous, key) << "rows sorted by day then table, each once";
    previous = key;
    const int64_t queries = std::stoll(r[2]);
    const int64_t failures = std::stoll(r[3]);
    const int64_t users = std::stoll(r[4]);
    total_queries += queries;
    EXPECT_TRUE(queries > 0 || failures > 0) << r[0] << " " << r[1];
    EXPECT_LE(users, queries);
    if (queries > 0) {
      EXPECT_GE(users, 1);
    }
    EXPECT_TRUE(r[1] == lower(r[1]) && r[1].starts_with("awsdatacatalog.")) << r[1];
    if (!known.count(r[1])) {
      EXPECT_EQ(queries, 0) << r[1] << " exists only in failed queries";
    }
    auto it = by_day.find(r[0]);
    ASSERT_TRUE(it != by_day.end()) << "usage on a day without queries: " << r[0];
    // Upper bounds from the records: queries that could reference the table that day.
    const std::string name = short_name(r[1]);
    int64_t could_succeed = 0;
    int64_t could_fail = 0;
    std::set<std::string> could_users;
    for (const Rec& rec : it->second) {
      if (rec.statement_type != "DML") continue;
      if (!rec.execute && rec.query_lower.find(name) == std::string::npos) continue;
      if (rec.state == "SUCCEEDED") {
        ++could_succeed;
        could_users.insert(rec.user);
      }
      if (rec.state == "FAILED" || rec.state == "CANCELLED") ++could_fail;
    }
    EXPECT_LE(queries, could_succeed) << r[0] << " " << r[1];
    EXPECT_LE(failures, could_fail) << r[0] << " " << r[1];
    EXPECT_LE(users, static_cast<int64_t>(could_users.size())) << r[0] << " " << r[1];
  }
  EXPECT_GT(total_queries, kStandardQueries / 2);
}

TEST(SamplegenTruth, EdgesConnectKnownTablesAndLocations) {
  if (!standard_ok()) return;
  const auto rows = read_csv(standard().file("expected_edges.csv"));
  ASSERT_GE(rows.size(), 20u);
  EXPECT_EQ(rows[0], (std::vector<std::string>{"source", "target"}));
  const auto known = schema_tables();
  std::string succeeded_text;
  for (element qe : standard().executions())
    if (str(qe["Status"].value(), "State") == "SUCCEEDED")
      succeeded_text += lower(str(qe, "Query")) + "\n";
  std::vector<std::string> lines;
  int locations_in = 0;
  int locations_out = 0;
  for (size_t i = 1; i < rows.size(); ++i) {
    ASSERT_EQ(rows[i].size(), 2u);
    const auto& s = rows[i][0];
    const auto& t = rows[i][1];
    lines.push_back(s + "," + t);
    EXPECT_NE(s, t) << "no table-level self edges";
    for (const auto& node : {s, t}) {
      if (node.starts_with("s3://")) {
        EXPECT_EQ(node.back(), '/') << node;
        EXPECT_NE(succeeded_text.find(node), std::string::npos) << node;
      } else {
        EXPECT_TRUE(known.count(node)) << node;
        EXPECT_NE(succeeded_text.find(short_name(node)), std::string::npos) << node;
      }
    }
    if (s.starts_with("s3://")) ++locations_in;
    if (t.starts_with("s3://")) ++locations_out;
  }
  EXPECT_TRUE(std::is_sorted(lines.begin(), lines.end()));
  EXPECT_EQ(std::adjacent_find(lines.begin(), lines.end()), lines.end()) << "edges are distinct";
  EXPECT_GT(locations_in, 0) << "CREATE EXTERNAL TABLE ... LOCATION gives s3 -> table";
  EXPECT_GT(locations_out, 0) << "UNLOAD and CTAS external_location give table -> s3";
}

TEST(SamplegenTruth, ColumnEdgesNameRealColumns) {
  if (!standard_ok()) return;
  const auto rows = read_csv(standard().file("expected_column_edges.csv"));
  ASSERT_GE(rows.size(), 2u);
  EXPECT_EQ(rows[0], (std::vector<std::string>{"source", "target", "transform"}));
  std::map<std::string, std::set<std::string>> columns;
  simdjson::dom::object o = standard().schema->root.get_object().value();
  for (auto [table, cols] : o)
    for (element c : items(cols))
      columns[std::string(table)].insert(str(c, "name"));
  const std::set<std::string> transforms = {"identity", "expression", "aggregation", "window",
                                            "constant"};
  for (size_t i = 1; i < rows.size(); ++i) {
    ASSERT_EQ(rows[i].size(), 3u);
    for (int k = 0; k < 2; ++k) {
      const std::string& col = rows[i][static_cast<size_t>(k)];
      const size_t dot = col.rfind('.');
      EXPECT_TRUE(columns[col.substr(0, dot)].count(col.substr(dot + 1))) << col;
    }
    EXPECT_TRUE(transforms.count(rows[i][2])) << rows[i][2];
  }
}

} // namespace
} // namespace athena::testing::samples
