// The fake OpenMetadata's end state checked against an athena-samplegen history's truth files
// (expected_edges.csv, expected_column_edges.csv, expected_usage.csv): every table edge,
// column edge (with its function) and usage count, exactly once.
#pragma once

#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <utility>

#include <gtest/gtest.h>
#include <simdjson.h>

#include "tests/app/om_push_test_env.h"

namespace athena::testing {

inline std::string s(simdjson::dom::element e, const char* key) {
  std::string_view v;
  return e[key].get(v) == simdjson::SUCCESS ? std::string(v) : std::string();
}

/// The array member `key` of `e` (empty when absent).
inline simdjson::dom::array arr(simdjson::dom::element e, const char* key) {
  simdjson::dom::array a;
  if (e[key].get_array().get(a) != simdjson::SUCCESS) return {};
  return a;
}

inline int64_t n(simdjson::dom::element e, const char* key) {
  int64_t v = -1;
  return e[key].get(v) == simdjson::SUCCESS ? v : -1;
}

/// What the fake received: successful writes by method + path (+ usage date).
struct Received {
  std::map<std::string, int> writes_2xx;
  int writes = 0;
  int non_2xx_other_than_injected = 0;
};

inline Received summarize(const std::string& json) {
  using simdjson::dom::element;
  simdjson::dom::parser p;
  Received out;
  element all = p.parse(json);
  for (element r : simdjson::dom::array(all)) {
    const std::string method = s(r, "method");
    if (method == "GET") continue;
    ++out.writes;
    const int64_t status = n(r, "status");
    std::string key = method + " " + s(r, "path");
    element body;
    if (r["body"].get(body) == simdjson::SUCCESS && body.is_object()) {
      if (!s(body, "date").empty()) key += " " + s(body, "date");
      if (!s(body, "startDate").empty()) key += " " + s(body, "startDate");
      if (!s(body, "query").empty()) key += " " + s(body, "query");
      element edge;
      if (body["edge"].get(edge) == simdjson::SUCCESS)
        key += " " + s(edge["fromEntity"], "id") + ">" + s(edge["toEntity"], "id");
    }
    if (status >= 200 && status < 300) {
      ++out.writes_2xx[key];
    } else if (status != 503 && status != 0) {
      ++out.non_2xx_other_than_injected;
    }
  }
  return out;
}

struct TruthCounts {
  size_t table_edges = 0; ///< expected edges between two tables
  int s3_edges = 0;       ///< expected edges with an S3 end (not sent to OpenMetadata)
  size_t column_edges = 0;
};

/// Checks the fake's /_fake/state against the truth files in `truth`; returns what they hold.
/// Usage of `waiting_from` and later days is not settled yet: it must not have been sent.
inline TruthCounts expect_state_matches_truth(const std::string& state_json,
                                              const std::filesystem::path& truth,
                                              const std::string& waiting_from = "9999-12-31") {
  using simdjson::dom::element;
  simdjson::dom::parser p;
  element state = p.parse(state_json);
  // Table edges: every expected edge between two tables, exactly once, and nothing else.
  std::set<std::pair<std::string, std::string>> want_edges;
  int s3_edges = 0;
  for (const auto& row : read_csv(truth / "expected_edges.csv")) {
    if (row[0].starts_with("s3://") || row[1].starts_with("s3://")) {
      ++s3_edges;
      continue;
    }
    want_edges.insert({om_name(row[0]), om_name(row[1])});
  }
  std::set<std::pair<std::string, std::string>> got_edges;
  std::map<std::string, std::string> column_function; // "from>to" -> function
  std::map<std::string, int> column_seen;
  for (element e : arr(state, "edges")) {
    got_edges.insert({s(e, "from"), s(e, "to")});
    element details = e["lineageDetails"];
    // The sample names its views v_*: their edges come from CREATE VIEW.
    const bool view = s(e, "to").find(".v_") != std::string::npos;
    EXPECT_EQ(s(details, "source"), view ? "ViewLineage" : "QueryLineage") << s(e, "to");
    EXPECT_FALSE(s(details, "sqlQuery").empty());
    for (element c : arr(details, "columnsLineage")) {
      for (element f : arr(c, "fromColumns")) {
        const std::string k = std::string(f.get_string().value()) + ">" + s(c, "toColumn");
        column_function[k] = s(c, "function");
        ++column_seen[k];
      }
    }
  }
  EXPECT_EQ(got_edges, want_edges);
  // Column edges: each expected one in its edge's columnsLineage once, with its function.
  const auto columns = read_csv(truth / "expected_column_edges.csv");
  for (const auto& row : columns) {
    const std::string k = om_name(row[0]) + ">" + om_name(row[1]);
    EXPECT_EQ(column_seen[k], 1) << k;
    EXPECT_EQ(column_function[k], row[2]) << k;
  }
  // Usage: every expected (day, table) count with queries, exactly.
  std::map<std::pair<std::string, std::string>, int64_t> usage;
  for (element u : arr(state, "usage"))
    usage[{s(u, "date"), s(u, "table")}] = n(u, "count");
  std::map<std::pair<std::string, std::string>, int64_t> want_usage;
  for (const auto& row : read_csv(truth / "expected_usage.csv")) {
    if (std::stoll(row[2]) > 0 && row[0] < waiting_from)
      want_usage[{row[0], om_name(row[1])}] = std::stoll(row[2]);
  }
  EXPECT_EQ(usage, want_usage);
  // Schema and database usage are the sums of their tables' (nothing counted twice).
  std::map<std::pair<std::string, std::string>, int64_t> schema_sum;
  for (const auto& [k, c] : want_usage) {
    const std::string& t = k.second;
    schema_sum[{t.substr(0, t.rfind('.')), k.first}] += c;
  }
  std::map<std::pair<std::string, std::string>, int64_t> schema_usage;
  for (element u : arr(state, "schema_usage"))
    schema_usage[{s(u, "schema"), s(u, "date")}] = n(u, "count");
  EXPECT_EQ(schema_usage, schema_sum);
  // One percentile computation per reported day for tables and databases.
  std::set<std::string> days;
  for (const auto& [k, c] : want_usage)
    days.insert(k.first);
  EXPECT_EQ(arr(state, "percentiles").size(), days.size() * 2);
  return TruthCounts{want_edges.size(), s3_edges, columns.size()};
}

} // namespace athena::testing
