#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "lineage/lineage_graph.h"
#include "src/store/store.h"

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
struct GraphResult {
  enum class Status { kOk, kUnknownName, kError };
  Status status = Status::kOk;
  std::vector<lineage::Subgraph> views;
  std::string error;
};

/// Lowercases NAME and puts `awsdatacatalog.` before a name without its catalog: a table given
/// as `schema.table`, a column as `schema.table.column`. In an S3 location only the scheme is
/// lowercased (keys are case-sensitive) and a trailing slash is added.
std::string qualify_graph_name(std::string_view name, bool columns);

/// Walks the stored edges from `query.name` breadth-first (each node once, so cycles end) and
/// returns the subgraphs. Edges carry the ids and submission times of the SUCCEEDED queries
/// that created them. kUnknownName when the database never saw the name.
GraphResult query_graph(store::Store& store, const GraphQuery& query);

/// The subgraphs in `format` ("text", "json" or "dot"). One direction prints that subgraph;
/// both print the upstream then the downstream text, a JSON object
/// {"start","upstream","downstream"}, or one DOT graph of both.
std::string render_graph(const std::vector<lineage::Subgraph>& views, std::string_view format);

} // namespace athena::report
