// `GET /api/graph.svg`: the explorer's lineage picture, laid out on the server by the same
// Graphviz code as the HTML report, with data attributes the page's script reads.
#include "src/serve/graph_svg.h"

#include <algorithm>
#include <charconv>
#include <deque>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "lineage/json_writer.h"
#include "src/report/graph_layout.h"
#include "src/report/graph_query.h"
#include "src/serve/edge_walker.h"

namespace athena::serve {

namespace {

using EdgeKey = std::pair<std::string, std::string>;

bool parse_bool(const std::string& text, bool* out) {
  if (text == "true" || text == "1") {
    *out = true;
  } else if (text == "false" || text == "0") {
    *out = false;
  } else {
    return false;
  }
  return true;
}

/// `"` `&` `<` `>` `'` as entities: for the data attributes added to Graphviz's output.
std::string attribute_text(const std::string& s) {
  std::string out;
  for (char c : s) {
    switch (c) {
    case '&':
      out += "&amp;";
      break;
    case '<':
      out += "&lt;";
      break;
    case '>':
      out += "&gt;";
      break;
    case '"':
      out += "&quot;";
      break;
    case '\'':
      out += "&#39;";
      break;
    default:
      out += c;
    }
  }
  return out;
}

/// The nodes still reachable from `start` without passing through a collapsed node (a
/// collapsed node itself stays, as the handle to open it again).
std::unordered_set<std::string> visible_nodes(const std::vector<std::string>& starts,
                                              const std::map<EdgeKey, WalkedEdge>& edges,
                                              const std::vector<std::string>& collapse) {
  std::unordered_map<std::string, std::vector<std::string>> adjacent;
  for (const auto& [key, e] : edges) {
    adjacent[key.first].push_back(key.second);
    adjacent[key.second].push_back(key.first);
  }
  const std::unordered_set<std::string> closed(collapse.begin(), collapse.end());
  std::unordered_set<std::string> seen(starts.begin(), starts.end());
  std::deque<std::string> frontier(starts.begin(), starts.end());
  while (!frontier.empty()) {
    const std::string node = std::move(frontier.front());
    frontier.pop_front();
    if (closed.contains(node) && !std::count(starts.begin(), starts.end(), node)) continue;
    for (const auto& n : adjacent[node]) {
      if (seen.insert(n).second) frontier.push_back(n);
    }
  }
  return seen;
}

std::string kind_name(report::NodeStyle style) {
  switch (style) {
  case report::NodeStyle::kView:
    return "view";
  case report::NodeStyle::kLocation:
    return "s3"; // as the API names the kind
  case report::NodeStyle::kColumn:
    return "column";
  case report::NodeStyle::kTable:
    break;
  }
  return "table";
}

/// Puts each id's attributes into the element Graphviz wrote as `<g id="ID" class="...">`, in
/// one pass over the SVG.
std::string add_attributes(const std::string& svg,
                           const std::unordered_map<std::string, std::string>& attributes) {
  static constexpr std::string_view kOpen = "<g id=\"";
  std::string out;
  out.reserve(svg.size() + svg.size() / 4);
  size_t pos = 0;
  for (size_t at = svg.find(kOpen); at != std::string::npos; at = svg.find(kOpen, pos)) {
    const size_t id_start = at + kOpen.size();
    const size_t id_end = svg.find('"', id_start);
    const size_t end = id_end == std::string::npos ? id_end : svg.find('>', id_end);
    if (end == std::string::npos) break;
    out.append(svg, pos, end - pos);
    pos = end;
    const auto it = attributes.find(svg.substr(id_start, id_end - id_start));
    if (it != attributes.end()) out += it->second;
  }
  out.append(svg, pos);
  return out;
}

std::string plural(int64_t n, const char* one, const char* many) {
  return std::to_string(n) + (n == 1 ? one : many);
}

} // namespace

bool parse_graph_request(const std::multimap<std::string, std::string>& params,
                         GraphSvgRequest* out, std::string* error) {
  GraphSvgRequest r;
  std::string name, direction = "both";
  for (const auto& [key, value] : params) {
    if (key == "name") {
      name = value;
    } else if (key == "direction") {
      direction = value;
    } else if (key == "depth") {
      int depth = -1;
      const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), depth);
      if (ec != std::errc() || end != value.data() + value.size() || depth < 0 ||
          depth > kMaxGraphDepth) {
        *error = "parameter 'depth': expected a whole number from 0 to " +
                 std::to_string(kMaxGraphDepth) + ", found '" + value + "'";
        return false;
      }
      r.depth = depth;
    } else if (key == "columns") {
      if (!parse_bool(value, &r.columns)) {
        *error = "parameter 'columns': expected true or false, found '" + value + "'";
        return false;
      }
    } else if (key == "up" || key == "down" || key == "collapse") {
      auto& list = key == "up" ? r.expand_up : key == "down" ? r.expand_down : r.collapse;
      list.push_back(value);
    } else {
      *error = "unknown parameter '" + key +
               "' (expected name, direction, depth, columns, up, "
               "down or collapse)";
      return false;
    }
  }
  if (name.empty()) {
    *error = "parameter 'name' is required";
    return false;
  }
  if (direction == "up" || direction == "down" || direction == "both") {
    r.upstream = direction != "down";
    r.downstream = direction != "up";
  } else {
    *error = "parameter 'direction': expected up, down or both, found '" + direction + "'";
    return false;
  }
  r.name = name;
  // Expanded and collapsed nodes are names the page got from an earlier answer: as they are.
  *out = std::move(r);
  return true;
}

