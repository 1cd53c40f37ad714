#include "src/serve/api_routes.h"

#include "src/serve/http_json.h"
#include "src/serve/reader_pool.h"

namespace athena::serve {

void add_api_routes(Router& router, const ServeContext& context) {
  router.get("/api/version", [&context](const httplib::Request&, httplib::Response& res) {
    auto reader = context.readers->lease();
    store::ExplorerReader::Snapshot snapshot(*reader);
    send_json(res, 200, "{\"schema_version\":" + std::to_string(reader->schema_version()) + "}");
  });
}

} // namespace athena::serve
