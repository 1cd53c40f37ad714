// The HTML report: one self-contained page (inline CSS and SVG, no script, nothing fetched).
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>

#include "src/readers/time_text.h"
#include "src/report/graph_layout.h"
#include "src/report/report_render.h"
#include "src/report/report_sections.h"
#include "src/util/text_escape.h"

namespace athena::report {

namespace {

std::string esc(std::string_view s) {
  return util::html_escape(s);
}

std::string fmt(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", v);
  return buf;
}

constexpr const char* kStyle = R"(body{font-family:sans-serif;margin:2em;color:#222}
h1{font-size:1.6em}h2{font-size:1.2em;margin-top:2em;border-bottom:1px solid #ccc}
table{border-collapse:collapse;font-size:.9em}td,th{border:1px solid #ddd;padding:3px 8px}
th{background:#f3f3f3}td.n{text-align:right}.cards{display:flex;gap:1em;flex-wrap:wrap}
.card{border:1px solid #ccc;border-radius:6px;padding:.6em 1em}.card b{display:block;font-size:1.4em}
.note{color:#666;font-style:italic}svg text{font-size:11px;font-family:sans-serif}
svg{max-width:100%;height:auto}.cut{max-width:32em;overflow:hidden;text-overflow:ellipsis;
white-space:nowrap}details pre{white-space:pre-wrap;overflow-wrap:anywhere;max-width:60em}
details summary{cursor:pointer}td details{max-width:40em}
td details summary{overflow:hidden;text-overflow:ellipsis;white-space:nowrap})";

/// A name or text cell: cut with an ellipsis past the cell's width, the whole of it in the
/// tooltip, so a 10 KB name cannot push the number columns off the page.
std::string cut(std::string_view text) {
  return R"(<div class="cut" title=")" + esc(text) + "\">" + esc(text) + "</div>";
}

/// A label for a box of fixed width: the start and the end of the name (the end tells apart
/// `s3://bucket/a/2026-01-01/` from `.../2026-01-02/`).
std::string middle_cut(const std::string& name, size_t max) {
  std::string flat = one_line(name, name.size() + 3);
  if (flat.size() <= max) return flat;
  size_t head = max / 2 - 1, tail = flat.size() - (max - head - 1);
  while (head > 0 && (static_cast<unsigned char>(flat[head]) & 0xC0) == 0x80)
    --head;
  while (tail < flat.size() && (static_cast<unsigned char>(flat[tail]) & 0xC0) == 0x80)
    ++tail;
  return flat.substr(0, head) + "\u2026" + flat.substr(tail);
}

void append_cards(std::string& out, const ReportData& d) {
  double cost = 0;
  for (const auto& day : d.daily)
    cost += day.cost_usd;
  auto card = [&](const std::string& id, const std::string& label, const std::string& value) {
    out +=
        R"(<div class="card" id=")" + id + "\"><b>" + esc(value) + "</b>" + esc(label) + "</div>";
  };
  out += R"(<section id="summary"><h2>Summary</h2><div class="cards">)";
  card("card-queries", "queries", std::to_string(d.queries.total));
  card("card-parse-failed", "failed to parse", std::to_string(d.queries.parse_failed));
  for (const auto& [state, n] : d.queries.by_state)
    card("card-state-" + state, state, std::to_string(n));
  card("card-coverage", "lineage coverage", format_percent(d.coverage.share));
  card("card-cost", "cost of usage queries", format_usd(cost));
  out += "</div></section>\n";
}

/// Days since 1970-01-01 of "YYYY-MM-DD" (the store's day keys are always in that form).
int64_t day_number(const std::string& day) {
  return readers::days_from_civil(std::stoll(day.substr(0, 4)),
                                  static_cast<unsigned>(std::stoul(day.substr(5, 2))),
                                  static_cast<unsigned>(std::stoul(day.substr(8, 2))));
}

/// "YYYY-MM-DD" of a day number.
std::string day_text(int64_t days) {
  return readers::format_day(days * 86'400'000);
}

/// One bar of the trend chart: a day, a week (from its Monday) or a month.
struct Period {
  std::string label;
  int64_t queries = 0, usage = 0, succeeded = 0, failed = 0, cancelled = 0;
};

/// The days as bars: each day up to 90 days, weeks up to a year, months beyond, so a long
/// history stays a chart that fits the page.
std::vector<Period> periods(const std::vector<store::DayUsage>& daily, std::string* unit) {
  const int64_t span = day_number(daily.back().day) - day_number(daily.front().day) + 1;
  *unit = span <= 90 ? "day" : span <= 366 ? "week" : "month";
  std::vector<Period> out;
  for (const auto& day : daily) {
    std::string label = day.day;
    if (*unit == "week") {
      const int64_t n = day_number(day.day);
      const int64_t monday = n - ((n + 3) % 7 + 7) % 7; // 1970-01-01 was a Thursday
      label = "week of " + day_text(monday);
    } else if (*unit == "month") {
      label = day.day.substr(0, 7);
    }
    if (out.empty() || out.back().label != label) out.push_back({label});
    Period& p = out.back();
    p.queries += day.queries;
    p.usage += day.usage_queries;
    p.succeeded += day.succeeded;
    p.failed += day.failed;
    p.cancelled += day.cancelled;
  }
  return out;
}

/// Stacked bars per day (week, month): usage queries, other succeeded, failed, cancelled.
void append_trend_chart(std::string& out, const ReportData& d) {
  out += "<section id=\"trend\"><h2>Daily trend</h2>";
  if (d.daily.empty()) {
    out += "<p class=\"note\">no query in the window</p></section>\n";
    return;
  }
  std::string unit;
  const std::vector<Period> bars = periods(d.daily, &unit);
  int64_t max = 1;
  for (const auto& p : bars)
    max = std::max(max, p.queries);
  // At most 1,200 px of bars: a page 1,400 px wide shows the whole chart.
  const double step = std::min(34.0, 1200.0 / static_cast<double>(bars.size()));
  const double bar = step * 0.8, height = 160, left = 40, top = 15;
  const double width = left + static_cast<double>(bars.size()) * step + 70;
  const double label_every = std::ceil(14.0 / step); // labels need ~14 px
  out += R"(<svg xmlns="http://www.w3.org/2000/svg" width=")" + fmt(width) + "\" height=\"" +
         fmt(height + top + 100) + "\" viewBox=\"0 0 " + fmt(width) + " " +
         fmt(height + top + 100) + R"(" role="img" aria-label="queries per )" + unit + "\">";
  out += R"(<text x="0" y=")" + fmt(top + 4) + "\">" + std::to_string(max) + "</text>";
  out += "<line x1=\"" + fmt(left - 4) + "\" y1=\"" + fmt(top + height) + "\" x2=\"" + fmt(width) +
         "\" y2=\"" + fmt(top + height) + R"(" stroke="#999"/>)";
  const double scale = height / static_cast<double>(max);
  for (size_t i = 0; i < bars.size(); ++i) {
    const Period& p = bars[i];
    const double x = left + static_cast<double>(i) * step;
    double y = top + height;
    const std::pair<int64_t, const char*> parts[] = {
        {p.usage, "#4a7bd0"},
        {std::max<int64_t>(0, p.succeeded - p.usage), "#9bb7e8"},
        {p.failed, "#d0524a"},
        {p.cancelled, "#e0a040"}};
    for (const auto& [n, color] : parts) {
      if (n <= 0) continue;
      const double h = static_cast<double>(n) * scale;
      y -= h;
      out += "<rect x=\"" + fmt(x) + "\" y=\"" + fmt(y) + "\" width=\"" + fmt(bar) +
             "\" height=\"" + fmt(h) + "\" fill=\"" + color + "\"><title>" + esc(p.label) + ": " +
             std::to_string(n) + "</title></rect>";
    }
    if (i % static_cast<size_t>(label_every) == 0) {
      out += "<text transform=\"translate(" + fmt(x + bar / 2) + "," + fmt(top + height + 8) +
             ") rotate(60)\">" + esc(unit == "week" ? p.label.substr(8) : p.label) + "</text>";
    }
  }
  out += "</svg><p class=\"note\">";
  if (unit != "day") out += "One bar per " + unit + " (the window spans more than 90 days). ";
  out += "Blue: usage queries; light blue: other succeeded; red: failed; orange: "
         "cancelled.</p></section>\n";
}

/// Horizontal bars of the top tables by cost.
void append_cost_chart(std::string& out, const ReportData& d) {
  out += "<section id=\"cost-chart\"><h2>Cost by table</h2>";
  double max = 0;
  for (const auto& t : d.tables_by_cost)
    max = std::max(max, t.cost_usd);
  if (d.tables_by_cost.empty() || max <= 0) {
    out += "<p class=\"note\">no cost in the window</p></section>\n";
    return;
  }
  const double row = 20, label = 330, span = 300;
  const std::string svg_w = fmt(label + span + 90);
  const std::string svg_h = fmt(row * static_cast<double>(d.tables_by_cost.size()) + 10);
  out += R"(<svg xmlns="http://www.w3.org/2000/svg" width=")" + svg_w + "\" height=\"" + svg_h +
         "\" viewBox=\"0 0 " + svg_w + " " + svg_h + R"(" role="img" aria-label="cost by table">)";
  for (size_t i = 0; i < d.tables_by_cost.size(); ++i) {
    const auto& t = d.tables_by_cost[i];
    const double y = static_cast<double>(i) * row + 5;
    const double w = std::max(1.0, span * t.cost_usd / max);
    out += R"(<text x="0" y=")" + fmt(y + 13) + "\">" + esc(middle_cut(t.name, 50)) + "<title>" +
           esc(t.name) + "</title></text>";
    out += "<rect x=\"" + fmt(label) + "\" y=\"" + fmt(y) + "\" width=\"" + fmt(w) +
           "\" height=\"" + fmt(row - 5) + R"(" fill="#4a7bd0"/>)";
    out += "<text x=\"" + fmt(label + w + 5) + "\" y=\"" + fmt(y + 13) + "\">" +
           esc(format_usd(t.cost_usd)) + "</text>";
  }
  out += "</svg></section>\n";
}

