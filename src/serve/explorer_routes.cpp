// The explorer page (`/`, `/assets/...`, embedded in the binary) and the routes only it uses:
// the server-side layout of the lineage graph as SVG.
#include "src/serve/explorer_routes.h"

#include <memory>
#include <mutex>
#include <optional>
#include <string_view>
#include <vector>

#include "src/serve/embedded_files.h"
#include "src/serve/graph_svg.h"
#include "src/serve/http_json.h"
#include "src/store/explorer_reads.h"

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

/// Read-only Stores for the explorer's routes, one per request in flight, and the node kinds
/// (views, locations) cached until more queries are stored.
class Stores {
public:
  explicit Stores(std::string path) : path_(std::move(path)) {}

  class Lease {
  public:
    Lease(Stores& owner, std::unique_ptr<store::Store> s) : owner_(owner), store_(std::move(s)) {}
    ~Lease() {
      if (store_ != nullptr) owner_.give_back(std::move(store_));
    }
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    store::Store* get() const { return store_.get(); }

  private:
    Stores& owner_;
    std::unique_ptr<store::Store> store_;
  };

  /// A store for this request, or nullptr with `*error`.
  std::unique_ptr<Lease> lease(std::string* error) {
    std::unique_ptr<store::Store> s;
    {
      std::lock_guard lock(mutex_);
      if (!idle_.empty()) {
        s = std::move(idle_.back());
        idle_.pop_back();
      }
    }
    if (s == nullptr) s = store::Store::open_read_only(path_, store::StoreOptions{}, error);
    if (s == nullptr) return nullptr;
    return std::make_unique<Lease>(*this, std::move(s));
  }

  /// The node kinds, reloaded when queries were added since the last load.
  std::optional<store::TableKinds> kinds(store::Store& s, std::string* error) {
    const auto stamp = store::queries_stamp(s, error);
    if (!stamp) return std::nullopt;
    {
      std::lock_guard lock(mutex_);
      if (kinds_ && stamp_ == *stamp) return kinds_;
    }
    auto kinds = store::table_kinds(s, error);
    if (!kinds) return std::nullopt;
    std::lock_guard lock(mutex_);
    kinds_ = *kinds;
    stamp_ = *stamp;
    return kinds;
  }

private:
  void give_back(std::unique_ptr<store::Store> s) {
    std::lock_guard lock(mutex_);
    idle_.push_back(std::move(s));
  }

  std::string path_;
  std::mutex mutex_;
  std::vector<std::unique_ptr<store::Store>> idle_;
  std::optional<store::TableKinds> kinds_;
  int64_t stamp_ = -1;
};

std::multimap<std::string, std::string> params_of(const httplib::Request& req) {
  return {req.params.begin(), req.params.end()};
}

} // namespace

void add_explorer_routes(Router& router, const ServeContext& context) {
  auto stores = std::make_shared<Stores>(context.db_path);
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
  router.get("/api/graph\\.svg", [stores](const httplib::Request& req, httplib::Response& res) {
    GraphSvgRequest request;
    std::string error;
    if (!parse_graph_request(params_of(req), &request, &error)) {
      send_error(res, 400, error);
      return;
    }
    auto lease = stores->lease(&error);
    if (lease == nullptr) {
      send_error(res, 500, error);
      return;
    }
    auto kinds = stores->kinds(*lease->get(), &error);
    if (!kinds) {
      send_error(res, 500, "database: " + error);
      return;
    }
    GraphSvgResult result = graph_svg(*lease->get(), *kinds, request);
    if (result.status != 200) {
      send_error(res, result.status, result.error);
      return;
    }
    secure(res, kSvgPolicy);
    res.set_content(std::move(result.svg), "image/svg+xml; charset=utf-8");
  });
}

} // namespace athena::serve