int resolve_name(store::Store& store, const std::string& name, bool columns, std::string* resolved,
                 bool* is_column, std::string* error) {
  std::vector<std::pair<std::string, bool>> candidates; // name, as a column
  if (columns) candidates.emplace_back(report::qualify_graph_name(name, true), true);
  candidates.emplace_back(report::qualify_graph_name(name, false), false);
  for (const auto& [candidate, as_column] : candidates) {
    const auto known = store::name_known(store, candidate, as_column, error);
    if (!known) {
      *error = "database: " + *error;
      return 500;
    }
    if (*known) {
      *resolved = candidate;
      *is_column = as_column;
      return 200;
    }
  }
  // In column mode the name may be either: say it as given.
  *error = columns ? "column or table '" + name + "' is not in the database"
                   : "table '" + candidates.front().first + "' is not in the database";
  return 404;
}

GraphSvgResult graph_svg(store::Store& store, const store::TableKinds& kinds,
                         const GraphSvgRequest& request) {
  GraphSvgResult result;
  auto fail = [&](int status, std::string message) {
    result.status = status;
    result.error = std::move(message);
    return result;
  };
  EdgeWalker walker(store, request.columns);
  std::string error;
  std::string start;
  bool is_column = false;
  if (int status = resolve_name(store, request.name, request.columns, &start, &is_column, &error);
      status != 200) {
    return fail(status, error);
  }
  bool ok =
      (!request.upstream || walker.walk(start, true, request.depth, kMaxGraphNodes, &error)) &&
      (!request.downstream || walker.walk(start, false, request.depth, kMaxGraphNodes, &error));
  const std::vector<std::string> roots = walker.starts();
  for (const auto& n : request.expand_up)
    ok = ok && walker.walk(n, true, 1, kMaxGraphNodes, &error);
  for (const auto& n : request.expand_down)
    ok = ok && walker.walk(n, false, 1, kMaxGraphNodes, &error);
  if (!ok) return fail(500, "database: " + error);
  if (walker.node_count() > kMaxGraphNodes) {
    return fail(400, "the graph has more than " + std::to_string(kMaxGraphNodes) +
                         " nodes: ask for a smaller depth");
  }
  const auto visible = visible_nodes(roots, walker.edges(), request.collapse);
  std::map<std::string, std::string> tables; // column -> its table, in column mode
  if (request.columns) {
    auto found = store::column_tables(store, walker.nodes(), &error);
    if (!found) return fail(500, "database: " + error);
    tables = std::move(*found);
  }

  std::map<std::string, std::pair<int64_t, int64_t>> counts; // queries in, out
  for (const auto& [key, e] : walker.edges()) {
    if (!visible.contains(key.first) || !visible.contains(key.second)) continue;
    counts[key.second].first += e.queries;
    counts[key.first].second += e.queries;
  }
  std::vector<report::LayoutNode> nodes;
  std::unordered_map<std::string, std::string> attributes; // by SVG id
  for (const auto& name : walker.nodes()) {
    if (!visible.contains(name)) continue;
    report::LayoutNode node;
    node.name = name;
    node.id = "n" + std::to_string(nodes.size());
    node.style = request.columns                  ? report::NodeStyle::kColumn
                 : kinds.locations.contains(name) ? report::NodeStyle::kLocation
                 : kinds.views.contains(name)     ? report::NodeStyle::kView
                                                  : report::NodeStyle::kTable;
    node.emphasized = std::count(roots.begin(), roots.end(), name) != 0;
    if (auto t = tables.find(name); t != tables.end()) {
      node.group = t->second;
      if (name.size() > t->second.size() + 1 && name.starts_with(t->second + "."))
        node.label = name.substr(t->second.size() + 1);
    }
    const auto [in, out] = counts[name];
    node.tooltip =
        name + "\n" +
        (node.style == report::NodeStyle::kLocation ? "S3 location" : kind_name(node.style)) +
        ": " + plural(in, " query in", " queries in") + ", " +
        plural(out, " query out", " queries out");
    const auto t = tables.find(name);
    attributes[node.id] = " data-name=\"" + attribute_text(name) + "\" data-kind=\"" +
                          kind_name(node.style) + "\" data-queries-in=\"" + std::to_string(in) +
                          "\" data-queries-out=\"" + std::to_string(out) + "\" data-table=\"" +
                          attribute_text(t != tables.end() ? t->second : name) + "\"";
    nodes.push_back(std::move(node));
  }
  std::vector<report::LayoutEdge> edges;
  for (const auto& [key, e] : walker.edges()) {
    if (!visible.contains(key.first) || !visible.contains(key.second)) continue;
    report::LayoutEdge edge;
    edge.from = key.first;
    edge.to = key.second;
    edge.id = "e" + std::to_string(edges.size());
    std::string transforms;
    for (const auto& t : e.transforms)
      transforms += (transforms.empty() ? "" : ",") + t;
    const bool condition_only = request.columns && !e.any_value;
    edge.dashed = condition_only;
    if (request.columns) edge.label = transforms + (condition_only ? " (condition)" : "");
    const std::string last = e.last_seen_ms > 0 ? lineage::iso8601_utc(e.last_seen_ms) : "";
    edge.tooltip = key.first + " -> " + key.second + " (" +
                   plural(e.queries, " query", " queries") +
                   (last.empty() ? "" : ", last " + last) + ")";
    attributes[edge.id] =
        (" data-from=\"" + attribute_text(key.first) + "\" data-to=\"" +
         attribute_text(key.second) + "\" data-queries=\"" + std::to_string(e.queries) +
         "\" data-transforms=\"" + attribute_text(transforms) + "\" data-condition=\"" +
         (condition_only ? "true" : "false") + "\" data-last-seen=\"" + last + "\"");
    edges.push_back(std::move(edge));
  }
  result.svg = report::layout_svg(nodes, edges, &error);
  if (result.svg.empty()) return fail(500, error);
  result.svg = add_attributes(result.svg, attributes);
  return result;
}

} // namespace athena::serve
