#pragma once

#include <map>
#include <string>
#include <vector>

#include "src/store/explorer_reads.h"
#include "src/store/store.h"

namespace athena::serve {

/// What `GET /api/graph.svg` was asked for.
struct GraphSvgRequest {
  std::string name; ///< qualified table, location or (with `columns`) column
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
/// columns=true|false, and repeated up=, down=, collapse= node names. false with a message
/// naming the parameter when one is bad.
bool parse_graph_request(const std::multimap<std::string, std::string>& params,
                         GraphSvgRequest* out, std::string* error);

/// The stored name a request's `name` means: a table (or location) qualified as CONTRACT.md
/// says; with `columns`, a column, or else a table standing for its columns. 200 with
/// `*resolved` set, 404 with a message when the database never saw it, 500 on a database
/// error.
/// `*is_column` says which it was.
int resolve_name(store::Store& store, const std::string& name, bool columns, std::string* resolved,
                 bool* is_column, std::string* error);

/// An HTTP answer: the SVG (status 200) or an error message (400, 404, 500).
struct GraphSvgResult {
  int status = 200;
  std::string svg;
  std::string error;
};

/// Walks the stored edges from the request's start (and its expanded nodes), drops what lies
/// beyond collapsed nodes, and lays the rest out with Graphviz. Every node is a
/// `<g id="nK" class="node" data-name data-kind data-queries-in data-queries-out>` and every
/// edge a `<g id="eK" class="edge" data-from data-to data-queries data-transforms
/// data-condition data-last-seen>`, the values escaped, so the page can make them clickable.
GraphSvgResult graph_svg(store::Store& store, const store::TableKinds& kinds,
                         const GraphSvgRequest& request);

} // namespace athena::serve
