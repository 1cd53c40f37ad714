#include "src/serve/http_json.h"

#include "lineage/json_writer.h"

namespace athena::serve {

void send_json(httplib::Response& res, int status, std::string body) {
  res.status = status;
  // Browsers must not guess another type (a name holding HTML stays JSON text).
  res.set_header("X-Content-Type-Options", "nosniff");
  res.set_content(std::move(body), "application/json; charset=utf-8");
}

std::string error_body(int status, std::string_view message) {
  std::string out = "{\"error\":{\"status\":" + std::to_string(status) + ",\"message\":";
  lineage::append_json_string(out, message);
  return out + "}}";
}

void send_error(httplib::Response& res, int status, std::string_view message) {
  send_json(res, status, error_body(status, message));
}

} // namespace athena::serve
