#pragma once
// The two calls the tests make to a fake server's own endpoints (`/_fake/...`) and to its API:
// a GET returning the body and a JSON POST returning the status.
#include <string>

#include "src/http/http_client.h"

namespace athena::testing {

inline std::string fake_get(const std::string& url) {
  http::HttpClient client;
  http::HttpRequest req;
  req.method = "GET";
  req.url = url;
  return client.perform(req).body;
}

inline long fake_post_json(const std::string& url, const std::string& json) {
  http::HttpClient client;
  http::HttpRequest req;
  req.url = url;
  req.body = json;
  req.headers = {{"Content-Type", "application/json"}};
  return client.perform(req).status;
}

} // namespace athena::testing
