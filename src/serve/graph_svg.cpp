// `GET /api/graph.svg`: the explorer's lineage picture, laid out on the server by the same
// Graphviz code as the HTML report, with data attributes the page's script reads.
#include "src/serve/graph_svg.h"

#include <algorithm>
#include <charconv>
#include <deque>
#include <optional>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "lineage/json_writer.h"
#include "src/report/graph_layout.h"
#include "src/report/graph_query.h"
#include "src/serve/lineage_walk.h"
#include "src/util/text_escape.h"

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

/// One drawn edge: the stored edges between two names merged (column edges come once per
/// transform and condition).
struct DrawnEdge {
  int64_t queries = 0;
  std::set<std::string> transforms;
  bool any_value = false; ///< some stored edge is a value edge (else condition-only)
  int64_t last_seen_ms = 0;
};

/// The walks merged: nodes in the order first reached, edges by their ends.
struct Drawing {
  std::vector<WalkNode> nodes;
  std::unordered_map<std::string, size_t> index;
  std::map<EdgeKey, DrawnEdge> edges;
  bool truncated = false;

  void add(const Walk& walk) {
    truncated = truncated || walk.truncated;
    for (const auto& n : walk.nodes) {
      if (index.emplace(n.name, nodes.size()).second) nodes.push_back(n);
    }
    for (const auto& e : walk.edges) {
      DrawnEdge& d = edges[{e.source, e.target}];
      d.queries += e.queries;
      if (!e.transform.empty()) d.transforms.insert(e.transform);
      if (!e.condition) d.any_value = true;
      d.last_seen_ms = std::max(d.last_seen_ms, e.last_seen_ms.value_or(0));
    }
  }
};

/// Walks from a node the page named (already qualified: as the SVG gave it) one hop.
void expand(store::ExplorerReader& reader, const std::string& name, bool columns, bool upstream,
            const std::set<int64_t>& views, Drawing* drawing) {
  WalkOptions o;
  o.upstream = upstream;
  o.downstream = !upstream;
  o.depth = 1;
  o.max_nodes = kMaxGraphNodes;
  if (columns) {
    std::vector<store::ColumnRef> starts;
    if (auto c = reader.column(name)) {
      starts.push_back(*c);
    } else if (auto t = reader.table(name)) {
      starts = reader.columns_of(*t);
    }
    if (!starts.empty()) drawing->add(walk_columns(reader, starts, o, views));
  } else if (auto t = reader.table(name)) {
    drawing->add(walk_tables(reader, *t, o, views));
  }
}

/// The nodes still reachable from the starts without passing through a collapsed node (a
/// collapsed node itself stays, as the handle to open it again).
std::unordered_set<std::string> visible_nodes(const std::vector<std::string>& starts,
                                              const std::map<EdgeKey, DrawnEdge>& edges,
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

util::Result<GraphSvgRequest>
parse_graph_request(const std::multimap<std::string, std::string>& params) {
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
        return util::Error{"parameter 'depth': expected a whole number from 0 to " +
                           std::to_string(kMaxGraphDepth) + ", found '" + value + "'"};
      }
      r.depth = depth;
    } else if (key == "columns") {
      if (!parse_bool(value, &r.columns)) {
        return util::Error{"parameter 'columns': expected true or false, found '" + value + "'"};
      }
    } else if (key == "up" || key == "down" || key == "collapse") {
      auto& list = key == "up" ? r.expand_up : key == "down" ? r.expand_down : r.collapse;
      list.push_back(value);
    } else {
      return util::Error{"unknown parameter '" + key +
                         "' (expected name, direction, depth, columns, up, "
                         "down or collapse)"};
    }
  }
  if (name.empty()) {
    return util::Error{"parameter 'name' is required"};
  }
  if (direction == "up" || direction == "down" || direction == "both") {
    r.upstream = direction != "down";
    r.downstream = direction != "up";
  } else {
    return util::Error{"parameter 'direction': expected up, down or both, found '" + direction +
                       "'"};
  }
  r.name = name;
  // Expanded and collapsed nodes are names the page got from an earlier answer: as they are.
  return r;
}

