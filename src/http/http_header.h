#pragma once

#include <string>

namespace athena::http {

/// One HTTP header as sent on the wire (name case as given).
struct HttpHeader {
  std::string name;
  std::string value;
};

} // namespace athena::http
