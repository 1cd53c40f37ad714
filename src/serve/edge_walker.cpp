// The breadth-first walk over the stored edge aggregates behind the explorer's graph and
// impact views.
#include "src/serve/edge_walker.h"

#include <deque>

#include "src/store/explorer_reads.h"

namespace athena::serve {

void EdgeWalker::add_node(const std::string& name, int depth) {
  auto [it, inserted] = depths_.emplace(name, depth);
  if (inserted) {
    order_.push_back(name);
  } else if (depth < it->second) {
    it->second = depth;
  }
}

bool EdgeWalker::hop(const std::string& node, bool upstream, std::vector<std::string>* next,
                     std::string* error) {
  const auto dir = upstream ? store::EdgeDirection::kUpstream : store::EdgeDirection::kDownstream;
  auto add = [&](const std::string& from, const std::string& to, int64_t queries,
                 const std::string& transform, bool condition, std::optional<int64_t> last) {
    WalkedEdge& e = edges_[{from, to}];
    e.queries += queries;
    if (!transform.empty()) e.transforms.insert(transform);
    if (!condition) e.any_value = true;
    if (last && *last > e.last_seen_ms) e.last_seen_ms = *last;
    next->push_back(upstream ? from : to);
  };
  if (columns_) {
    auto edges = store_.column_edges(node, dir, error);
    if (!edges) return false;
    for (const auto& e : *edges)
      add(e.source, e.target, e.queries, e.transform, e.condition, e.last_seen_ms);
  } else {
    auto edges = store_.table_edges(node, dir, error);
    if (!edges) return false;
    for (const auto& e : *edges)
      add(e.source, e.target, e.queries, "", false, e.last_seen_ms);
  }
  return true;
}

bool EdgeWalker::walk(const std::string& start, bool upstream, int depth, size_t max_nodes,
                      std::string* error) {
  std::vector<std::string> firsts{start};
  if (columns_) {
    // A table (or location) in column mode: start from each of its columns.
    auto columns = store::table_columns(store_, start, error);
    if (!columns) return false;
    if (!columns->empty()) firsts = std::move(*columns);
  }
  std::unordered_map<std::string, int> seen;
  std::deque<std::string> frontier;
  for (const auto& f : firsts) {
    if (!seen.emplace(f, 0).second) continue;
    frontier.push_back(f);
    add_node(f, 0);
    starts_.push_back(f);
  }
  while (!frontier.empty() && order_.size() <= max_nodes) {
    const std::string node = std::move(frontier.front());
    frontier.pop_front();
    const int d = seen[node];
    if (depth >= 0 && d >= depth) continue;
    std::vector<std::string> next;
    if (!hop(node, upstream, &next, error)) return false;
    for (auto& n : next) {
      if (seen.emplace(n, d + 1).second) {
        add_node(n, d + 1);
        frontier.push_back(n);
      }
    }
  }
  return true;
}

} // namespace athena::serve
