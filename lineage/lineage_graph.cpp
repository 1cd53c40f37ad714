// The lineage graph on Boost.Graph. Boost stays in this file: the header shows only our types.
#include "lineage/lineage_graph.h"

#include <algorithm>
#include <map>
#include <set>
#include <unordered_map>

// Boost.Graph's named_graph.hpp trips GCC's -Wmaybe-uninitialized under sanitizers; the
// warning is in Boost, not here. (Clang has no such warning.)
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif
#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/reverse_graph.hpp>
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic pop
#endif

#include "lineage/json_writer.h"

namespace athena::lineage {

std::string_view to_string(NodeKind kind) {
  switch (kind) {
  case NodeKind::kTable:
    return "table";
  case NodeKind::kColumn:
    return "column";
  case NodeKind::kLocation:
    return "location";
  }
  return "table";
}

namespace {

struct VertexData {
  std::string name;
  NodeKind kind = NodeKind::kTable;
};

struct EdgeData {
  NodeKind kind = NodeKind::kTable;
  std::set<std::string> queries;
  std::set<std::string> transforms;
  int64_t first_seen_ms = 0;
  int64_t last_seen_ms = 0;
  bool any_value = false; // some observation was a value source
  bool observed = false;
};

using Graph =
    boost::adjacency_list<boost::vecS, boost::vecS, boost::bidirectionalS, VertexData, EdgeData>;
using Vertex = boost::graph_traits<Graph>::vertex_descriptor;
using Edge = boost::graph_traits<Graph>::edge_descriptor;

struct PairHash {
  size_t operator()(const std::pair<Vertex, Vertex>& p) const noexcept {
    return std::hash<size_t>()(p.first) * 1000003U ^ std::hash<size_t>()(p.second);
  }
};

GraphEdge to_graph_edge(const Graph& g, Edge e) {
  const EdgeData& d = g[e];
  GraphEdge out;
  out.from = g[boost::source(e, g)].name;
  out.to = g[boost::target(e, g)].name;
  out.kind = d.kind;
  out.queries.assign(d.queries.begin(), d.queries.end());
  out.transforms.assign(d.transforms.begin(), d.transforms.end());
  out.first_seen_ms = d.first_seen_ms;
  out.last_seen_ms = d.last_seen_ms;
  out.condition_only = !d.any_value;
  return out;
}

} // namespace

struct LineageGraph::Impl {
  Graph graph;
  std::unordered_map<std::string, Vertex> by_name;
  std::unordered_map<std::pair<Vertex, Vertex>, Edge, PairHash> by_ends;

  Vertex vertex(std::string_view name, NodeKind kind) {
    auto it = by_name.find(std::string(name));
    if (it != by_name.end()) return it->second;
    Vertex v = boost::add_vertex(VertexData{std::string(name), kind}, graph);
    by_name.emplace(std::string(name), v);
    return v;
  }

