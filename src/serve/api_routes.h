#pragma once

#include "src/serve/router.h"
#include "src/serve/serve_context.h"

namespace athena::serve {

/// The JSON API under /api/ and its OpenAPI description at /api/openapi.json. `context`
/// outlives the server.
void add_api_routes(Router& router, const ServeContext& context);

} // namespace athena::serve
