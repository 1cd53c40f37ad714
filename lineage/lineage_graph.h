#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace athena::lineage {

/// What a graph node stands for.
enum class NodeKind { kTable, kColumn, kLocation };

/// "table", "column", "location".
std::string_view to_string(NodeKind kind);

/// One observation of data flowing `from → to`, made by one query.
struct EdgeObservation {
  std::string query_id;
  int64_t time_ms = 0;    ///< when the query was submitted (epoch ms, UTC)
  std::string transform;  ///< identity|expression|aggregation|window|constant ("" for tables)
  bool condition = false; ///< a condition source rather than a value source
};

/// An edge of the graph with everything observed on it.
struct GraphEdge {
  std::string from;
  std::string to;
  NodeKind kind = NodeKind::kTable; ///< kind of the endpoints (column edges join columns)
  std::vector<std::string> queries; ///< distinct query ids, sorted
  int64_t first_seen_ms = 0;
  int64_t last_seen_ms = 0;
  std::vector<std::string> transforms; ///< distinct transforms, sorted
  bool condition_only = false;         ///< every observation was a condition source
};

/// A node reached by a traversal, with its distance from the start.
struct GraphNode {
  std::string name;
  NodeKind kind = NodeKind::kTable;
  int depth = 0;
};

enum class Direction { kUpstream, kDownstream };

/// The part of the graph a traversal reached: nodes in breadth-first order (the start first),
/// the edges between them, and the queries that created those edges.
struct Subgraph {
  std::string start;
  Direction direction = Direction::kDownstream;
  std::vector<GraphNode> nodes;
  std::vector<GraphEdge> edges;
  std::vector<std::string> queries; ///< distinct, sorted
};

/// Which edges a traversal follows.
struct TraversalOptions {
  Direction direction = Direction::kDownstream;
  int max_depth = -1;       ///< -1: any depth
  bool values_only = false; ///< skip edges whose every observation is a condition
};

/// A lineage graph of tables, columns and S3 locations. Names are the printed forms of
/// CONTRACT.md (lowercase `catalog.schema.table`, `...table.column`, `s3://bucket/prefix/`).
/// Adding the same edge again merges the observation into it. Cycles are fine.
class LineageGraph {
public:
  LineageGraph();
  ~LineageGraph();
  LineageGraph(LineageGraph&&) noexcept;
  LineageGraph& operator=(LineageGraph&&) noexcept;
  LineageGraph(const LineageGraph&) = delete;
  LineageGraph& operator=(const LineageGraph&) = delete;

  /// Adds a node if it is not there yet; a known node keeps its kind.
  void add_node(std::string_view name, NodeKind kind);
  /// Adds (or merges into) the edge `from → to`; both nodes are added as `kind`.
  void add_edge(std::string_view from, std::string_view to, NodeKind kind,
                const EdgeObservation& observation);

  [[nodiscard]] bool contains(std::string_view name) const;
  [[nodiscard]] std::optional<NodeKind> kind_of(std::string_view name) const;
  [[nodiscard]] size_t node_count() const;
  [[nodiscard]] size_t edge_count() const;

  /// Breadth-first from `start`, following edges forward (downstream: what it feeds) or
  /// backward (upstream: where it comes from), each node visited once. nullopt when `start`
  /// is not in the graph.
  [[nodiscard]] std::optional<Subgraph> traverse(std::string_view start,
                                                 const TraversalOptions& options) const;

  /// Every edge, sorted by (from, to).
  [[nodiscard]] std::vector<GraphEdge> edges() const;

  /// The whole graph as one Subgraph: every node (in the order added, depth 0), every edge,
  /// every query. `start` is empty.
  [[nodiscard]] Subgraph whole() const;

private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

/// The subgraph as one JSON object: {"start","direction","nodes":[{"name","kind","depth"}],
/// "edges":[{"from","to","queries","first_seen","last_seen","transforms","condition_only"}],
/// "queries":[...]}; times as ISO-8601 UTC.
std::string subgraph_to_json(const Subgraph& graph);

/// The subgraph in Graphviz DOT: tables as boxes, locations as folders, columns as ellipses,
/// condition-only edges dashed.
std::string subgraph_to_dot(const Subgraph& graph);

/// The subgraph as indented text, one node per line with its depth.
std::string subgraph_to_text(const Subgraph& graph);

} // namespace athena::lineage
