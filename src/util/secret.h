#pragma once

#include <ostream>
#include <string>
#include <utility>

namespace athena::util {

/// A string that must never reach a log, an error message, a report or the database: a secret
/// access key or a session token. Streaming or formatting it prints `****`; the value is only
/// reachable through reveal(), which the signer and the wire encoder call.
class Secret {
public:
  Secret() = default;
  explicit Secret(std::string value) : value_(std::move(value)) {}

  [[nodiscard]] const std::string& reveal() const { return value_; }
  [[nodiscard]] bool empty() const { return value_.empty(); }
  friend bool operator==(const Secret&, const Secret&) = default;
  friend std::ostream& operator<<(std::ostream& os, const Secret& s) {
    return os << (s.value_.empty() ? "" : "****");
  }

private:
  std::string value_;
};

} // namespace athena::util
