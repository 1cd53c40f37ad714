#pragma once

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "src/store/store.h"

namespace athena::serve {

/// One drawn edge: the stored edges between two names merged (column edges come once per
/// transform and condition).
struct WalkedEdge {
  int64_t queries = 0;
  std::set<std::string> transforms;
  bool any_value = false; ///< some observation was a value source (else condition-only)
  int64_t last_seen_ms = 0;
};

/// Collects the stored edges (table or column) reachable from names, breadth-first over the
/// aggregated edges, each node expanded once per walk so cycles end. In column mode a table
/// name stands for all of its columns.
class EdgeWalker {
public:
  EdgeWalker(store::Store& store, bool columns) : store_(store), columns_(columns) {}

  /// Adds every edge within `depth` hops (-1: any) of `start` in one direction. Stops early
  /// once more than `max_nodes` nodes are known. false with `*error` on a database error.
  bool walk(const std::string& start, bool upstream, int depth, size_t max_nodes,
            std::string* error);

  /// Nodes in the order first seen (starts first).
  const std::vector<std::string>& nodes() const { return order_; }
  size_t node_count() const { return order_.size(); }
  const std::map<std::pair<std::string, std::string>, WalkedEdge>& edges() const { return edges_; }
  /// The smallest number of hops from a start each node was reached at.
  const std::unordered_map<std::string, int>& depths() const { return depths_; }
  /// The names the walks started from (a table's columns in column mode).
  const std::vector<std::string>& starts() const { return starts_; }

private:
  void add_node(const std::string& name, int depth);
  bool hop(const std::string& node, bool upstream, std::vector<std::string>* next,
           std::string* error);

  store::Store& store_;
  bool columns_;
  std::vector<std::string> order_;
  std::unordered_map<std::string, int> depths_;
  std::vector<std::string> starts_;
  std::map<std::pair<std::string, std::string>, WalkedEdge> edges_;
};

} // namespace athena::serve
