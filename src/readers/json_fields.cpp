#include "src/readers/json_fields.h"

#include <cmath>
#include <limits>

#include "src/readers/time_text.h"

namespace athena::readers {

using Element = simdjson::dom::element;
using simdjson::dom::element_type;

std::string_view json_type_name(element_type type) {
  switch (type) {
  case element_type::ARRAY:
    return "array";
  case element_type::OBJECT:
    return "object";
  case element_type::INT64:
  case element_type::UINT64:
  case element_type::DOUBLE:
    return "number";
  case element_type::STRING:
    return "string";
  case element_type::BOOL:
    return "boolean";
  case element_type::NULL_VALUE:
    return "null";
  }
  return "value";
}

std::optional<int64_t> integral_value(double d) {
  if (!std::isfinite(d) || std::trunc(d) != d) return std::nullopt;
  // 2^63 is exactly representable; anything at or beyond it does not fit.
  if (d >= 9223372036854775808.0 || d < -9223372036854775808.0) return std::nullopt;
  return static_cast<int64_t>(d);
}

std::string JsonFields::path_of(std::string_view key) const {
  if (path_.empty()) return std::string(key);
  return path_ + "." + std::string(key);
}

void JsonFields::wrong_type(std::string_view key, std::string_view expected, Element el) {
  if (has_problem()) return;
  *first_problem_ = path_of(key) + ": expected " + std::string(expected) + ", found " +
                    std::string(json_type_name(el.type()));
}

std::optional<Element> JsonFields::element(std::string_view key) {
  Element el;
  if (object_.at_key(key).get(el) != simdjson::SUCCESS) return std::nullopt;
  if (el.is_null()) return std::nullopt;
  return el;
}

void JsonFields::string(std::string_view key, std::string& out) {
  auto el = element(key);
  if (!el) return;
  std::string_view sv;
  if (el->get(sv) != simdjson::SUCCESS) {
    wrong_type(key, "a string", *el);
    return;
  }
  out.assign(sv);
}

std::optional<int64_t> JsonFields::integer(std::string_view key) {
  auto el = element(key);
  if (!el) return std::nullopt;
  switch (el->type()) {
  case element_type::INT64: {
    int64_t v = 0;
    if (el->get(v) == simdjson::SUCCESS) return v;
    break;
  }
  case element_type::UINT64: {
    uint64_t u = 0;
    if (el->get(u) != simdjson::SUCCESS) break;
    if (u <= static_cast<uint64_t>(std::numeric_limits<int64_t>::max())) {
      return static_cast<int64_t>(u);
    }
    break;
  }
  case element_type::DOUBLE: {
    double d = 0;
    if (el->get(d) != simdjson::SUCCESS) break;
    if (auto v = integral_value(d)) return v;
    break;
  }
  default:
    wrong_type(key, "an integer", *el);
    return std::nullopt;
  }
  if (!has_problem()) {
    *first_problem_ =
        path_of(key) + ": expected an integer in range, found " + simdjson::minify(*el);
  }
  return std::nullopt;
}

std::optional<double> JsonFields::number(std::string_view key) {
  auto el = element(key);
  if (!el) return std::nullopt;
  double d = 0;
  if (el->get(d) != simdjson::SUCCESS) {
    wrong_type(key, "a number", *el);
    return std::nullopt;
  }
  return d;
}

std::optional<bool> JsonFields::boolean(std::string_view key) {
  auto el = element(key);
  if (!el) return std::nullopt;
  bool b = false;
  if (el->get(b) != simdjson::SUCCESS) {
    wrong_type(key, "a boolean", *el);
    return std::nullopt;
  }
  return b;
}

std::optional<int64_t> JsonFields::timestamp_ms(std::string_view key) {
  auto el = element(key);
  if (!el) return std::nullopt;
  std::string_view text;
  if (el->get(text) == simdjson::SUCCESS) {
    auto ms = parse_timestamp_text_ms(text);
    if (!ms && !has_problem()) {
      std::string shown(text.substr(0, 40));
      for (char& c : shown) {
        if (static_cast<unsigned char>(c) < 0x20 || c == '"') c = '?';
      }
      *first_problem_ = path_of(key) +
                        ": expected seconds since the epoch or an ISO 8601 time, found \"" + shown +
                        (text.size() > 40 ? "...\"" : "\"");
    }
    return ms;
  }
  if (el->type() != element_type::INT64 && el->type() != element_type::UINT64 &&
      el->type() != element_type::DOUBLE) {
    wrong_type(key, "a number or a time string", *el);
    return std::nullopt;
  }
  // Integers are converted exactly; other numbers through double (ms precision holds for
  // any date up to year 287396).
  int64_t s = 0;
  if (el->type() == element_type::INT64 && el->get(s) == simdjson::SUCCESS) {
    if (s > std::numeric_limits<int64_t>::max() / 1000 ||
        s < std::numeric_limits<int64_t>::min() / 1000) {
      if (!has_problem()) *first_problem_ = path_of(key) + ": timestamp out of range";
      return std::nullopt;
    }
    return s * 1000;
  }
  auto d = number(key);
  if (!d) return std::nullopt;
  double ms = std::round(*d * 1000.0);
  auto v = integral_value(ms);
  if (!v && !has_problem()) {
    *first_problem_ = path_of(key) + ": timestamp out of range";
  }
  return v;
}

std::optional<JsonFields> JsonFields::object(std::string_view key) {
  auto el = element(key);
  if (!el) return std::nullopt;
  simdjson::dom::object obj;
  if (el->get(obj) != simdjson::SUCCESS) {
    wrong_type(key, "an object", *el);
    return std::nullopt;
  }
  return JsonFields(obj, path_of(key), *first_problem_);
}

} // namespace athena::readers