/// The most-used tables and their neighbours, in columns by longest distance from a source:
/// the picture when Graphviz cannot draw it.
void append_hand_layout(std::string& out, const ReportData& d) {
  std::map<std::string, int> layer;
  for (const auto& e : d.lineage) {
    layer.emplace(e.source, 0);
    layer.emplace(e.target, 0);
  }
  // Longest-path layering; bounded by the node count so cycles end.
  for (size_t round = 0; round < layer.size(); ++round) {
    bool changed = false;
    for (const auto& e : d.lineage) {
      if (e.source == e.target) continue;
      const int want = layer[e.source] + 1;
      if (layer[e.target] < want && want < static_cast<int>(layer.size())) {
        layer[e.target] = want;
        changed = true;
      }
    }
    if (!changed) break;
  }
  std::map<int, std::vector<std::string>> columns;
  for (const auto& [name, l] : layer)
    columns[l].push_back(name);
  const double col_w = 320, row_h = 34, box_w = 290, box_h = 24;
  std::map<std::string, std::pair<double, double>> pos;
  size_t rows = 0;
  int col_index = 0;
  for (const auto& [l, names] : columns) {
    for (size_t i = 0; i < names.size(); ++i) {
      pos[names[i]] = {10 + col_w * col_index, 10 + row_h * static_cast<double>(i)};
    }
    rows = std::max(rows, names.size());
    ++col_index;
  }
  const std::string svg_w = fmt(20 + col_w * static_cast<double>(columns.size()));
  const std::string svg_h = fmt(20 + row_h * static_cast<double>(rows));
  out += R"(<svg xmlns="http://www.w3.org/2000/svg" width=")" + svg_w + "\" height=\"" + svg_h +
         "\" viewBox=\"0 0 " + svg_w + " " + svg_h +
         "\" role=\"img\" aria-label=\"lineage graph\"><defs><marker id=\"arrow\" "
         "viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"6\" markerHeight=\"6\" "
         "orient=\"auto\"><path d=\"M0,0L10,5L0,10z\" fill=\"#777\"/></marker></defs>";
  for (const auto& e : d.lineage) {
    const auto [sx, sy] = pos[e.source];
    const auto [tx, ty] = pos[e.target];
    out += R"(<path class="edge" d="M)" + fmt(sx + box_w) + "," + fmt(sy + box_h / 2) + " C" +
           fmt(sx + box_w + 25) + "," + fmt(sy + box_h / 2) + " " + fmt(tx - 25) + "," +
           fmt(ty + box_h / 2) + " " + fmt(tx) + "," + fmt(ty + box_h / 2) +
           "\" fill=\"none\" stroke=\"#777\" marker-end=\"url(#arrow)\"><title>" +
           esc(e.source + " -> " + e.target + " (" + std::to_string(e.queries) + " queries)") +
           "</title></path>";
  }
  for (const auto& [name, p] : pos) {
    const bool location = name.rfind("s3://", 0) == 0;
    out += R"(<g class="node"><rect x=")" + fmt(p.first) + "\" y=\"" + fmt(p.second) +
           "\" width=\"" + fmt(box_w) + "\" height=\"" + fmt(box_h) + R"(" rx="4" fill=")" +
           (location ? "#fff4e0" : "#eef3fc") + R"(" stroke="#4a7bd0"/><text x=")" +
           fmt(p.first + 6) + "\" y=\"" + fmt(p.second + 16) + "\">" + esc(middle_cut(name, 46)) +
           "</text><title>" + esc(name) + "</title></g>";
  }
  out += "</svg>";
}

