#pragma once

#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "lineage/lineage_graph.h"
#include "src/store/store.h"
#include "src/util/result.h"

namespace athena::report {

/// What `athena-lineage graph` was asked for.
struct GraphQuery {
  std::string name;     ///< table, S3 location or (with `columns`) column; qualified already
  bool columns = false; ///< the column graph instead of the table graph
  bool upstream = true;
  bool downstream = true;
  int depth = -1; ///< -1: any depth
};

/// The traversals asked for (upstream first), or why there are none.
struct GraphTraversals {
  std::vector<lineage::Subgraph> views;
  std::set<std::string> view_names; ///< nodes that are views (made by a CREATE VIEW)
  /// Set when the database never saw the name, to say so ("table 'x' is not in the
  /// database"); `views` is empty then. An answer, not a failure to read.
  std::optional<std::string> unknown_name;
};

/// Lowercases NAME and puts `awsdatacatalog.` before a name without its catalog: a table given
/// as `schema.table`, a column as `schema.table.column`. In an S3 location only the scheme is
/// lowercased (keys are case-sensitive) and a trailing slash is added.
std::string qualify_graph_name(std::string_view name, bool columns);

/// Walks the stored edges from `query.name` breadth-first (each node once, so cycles end) and
/// returns the subgraphs. Edges carry the ids and submission times of the SUCCEEDED queries
/// that created them. Fails when the database cannot be read.
[[nodiscard]] util::Result<GraphTraversals> query_graph(store::Store& store,
                                                        const GraphQuery& query);

/// The subgraphs in `format` ("text", "json" or "dot"). One direction prints that subgraph;
/// both print the upstream then the downstream text, a JSON object
/// {"start","upstream","downstream"}, or one DOT graph of both.
/// Text shows each node under the node it came from (a path per line, a node reached again
/// marked as a repeat), with the kind (table, view, location, column) and, on column edges,
/// the transform and whether the source is a value or a condition.
std::string render_graph(const std::vector<lineage::Subgraph>& views, std::string_view format,
                         const std::set<std::string>& view_names = {});

/// One traversal as text (see render_graph).
std::string subgraph_text(const lineage::Subgraph& graph, const std::set<std::string>& view_names);

} // namespace athena::report
