#pragma once

#include "src/serve/router.h"
#include "src/serve/serve_context.h"

namespace athena::serve {

/// The explorer page (`/` and its assets) and the routes only the page uses. Registered after
/// the JSON API; `context` outlives the server.
void add_explorer_routes(Router& router, const ServeContext& context);

} // namespace athena::serve
