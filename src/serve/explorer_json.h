#pragma once

#include <map>
#include <string>

#include "src/store/store.h"

namespace athena::serve {

/// An HTTP answer of the explorer's own JSON routes: a body (status 200) or an error message
/// (400, 404, 500).
struct JsonAnswer {
  int status = 200;
  std::string body;
  std::string error;
};

/// `GET /api/impact/{name}?columns=`: what breaks if a table (or, with columns=true, a
/// column) changes: {"name","kind":"table"|"column","tables":[{"name","depth","queries",
/// "last_seen"}],"columns":[{"name","table","depth","queries","last_seen"}],"truncated"}.
/// A table's impact walks its table edges and its columns' edges; a column's walks column
/// edges and lists the tables of the columns reached. Every table
/// and column downstream at any depth, nearest first; `last_seen` is the latest time an edge
/// into it was seen (ISO-8601 UTC, null when unknown); `queries` counts the queries on those
/// edges.
JsonAnswer impact_json(store::Store& store, const std::string& name,
                       const std::multimap<std::string, std::string>& params);

/// `GET /api/edge-queries?from=&to=&columns=&limit=`: the queries that created one edge,
/// newest first: {"from","to","columns","total","queries":[{"id","submitted","user",
/// "workgroup","transform","condition","sql"}]}.
JsonAnswer edge_queries_json(store::Store& store,
                             const std::multimap<std::string, std::string>& params);

} // namespace athena::serve
