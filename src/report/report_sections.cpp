// The report's tables in display order, shared by the text, markdown, CSV and HTML formats.
#include "src/report/report_sections.h"

#include <cmath>
#include <cstdio>
#include <iterator>

#include "src/report/dbt_sections.h"

namespace athena::report {

namespace {

std::string num(int64_t v) {
  return std::to_string(v);
}

Section tables_section(std::string key, std::string title,
                       const std::vector<store::TableUsage>& tables, bool raw) {
  Section s{std::move(key),
            std::move(title),
            {"rank", "table", "queries", "users", "bytes_scanned", "cost_usd", "failures",
             "first_seen", "last_seen"},
            {true, false, true, true, true, true, true, false, false},
            {},
            "no table was used in the window"};
  size_t rank = 0;
  for (const auto& t : tables) {
    s.rows.push_back({num(static_cast<int64_t>(++rank)), t.name, num(t.queries), num(t.users),
                      raw ? num(std::llround(t.bytes_scanned)) : format_bytes(t.bytes_scanned),
                      raw ? format_usd_raw(t.cost_usd) : format_usd(t.cost_usd), num(t.failures),
                      t.first_seen, t.last_seen});
  }
  return s;
}

Section summary_section(const ReportData& d, bool raw) {
  Section s{"summary", "Summary", {"metric", "value"}, {false, true}, {}, ""};
  s.rows.push_back({"window", window_text(d.options.window)});
  s.rows.push_back({"queries", num(d.queries.total)});
  s.rows.push_back({"analyzed", num(d.queries.analyzed)});
  s.rows.push_back({"parse_failed", num(d.queries.parse_failed)});
  for (const auto& [state, n] : d.queries.by_state)
    s.rows.push_back({"state " + state, num(n)});
  s.rows.push_back({"lineage statements", num(d.coverage.statements)});
  s.rows.push_back({"lineage complete", num(d.coverage.complete)});
  char share[32];
  std::snprintf(share, sizeof share, "%.4f", d.coverage.share);
  s.rows.push_back({"lineage coverage", raw ? share : format_percent(d.coverage.share)});
  return s;
}

Section spenders_section(std::string key, std::string title, const char* who,
                         const std::vector<Spender>& spenders, bool raw) {
  Section s{std::move(key),
            std::move(title),
            {"rank", who, "queries", "bytes_scanned", "cost_usd"},
            {true, false, true, true, true},
            {},
            "no succeeded data statement in the window"};
  size_t rank = 0;
  for (const auto& p : spenders) {
    s.rows.push_back(
        {num(static_cast<int64_t>(++rank)), p.name.empty() && !raw ? "(unknown)" : p.name,
         num(p.queries),
         raw ? num(p.bytes_scanned) : format_bytes(static_cast<double>(p.bytes_scanned)),
         raw ? format_usd_raw(p.cost_usd) : format_usd(p.cost_usd)});
  }
  return s;
}

Section daily_section(const ReportData& d, bool raw) {
  Section s{"daily",
            "Daily trend",
            {"day", "queries", "usage_queries", "succeeded", "failed", "cancelled", "users",
             "bytes_scanned", "cost_usd"},
            {false, true, true, true, true, true, true, true, true},
            {},
            "no query in the window"};
  for (const auto& day : d.daily) {
    s.rows.push_back(
        {day.day, num(day.queries), num(day.usage_queries), num(day.succeeded), num(day.failed),
         num(day.cancelled), num(day.users),
         raw ? num(day.bytes_scanned) : format_bytes(static_cast<double>(day.bytes_scanned)),
         raw ? format_usd_raw(day.cost_usd) : format_usd(day.cost_usd)});
  }
  return s;
}

Section joins_section(const ReportData& d) {
  Section s{"joins",
            "Most-joined table pairs",
            {"left", "right", "queries", "join_keys"},
            {false, false, true, false},
            {},
            "no join in the window"};
  for (const auto& j : d.joins) {
    std::string keys;
    for (const auto& [cols, n] : j.columns) {
      if (!keys.empty()) keys += "; ";
      keys += (cols.empty() ? "(no keys)" : cols) + " (" + num(n) + ")";
    }
    s.rows.push_back({j.left, j.right, num(j.count), keys});
  }
  return s;
}

Section unused_section(const ReportData& d) {
  std::string from;
  for (size_t i = 0; i < d.unused_sources.size(); ++i)
    from += (i == 0 ? "" : i + 1 == d.unused_sources.size() ? " and " : ", ") + d.unused_sources[i];
  Section s{"unused",  "Unused tables (known from " + from + ", never read in the window)",
            {"table"}, {false},
            {},        "every known table was read in the window"};
  for (const auto& t : d.unused_tables)
    s.rows.push_back({t});
  return s;
}

Section shapes_section(const ReportData& d, bool raw) {
  Section s{"shapes",
            "Most expensive query shapes",
            {"rank", "fingerprint", "runs", "succeeded", "failures", "bytes_scanned", "cost_usd",
             "example_query_id", "text"},
            {true, false, true, true, true, true, true, false, false},
            {},
            "no query shape in the window"};
  size_t rank = 0;
  for (const auto& q : d.expensive_shapes) {
    s.rows.push_back(
        {num(static_cast<int64_t>(++rank)), q.fingerprint, num(q.queries), num(q.succeeded),
         num(q.failures),
         raw ? num(q.bytes_scanned) : format_bytes(static_cast<double>(q.bytes_scanned)),
         raw ? format_usd_raw(q.cost_usd) : format_usd(q.cost_usd), q.example_query_id,
         raw ? q.text : one_line(q.text, 80)});
  }
  return s;
}

Section failures_section(const ReportData& d, bool raw) {
  Section s{
      "failures",
      "Failures by error",
      {"error", "queries", "failed", "cancelled", "first_seen", "last_seen", "example_query_id"},
      {false, true, true, true, false, false, false},
      {},
      "no failed or cancelled query in the window"};
  for (const auto& f : d.failures) {
    s.rows.push_back({raw ? f.error : one_line(f.error, 100), num(f.count), num(f.failed),
                      num(f.cancelled), f.first_seen, f.last_seen, f.example_query_id});
  }
  return s;
}

} // namespace

std::vector<Section> build_sections(const ReportData& data, bool raw) {
  std::vector<Section> out;
  out.push_back(summary_section(data, raw));
  out.push_back(
      tables_section("tables_by_queries", "Top tables by queries", data.tables_by_queries, raw));
  out.push_back(
      tables_section("tables_by_users", "Top tables by users", data.tables_by_users, raw));
  out.push_back(
      tables_section("tables_by_bytes", "Top tables by bytes scanned", data.tables_by_bytes, raw));
  out.push_back(tables_section("tables_by_cost", "Top tables by cost", data.tables_by_cost, raw));
  out.push_back(spenders_section("users", "Top users by cost", "user", data.top_users, raw));
  out.push_back(
      spenders_section("workgroups", "Cost by workgroup", "workgroup", data.top_workgroups, raw));
  out.push_back(daily_section(data, raw));
  out.push_back(joins_section(data));
  out.push_back(unused_section(data));
  out.push_back(shapes_section(data, raw));
  out.push_back(failures_section(data, raw));
  if (data.dbt) {
    for (Section& s : dbt_sections(*data.dbt, raw))
      out.push_back(std::move(s));
  }
  return out;
}

std::string format_bytes(double bytes) {
  static constexpr const char* kUnits[] = {"B", "KiB", "MiB", "GiB", "TiB", "PiB"};
  size_t unit = 0;
  double v = bytes;
  while (v >= 1024.0 && unit + 1 < std::size(kUnits)) {
    v /= 1024.0;
    ++unit;
  }
  char buf[64];
  if (unit == 0) {
    std::snprintf(buf, sizeof buf, "%.0f B", v);
  } else {
    std::snprintf(buf, sizeof buf, "%.2f %s", v, kUnits[unit]);
  }
  return buf;
}

std::string format_usd(double usd) {
  char buf[64];
  if (usd != 0 && std::fabs(usd) < 0.01) {
    std::snprintf(buf, sizeof buf, "$%.5f", usd);
  } else {
    // Costs are exact to 5 decimals; the nudge rounds a half cent up ($0.625 -> $0.63).
    std::snprintf(buf, sizeof buf, "$%.2f", usd + (usd >= 0 ? 1e-9 : -1e-9));
  }
  return buf;
}

std::string format_usd_raw(double usd) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.5f", usd);
  return buf;
}

std::string format_percent(double share) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f%%", share * 100.0);
  return buf;
}

std::string one_line(std::string_view text, size_t max) {
  std::string out;
  bool space = false;
  for (char c : text) {
    if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
  }
  if (out.size() > max) {
    size_t cut = max > 3 ? max - 3 : 0;
    // Never cut inside a UTF-8 sequence.
    while (cut > 0 && (static_cast<unsigned char>(out[cut]) & 0xC0) == 0x80)
      --cut;
    out.resize(cut);
    out += "...";
  }
  return out;
}

std::string window_text(const store::DayWindow& window) {
  if (window.since.empty() && window.until.empty()) return "all days";
  if (window.until.empty()) return "since " + window.since;
  if (window.since.empty()) return "until " + window.until;
  return window.since + " to " + window.until;
}

} // namespace athena::report