GraphSvgResult graph_svg(store::ExplorerReader& reader, const GraphSvgRequest& request) {
  GraphSvgResult result;
  auto fail = [&](int status, std::string message) {
    result.status = status;
    result.error = std::move(message);
    return result;
  };
  const auto views = reader.view_ids();
  WalkOptions options;
  options.upstream = request.upstream;
  options.downstream = request.downstream;
  options.depth = request.depth;
  options.max_nodes = kMaxGraphNodes;
  Drawing drawing;
  // In column mode the name is a column or a table standing for all of its columns.
  const std::string as_table = report::qualify_graph_name(request.name, false);
  if (request.columns) {
    std::vector<store::ColumnRef> starts;
    if (auto c = reader.column(report::qualify_graph_name(request.name, true))) {
      starts.push_back(*c);
    } else if (auto t = reader.table(as_table)) {
      starts = reader.columns_of(*t);
    } else {
      return fail(404, "column or table '" + request.name + "' is not in the database");
    }
    drawing.add(walk_columns(reader, starts, options, views));
  } else if (auto t = reader.table(as_table)) {
    drawing.add(walk_tables(reader, *t, options, views));
  } else {
    return fail(404, "table '" + as_table + "' is not in the database");
  }
  std::vector<std::string> roots;
  for (const auto& n : drawing.nodes) {
    if (n.start) roots.push_back(n.name);
  }
  for (const auto& n : request.expand_up)
    expand(reader, n, request.columns, true, views, &drawing);
  for (const auto& n : request.expand_down)
    expand(reader, n, request.columns, false, views, &drawing);
  if (drawing.truncated || drawing.nodes.size() > kMaxGraphNodes) {
    return fail(400, "the graph has more than " + std::to_string(kMaxGraphNodes) +
                         " nodes: ask for a smaller depth");
  }
  const auto visible = visible_nodes(roots, drawing.edges, request.collapse);

  std::map<std::string, std::pair<int64_t, int64_t>> counts; // queries in, out
  for (const auto& [key, e] : drawing.edges) {
    if (!visible.contains(key.first) || !visible.contains(key.second)) continue;
    counts[key.second].first += e.queries;
    counts[key.first].second += e.queries;
  }
  std::vector<report::LayoutNode> nodes;
  std::unordered_map<std::string, std::string> attributes; // by SVG id
  for (const auto& n : drawing.nodes) {
    if (!visible.contains(n.name)) continue;
    report::LayoutNode node;
    node.name = n.name;
    node.id = "n" + std::to_string(nodes.size());
    node.style = n.kind == "column" ? report::NodeStyle::kColumn
                 : n.kind == "s3"   ? report::NodeStyle::kLocation
                 : n.kind == "view" ? report::NodeStyle::kView
                                    : report::NodeStyle::kTable;
    node.emphasized = std::count(roots.begin(), roots.end(), n.name) != 0;
    if (!n.table.empty()) {
      node.group = n.table;
      if (n.name.size() > n.table.size() + 1 && n.name.starts_with(n.table + "."))
        node.label = n.name.substr(n.table.size() + 1);
    }
    const auto [in, out] = counts[n.name];
    node.tooltip = n.name + "\n" + (n.kind == "s3" ? "S3 location" : n.kind) + ": " +
                   plural(in, " query in", " queries in") + ", " +
                   plural(out, " query out", " queries out");
    attributes[node.id] = " data-name=\"" + util::html_escape(n.name) + "\" data-kind=\"" + n.kind +
                          "\" data-queries-in=\"" + std::to_string(in) + "\" data-queries-out=\"" +
                          std::to_string(out) + "\" data-table=\"" +
                          util::html_escape(n.table.empty() ? n.name : n.table) + "\"";
    nodes.push_back(std::move(node));
  }
  std::vector<report::LayoutEdge> edges;
  for (const auto& [key, e] : drawing.edges) {
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
        " data-from=\"" + util::html_escape(key.first) + "\" data-to=\"" +
        util::html_escape(key.second) + "\" data-queries=\"" + std::to_string(e.queries) +
        "\" data-transforms=\"" + util::html_escape(transforms) + "\" data-condition=\"" +
        (condition_only ? "true" : "false") + "\" data-last-seen=\"" + last + "\"";
    edges.push_back(std::move(edge));
  }
  const util::Result<std::string> svg = report::layout_svg(nodes, edges);
  if (!svg) return fail(500, svg.error());
  result.svg = add_attributes(*svg, attributes);
  return result;
}

} // namespace athena::serve