  // Runs BFS over `g` (the graph or its reverse) from `start`, honouring the options.
  template <typename G>
  void bfs(const G& g, Vertex start, const TraversalOptions& opts, std::vector<int>& depth,
           std::vector<Vertex>& order) const {
    // A hand-rolled frontier keeps the depth cut and the values-only filter simple; the
    // colour map is Boost's.
    std::vector<boost::default_color_type> color(boost::num_vertices(graph), boost::white_color);
    std::vector<Vertex> frontier{start};
    color[start] = boost::gray_color;
    depth[start] = 0;
    order.push_back(start);
    for (size_t head = 0; head < frontier.size(); ++head) {
      const Vertex u = frontier[head];
      if (opts.max_depth >= 0 && depth[u] >= opts.max_depth) continue;
      for (auto [it, end] = boost::out_edges(u, g); it != end; ++it) {
        if (opts.values_only && !g[*it].any_value) continue;
        const Vertex w = boost::target(*it, g);
        if (color[w] != boost::white_color) continue;
        color[w] = boost::gray_color;
        depth[w] = depth[u] + 1;
        order.push_back(w);
        frontier.push_back(w);
      }
    }
  }
};

LineageGraph::LineageGraph() : impl_(std::make_unique<Impl>()) {}
LineageGraph::~LineageGraph() = default;
LineageGraph::LineageGraph(LineageGraph&&) noexcept = default;
LineageGraph& LineageGraph::operator=(LineageGraph&&) noexcept = default;

void LineageGraph::add_node(std::string_view name, NodeKind kind) {
  impl_->vertex(name, kind);
}

void LineageGraph::add_edge(std::string_view from, std::string_view to, NodeKind kind,
                            const EdgeObservation& observation) {
  const Vertex u = impl_->vertex(from, kind);
  const Vertex v = impl_->vertex(to, kind);
  auto key = std::make_pair(u, v);
  auto it = impl_->by_ends.find(key);
  Edge e;
  if (it == impl_->by_ends.end()) {
    e = boost::add_edge(u, v, EdgeData{}, impl_->graph).first;
    impl_->by_ends.emplace(key, e);
    impl_->graph[e].kind = kind;
  } else {
    e = it->second;
  }
  EdgeData& d = impl_->graph[e];
  if (!observation.query_id.empty()) d.queries.insert(observation.query_id);
  if (!observation.transform.empty()) d.transforms.insert(observation.transform);
  if (!d.observed) {
    d.first_seen_ms = observation.time_ms;
    d.last_seen_ms = observation.time_ms;
    d.observed = true;
  } else {
    d.first_seen_ms = std::min(d.first_seen_ms, observation.time_ms);
    d.last_seen_ms = std::max(d.last_seen_ms, observation.time_ms);
  }
  d.any_value = d.any_value || !observation.condition;
}

bool LineageGraph::contains(std::string_view name) const {
  return impl_->by_name.count(std::string(name)) != 0;
}

std::optional<NodeKind> LineageGraph::kind_of(std::string_view name) const {
  auto it = impl_->by_name.find(std::string(name));
  if (it == impl_->by_name.end()) return std::nullopt;
  return impl_->graph[it->second].kind;
}

size_t LineageGraph::node_count() const {
  return boost::num_vertices(impl_->graph);
}
size_t LineageGraph::edge_count() const {
  return boost::num_edges(impl_->graph);
}

std::optional<Subgraph> LineageGraph::traverse(std::string_view start,
                                               const TraversalOptions& options) const {
  auto it = impl_->by_name.find(std::string(start));
  if (it == impl_->by_name.end()) return std::nullopt;
  const Graph& g = impl_->graph;
  std::vector<int> depth(boost::num_vertices(g), -1);
  std::vector<Vertex> order;
  if (options.direction == Direction::kDownstream) {
    impl_->bfs(g, it->second, options, depth, order);
  } else {
    impl_->bfs(boost::make_reverse_graph(g), it->second, options, depth, order);
  }
  Subgraph out;
  out.start = std::string(start);
  out.direction = options.direction;
  std::set<std::string> queries;
  for (Vertex v : order)
    out.nodes.push_back(GraphNode{g[v].name, g[v].kind, depth[v]});
  // Edges between reached nodes that the traversal followed: from depth d to depth d+1 in the
  // walking direction, or between reached nodes at any depth (cycles, diamonds) as long as the
  // edge points the walking way and the source end is within the depth limit.
  for (Vertex v : order) {
    for (auto [e, end] = boost::out_edges(v, g); e != end; ++e) {
      const Vertex w = boost::target(*e, g);
      if (depth[w] < 0) continue;
      if (options.values_only && !g[*e].any_value) continue;
      const Vertex near = options.direction == Direction::kDownstream ? v : w;
      if (options.max_depth >= 0 && depth[near] >= options.max_depth) continue;
      GraphEdge ge = to_graph_edge(g, *e);
      queries.insert(ge.queries.begin(), ge.queries.end());
      out.edges.push_back(std::move(ge));
    }
  }
  std::sort(out.edges.begin(), out.edges.end(), [](const GraphEdge& a, const GraphEdge& b) {
    return std::tie(a.from, a.to) < std::tie(b.from, b.to);
  });
  out.queries.assign(queries.begin(), queries.end());
  return out;
}

std::vector<GraphEdge> LineageGraph::edges() const {
  std::vector<GraphEdge> out;
  const Graph& g = impl_->graph;
  for (auto [e, end] = boost::edges(g); e != end; ++e)
    out.push_back(to_graph_edge(g, *e));
  std::sort(out.begin(), out.end(), [](const GraphEdge& a, const GraphEdge& b) {
    return std::tie(a.from, a.to) < std::tie(b.from, b.to);
  });
  return out;
}

Subgraph LineageGraph::whole() const {
  Subgraph out;
  const Graph& g = impl_->graph;
  for (auto [v, end] = boost::vertices(g); v != end; ++v) {
    out.nodes.push_back(GraphNode{g[*v].name, g[*v].kind, 0});
  }
  out.edges = edges();
  std::set<std::string> queries;
  for (const GraphEdge& e : out.edges)
    queries.insert(e.queries.begin(), e.queries.end());
  out.queries.assign(queries.begin(), queries.end());
  return out;
}

std::string subgraph_to_json(const Subgraph& graph) {
  std::string out;
  JsonWriter w(out, false);
  w.begin_object();
  w.member("start", graph.start);
  w.member("direction", graph.direction == Direction::kDownstream ? "downstream" : "upstream");
  w.key("nodes");
  w.begin_array();
  for (const GraphNode& n : graph.nodes) {
    w.begin_object();
    w.member("name", n.name);
    w.member("kind", to_string(n.kind));
    w.member_int("depth", n.depth);
    w.end_object();
  }
  w.end_array();
  w.key("edges");
  w.begin_array();
  for (const GraphEdge& e : graph.edges) {
    w.begin_object();
    w.member("from", e.from);
    w.member("to", e.to);
    w.member_strings("queries", e.queries);
    w.member("first_seen", iso8601_utc(e.first_seen_ms));
    w.member("last_seen", iso8601_utc(e.last_seen_ms));
    w.member_strings("transforms", e.transforms);
    w.member_bool("condition_only", e.condition_only);
    w.end_object();
  }
  w.end_array();
  w.member_strings("queries", graph.queries);
  w.end_object();
  return out;
}

std::string subgraph_to_dot(const Subgraph& graph) {
  std::map<std::string, size_t> ids;
  std::string out = "digraph lineage {\n  rankdir=LR;\n  node [fontname=\"Helvetica\"];\n";
  for (const GraphNode& n : graph.nodes) {
    const size_t id = ids.size();
    ids.emplace(n.name, id);
    const char* shape = n.kind == NodeKind::kTable    ? "box"
                        : n.kind == NodeKind::kColumn ? "ellipse"
                                                      : "folder";
    out += "  n" + std::to_string(id) + " [label=" + json_string(n.name) + ", shape=" + shape;
    if (n.name == graph.start) out += ", style=bold";
    out += "];\n";
  }
  for (const GraphEdge& e : graph.edges) {
    auto f = ids.find(e.from);
    auto t = ids.find(e.to);
    if (f == ids.end() || t == ids.end()) continue;
    out += "  n" + std::to_string(f->second) + " -> n" + std::to_string(t->second);
    std::string attrs;
    if (!e.transforms.empty()) {
      std::string label;
      for (const auto& tr : e.transforms)
        label += (label.empty() ? "" : ",") + tr;
      attrs += "label=" + json_string(label);
    }
    if (e.condition_only) attrs += std::string(attrs.empty() ? "" : ", ") + "style=dashed";
    if (!attrs.empty()) out += " [" + attrs + "]";
    out += ";\n";
  }
  out += "}\n";
  return out;
}

std::string subgraph_to_text(const Subgraph& graph) {
  std::string out;
  out += graph.direction == Direction::kDownstream ? "downstream of " : "upstream of ";
  out += graph.start + "\n";
  for (const GraphNode& n : graph.nodes) {
    if (n.depth == 0) continue;
    out += std::string(static_cast<size_t>(n.depth) * 2, ' ');
    out += n.name;
    out += "  (" + std::string(to_string(n.kind)) + ", depth " + std::to_string(n.depth) + ")\n";
  }
  out += std::to_string(graph.nodes.size() - 1) + " nodes, " + std::to_string(graph.edges.size()) +
         " edges, " + std::to_string(graph.queries.size()) + " queries\n";
  return out;
}

} // namespace athena::lineage
