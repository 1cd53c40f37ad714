// `graph`: loads the part of the stored lineage reachable from a name into a LineageGraph.
#include "src/report/graph_query.h"

#include <algorithm>
#include <deque>
#include <set>
#include <unordered_map>

#include "lineage/json_writer.h"
#include "lineage/qualified_name.h"
#include "src/store/sqlite_db.h"

namespace athena::report {

namespace {

using lineage::Direction;
using lineage::NodeKind;

// One row per (edge, query): the edge's ends, its transform and condition flag (columns
// only), and the query that created it.
constexpr const char* kTableEdges =
    "SELECT s.name, t.name, '', 0, q.id, ifnull(q.submitted_ms, 0), s.location, t.location "
    "FROM table_edges e "
    "JOIN tables s ON s.id = e.source_id JOIN tables t ON t.id = e.target_id "
    "JOIN query_table_edges qe ON qe.source_id = e.source_id AND qe.target_id = e.target_id "
    "JOIN queries q ON q.q = qe.q WHERE q.state = 'SUCCEEDED' AND ";
constexpr const char* kColumnEdges =
    "SELECT s.name, t.name, e.transform, e.condition, q.id, ifnull(q.submitted_ms, 0), 0, 0 "
    "FROM column_edges e JOIN columns s ON s.id = e.source_id "
    "JOIN columns t ON t.id = e.target_id JOIN query_column_edges qe ON qe.source_id = "
    "e.source_id AND qe.target_id = e.target_id AND qe.transform = e.transform AND "
    "qe.condition = e.condition JOIN queries q ON q.q = qe.q WHERE q.state = 'SUCCEEDED' AND ";

/// A node's kind: the store says which tables are locations (as the SQL named them).
NodeKind kind_of(bool location, bool columns) {
  if (columns) return NodeKind::kColumn;
  return location ? NodeKind::kLocation : NodeKind::kTable;
}

bool is_location(store::Db& db, const std::string& name) {
  store::Statement st(db, "SELECT location FROM tables WHERE name = ?1");
  st.bind(1, name);
  return st.step() && st.int64(0) != 0;
}

/// Loads every edge within `depth` hops of the start in one direction.
lineage::LineageGraph load(store::Db& db, const GraphQuery& query, Direction direction) {
  lineage::LineageGraph graph;
  graph.add_node(query.name, kind_of(!query.columns && is_location(db, query.name), query.columns));
  std::string sql = query.columns ? kColumnEdges : kTableEdges;
  sql += direction == Direction::kDownstream ? "s.name = ?1" : "t.name = ?1";
  sql += " ORDER BY s.name, t.name, q.id"; // stable node order in the output
  store::Statement st(db, sql);
  std::unordered_map<std::string, int> depth{{query.name, 0}};
  std::deque<std::string> frontier{query.name};
  while (!frontier.empty()) {
    const std::string node = std::move(frontier.front());
    frontier.pop_front();
    const int d = depth[node];
    if (query.depth >= 0 && d >= query.depth) continue;
    st.bind(1, node);
    while (st.step()) {
      const std::string from = st.text(0), to = st.text(1);
      const NodeKind from_kind = kind_of(st.int64(6) != 0, query.columns);
      graph.add_node(from, from_kind);
      graph.add_node(to, kind_of(st.int64(7) != 0, query.columns));
      lineage::EdgeObservation obs{st.text(4), st.int64(5), st.text(2), st.int64(3) != 0};
      graph.add_edge(from, to, from_kind, obs);
      const std::string& next = direction == Direction::kDownstream ? to : from;
      if (depth.emplace(next, d + 1).second) frontier.push_back(next);
    }
    st.reset();
  }
  return graph;
}

bool name_known(store::Db& db, const GraphQuery& query) {
  store::Statement st(db, query.columns ? "SELECT 1 FROM columns WHERE name = ?1"
                                        : "SELECT 1 FROM tables WHERE name = ?1");
  st.bind(1, query.name);
  return st.step();
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

GraphResult query_graph(store::Store& store, const GraphQuery& query) {
  GraphResult result;
  try {
    if (!store.read_only() && store.dirty_count() != 0 &&
        !store.refresh_aggregates(&result.error)) {
      result.status = GraphResult::Status::kError;
      return result;
    }
    store::Db& db = store.db();
    if (!name_known(db, query)) {
      result.status = GraphResult::Status::kUnknownName;
      result.error = std::string(query.columns ? "column" : "table") + " '" + query.name +
                     "' is not in the database";
      if (!query.columns) {
        store::Statement col(db, "SELECT 1 FROM columns WHERE name = ?1 OR "
                                 "name = 'awsdatacatalog.' || ?1");
        col.bind(1, query.name);
        if (col.step()) result.error += " (it names a column: add --columns)";
      }
      return result;
    }
    if (!query.columns) {
      store::Statement views(
          db, "SELECT DISTINCT t.name FROM query_tables qt JOIN queries q ON q.q = qt.q "
              "JOIN tables t ON t.id = qt.table_id WHERE qt.writes = 1 AND "
              "q.state = 'SUCCEEDED' AND q.statement_kind LIKE '%create_view%'");
      while (views.step())
        result.view_names.insert(views.text(0));
    }
    for (Direction dir : {Direction::kUpstream, Direction::kDownstream}) {
      if ((dir == Direction::kUpstream && !query.upstream) ||
          (dir == Direction::kDownstream && !query.downstream)) {
        continue;
      }
      lineage::LineageGraph graph = load(db, query, dir);
      lineage::TraversalOptions options;
      options.direction = dir;
      options.max_depth = query.depth;
      auto sub = graph.traverse(query.name, options);
      if (sub) result.views.push_back(std::move(*sub));
    }
  } catch (const store::SqliteError& e) {
    result.status = GraphResult::Status::kError;
    result.error = e.what();
  }
  return result;
}

std::string render_graph(const std::vector<lineage::Subgraph>& views, std::string_view format,
                         const std::set<std::string>& view_names) {
  if (views.empty()) return {};
  if (format == "json") {
    if (views.size() == 1) return lineage::subgraph_to_json(views.front()) + "\n";
    std::string out = "{\"start\":" + lineage::json_string(views.front().start);
    for (const auto& v : views) {
      out += v.direction == Direction::kUpstream ? ",\"upstream\":" : ",\"downstream\":";
      out += lineage::subgraph_to_json(v);
    }
    return out + "}\n";
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
