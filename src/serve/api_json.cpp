#include "src/serve/api_json.h"

#include "src/serve/api_params.h"

namespace athena::serve {

namespace {
using Time = lineage::JsonWriter::Time;
} // namespace

void write_edge(lineage::JsonWriter& out, const store::LineageEdge& e, bool columns,
                const std::set<int64_t>& views) {
  const std::string from_kind = table_kind(e.source_location, views.count(e.source_table_id) != 0);
  const std::string to_kind = table_kind(e.target_location, views.count(e.target_table_id) != 0);
  out.begin_object();
  out.member("from", e.source);
  if (columns) {
    out.fields("from_table", e.source_table, "from_table_kind", from_kind);
  } else {
    out.member("from_kind", from_kind);
  }
  out.member("to", e.target);
  if (columns) {
    out.fields("to_table", e.target_table, "to_table_kind", to_kind, "transform", e.transform,
               "marking", e.condition ? "condition" : "value");
  } else {
    out.member("to_kind", to_kind);
  }
  out.fields("queries", e.queries, "first_seen", Time{e.first_seen_ms}, "last_seen",
             Time{e.last_seen_ms}, "last_query_id", e.last_query_id);
  out.end_object();
}

void write_node(lineage::JsonWriter& out, const WalkNode& n) {
  out.begin_object();
  out.fields("name", n.name, "kind", n.kind);
  if (n.kind == "column") out.fields("table", n.table, "table_kind", n.table_kind);
  const char* side = "start";
  if (!n.start) {
    side = n.upstream && n.downstream ? "both" : (n.upstream ? "upstream" : "downstream");
  }
  out.fields("depth", n.depth, "side", side);
  out.end_object();
}

void write_walk(lineage::JsonWriter& out, const Walk& walk, bool columns,
                const std::set<int64_t>& views) {
  out.key("nodes");
  out.begin_array();
  for (const auto& n : walk.nodes)
    write_node(out, n);
  out.end_array();
  out.key("edges");
  out.begin_array();
  for (const auto& e : walk.edges)
    write_edge(out, e, columns, views);
  out.end_array();
}

void write_run(lineage::JsonWriter& out, const store::QueryRun& r) {
  out.object("id", r.id, "state", r.state, "submitted", Time{r.submitted_ms}, "user", r.user,
             "workgroup", r.workgroup, "statement_kind", r.statement_kind, "fingerprint",
             fingerprint_hex(r.fingerprint), "bytes_scanned", r.bytes_scanned, "sql", r.sql);
}

void write_stats(lineage::JsonWriter& out, const store::TableStats& s) {
  // "" (no usage yet) is null.
  using OrNull = lineage::JsonWriter::OrNull;
  out.fields("queries", s.queries, "users", s.users, "bytes_scanned", s.bytes_scanned, "cost_usd",
             s.cost_usd, "failures", s.failures, "first_seen", OrNull{s.first_seen}, "last_seen",
             OrNull{s.last_seen});
}

} // namespace athena::serve
