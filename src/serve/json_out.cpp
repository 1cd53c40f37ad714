#include "src/serve/json_out.h"

#include <charconv>
#include <cmath>

#include "lineage/json_writer.h"

namespace athena::serve {

void JsonOut::separate() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (!first_.empty()) {
    if (!first_.back()) out_ += ',';
    first_.back() = false;
  }
}

JsonOut& JsonOut::begin_object() {
  separate();
  out_ += '{';
  first_.push_back(true);
  return *this;
}

JsonOut& JsonOut::end_object() {
  out_ += '}';
  first_.pop_back();
  return *this;
}

JsonOut& JsonOut::begin_array() {
  separate();
  out_ += '[';
  first_.push_back(true);
  return *this;
}

JsonOut& JsonOut::end_array() {
  out_ += ']';
  first_.pop_back();
  return *this;
}

JsonOut& JsonOut::key(std::string_view k) {
  separate();
  lineage::append_json_string(out_, k);
  out_ += ':';
  after_key_ = true;
  return *this;
}

JsonOut& JsonOut::value(std::string_view s) {
  separate();
  lineage::append_json_string(out_, s);
  return *this;
}

JsonOut& JsonOut::value(int64_t v) {
  separate();
  out_ += std::to_string(v);
  return *this;
}

JsonOut& JsonOut::value(double v) {
  separate();
  if (!std::isfinite(v)) {
    out_ += "null";
    return *this;
  }
  char buf[32];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
  out_.append(buf, ec == std::errc() ? end : buf);
  return *this;
}

JsonOut& JsonOut::value(bool v) {
  separate();
  out_ += v ? "true" : "false";
  return *this;
}

JsonOut& JsonOut::null() {
  separate();
  out_ += "null";
  return *this;
}

JsonOut& JsonOut::time_ms(std::optional<int64_t> ms) {
  if (!ms) return null();
  return value(lineage::iso8601_utc(*ms));
}

JsonOut& JsonOut::raw(std::string_view json) {
  separate();
  out_ += json;
  return *this;
}

} // namespace athena::serve