/// The most-used tables and their neighbours, laid out by Graphviz.
void append_lineage_view(std::string& out, const ReportData& d) {
  out += "<section id=\"lineage\"><h2>Lineage of the most-used tables</h2>";
  if (d.lineage.empty()) {
    out += "<p class=\"note\">no lineage edge touches the most-used tables</p></section>\n";
    return;
  }
  const util::Result<std::string> svg = lineage_svg(d.lineage);
  if (!svg) {
    out += "<p class=\"note\">" + esc(svg.error()) + "</p>";
    append_hand_layout(out, d);
  } else {
    out += *svg;
  }
  out += "<p class=\"note\">Hover over a box or an arrow for the whole name.</p></section>\n";
}

/// Column lineage of each most-used table, folded: one <details> per table.
void append_column_lineage(std::string& out, const ReportData& d) {
  out += "<section id=\"column-lineage\"><h2>Column lineage of the most-used tables</h2>";
  if (d.column_lineage.empty()) {
    out += "<p class=\"note\">no column lineage into the most-used tables</p></section>\n";
    return;
  }
  for (const auto& [table, edges] : d.column_lineage) {
    out += "<details><summary>" + esc(table) + " (" + std::to_string(edges.size()) +
           (edges.size() == 1 ? " column edge" : " column edges") +
           ")</summary><table><thead><tr><th>column</th><th>from</th><th>transform</th>"
           "<th>as</th><th>queries</th></tr></thead><tbody>";
    for (const auto& e : edges) {
      out += "<tr><td>" + cut(e.target) + "</td><td>" + cut(e.source) + "</td><td>" +
             esc(e.transform) + "</td><td>" + (e.condition ? "condition" : "value") +
             "</td><td class=\"n\">" + std::to_string(e.queries) + "</td></tr>";
    }
    out += "</tbody></table></details>";
  }
  out += "</section>\n";
}

