#include "src/serve/api_json.h"

#include "src/serve/api_params.h"

namespace athena::serve {

namespace {

/// "" (no usage yet) as null.
void day_or_null(JsonOut& out, const std::string& day) {
  if (day.empty()) {
    out.null();
  } else {
    out.value(day);
  }
}

} // namespace

void write_edge(JsonOut& out, const store::LineageEdge& e, bool columns,
                const std::set<int64_t>& views) {
  const std::string from_kind = table_kind(e.source_location, views.count(e.source_table_id) != 0);
  const std::string to_kind = table_kind(e.target_location, views.count(e.target_table_id) != 0);
  out.begin_object().key("from").value(e.source);
  if (columns) {
    out.key("from_table").value(e.source_table).key("from_table_kind").value(from_kind);
  } else {
    out.key("from_kind").value(from_kind);
  }
  out.key("to").value(e.target);
  if (columns) {
    out.key("to_table").value(e.target_table).key("to_table_kind").value(to_kind);
    out.key("transform").value(e.transform);
    out.key("marking").value(e.condition ? "condition" : "value");
  } else {
    out.key("to_kind").value(to_kind);
  }
  out.key("queries").value(e.queries);
  out.key("first_seen").time_ms(e.first_seen_ms);
  out.key("last_seen").time_ms(e.last_seen_ms);
  out.key("last_query_id").value(e.last_query_id);
  out.end_object();
}

void write_node(JsonOut& out, const WalkNode& n) {
  out.begin_object().key("name").value(n.name).key("kind").value(n.kind);
  if (n.kind == "column") out.key("table").value(n.table).key("table_kind").value(n.table_kind);
  const char* side = "start";
  if (!n.start) {
    side = n.upstream && n.downstream ? "both" : (n.upstream ? "upstream" : "downstream");
  }
  out.key("depth").value(n.depth).key("side").value(side).end_object();
}

void write_walk(JsonOut& out, const Walk& walk, bool columns, const std::set<int64_t>& views) {
  out.key("nodes").begin_array();
  for (const auto& n : walk.nodes)
    write_node(out, n);
  out.end_array().key("edges").begin_array();
  for (const auto& e : walk.edges)
    write_edge(out, e, columns, views);
  out.end_array();
}

void write_run(JsonOut& out, const store::QueryRun& r) {
  out.begin_object().key("id").value(r.id).key("state").value(r.state);
  out.key("submitted").time_ms(r.submitted_ms);
  out.key("user").value(r.user).key("workgroup").value(r.workgroup);
  out.key("statement_kind").value(r.statement_kind);
  out.key("fingerprint").value(fingerprint_hex(r.fingerprint));
  out.key("bytes_scanned").value(r.bytes_scanned);
  out.key("sql").value(r.sql).end_object();
}

void write_stats(JsonOut& out, const store::TableStats& s) {
  out.key("queries").value(s.queries).key("users").value(s.users);
  out.key("bytes_scanned").value(s.bytes_scanned).key("cost_usd").value(s.cost_usd);
  out.key("failures").value(s.failures);
  out.key("first_seen");
  day_or_null(out, s.first_seen);
  out.key("last_seen");
  day_or_null(out, s.last_seen);
}

} // namespace athena::serve
