#include "src/serve/api_params.h"

#include <cctype>
#include <charconv>
#include <cstdio>

namespace athena::serve {

std::optional<std::string> param(const httplib::Request& req, const char* name) {
  if (!req.has_param(name)) return std::nullopt;
  return req.get_param_value(name);
}

int64_t int_param(const httplib::Request& req, const char* name, int64_t fallback, int64_t min,
                  int64_t max) {
  const auto text = param(req, name);
  if (!text) return fallback;
  int64_t v = 0;
  const char* end = text->data() + text->size();
  auto [ptr, ec] = std::from_chars(text->data(), end, v);
  if (text->empty() || ec != std::errc() || ptr != end || v < min || v > max) {
    throw ApiError(400, std::string("parameter '") + name + "' must be an integer from " +
                            std::to_string(min) + " to " + std::to_string(max) + ", not '" + *text +
                            "'");
  }
  return v;
}

bool bool_param(const httplib::Request& req, const char* name, bool fallback) {
  const auto text = param(req, name);
  if (!text) return fallback;
  if (*text == "true" || *text == "1") return true;
  if (*text == "false" || *text == "0") return false;
  throw ApiError(400, std::string("parameter '") + name + "' must be true or false, not '" + *text +
                          "'");
}

std::string day_param(const httplib::Request& req, const char* name) {
  const auto text = param(req, name);
  if (!text || text->empty()) return "";
  bool ok = text->size() == 10 && (*text)[4] == '-' && (*text)[7] == '-';
  for (size_t i = 0; ok && i < text->size(); ++i) {
    if (i != 4 && i != 7 && !std::isdigit(static_cast<unsigned char>((*text)[i]))) ok = false;
  }
  if (ok) {
    const int month = std::stoi(text->substr(5, 2));
    const int day = std::stoi(text->substr(8, 2));
    ok = month >= 1 && month <= 12 && day >= 1 && day <= 31;
  }
  if (!ok) {
    throw ApiError(400, std::string("parameter '") + name + "' must be a day YYYY-MM-DD, not '" +
                            *text + "'");
  }
  return *text;
}

int64_t parse_fingerprint(const std::string& text) {
  uint64_t v = 0;
  const char* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, v, 16);
  if (text.size() != 16 || ec != std::errc() || ptr != end) {
    throw ApiError(400, "a query fingerprint is 16 hexadecimal digits, not '" + text + "'");
  }
  return static_cast<int64_t>(v);
}

std::string fingerprint_hex(int64_t fingerprint) {
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(fingerprint));
  return buf;
}

} // namespace athena::serve
