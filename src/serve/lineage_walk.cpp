#include "src/serve/lineage_walk.h"

#include <algorithm>
#include <deque>
#include <functional>
#include <map>
#include <tuple>
#include <unordered_map>

namespace athena::serve {

namespace {

using Fetch = std::function<std::vector<store::LineageEdge>(int64_t id, bool downstream)>;

/// Adds the other end of an edge as a node (or updates its depth and sides).
struct Builder {
  Walk walk;
  std::unordered_map<int64_t, size_t> index; // node id -> position in walk.nodes
  std::map<std::tuple<int64_t, int64_t, std::string, bool>, size_t> edge_index;
  bool columns = false;
  const std::set<int64_t>* views = nullptr;

  WalkNode make(const store::LineageEdge& e, bool source, int depth) const {
    WalkNode n;
    n.id = source ? e.source_id : e.target_id;
    n.name = source ? e.source : e.target;
    const bool location = source ? e.source_location : e.target_location;
    const int64_t table_id = source ? e.source_table_id : e.target_table_id;
    const std::string tk = table_kind(location, views->count(table_id) != 0);
    if (columns) {
      n.kind = "column";
      n.table = source ? e.source_table : e.target_table;
      n.table_kind = tk;
    } else {
      n.kind = tk;
    }
    n.depth = depth;
    return n;
  }
};

Walk walk(const std::vector<WalkNode>& starts, const WalkOptions& options, const Fetch& fetch,
          bool columns, const std::set<int64_t>& views) {
  Builder b;
  b.columns = columns;
  b.views = &views;
  for (const auto& s : starts) {
    if (b.index.emplace(s.id, b.walk.nodes.size()).second) b.walk.nodes.push_back(s);
  }
  for (const bool down : {false, true}) {
    if ((down && !options.downstream) || (!down && !options.upstream)) continue;
    std::deque<std::pair<int64_t, int>> frontier;
    std::set<int64_t> queued;
    for (const auto& s : starts) {
      if (queued.insert(s.id).second) frontier.emplace_back(s.id, 0);
    }
    while (!frontier.empty()) {
      const auto [id, d] = frontier.front();
      frontier.pop_front();
      if (options.depth >= 0 && d >= options.depth) continue;
      for (auto& e : fetch(id, down)) {
        const int64_t other = down ? e.target_id : e.source_id;
        auto it = b.index.find(other);
        if (it == b.index.end()) {
          if (b.walk.nodes.size() >= options.max_nodes) {
            b.walk.truncated = true;
            continue;
          }
          it = b.index.emplace(other, b.walk.nodes.size()).first;
          b.walk.nodes.push_back(b.make(e, !down, d + 1));
        }
        WalkNode& node = b.walk.nodes[it->second];
        node.depth = std::min(node.depth, d + 1);
        if (!node.start) (down ? node.downstream : node.upstream) = true;
        auto key = std::make_tuple(e.source_id, e.target_id, e.transform, e.condition);
        if (b.edge_index.emplace(key, b.walk.edges.size()).second) {
          b.walk.edges.push_back(std::move(e));
        }
        if (queued.insert(other).second) frontier.emplace_back(other, d + 1);
      }
    }
  }
  std::sort(b.walk.edges.begin(), b.walk.edges.end(),
            [](const store::LineageEdge& x, const store::LineageEdge& y) {
              return std::tie(x.source, x.target, x.transform, x.condition) <
                     std::tie(y.source, y.target, y.transform, y.condition);
            });
  return std::move(b.walk);
}

} // namespace

std::string table_kind(bool location, bool view) {
  if (location) return "s3";
  return view ? "view" : "table";
}

Walk walk_tables(store::ExplorerReader& reader, const store::TableRef& start,
                 const WalkOptions& options, const std::set<int64_t>& views) {
  WalkNode s;
  s.id = start.id;
  s.name = start.name;
  s.kind = table_kind(start.location, views.count(start.id) != 0);
  s.start = true;
  return walk(
      {s}, options, [&reader](int64_t id, bool down) { return reader.table_edges(id, down); },
      false, views);
}

Walk walk_columns(store::ExplorerReader& reader, const std::vector<store::ColumnRef>& starts,
                  const WalkOptions& options, const std::set<int64_t>& views) {
  std::vector<WalkNode> nodes;
  for (const auto& c : starts) {
    WalkNode s;
    s.id = c.id;
    s.name = c.name;
    s.kind = "column";
    s.table = c.table.name;
    s.table_kind = table_kind(c.table.location, views.count(c.table.id) != 0);
    s.start = true;
    nodes.push_back(std::move(s));
  }
  return walk(
      nodes, options, [&reader](int64_t id, bool down) { return reader.column_edges(id, down); },
      true, views);
}

} // namespace athena::serve
