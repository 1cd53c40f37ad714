// `graph --format text`: the traversal as real paths, each node under the node it came from.
#include <map>
#include <set>

#include "src/report/graph_query.h"
#include "src/util/text_escape.h"

namespace athena::report {

namespace {

using lineage::Direction;
using lineage::GraphEdge;
using lineage::NodeKind;

struct TreePrinter {
  const lineage::Subgraph& graph;
  const std::set<std::string>& view_names;
  std::map<std::string, std::vector<const GraphEdge*>> children; ///< in the walk's direction
  std::map<std::string, NodeKind> kinds;
  std::set<std::string> printed;
  std::string out;

  [[nodiscard]] std::string kind_of(const std::string& name) const {
    auto it = kinds.find(name);
    const NodeKind kind = it != kinds.end() ? it->second : NodeKind::kTable;
    if (kind == NodeKind::kTable && view_names.count(name) != 0) return "view";
    return std::string(lineage::to_string(kind));
  }

  static std::string edge_note(const GraphEdge& e) {
    std::string note;
    if (!e.transforms.empty()) {
      for (size_t i = 0; i < e.transforms.size(); ++i)
        note += (i > 0 ? "/" : "") + e.transforms[i];
      note += e.condition_only ? ", condition" : ", value";
      note += "; ";
    }
    note += std::to_string(e.queries.size()) + (e.queries.size() == 1 ? " query" : " queries");
    return note;
  }

  void node(const std::string& name, const std::string& prefix) {
    auto it = children.find(name);
    if (it == children.end()) return;
    const auto& edges = it->second;
    for (size_t i = 0; i < edges.size(); ++i) {
      const GraphEdge& e = *edges[i];
      const bool last = i + 1 == edges.size();
      const std::string& next = graph.direction == Direction::kDownstream ? e.to : e.from;
      out += prefix + (last ? "└─ " : "├─ ") + util::escape_control(next) + "  (" + kind_of(next) +
             ") [" + edge_note(e) + "]";
      // A node reached again (a diamond or a cycle) is shown once with what follows it.
      if (!printed.insert(next).second) {
        out += " (repeat: expanded above)\n";
        continue;
      }
      out += "\n";
      node(next, prefix + (last ? "   " : "│  "));
    }
  }
};

} // namespace

std::string subgraph_text(const lineage::Subgraph& graph, const std::set<std::string>& view_names) {
  TreePrinter p{graph, view_names, {}, {}, {}, {}};
  for (const auto& n : graph.nodes)
    p.kinds[n.name] = n.kind;
  for (const GraphEdge& e : graph.edges) {
    const std::string& parent = graph.direction == Direction::kDownstream ? e.from : e.to;
    p.children[parent].push_back(&e);
  }
  p.out = graph.direction == Direction::kDownstream ? "downstream of " : "upstream of ";
  p.out += util::escape_control(graph.start) + "  (" + p.kind_of(graph.start) + ")\n";
  p.printed.insert(graph.start);
  p.node(graph.start, "");
  p.out += std::to_string(graph.nodes.size() - 1) + " nodes, " +
           std::to_string(graph.edges.size()) + " edges, " + std::to_string(graph.queries.size()) +
           " queries\n";
  return p.out;
}

} // namespace athena::report
