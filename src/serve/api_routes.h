#pragma once

#include <string>
#include <vector>

#include "src/serve/router.h"
#include "src/serve/serve_context.h"

namespace athena::serve {

/// The JSON API under /api/ and its OpenAPI description at /api/openapi.json. `context`
/// outlives the server.
void add_api_routes(Router& router, const ServeContext& context);

/// Each API route: the path pattern it is registered under and its path in the OpenAPI
/// description (so a test can check the description covers every route).
struct ApiRoute {
  std::string pattern;
  std::string openapi_path;
};
const std::vector<ApiRoute>& api_routes();

} // namespace athena::serve
