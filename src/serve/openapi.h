#pragma once

#include <string_view>

namespace athena::serve {

/// The OpenAPI 3 description of the JSON API, served at /api/openapi.json.
std::string_view openapi_json();

} // namespace athena::serve
