// `graph`: loads the part of the stored lineage reachable from a name into a LineageGraph.
#include "src/report/graph_query.h"

#include <algorithm>
#include <deque>
#include <set>
#include <unordered_map>

#include "lineage/json_writer.h"
#include "lineage/qualified_name.h"
#include "src/store/graph_reader.h"

namespace athena::report {

namespace {

using lineage::Direction;
using lineage::NodeKind;

/// A node's kind: the store says which tables are locations (as the SQL named them).
NodeKind kind_of(bool location, bool columns) {
  if (columns) return NodeKind::kColumn;
  return location ? NodeKind::kLocation : NodeKind::kTable;
}

/// Loads every edge within `depth` hops of the start in one direction.
util::Result<lineage::LineageGraph> load(store::GraphReader& reader, const GraphQuery& query,
                                         Direction direction) {
  lineage::LineageGraph graph;
  bool start_location = false;
  if (!query.columns) {
    auto location = reader.is_location(query.name);
    if (!location) return util::Error{location.error()};
    start_location = *location;
  }
  graph.add_node(query.name, kind_of(start_location, query.columns));
  const bool downstream = direction == Direction::kDownstream;
  std::unordered_map<std::string, int> depth{{query.name, 0}};
  std::deque<std::string> frontier{query.name};
  while (!frontier.empty()) {
    const std::string node = std::move(frontier.front());
    frontier.pop_front();
    const int d = depth[node];
    if (query.depth >= 0 && d >= query.depth) continue;
    auto rows = reader.edges(node, query.columns, downstream);
    if (!rows) return util::Error{rows.error()};
    for (auto& row : *rows) {
      const NodeKind from_kind = kind_of(row.source_location, query.columns);
      graph.add_node(row.source, from_kind);
      graph.add_node(row.target, kind_of(row.target_location, query.columns));
      lineage::EdgeObservation obs{std::move(row.query_id), row.submitted_ms,
                                   std::move(row.transform), row.condition};
      graph.add_edge(row.source, row.target, from_kind, obs);
      const std::string& next = downstream ? row.target : row.source;
      if (depth.emplace(next, d + 1).second) frontier.push_back(next);
    }
  }
  return graph;
}

/// Both traversals as one subgraph (for DOT): nodes once at their smaller depth, edges once.
lineage::Subgraph merge(const std::vector<lineage::Subgraph>& views) {
  lineage::Subgraph out;
  out.start = views.front().start;
  std::set<std::string> nodes, queries;
  std::set<std::pair<std::string, std::string>> edges;
  for (const auto& v : views) {
    for (const auto& n : v.nodes) {
      if (nodes.insert(n.name).second) out.nodes.push_back(n);
    }
    for (const auto& e : v.edges) {
      if (edges.emplace(e.from, e.to).second) out.edges.push_back(e);
    }
    queries.insert(v.queries.begin(), v.queries.end());
  }
  out.queries.assign(queries.begin(), queries.end());
  return out;
}

} // namespace

std::string qualify_graph_name(std::string_view name, bool columns) {
  // Locations as lineage prints them: scheme lowercased, bucket and key kept, trailing slash.
  // A location's scheme comes first: `catalog.schema.x://y` is a (quoted) table name.
  if (const size_t scheme = name.find("://");
      scheme != std::string_view::npos && name.substr(0, scheme).find('.') == std::string::npos) {
    std::string out = lineage::to_lower_ascii(name.substr(0, scheme));
    out += name.substr(scheme);
    if (out.back() != '/') out += '/';
    return out;
  }
  std::string out = lineage::to_lower_ascii(name);
  const size_t dots = static_cast<size_t>(std::count(out.begin(), out.end(), '.'));
  if (dots == (columns ? 2u : 1u)) out = "awsdatacatalog." + out;
  return out;
}

util::Result<GraphTraversals> query_graph(store::Store& store, const GraphQuery& query) {
  GraphTraversals result;
  if (!store.read_only() && store.dirty_count() != 0) {
    if (util::Status refreshed = store.refresh_aggregates(); !refreshed)
      return util::Error{refreshed.error()};
  }
  store::GraphReader reader(store);
  auto known = reader.known(query.name, query.columns);
  if (!known) return util::Error{known.error()};
  if (!*known) {
    std::string why = std::string(query.columns ? "column" : "table") + " '" + query.name +
                      "' is not in the database";
    if (!query.columns) {
      auto column = reader.names_column(query.name);
      if (!column) return util::Error{column.error()};
      if (*column) why += " (it names a column: add --columns)";
    }
    result.unknown_name = std::move(why);
    return result;
  }
  if (!query.columns) {
    auto views = reader.view_names();
    if (!views) return util::Error{views.error()};
    result.view_names = std::move(*views);
  }
  for (Direction dir : {Direction::kUpstream, Direction::kDownstream}) {
    if ((dir == Direction::kUpstream && !query.upstream) ||
        (dir == Direction::kDownstream && !query.downstream)) {
      continue;
    }
    auto graph = load(reader, query, dir);
    if (!graph) return util::Error{graph.error()};
    lineage::TraversalOptions options;
    options.direction = dir;
    options.max_depth = query.depth;
    auto sub = graph->traverse(query.name, options);
    if (sub) result.views.push_back(std::move(*sub));
  }
  return result;
}

std::string render_graph(const std::vector<lineage::Subgraph>& views, std::string_view format,
                         const std::set<std::string>& view_names) {
  if (views.empty()) return {};
  if (format == "json") {
    if (views.size() == 1) return lineage::subgraph_to_json(views.front()) + "\n";
    std::string out;
    lineage::JsonWriter w(out, /*pretty=*/false);
    w.begin_object();
    w.member("start", views.front().start);
    for (const auto& v : views) {
      w.key(v.direction == Direction::kUpstream ? "upstream" : "downstream");
      w.raw_value(lineage::subgraph_to_json(v));
    }
    w.end_object();
    return out + "\n";
  }
  if (format == "dot") {
    return lineage::subgraph_to_dot(views.size() == 1 ? views.front() : merge(views));
  }
  std::string out;
  for (size_t i = 0; i < views.size(); ++i) {
    if (i > 0) out += '\n';
    out += subgraph_text(views[i], view_names);
  }
  return out;
}

} // namespace athena::report
