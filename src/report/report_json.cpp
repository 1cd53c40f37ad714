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
using Raw = JsonWriter::Raw;
using OrNull = JsonWriter::OrNull;

void tables(JsonWriter& w, std::string_view key, const std::vector<store::TableUsage>& tables) {
  w.member_objects(key, tables, [&w](const store::TableUsage& t) {
    w.fields("name", t.name, "queries", t.queries, "users", t.users, "bytes_scanned",
             std::llround(t.bytes_scanned), "cost_usd", Raw{format_usd_raw(t.cost_usd)}, "failures",
             t.failures, "first_seen", OrNull{t.first_seen}, "last_seen", OrNull{t.last_seen});
  });
}

void spenders(JsonWriter& w, std::string_view key, const std::vector<Spender>& spenders) {
  w.member_objects(key, spenders, [&w](const Spender& p) {
    w.fields("name", p.name, "queries", p.queries, "bytes_scanned", p.bytes_scanned, "cost_usd",
             Raw{format_usd_raw(p.cost_usd)});
  });
}

void body(JsonWriter& w, const ReportData& d) {
  w.member_object("window", "since", OrNull{d.options.window.since}, "until",
                  OrNull{d.options.window.until});
  w.key("queries");
  w.begin_object();
  w.fields("total", d.queries.total, "analyzed", d.queries.analyzed, "parse_failed",
           d.queries.parse_failed);
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
  w.member_objects("daily", d.daily, [&w](const store::DayUsage& day) {
    w.fields("day", day.day, "queries", day.queries, "usage_queries", day.usage_queries,
             "succeeded", day.succeeded, "failed", day.failed, "cancelled", day.cancelled, "users",
             day.users, "bytes_scanned", day.bytes_scanned, "cost_usd",
             Raw{format_usd_raw(day.cost_usd)});
  });
  w.member_objects("joins", d.joins, [&w](const store::JoinUsage& j) {
    w.fields("left", j.left, "right", j.right, "count", j.count);
    w.member_objects("columns", j.columns, [&w](const std::pair<std::string, int64_t>& c) {
      w.fields("keys", c.first, "count", c.second);
    });
  });
  spenders(w, "users", d.top_users);
  spenders(w, "workgroups", d.top_workgroups);
  w.member_object("unused", "from", d.unused_from_schema ? "schema" : "database", "known_from",
                  d.unused_sources, "tables", d.unused_tables);
  w.member_objects("shapes", d.expensive_shapes, [&w](const QueryShape& s) {
    w.fields("fingerprint", s.fingerprint, "queries", s.queries, "succeeded", s.succeeded,
             "failures", s.failures, "bytes_scanned", s.bytes_scanned, "cost_usd",
             Raw{format_usd_raw(s.cost_usd)}, "example_query_id", s.example_query_id, "text",
             s.text);
  });
  w.member_objects("failures", d.failures, [&w](const FailureGroup& g) {
    w.fields("error", g.error, "count", g.count, "failed", g.failed, "cancelled", g.cancelled,
             "first_seen", OrNull{g.first_seen}, "last_seen", OrNull{g.last_seen},
             "example_query_id", g.example_query_id);
  });
  w.member_object("coverage", "statements", d.coverage.statements, "complete", d.coverage.complete,
                  "parse_failed", d.coverage.parse_failed, "share",
                  JsonWriter::Fixed{d.coverage.share, 6});
  w.member_objects("lineage", d.lineage, [&w](const store::TableEdge& e) {
    w.fields("source", e.source, "target", e.target, "queries", e.queries);
  });
}

} // namespace

std::string render_json(const ReportData& d) {
  std::string out;
  JsonWriter w(out, false);
  w.begin_object();
  body(w, d);
  if (d.dbt) {
    w.key("dbt");
    write_dbt_json(w, *d.dbt);
  }
  w.end_object();
  out += '\n';
  return out;
}

} // namespace athena::report
