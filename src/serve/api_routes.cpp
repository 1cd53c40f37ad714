// The JSON API of `serve`. Every handler leases a read-only connection, reads in one short
// transaction (or answers from the cache while the database is unchanged) and answers JSON; bad
// parameters are 400 and unknown names 404 (ApiError).
#include "src/serve/api_routes.h"

#include <algorithm>
#include <functional>

#include "lineage/json_writer.h"
#include "lineage/qualified_name.h"
#include "src/report/graph_query.h"
#include "src/serve/api_json.h"
#include "src/serve/api_params.h"
#include "src/serve/http_json.h"
#include "src/serve/openapi.h"
#include "src/serve/reader_pool.h"
#include "src/serve/response_cache.h"
#include "src/serve/search_rank.h"
#include "src/store/sqlite_db.h"

namespace athena::serve {

namespace {

using Reader = store::ExplorerReader;
using Handler = std::function<std::string(const httplib::Request&, Reader&)>;
using lineage::JsonWriter;

constexpr size_t kMaxNodes = 2000;

/// The path and its parameters (in httplib's order: sorted by name).
std::string cache_key(const httplib::Request& req) {
  std::string key = req.path;
  for (const auto& [name, value] : req.params) {
    key += '\n';
    key += name;
    key += '=';
    key += value;
  }
  return key;
}

/// Runs `handler` with a leased connection in one read transaction; its errors become JSON.
httplib::Server::Handler wrap(const ServeContext& context, Handler handler) {
  return [&context, handler = std::move(handler)](const httplib::Request& req,
                                                  httplib::Response& res) {
    try {
      ResponseCache* cache = context.cache;
      if (cache == nullptr) {
        auto reader = context.readers->lease();
        Reader::Snapshot snapshot(*reader);
        send_json(res, 200, handler(req, *reader));
        return;
      }
      // The change check comes before the snapshot, so an answer kept in a generation was
      // computed from a snapshot holding every commit that generation knows of.
      if (context.readers->database_changed()) cache->invalidate();
      const uint64_t generation = cache->generation();
      const std::string key = cache_key(req);
      auto computing = cache->compute_lock(key);
      std::optional<std::string> body = cache->get(key, generation);
      if (!body) {
        auto reader = context.readers->lease();
        Reader::Snapshot snapshot(*reader);
        body = handler(req, *reader);
        cache->put(key, generation, *body);
      }
      computing.unlock();
      send_json(res, 200, *body);
    } catch (const ApiError& e) {
      send_error(res, e.status(), e.what());
    } catch (const store::SqliteError& e) {
      send_error(res, 500, std::string("reading the database: ") + e.what());
    }
  };
}

store::TableRef require_table(Reader& reader, const std::string& raw) {
  const std::string name = report::qualify_graph_name(raw, false);
  if (auto t = reader.table(name)) return *t;
  std::string message = "table '" + name + "' is not in the database";
  if (reader.column(report::qualify_graph_name(raw, true))) {
    message += " (it names a column)";
  }
  throw ApiError(404, message);
}

store::ColumnRef require_column(Reader& reader, const std::string& raw) {
  const std::string name = report::qualify_graph_name(raw, true);
  if (auto c = reader.column(name)) return *c;
  throw ApiError(404, "column '" + name + "' is not in the database");
}

WalkOptions walk_options(const httplib::Request& req, int default_depth) {
  WalkOptions o;
  const std::string direction = param(req, "direction").value_or("both");
  if (direction == "up") {
    o.downstream = false;
  } else if (direction == "down") {
    o.upstream = false;
  } else if (direction != "both") {
    throw ApiError(400, "parameter 'direction' must be up, down or both, not '" + direction + "'");
  }
  o.depth = static_cast<int>(int_param(req, "depth", default_depth, -1, 50));
  o.max_nodes = kMaxNodes;
  return o;
}

const char* direction_name(const WalkOptions& o) {
  if (o.upstream && o.downstream) return "both";
  return o.upstream ? "up" : "down";
}

std::string search(const httplib::Request& req, Reader& reader) {
  const std::string q = param(req, "q").value_or("");
  if (q.empty()) throw ApiError(400, "parameter 'q' is required (the text to look for)");
  const auto limit = int_param(req, "limit", 20, 1, 200);
  const std::string needle = lineage::to_lower_ascii(q);
  const auto views = reader.view_ids();
  auto hits = rank_matches(reader.names_containing(needle), needle, views);
  std::string body;
  JsonWriter out(body, /*pretty=*/false);
  out.begin_object();
  out.fields("q", q, "total", hits.size());
  out.key("results");
  out.begin_array();
  for (size_t i = 0; i < hits.size() && static_cast<int64_t>(i) < limit; ++i) {
    const auto& h = hits[i];
    out.begin_object();
    out.fields("name", h.name, "kind", h.kind);
    if (h.kind == "column") out.fields("table", h.table, "table_kind", h.table_kind);
    out.member("match", h.match);
    out.end_object();
  }
  out.end_array();
  out.end_object();
  return body;
}

std::string tables(const httplib::Request& req, Reader& reader) {
  const std::string sort = param(req, "sort").value_or("queries");
  store::TableSort order = store::TableSort::kQueries;
  if (sort == "users") {
    order = store::TableSort::kUsers;
  } else if (sort == "cost") {
    order = store::TableSort::kCost;
  } else if (sort != "queries") {
    throw ApiError(400, "parameter 'sort' must be queries, users or cost, not '" + sort + "'");
  }
  const auto limit = int_param(req, "limit", 50, 1, 1000);
  const auto offset = int_param(req, "offset", 0, 0, INT64_MAX / 2);
  const auto views = reader.view_ids();
  std::string body;
  JsonWriter out(body, /*pretty=*/false);
  out.begin_object();
  out.fields("sort", sort, "limit", limit, "offset", offset, "total", reader.table_count());
  out.key("tables");
  out.begin_array();
  for (const auto& row : reader.tables(order, limit, offset)) {
    out.begin_object();
    out.fields("name", row.table.name, "kind",
               table_kind(row.table.location, views.count(row.table.id) != 0));
    write_stats(out, row.stats);
    out.end_object();
  }
  out.end_array();
  out.end_object();
  return body;
}

std::string table_page(const httplib::Request& req, Reader& reader) {
  const auto table = require_table(reader, req.matches[1]);
  const auto views = reader.view_ids();
  std::string body;
  JsonWriter out(body, /*pretty=*/false);
  out.begin_object();
  out.fields("name", table.name, "kind", table_kind(table.location, views.count(table.id) != 0));
  write_stats(out, reader.table_stats(table.id, {}));
  const auto queries = reader.table_queries(table.id, 20, 10);
  out.member_objects("top_users", queries.users,
                     [&out](const auto& u) { out.fields("user", u.name, "queries", u.queries); });
  out.member_objects("workgroups", queries.workgroups, [&out](const auto& w) {
    out.fields("workgroup", w.name, "queries", w.queries);
  });
  out.member_objects("columns", reader.table_columns(table.id), [&out](const auto& c) {
    out.fields("name", c.name, "reads", c.reads);
    out.key("clauses");
    out.begin_object();
    for (const auto& [clause, n] : c.clauses)
      out.member_int(clause, n);
    out.end_object();
  });
  out.member_objects("top_queries", queries.shapes, [&out](const auto& s) {
    out.fields("fingerprint", fingerprint_hex(s.fingerprint), "runs", s.runs, "shape", s.text,
               "example_query_id", s.example_query_id, "example_sql", s.example_sql);
  });
  for (const bool down : {false, true}) {
    out.key(down ? "downstream" : "upstream");
    out.begin_array();
    for (const auto& e : reader.table_edges(table.id, down))
      write_edge(out, e, false, views);
    out.end_array();
  }
  out.end_object();
  return body;
}

std::string table_usage(const httplib::Request& req, Reader& reader) {
  const auto table = require_table(reader, req.matches[1]);
  const store::DayWindow window{day_param(req, "since"), day_param(req, "until")};
  if (!window.since.empty() && !window.until.empty() && window.since > window.until) {
    throw ApiError(400, "parameter 'since' (" + window.since + ") is after 'until' (" +
                            window.until + ")");
  }
  std::string body;
  JsonWriter out(body, /*pretty=*/false);
  out.begin_object();
  out.fields("name", table.name, "since", window.since, "until", window.until);
  write_stats(out, reader.table_stats(table.id, window));
  out.member_objects("days", reader.table_days(table.id, window), [&out](const auto& d) {
    out.fields("day", d.day, "queries", d.queries, "users", d.users, "bytes_scanned",
               d.bytes_scanned, "cost_usd", d.cost_usd, "failures", d.failures);
  });
  out.end_object();
  return body;
}

std::string walk_json(const std::string& start, const std::string& kind, const WalkOptions& o,
                      bool columns, const Walk& walk, const std::set<int64_t>& views) {
  std::string body;
  JsonWriter out(body, /*pretty=*/false);
  out.begin_object();
  out.fields("start", start, "kind", kind, "direction", direction_name(o), "depth", o.depth,
             "columns", columns);
  write_walk(out, walk, columns, views);
  out.member_bool("truncated", walk.truncated);
  out.end_object();
  return body;
}

std::string lineage(const httplib::Request& req, Reader& reader) {
  const std::string raw = req.matches[1];
  const WalkOptions o = walk_options(req, 1);
  const bool columns = bool_param(req, "columns", false);
  const auto views = reader.view_ids();
  if (!columns) {
    const auto table = require_table(reader, raw);
    return walk_json(table.name, table_kind(table.location, views.count(table.id) != 0), o, false,
                     walk_tables(reader, table, o, views), views);
  }
  // Column lineage of a table (all its columns) or of one column.
  if (auto table = reader.table(report::qualify_graph_name(raw, false))) {
    return walk_json(table->name, table_kind(table->location, views.count(table->id) != 0), o, true,
                     walk_columns(reader, reader.columns_of(*table), o, views), views);
  }
  if (auto column = reader.column(report::qualify_graph_name(raw, true))) {
    return walk_json(column->name, "column", o, true, walk_columns(reader, {*column}, o, views),
                     views);
  }
  throw ApiError(404, "no table or column '" + raw + "' in the database");
}

std::string column_lineage(const httplib::Request& req, Reader& reader) {
  const auto column = require_column(reader, req.matches[1]);
  const WalkOptions o = walk_options(req, -1);
  const auto views = reader.view_ids();
  return walk_json(column.name, "column", o, true, walk_columns(reader, {column}, o, views), views);
}

std::string impact(const httplib::Request& req, Reader& reader) {
  const std::string raw = req.matches[1];
  WalkOptions o;
  o.upstream = false;
  o.depth = -1;
  o.max_nodes = kMaxNodes;
  const auto views = reader.view_ids();
  std::string body;
  JsonWriter out(body, /*pretty=*/false);
  out.begin_object();
  if (auto table = reader.table(report::qualify_graph_name(raw, false))) {
    const Walk tables = walk_tables(reader, *table, o, views);
    const Walk columns = walk_columns(reader, reader.columns_of(*table), o, views);
    out.fields("start", table->name, "kind",
               table_kind(table->location, views.count(table->id) != 0));
    out.key("tables");
    out.begin_object();
    write_walk(out, tables, false, views);
    out.end_object();
    out.key("columns");
    out.begin_object();
    write_walk(out, columns, true, views);
    out.end_object();
    out.member_bool("truncated", tables.truncated || columns.truncated);
  } else if (auto column = reader.column(report::qualify_graph_name(raw, true))) {
    const Walk columns = walk_columns(reader, {*column}, o, views);
    out.fields("start", column->name, "kind", "column");
    // The tables holding the downstream columns, nearest first (no table edges: a column's
    // change reaches a table only through its columns).
    out.key("tables");
    out.begin_object();
    out.key("nodes");
    out.begin_array();
    std::set<std::string> seen;
    std::vector<const WalkNode*> by_depth;
    for (const auto& n : columns.nodes)
      by_depth.push_back(&n);
    std::stable_sort(by_depth.begin(), by_depth.end(),
                     [](const WalkNode* a, const WalkNode* b) { return a->depth < b->depth; });
    for (const WalkNode* n : by_depth) {
      if (!seen.insert(n->table).second) continue;
      WalkNode t;
      t.name = n->table;
      t.kind = n->table_kind;
      t.depth = n->depth;
      t.start = n->start;
      t.downstream = !n->start;
      write_node(out, t);
    }
    out.end_array();
    out.key("edges");
    out.begin_array();
    out.end_array();
    out.end_object();
    out.key("columns");
    out.begin_object();
    write_walk(out, columns, true, views);
    out.end_object();
    out.member_bool("truncated", columns.truncated);
  } else {
    throw ApiError(404, "no table or column '" + raw + "' in the database");
  }
  out.end_object();
  return body;
}

std::string edge_queries(const httplib::Request& req, Reader& reader) {
  const std::string from = param(req, "from").value_or("");
  const std::string to = param(req, "to").value_or("");
  if (from.empty() || to.empty()) {
    throw ApiError(400, "parameters 'from' and 'to' are required (the edge's ends)");
  }
  const bool columns = bool_param(req, "columns", false);
  const auto limit = int_param(req, "limit", 20, 1, 500);
  int64_t total = 0;
  std::vector<store::QueryRun> runs;
  std::string source, target;
  if (columns) {
    const auto s = require_column(reader, from);
    const auto t = require_column(reader, to);
    std::optional<std::string> transform = param(req, "transform");
    if (transform && transform->empty()) transform.reset();
    std::optional<bool> condition;
    if (const auto marking = param(req, "marking"); marking && !marking->empty()) {
      if (*marking != "value" && *marking != "condition") {
        throw ApiError(400,
                       "parameter 'marking' must be value or condition, not '" + *marking + "'");
      }
      condition = *marking == "condition";
    }
    runs = reader.column_edge_queries(s.id, t.id, transform, condition, limit, &total);
    source = s.name;
    target = t.name;
  } else {
    const auto s = require_table(reader, from);
    const auto t = require_table(reader, to);
    runs = reader.table_edge_queries(s.id, t.id, limit, &total);
    source = s.name;
    target = t.name;
  }
  if (total == 0) throw ApiError(404, "no stored edge from '" + source + "' to '" + target + "'");
  std::string body;
  JsonWriter out(body, /*pretty=*/false);
  out.begin_object();
  out.fields("from", source, "to", target, "columns", columns, "total", total);
  out.key("queries");
  out.begin_array();
  for (const auto& r : runs)
    write_run(out, r);
  out.end_array();
  out.end_object();
  return body;
}

std::string query_shape(const httplib::Request& req, Reader& reader) {
  const std::string hex = lineage::to_lower_ascii(std::string(req.matches[1]));
  const int64_t fingerprint = parse_fingerprint(hex);
  const auto limit = int_param(req, "limit", 20, 1, 500);
  const auto shape = reader.shape(fingerprint);
  if (!shape) throw ApiError(404, "no query with fingerprint " + hex + " in the database");
  std::string body;
  JsonWriter out(body, /*pretty=*/false);
  out.begin_object();
  out.fields("fingerprint", hex, "shape", shape->text, "runs", shape->runs, "succeeded",
             shape->succeeded, "failures", shape->failures, "bytes_scanned", shape->bytes_scanned,
             "cost_usd", shape->cost_usd);
  out.key("queries");
  out.begin_array();
  for (const auto& r : reader.shape_runs(fingerprint, limit))
    write_run(out, r);
  out.end_array();
  out.end_object();
  return body;
}

} // namespace

const std::vector<ApiRoute>& api_routes() {
  // Order matters: the first pattern matching a path answers it.
  static const std::vector<ApiRoute> routes{
      {"/api/openapi.json", "/api/openapi.json"},
      {"/api/search", "/api/search"},
      {"/api/tables", "/api/tables"},
      {"/api/tables/(.+)/usage", "/api/tables/{name}/usage"},
      {"/api/tables/(.+)", "/api/tables/{name}"},
      {"/api/lineage/(.+)", "/api/lineage/{name}"},
      {"/api/columns/(.+)/lineage", "/api/columns/{name}/lineage"},
      {"/api/impact/(.+)", "/api/impact/{name}"},
      {"/api/edges/queries", "/api/edges/queries"},
      {"/api/queries/([^/]+)", "/api/queries/{fingerprint}"},
  };
  return routes;
}

void add_api_routes(Router& router, const ServeContext& context) {
  const std::vector<Handler> handlers{
      nullptr, search,         tables, table_usage,  table_page,
      lineage, column_lineage, impact, edge_queries, query_shape,
  };
  const auto& routes = api_routes();
  router.get(routes[0].pattern, [](const httplib::Request&, httplib::Response& res) {
    send_json(res, 200, std::string(openapi_json()));
  });
  for (size_t i = 1; i < routes.size(); ++i)
    router.get(routes[i].pattern, wrap(context, handlers[i]));
}

} // namespace athena::serve
