#pragma once

#include <set>

#include "lineage/json_writer.h"
#include "src/serve/lineage_walk.h"
#include "src/store/explorer_reader.h"

namespace athena::serve {

/// The JSON shapes the API shares between endpoints (documented in openapi.cpp).

/// {"from","from_kind","to","to_kind","queries","first_seen","last_seen","last_query_id"}, and
/// for column edges "from_table", "to_table", "transform" and "marking" (value|condition).
void write_edge(lineage::JsonWriter& out, const store::LineageEdge& edge, bool columns,
                const std::set<int64_t>& views);
/// {"name","kind","depth","side"}, and for columns "table" and "table_kind".
void write_node(lineage::JsonWriter& out, const WalkNode& node);
/// "nodes": [...], "edges": [...] (inside an open object).
void write_walk(lineage::JsonWriter& out, const Walk& walk, bool columns,
                const std::set<int64_t>& views);
/// {"id","state","submitted","user","workgroup","statement_kind","fingerprint",
/// "bytes_scanned","sql"}.
void write_run(lineage::JsonWriter& out, const store::QueryRun& run);
/// The table-level usage fields (inside an open object).
void write_stats(lineage::JsonWriter& out, const store::TableStats& stats);

} // namespace athena::serve
