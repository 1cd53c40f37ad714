#pragma once

#include <optional>
#include <stdexcept>
#include <string>

#include <httplib.h>

namespace athena::serve {

/// A request the API answers with an error status (400 bad parameter, 404 unknown name):
/// thrown inside a handler, turned into the JSON error body by the route wrapper.
class ApiError : public std::runtime_error {
public:
  ApiError(int status, const std::string& message) : std::runtime_error(message), status_(status) {}
  [[nodiscard]] int status() const { return status_; }

private:
  int status_;
};

/// The query parameter, or nullopt when absent.
std::optional<std::string> param(const httplib::Request& req, const char* name);
/// An integer parameter in [min, max], `fallback` when absent; 400 otherwise.
int64_t int_param(const httplib::Request& req, const char* name, int64_t fallback, int64_t min,
                  int64_t max);
/// true|false (or 1|0), `fallback` when absent; 400 otherwise.
bool bool_param(const httplib::Request& req, const char* name, bool fallback);
/// A YYYY-MM-DD day, "" when absent; 400 otherwise.
std::string day_param(const httplib::Request& req, const char* name);
/// 16 hex digits (as the report prints fingerprints) as the stored signed 64-bit value.
int64_t parse_fingerprint(const std::string& text);
/// A fingerprint as 16 lowercase hex digits.
std::string fingerprint_hex(int64_t fingerprint);

} // namespace athena::serve
