#include "src/serve/explorer_routes.h"

namespace athena::serve {

void add_explorer_routes(Router& router, const ServeContext& /*context*/) {
  router.get("/", [](const httplib::Request&, httplib::Response& res) {
    res.set_content("athena-lineage serve: the JSON API is under /api/ (described at "
                    "/api/openapi.json)\n",
                    "text/plain; charset=utf-8");
  });
}

} // namespace athena::serve
