// The explorer page (`/`, `/assets/...`, embedded in the binary) and the routes only it uses:
// the server-side layout of the lineage graph as SVG.
#include "src/serve/explorer_routes.h"

#include <map>
#include <mutex>
#include <string>
#include <string_view>

#include "src/serve/embedded_files.h"
#include "src/serve/graph_svg.h"
#include "src/serve/http_json.h"
#include "src/serve/reader_pool.h"
#include "src/serve/response_cache.h"
#include "src/store/sqlite_db.h"

namespace athena::serve {

namespace {

/// The page may load only its own script and style and talk only to this server: no inline
/// script, no inline style attribute, nothing from the network, no framing.
constexpr const char* kPagePolicy =
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
/// An SVG opened on its own: no script, Graphviz's presentation attributes only.
constexpr const char* kSvgPolicy = "default-src 'none'; style-src 'unsafe-inline'";

std::string_view content_type(std::string_view path) {
  auto ends = [&](std::string_view ext) { return path.ends_with(ext); };
  if (ends(".html")) return "text/html; charset=utf-8";
  if (ends(".css")) return "text/css; charset=utf-8";
  if (ends(".js")) return "text/javascript; charset=utf-8";
  if (ends(".svg")) return "image/svg+xml";
  if (ends(".png")) return "image/png";
  return "application/octet-stream";
}

const EmbeddedFile* find_file(std::string_view path) {
  for (const auto& f : embedded_files()) {
    if (f.path == path) return &f;
  }
  return nullptr;
}

void secure(httplib::Response& res, const char* policy) {
  res.set_header("Content-Security-Policy", policy);
  res.set_header("X-Content-Type-Options", "nosniff");
  res.set_header("Referrer-Policy", "no-referrer");
  res.set_header("X-Frame-Options", "DENY");
}

std::multimap<std::string, std::string> params_of(const httplib::Request& req) {
  return {req.params.begin(), req.params.end()};
}

} // namespace

void add_explorer_routes(Router& router, const ServeContext& context) {
  auto serve_file = [](std::string_view path, httplib::Response& res) {
    const EmbeddedFile* file = find_file(path);
    if (file == nullptr) {
      send_error(res, 404, "no asset '" + std::string(path) + "'");
      return;
    }
    secure(res, kPagePolicy);
    res.set_header("Cache-Control", "no-cache");
    res.set_content(std::string(file->body), std::string(content_type(path)));
  };
  router.get("/", [serve_file](const httplib::Request&, httplib::Response& res) {
    serve_file("index.html", res);
  });
  router.get("/assets/(.+)", [serve_file](const httplib::Request& req, httplib::Response& res) {
    serve_file(req.matches[1].str(), res);
  });
  router.get("/api/graph\\.svg", [&context](const httplib::Request& req, httplib::Response& res) {
    const util::Result<GraphSvgRequest> parsed = parse_graph_request(params_of(req));
    if (!parsed) {
      send_error(res, 400, parsed.error());
      return;
    }
    const GraphSvgRequest& request = *parsed;
    // Laid-out graphs are kept like the API's answers, until the database changes.
    ResponseCache* cache = context.cache;
    std::string key = req.path;
    for (const auto& [name, value] : req.params) {
      key += '\n';
      key += name;
      key += '=';
      key += value;
    }
    GraphSvgResult result;
    try {
      if (cache != nullptr && context.readers->database_changed()) cache->invalidate();
      const uint64_t generation = cache != nullptr ? cache->generation() : 0;
      std::unique_lock<std::mutex> computing;
      if (cache != nullptr) {
        computing = cache->compute_lock(key);
        if (auto body = cache->get(key, generation)) result.svg = std::move(*body);
      }
      if (result.svg.empty()) {
        auto reader = context.readers->lease();
        store::ExplorerReader::Snapshot snapshot(*reader);
        result = graph_svg(*reader, request);
        if (cache != nullptr && result.status == 200) cache->put(key, generation, result.svg);
      }
    } catch (const store::SqliteError& e) {
      send_error(res, 500, std::string("reading the database: ") + e.what());
      return;
    }
    if (result.status != 200) {
      send_error(res, result.status, result.error);
      return;
    }
    secure(res, kSvgPolicy);
    res.set_content(result.svg, "image/svg+xml; charset=utf-8");
  });
}

} // namespace athena::serve
