// The JSON report (CONTRACT.md): one object; numbers are exact (bytes as integers, costs in
// dollars with 5 decimals), days as "YYYY-MM-DD".
#include <cmath>
#include <cstdio>

#include "lineage/json_writer.h"
#include "src/report/dbt_sections.h"
#include "src/report/report_render.h"
#include "src/report/report_sections.h"

namespace athena::report {

namespace {

using lineage::append_json_string;

void key(std::string& out, std::string_view name) {
  append_json_string(out, name);
  out += ':';
}

void append_day_or_null(std::string& out, const std::string& day) {
  if (day.empty()) {
    out += "null";
  } else {
    append_json_string(out, day);
  }
}

void append_tables(std::string& out, const std::vector<store::TableUsage>& tables) {
  out += '[';
  for (size_t i = 0; i < tables.size(); ++i) {
    const auto& t = tables[i];
    if (i > 0) out += ',';
    out += "{\"name\":";
    append_json_string(out, t.name);
    out += ",\"queries\":" + std::to_string(t.queries);
    out += ",\"users\":" + std::to_string(t.users);
    out += ",\"bytes_scanned\":" + std::to_string(std::llround(t.bytes_scanned));
    out += ",\"cost_usd\":" + format_usd_raw(t.cost_usd);
    out += ",\"failures\":" + std::to_string(t.failures);
    out += ",\"first_seen\":";
    append_day_or_null(out, t.first_seen);
    out += ",\"last_seen\":";
    append_day_or_null(out, t.last_seen);
    out += '}';
  }
  out += ']';
}

void append_spenders(std::string& out, const std::vector<Spender>& spenders) {
  out += '[';
  for (size_t i = 0; i < spenders.size(); ++i) {
    const auto& p = spenders[i];
    if (i > 0) out += ',';
    out += "{\"name\":";
    append_json_string(out, p.name);
    out += ",\"queries\":" + std::to_string(p.queries);
    out += ",\"bytes_scanned\":" + std::to_string(p.bytes_scanned);
    out += ",\"cost_usd\":" + format_usd_raw(p.cost_usd) + "}";
  }
  out += ']';
}

void append_daily(std::string& out, const std::vector<store::DayUsage>& days) {
  out += '[';
  for (size_t i = 0; i < days.size(); ++i) {
    const auto& d = days[i];
    if (i > 0) out += ',';
    out += "{\"day\":";
    append_json_string(out, d.day);
    out += ",\"queries\":" + std::to_string(d.queries);
    out += ",\"usage_queries\":" + std::to_string(d.usage_queries);
    out += ",\"succeeded\":" + std::to_string(d.succeeded);
    out += ",\"failed\":" + std::to_string(d.failed);
    out += ",\"cancelled\":" + std::to_string(d.cancelled);
    out += ",\"users\":" + std::to_string(d.users);
    out += ",\"bytes_scanned\":" + std::to_string(d.bytes_scanned);
    out += ",\"cost_usd\":" + format_usd_raw(d.cost_usd) + "}";
  }
  out += ']';
}

void append_joins(std::string& out, const std::vector<store::JoinUsage>& joins) {
  out += '[';
  for (size_t i = 0; i < joins.size(); ++i) {
    const auto& j = joins[i];
    if (i > 0) out += ',';
    out += "{\"left\":";
    append_json_string(out, j.left);
    out += ",\"right\":";
    append_json_string(out, j.right);
    out += ",\"count\":" + std::to_string(j.count) + ",\"columns\":[";
    for (size_t c = 0; c < j.columns.size(); ++c) {
      if (c > 0) out += ',';
      out += "{\"keys\":";
      append_json_string(out, j.columns[c].first);
      out += ",\"count\":" + std::to_string(j.columns[c].second) + "}";
    }
    out += "]}";
  }
  out += ']';
}

void append_shapes(std::string& out, const std::vector<QueryShape>& shapes) {
  out += '[';
  for (size_t i = 0; i < shapes.size(); ++i) {
    const auto& s = shapes[i];
    if (i > 0) out += ',';
    out += "{\"fingerprint\":";
    append_json_string(out, s.fingerprint);
    out += ",\"queries\":" + std::to_string(s.queries);
    out += ",\"succeeded\":" + std::to_string(s.succeeded);
    out += ",\"failures\":" + std::to_string(s.failures);
    out += ",\"bytes_scanned\":" + std::to_string(s.bytes_scanned);
    out += ",\"cost_usd\":" + format_usd_raw(s.cost_usd);
    out += ",\"example_query_id\":";
    append_json_string(out, s.example_query_id);
    out += ",\"text\":";
    append_json_string(out, s.text);
    out += '}';
  }
  out += ']';
}

void append_failures(std::string& out, const std::vector<FailureGroup>& groups) {
  out += '[';
  for (size_t i = 0; i < groups.size(); ++i) {
    const auto& g = groups[i];
    if (i > 0) out += ',';
    out += "{\"error\":";
    append_json_string(out, g.error);
    out += ",\"count\":" + std::to_string(g.count);
    out += ",\"failed\":" + std::to_string(g.failed);
    out += ",\"cancelled\":" + std::to_string(g.cancelled);
    out += ",\"first_seen\":";
    append_day_or_null(out, g.first_seen);
    out += ",\"last_seen\":";
    append_day_or_null(out, g.last_seen);
    out += ",\"example_query_id\":";
    append_json_string(out, g.example_query_id);
    out += '}';
  }
  out += ']';
}

void append_lineage(std::string& out, const std::vector<store::TableEdge>& edges) {
  out += '[';
  for (size_t i = 0; i < edges.size(); ++i) {
    const auto& e = edges[i];
    if (i > 0) out += ',';
    out += "{\"source\":";
    append_json_string(out, e.source);
    out += ",\"target\":";
    append_json_string(out, e.target);
    out += ",\"queries\":" + std::to_string(e.queries) + "}";
  }
  out += ']';
}

} // namespace

std::string render_json(const ReportData& d) {
  std::string out = "{";
  key(out, "window");
  out += "{\"since\":";
  append_day_or_null(out, d.options.window.since);
  out += ",\"until\":";
  append_day_or_null(out, d.options.window.until);
  out += "},";
  key(out, "queries");
  out += "{\"total\":" + std::to_string(d.queries.total) +
         ",\"analyzed\":" + std::to_string(d.queries.analyzed) +
         ",\"parse_failed\":" + std::to_string(d.queries.parse_failed) + ",\"by_state\":{";
  bool first = true;
  for (const auto& [state, n] : d.queries.by_state) {
    if (!first) out += ',';
    first = false;
    key(out, state);
    out += std::to_string(n);
  }
  out += "}},";
  key(out, "tables");
  append_tables(out, d.tables_by_queries);
  out += ',';
  key(out, "tables_by_users");
  append_tables(out, d.tables_by_users);
  out += ',';
  key(out, "tables_by_bytes");
  append_tables(out, d.tables_by_bytes);
  out += ',';
  key(out, "tables_by_cost");
  append_tables(out, d.tables_by_cost);
  out += ',';
  key(out, "daily");
  append_daily(out, d.daily);
  out += ',';
  key(out, "joins");
  append_joins(out, d.joins);
  out += ',';
  key(out, "users");
  append_spenders(out, d.top_users);
  out += ',';
  key(out, "workgroups");
  append_spenders(out, d.top_workgroups);
  out += ',';
  key(out, "unused");
  out += "{\"from\":";
  out += d.unused_from_schema ? "\"schema\"" : "\"database\"";
  out += ",\"known_from\":[";
  for (size_t i = 0; i < d.unused_sources.size(); ++i) {
    if (i > 0) out += ',';
    append_json_string(out, d.unused_sources[i]);
  }
  out += "],\"tables\":[";
  for (size_t i = 0; i < d.unused_tables.size(); ++i) {
    if (i > 0) out += ',';
    append_json_string(out, d.unused_tables[i]);
  }
  out += "]},";
  key(out, "shapes");
  append_shapes(out, d.expensive_shapes);
  out += ',';
  key(out, "failures");
  append_failures(out, d.failures);
  out += ',';
  key(out, "coverage");
  char share[32];
  std::snprintf(share, sizeof share, "%.6f", d.coverage.share);
  out += "{\"statements\":" + std::to_string(d.coverage.statements) +
         ",\"complete\":" + std::to_string(d.coverage.complete) +
         ",\"parse_failed\":" + std::to_string(d.coverage.parse_failed) + ",\"share\":" + share +
         "},";
  key(out, "lineage");
  append_lineage(out, d.lineage);
  if (d.dbt) {
    out += ',';
    key(out, "dbt");
    append_dbt_json(out, *d.dbt);
  }
  out += "}\n";
  return out;
}

} // namespace athena::report
