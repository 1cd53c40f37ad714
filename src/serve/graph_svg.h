#pragma once

#include <map>
#include <string>
#include <vector>

#include "src/store/explorer_reader.h"
#include "src/util/result.h"

namespace athena::serve {

/// What `GET /api/graph.svg` was asked for.
struct GraphSvgRequest {
  std::string name; ///< table or location, or with `columns` a column or table; as given
  bool columns = false;
  bool upstream = true;
  bool downstream = true;
  int depth = 1;                        ///< hops from `name` in each direction asked
  std::vector<std::string> expand_up;   ///< nodes to open one hop upstream
  std::vector<std::string> expand_down; ///< nodes to open one hop downstream
  std::vector<std::string> collapse;    ///< nodes whose far side is hidden
};

/// Largest depth and node count a request may ask for (the page stays usable at 500 nodes).
inline constexpr int kMaxGraphDepth = 10;
inline constexpr size_t kMaxGraphNodes = 2000;

/// The request from query parameters: name (required), direction=up|down|both, depth=0..10,
/// columns=true|false, and repeated up=, down=, collapse= node names. The error names the
/// parameter when one is bad.
util::Result<GraphSvgRequest>
parse_graph_request(const std::multimap<std::string, std::string>& params);

/// An HTTP answer: the SVG (status 200) or an error message (400, 404, 500).
struct GraphSvgResult {
  int status = 200;
  std::string svg;
  std::string error;
};

/// Walks the stored lineage from the request's start (a table, or in column mode a column or
/// all of a table's columns) and its expanded nodes, drops what lies beyond collapsed nodes, and
/// lays the rest out with Graphviz. Every node is a `<g id="nK" class="node" data-name
/// data-kind data-queries-in data-queries-out data-table>` and every edge a `<g id="eK"
/// class="edge" data-from data-to data-queries data-transforms data-condition
/// data-last-seen>`, the values escaped, so the page can make them clickable. Throws
/// store::SqliteError on a database error.
GraphSvgResult graph_svg(store::ExplorerReader& reader, const GraphSvgRequest& request);

} // namespace athena::serve
