#pragma once

#include <string>
#include <string_view>

#include <httplib.h>

namespace athena::serve {

/// Sets a JSON body (`application/json; charset=utf-8`) and the status.
void send_json(httplib::Response& res, int status, const std::string& body);

/// The API's error body `{"error":{"status":N,"message":"..."}}` with that status.
void send_error(httplib::Response& res, int status, std::string_view message);

/// `{"error":...}` as text (for tests and the error handler).
std::string error_body(int status, std::string_view message);

} // namespace athena::serve
