// The explorer's own JSON routes: the impact view and the queries behind one edge.
#include "src/serve/explorer_json.h"

#include <algorithm>
#include <charconv>
#include <tuple>
#include <vector>

#include "lineage/json_writer.h"
#include "src/report/graph_query.h"
#include "src/serve/edge_walker.h"
#include "src/serve/graph_svg.h"
#include "src/store/explorer_reads.h"

namespace athena::serve {

namespace {

using lineage::json_string;

JsonAnswer error_answer(int status, std::string message) {
  JsonAnswer a;
  a.status = status;
  a.error = std::move(message);
  return a;
}

/// Only the listed parameters; `columns` must be true or false.
bool read_params(const std::multimap<std::string, std::string>& params,
                 std::initializer_list<const char*> allowed,
                 std::map<std::string, std::string>* out, std::string* error) {
  for (const auto& [key, value] : params) {
    if (std::none_of(allowed.begin(), allowed.end(), [&](const char* a) { return key == a; })) {
      *error = "unknown parameter '" + key + "'";
      return false;
    }
    (*out)[key] = value;
  }
  if (auto it = out->find("columns");
      it != out->end() && it->second != "true" && it->second != "false") {
    *error = "parameter 'columns': expected true or false, found '" + it->second + "'";
    return false;
  }
  return true;
}

std::string time_json(int64_t ms) {
  return ms > 0 ? json_string(lineage::iso8601_utc(ms)) : "null";
}

/// One node reached by an impact walk.
struct Reached {
  std::string name;
  int depth = 0;
  int64_t queries = 0;
  int64_t last_seen_ms = 0;
};

/// The nodes an impact walk reached (not its starts), nearest first then by name.
std::vector<Reached> reached(const EdgeWalker& walker) {
  std::map<std::string, Reached> by_name;
  for (const auto& [key, e] : walker.edges()) {
    Reached& r = by_name[key.second];
    r.queries += e.queries;
    r.last_seen_ms = std::max(r.last_seen_ms, e.last_seen_ms);
  }
  const auto& starts = walker.starts();
  std::vector<Reached> out;
  for (auto& [name, r] : by_name) {
    if (std::count(starts.begin(), starts.end(), name) != 0) continue;
    r.name = name;
    r.depth = walker.depths().at(name);
    out.push_back(std::move(r));
  }
  std::sort(out.begin(), out.end(), [](const Reached& a, const Reached& b) {
    return std::tie(a.depth, a.name) < std::tie(b.depth, b.name);
  });
  return out;
}

} // namespace

JsonAnswer impact_json(store::Store& store, const std::string& raw_name,
                       const std::multimap<std::string, std::string>& params) {
  std::map<std::string, std::string> p;
  std::string error;
  if (!read_params(params, {"columns"}, &p, &error)) return error_answer(400, error);
  const bool columns = p["columns"] == "true";
  std::string name;
  bool column_start = false; // a table given in column mode: its impact is a table's
  if (int status = resolve_name(store, raw_name, columns, &name, &column_start, &error);
      status != 200) {
    return error_answer(status, error);
  }
  EdgeWalker tables(store, false), cols(store, true);
  if ((!column_start && !tables.walk(name, false, -1, kMaxGraphNodes, &error)) ||
      !cols.walk(name, false, -1, kMaxGraphNodes, &error)) {
    return error_answer(500, "database: " + error);
  }
  const std::vector<Reached> reached_columns = reached(cols);
  std::vector<std::string> column_names;
  for (const auto& c : reached_columns)
    column_names.push_back(c.name);
  auto owners = store::column_tables(store, column_names, &error);
  if (!owners) return error_answer(500, "database: " + error);
  std::vector<Reached> reached_tables;
  if (!column_start) {
    reached_tables = reached(tables);
  } else {
    // A column's impact on tables: the tables of the columns it reaches.
    std::map<std::string, Reached> by_table;
    for (const auto& c : reached_columns) {
      auto t = owners->find(c.name);
      if (t == owners->end()) continue;
      auto [it, inserted] = by_table.try_emplace(t->second, c);
      Reached& r = it->second;
      r.name = t->second;
      if (!inserted) {
        r.depth = std::min(r.depth, c.depth);
        r.queries += c.queries;
        r.last_seen_ms = std::max(r.last_seen_ms, c.last_seen_ms);
      }
    }
    for (auto& [n, r] : by_table)
      reached_tables.push_back(std::move(r));
    std::sort(reached_tables.begin(), reached_tables.end(), [](const Reached& a, const Reached& b) {
      return std::tie(a.depth, a.name) < std::tie(b.depth, b.name);
    });
  }
  std::string out = "{\"name\":" + json_string(name) + ",\"kind\":\"" +
                    (column_start ? "column" : "table") + "\",\"tables\":[";
  for (size_t i = 0; i < reached_tables.size(); ++i) {
    const auto& r = reached_tables[i];
    out += (i ? ",{\"name\":" : "{\"name\":") + json_string(r.name) +
           ",\"depth\":" + std::to_string(r.depth) + ",\"queries\":" + std::to_string(r.queries) +
           ",\"last_seen\":" + time_json(r.last_seen_ms) + "}";
  }
  out += "],\"columns\":[";
  for (size_t i = 0; i < reached_columns.size(); ++i) {
    const auto& r = reached_columns[i];
    auto t = owners->find(r.name);
    out += (i ? ",{\"name\":" : "{\"name\":") + json_string(r.name) +
           ",\"table\":" + json_string(t != owners->end() ? t->second : "") +
           ",\"depth\":" + std::to_string(r.depth) + ",\"queries\":" + std::to_string(r.queries) +
           ",\"last_seen\":" + time_json(r.last_seen_ms) + "}";
  }
  const bool truncated = tables.node_count() > kMaxGraphNodes || cols.node_count() > kMaxGraphNodes;
  out += std::string("],\"truncated\":") + (truncated ? "true" : "false") + "}";
  JsonAnswer a;
  a.body = std::move(out);
  return a;
}

JsonAnswer edge_queries_json(store::Store& store,
                             const std::multimap<std::string, std::string>& params) {
  std::map<std::string, std::string> p;
  std::string error;
  if (!read_params(params, {"from", "to", "columns", "limit"}, &p, &error))
    return error_answer(400, error);
  for (const char* required : {"from", "to"}) {
    if (p[required].empty())
      return error_answer(400, std::string("parameter '") + required + "' is required");
  }
  const bool columns = p["columns"] == "true";
  size_t limit = 50;
  if (auto it = p.find("limit"); it != p.end()) {
    const std::string& v = it->second;
    const auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), limit);
    if (ec != std::errc() || end != v.data() + v.size() || limit < 1 || limit > 1000)
      return error_answer(400, "parameter 'limit': expected a whole number from 1 to 1000, "
                               "found '" +
                                   v + "'");
  }
  // Names as the graph's data attributes give them: already qualified.
  int64_t total = 0;
  auto queries = store::edge_queries(store, p["from"], p["to"], columns, limit, &total, &error);
  if (!queries) return error_answer(500, "database: " + error);
  if (total == 0) {
    return error_answer(404,
                        "no stored query made the edge '" + p["from"] + "' -> '" + p["to"] + "'");
  }
  std::string out = "{\"from\":" + json_string(p["from"]) + ",\"to\":" + json_string(p["to"]) +
                    ",\"columns\":" + (columns ? "true" : "false") +
                    ",\"total\":" + std::to_string(total) + ",\"queries\":[";
  for (size_t i = 0; i < queries->size(); ++i) {
    const auto& q = (*queries)[i];
    out += (i ? ",{\"id\":" : "{\"id\":") + json_string(q.id) +
           ",\"submitted\":" + time_json(q.submitted_ms.value_or(0)) +
           ",\"user\":" + json_string(q.user) + ",\"workgroup\":" + json_string(q.workgroup) +
           ",\"transform\":" + json_string(q.transform) +
           ",\"condition\":" + (q.condition ? "true" : "false") + ",\"sql\":" + json_string(q.sql) +
           "}";
  }
  out += "]}";
  JsonAnswer a;
  a.body = std::move(out);
  return a;
}

} // namespace athena::serve
