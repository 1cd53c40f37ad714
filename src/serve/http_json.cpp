#include "src/serve/http_json.h"

#include "lineage/json_writer.h"

namespace athena::serve {

void send_json(httplib::Response& res, int status, const std::string& body) {
  res.status = status;
  // Browsers must not guess another type (a name holding HTML stays JSON text).
  res.set_header("X-Content-Type-Options", "nosniff");
  res.set_content(body, "application/json; charset=utf-8");
}

std::string error_body(int status, std::string_view message) {
  std::string out;
  lineage::JsonWriter w(out, /*pretty=*/false);
  w.begin_object();
  w.member_object("error", "status", status, "message", message);
  w.end_object();
  return out;
}

void send_error(httplib::Response& res, int status, std::string_view message) {
  send_json(res, status, error_body(status, message));
}

} // namespace athena::serve
