// The JSON API of `serve`. Every handler leases a read-only connection, reads in one short
// transaction (or answers from the cache while the database is unchanged) and answers JSON; bad
// parameters are 400 and unknown names 404 (ApiError).
#include "src/serve/api_routes.h"

#include <algorithm>
#include <functional>

#include "lineage/qualified_name.h"
#include "src/report/graph_query.h"
#include "src/serve/api_json.h"
#include "src/serve/api_params.h"
#include "src/serve/http_json.h"
#include "src/serve/json_out.h"
#include "src/serve/openapi.h"
#include "src/serve/reader_pool.h"
#include "src/serve/response_cache.h"
#include "src/serve/search_rank.h"
#include "src/store/sqlite_db.h"

namespace athena::serve {

namespace {

using Reader = store::ExplorerReader;
using Handler = std::function<std::string(const httplib::Request&, Reader&)>;

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
      send_json(res, 200, std::move(*body));
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
  JsonOut out;
  out.begin_object().key("q").value(q).key("total").value(static_cast<int64_t>(hits.size()));
  out.key("results").begin_array();
  for (size_t i = 0; i < hits.size() && static_cast<int64_t>(i) < limit; ++i) {
    const auto& h = hits[i];
    out.begin_object().key("name").value(h.name).key("kind").value(h.kind);
    if (h.kind == "column") out.key("table").value(h.table).key("table_kind").value(h.table_kind);
    out.key("match").value(h.match).end_object();
  }
  out.end_array().end_object();
  return out.take();
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
  JsonOut out;
  out.begin_object().key("sort").value(sort).key("limit").value(limit).key("offset").value(offset);
  out.key("total").value(reader.table_count()).key("tables").begin_array();
  for (const auto& row : reader.tables(order, limit, offset)) {
    out.begin_object().key("name").value(row.table.name);
    out.key("kind").value(table_kind(row.table.location, views.count(row.table.id) != 0));
    write_stats(out, row.stats);
    out.end_object();
  }
  out.end_array().end_object();
  return out.take();
}

std::string table_page(const httplib::Request& req, Reader& reader) {
  const auto table = require_table(reader, req.matches[1]);
  const auto views = reader.view_ids();
  JsonOut out;
  out.begin_object().key("name").value(table.name);
  out.key("kind").value(table_kind(table.location, views.count(table.id) != 0));
  write_stats(out, reader.table_stats(table.id, {}));
  const auto queries = reader.table_queries(table.id, 20, 10);
  out.key("top_users").begin_array();
  for (const auto& u : queries.users) {
    out.begin_object().key("user").value(u.name).key("queries").value(u.queries).end_object();
  }
  out.end_array().key("workgroups").begin_array();
  for (const auto& w : queries.workgroups) {
    out.begin_object().key("workgroup").value(w.name).key("queries").value(w.queries).end_object();
  }
  out.end_array().key("columns").begin_array();
  for (const auto& c : reader.table_columns(table.id)) {
    out.begin_object().key("name").value(c.name).key("reads").value(c.reads);
    out.key("clauses").begin_object();
    for (const auto& [clause, n] : c.clauses)
      out.key(clause).value(n);
    out.end_object().end_object();
  }
  out.end_array().key("top_queries").begin_array();
  for (const auto& s : queries.shapes) {
    out.begin_object().key("fingerprint").value(fingerprint_hex(s.fingerprint));
    out.key("runs").value(s.runs).key("shape").value(s.text);
    out.key("example_query_id").value(s.example_query_id).key("example_sql").value(s.example_sql);
    out.end_object();
  }
  out.end_array();
  for (const bool down : {false, true}) {
    out.key(down ? "downstream" : "upstream").begin_array();
    for (const auto& e : reader.table_edges(table.id, down))
      write_edge(out, e, false, views);
    out.end_array();
  }
  out.end_object();
  return out.take();
}

std::string table_usage(const httplib::Request& req, Reader& reader) {
  const auto table = require_table(reader, req.matches[1]);
  const store::DayWindow window{day_param(req, "since"), day_param(req, "until")};
  if (!window.since.empty() && !window.until.empty() && window.since > window.until) {
    throw ApiError(400, "parameter 'since' (" + window.since + ") is after 'until' (" +
                            window.until + ")");
  }
  JsonOut out;
  out.begin_object().key("name").value(table.name);
  out.key("since").value(window.since).key("until").value(window.until);
  write_stats(out, reader.table_stats(table.id, window));
  out.key("days").begin_array();
  for (const auto& d : reader.table_days(table.id, window)) {
    out.begin_object().key("day").value(d.day).key("queries").value(d.queries);
    out.key("users").value(d.users).key("bytes_scanned").value(d.bytes_scanned);
    out.key("cost_usd").value(d.cost_usd).key("failures").value(d.failures).end_object();
  }
  out.end_array().end_object();
  return out.take();
}

std::string walk_json(const std::string& start, const std::string& kind, const WalkOptions& o,
                      bool columns, const Walk& walk, const std::set<int64_t>& views) {
  JsonOut out;
  out.begin_object().key("start").value(start).key("kind").value(kind);
  out.key("direction").value(direction_name(o)).key("depth").value(o.depth);
  out.key("columns").value(columns);
  write_walk(out, walk, columns, views);
  out.key("truncated").value(walk.truncated).end_object();
  return out.take();
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
  JsonOut out;
  out.begin_object();
  if (auto table = reader.table(report::qualify_graph_name(raw, false))) {
    const Walk tables = walk_tables(reader, *table, o, views);
    const Walk columns = walk_columns(reader, reader.columns_of(*table), o, views);
    out.key("start").value(table->name);
    out.key("kind").value(table_kind(table->location, views.count(table->id) != 0));
    out.key("tables").begin_object();
    write_walk(out, tables, false, views);
    out.end_object().key("columns").begin_object();
    write_walk(out, columns, true, views);
    out.end_object().key("truncated").value(tables.truncated || columns.truncated);
  } else if (auto column = reader.column(report::qualify_graph_name(raw, true))) {
    const Walk columns = walk_columns(reader, {*column}, o, views);
    out.key("start").value(column->name).key("kind").value("column");
    // The tables holding the downstream columns, nearest first (no table edges: a column's
    // change reaches a table only through its columns).
    out.key("tables").begin_object().key("nodes").begin_array();
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
    out.end_array().key("edges").begin_array().end_array().end_object();
    out.key("columns").begin_object();
    write_walk(out, columns, true, views);
    out.end_object().key("truncated").value(columns.truncated);
  } else {
    throw ApiError(404, "no table or column '" + raw + "' in the database");
  }
  out.end_object();
  return out.take();
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
  JsonOut out;
  out.begin_object().key("from").value(source).key("to").value(target);
  out.key("columns").value(columns).key("total").value(total).key("queries").begin_array();
  for (const auto& r : runs)
    write_run(out, r);
  out.end_array().end_object();
  return out.take();
}

std::string query_shape(const httplib::Request& req, Reader& reader) {
  const std::string hex = lineage::to_lower_ascii(std::string(req.matches[1]));
  const int64_t fingerprint = parse_fingerprint(hex);
  const auto limit = int_param(req, "limit", 20, 1, 500);
  const auto shape = reader.shape(fingerprint);
  if (!shape) throw ApiError(404, "no query with fingerprint " + hex + " in the database");
  JsonOut out;
  out.begin_object().key("fingerprint").value(hex).key("shape").value(shape->text);
  out.key("runs").value(shape->runs).key("succeeded").value(shape->succeeded);
  out.key("failures").value(shape->failures).key("bytes_scanned").value(shape->bytes_scanned);
  out.key("cost_usd").value(shape->cost_usd).key("queries").begin_array();
  for (const auto& r : reader.shape_runs(fingerprint, limit))
    write_run(out, r);
  out.end_array().end_object();
  return out.take();
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
