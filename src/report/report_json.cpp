// The JSON report (CONTRACT.md): one object; numbers are exact (bytes as integers, costs in
// dollars with 5 decimals), days as "YYYY-MM-DD".
#include <cmath>

#include "lineage/json_writer.h"
#include "src/report/dbt_sections.h"
#include "src/report/report_render.h"
#include "src/report/report_sections.h"

namespace athena::report {

namespace {

using lineage::JsonWriter;

void usd(JsonWriter& w, std::string_view key, double dollars) {
  w.key(key);
  w.raw_number(format_usd_raw(dollars));
}

void day_or_null(JsonWriter& w, std::string_view key, const std::string& day) {
  w.key(key);
  w.string_or_null(day);
}

void tables(JsonWriter& w, std::string_view key, const std::vector<store::TableUsage>& tables) {
  w.key(key);
  w.begin_array();
  for (const auto& t : tables) {
    w.begin_object();
    w.member("name", t.name);
    w.member_int("queries", t.queries);
    w.member_int("users", t.users);
    w.member_int("bytes_scanned", std::llround(t.bytes_scanned));
    usd(w, "cost_usd", t.cost_usd);
    w.member_int("failures", t.failures);
    day_or_null(w, "first_seen", t.first_seen);
    day_or_null(w, "last_seen", t.last_seen);
    w.end_object();
  }
  w.end_array();
}

void spenders(JsonWriter& w, std::string_view key, const std::vector<Spender>& spenders) {
  w.key(key);
  w.begin_array();
  for (const auto& p : spenders) {
    w.begin_object();
    w.member("name", p.name);
    w.member_int("queries", p.queries);
    w.member_int("bytes_scanned", p.bytes_scanned);
    usd(w, "cost_usd", p.cost_usd);
    w.end_object();
  }
  w.end_array();
}

void daily(JsonWriter& w, const std::vector<store::DayUsage>& days) {
  w.key("daily");
  w.begin_array();
  for (const auto& d : days) {
    w.begin_object();
    w.member("day", d.day);
    w.member_int("queries", d.queries);
    w.member_int("usage_queries", d.usage_queries);
    w.member_int("succeeded", d.succeeded);
    w.member_int("failed", d.failed);
    w.member_int("cancelled", d.cancelled);
    w.member_int("users", d.users);
    w.member_int("bytes_scanned", d.bytes_scanned);
    usd(w, "cost_usd", d.cost_usd);
    w.end_object();
  }
  w.end_array();
}

void joins(JsonWriter& w, const std::vector<store::JoinUsage>& joins) {
  w.key("joins");
  w.begin_array();
  for (const auto& j : joins) {
    w.begin_object();
    w.member("left", j.left);
    w.member("right", j.right);
    w.member_int("count", j.count);
    w.key("columns");
    w.begin_array();
    for (const auto& [keys, count] : j.columns) {
      w.begin_object();
      w.member("keys", keys);
      w.member_int("count", count);
      w.end_object();
    }
    w.end_array();
    w.end_object();
  }
  w.end_array();
}

void shapes(JsonWriter& w, const std::vector<QueryShape>& shapes) {
  w.key("shapes");
  w.begin_array();
  for (const auto& s : shapes) {
    w.begin_object();
    w.member("fingerprint", s.fingerprint);
    w.member_int("queries", s.queries);
    w.member_int("succeeded", s.succeeded);
    w.member_int("failures", s.failures);
    w.member_int("bytes_scanned", s.bytes_scanned);
    usd(w, "cost_usd", s.cost_usd);
    w.member("example_query_id", s.example_query_id);
    w.member("text", s.text);
    w.end_object();
  }
  w.end_array();
}

void failures(JsonWriter& w, const std::vector<FailureGroup>& groups) {
  w.key("failures");
  w.begin_array();
  for (const auto& g : groups) {
    w.begin_object();
    w.member("error", g.error);
    w.member_int("count", g.count);
    w.member_int("failed", g.failed);
    w.member_int("cancelled", g.cancelled);
    day_or_null(w, "first_seen", g.first_seen);
    day_or_null(w, "last_seen", g.last_seen);
    w.member("example_query_id", g.example_query_id);
    w.end_object();
  }
  w.end_array();
}

void lineage_edges(JsonWriter& w, const std::vector<store::TableEdge>& edges) {
  w.key("lineage");
  w.begin_array();
  for (const auto& e : edges) {
    w.begin_object();
    w.member("source", e.source);
    w.member("target", e.target);
    w.member_int("queries", e.queries);
    w.end_object();
  }
  w.end_array();
}

} // namespace

std::string render_json(const ReportData& d) {
  std::string out;
  JsonWriter w(out, false);
  w.begin_object();
  w.key("window");
  w.begin_object();
  day_or_null(w, "since", d.options.window.since);
  day_or_null(w, "until", d.options.window.until);
  w.end_object();
  w.key("queries");
  w.begin_object();
  w.member_int("total", d.queries.total);
  w.member_int("analyzed", d.queries.analyzed);
  w.member_int("parse_failed", d.queries.parse_failed);
  w.key("by_state");
  w.begin_object();
  for (const auto& [state, n] : d.queries.by_state)
    w.member_int(state, n);
  w.end_object();
  w.end_object();
  tables(w, "tables", d.tables_by_queries);
  tables(w, "tables_by_users", d.tables_by_users);
  tables(w, "tables_by_bytes", d.tables_by_bytes);
  tables(w, "tables_by_cost", d.tables_by_cost);
  daily(w, d.daily);
  joins(w, d.joins);
  spenders(w, "users", d.top_users);
  spenders(w, "workgroups", d.top_workgroups);
  w.key("unused");
  w.begin_object();
  w.member("from", d.unused_from_schema ? "schema" : "database");
  w.member_strings("known_from", d.unused_sources);
  w.member_strings("tables", d.unused_tables);
  w.end_object();
  shapes(w, d.expensive_shapes);
  failures(w, d.failures);
  w.key("coverage");
  w.begin_object();
  w.member_int("statements", d.coverage.statements);
  w.member_int("complete", d.coverage.complete);
  w.member_int("parse_failed", d.coverage.parse_failed);
  w.key("share");
  w.fixed(d.coverage.share, 6);
  w.end_object();
  lineage_edges(w, d.lineage);
  if (d.dbt) {
    w.key("dbt");
    write_dbt_json(w, *d.dbt);
  }
  w.end_object();
  out += '\n';
  return out;
}

} // namespace athena::report
