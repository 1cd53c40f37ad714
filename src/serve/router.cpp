#include "src/serve/router.h"

namespace athena::serve {

void Router::get(const std::string& pattern, httplib::Server::Handler handler) {
  server_.Get(pattern, std::move(handler));
  patterns_.push_back(pattern);
  regexes_.emplace_back(pattern);
}

bool Router::matches(const std::string& path) const {
  for (const auto& re : regexes_) {
    if (std::regex_match(path, re)) return true;
  }
  return false;
}

} // namespace athena::serve