void append_table(std::string& out, const Section& s, const ReportData& d) {
  out += "<section id=\"" + esc(s.key) + "\"><h2>" + esc(s.title) + "</h2>";
  if (s.rows.empty()) {
    out += "<p class=\"note\">" + esc(s.empty_note) + "</p></section>\n";
    return;
  }
  out += "<table><thead><tr>";
  for (const auto& h : s.header)
    out += "<th>" + esc(h) + "</th>";
  out += "</tr></thead><tbody>";
  for (size_t r = 0; r < s.rows.size(); ++r) {
    const auto& row = s.rows[r];
    out += "<tr>";
    for (size_t c = 0; c < row.size(); ++c) {
      out += s.numeric[c] ? "<td class=\"n\">" : "<td>";
      if (s.key == "shapes" && s.header[c] == "text" && r < d.expensive_shapes.size()) {
        // The whole SQL of the shape, folded under its first line.
        out += "<details><summary>" + esc(row[c]) + "</summary><pre>" +
               esc(d.expensive_shapes[r].text) + "</pre></details>";
      } else if (s.numeric[c] || row[c].size() <= 40) {
        out += esc(row[c]);
      } else {
        out += cut(row[c]);
      }
      out += "</td>";
    }
    out += "</tr>";
  }
  out += "</tbody></table></section>\n";
}

} // namespace

std::string render_html(const ReportData& d) {
  std::string out = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                    "<title>athena-lineage report</title><style>";
  out += kStyle;
  out += "</style></head><body>\n<h1>athena-lineage report</h1><p id=\"window\">";
  if (!d.options.database.empty()) out += "Database " + esc(d.options.database) + ", ";
  out += esc(window_text(d.options.window)) + ".</p>\n";
  append_cards(out, d);
  append_trend_chart(out, d);
  append_cost_chart(out, d);
  append_lineage_view(out, d);
  append_column_lineage(out, d);
  for (const Section& s : build_sections(d, false)) {
    if (s.key == "summary") continue; // shown as cards
    append_table(out, s, d);
  }
  out += "</body></html>\n";
  return out;
}

} // namespace athena::report
