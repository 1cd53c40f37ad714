#pragma once

#include <regex>
#include <string>
#include <vector>

#include <httplib.h>

namespace athena::serve {

/// Registers GET routes on the HTTP server and remembers their patterns, so a request with
/// another method on a known path gets 405 (and on an unknown path 404).
class Router {
public:
  explicit Router(httplib::Server& server) : server_(server) {}

  /// `pattern` is an httplib (ECMAScript) regular expression matched against the whole path;
  /// HEAD is answered by the same handler.
  void get(const std::string& pattern, httplib::Server::Handler handler);
  /// True when some GET route matches `path`.
  [[nodiscard]] bool matches(const std::string& path) const;
  /// Every registered pattern, in registration order.
  [[nodiscard]] const std::vector<std::string>& patterns() const { return patterns_; }
  httplib::Server& server() { return server_; }

private:
  httplib::Server& server_;
  std::vector<std::string> patterns_;
  std::vector<std::regex> regexes_;
};

} // namespace athena::serve
