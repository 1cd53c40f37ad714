#include "lineage/json_writer.h"

#include <array>
#include <charconv>
#include <cmath>
#include <cstdio>

#include "lineage/civil_time.h"
#include "lineage/text_escape.h"

namespace athena::lineage {

void append_json_string(std::string& out, std::string_view s, InvalidUtf8 invalid) {
  static constexpr std::array<char, 16> kHex = {'0', '1', '2', '3', '4', '5', '6', '7',
                                                '8', '9', 'a', 'b', 'c', 'd', 'e', 'f'};
  out.reserve(out.size() + s.size() + 2);
  out += '"';
  size_t run = 0; // start of the current run of bytes copied as they are
  size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x80) {
      if (invalid == InvalidUtf8::kKeep) {
        ++i;
        continue;
      }
      const size_t len = utf8_sequence_length(s, i);
      if (len != 0) {
        i += len;
        continue;
      }
      out.append(s.substr(run, i - run));
      out += "\xEF\xBF\xBD";
      run = ++i;
      continue;
    }
    if (c >= 0x20 && c != '"' && c != '\\') {
      ++i;
      continue;
    }
    out.append(s.substr(run, i - run));
    switch (c) {
    case '"':
      out += "\\\"";
      break;
    case '\\':
      out += "\\\\";
      break;
    case '\n':
      out += "\\n";
      break;
    case '\r':
      out += "\\r";
      break;
    case '\t':
      out += "\\t";
      break;
    case '\b':
      out += "\\b";
      break;
    case '\f':
      out += "\\f";
      break;
    default:
      out += "\\u00";
      out += kHex[c >> 4];
      out += kHex[c & 0xF];
    }
    run = ++i;
  }
  out.append(s.substr(run));
  out += '"';
}

std::string json_string(std::string_view s) {
  std::string out;
  append_json_string(out, s);
  return out;
}

std::string iso8601_utc(int64_t epoch_ms) {
  const CivilTime t = civil_time(epoch_ms);
  std::array<char, 96> buf{};
  std::snprintf(buf.data(), buf.size(), "%04lld-%02u-%02uT%02u:%02u:%02u.%03uZ",
                static_cast<long long>(t.date.year), t.date.month, t.date.day, t.hour, t.minute,
                t.second, t.millisecond);
  return buf.data();
}

void JsonWriter::newline() {
  if (!pretty_) return;
  out_.push_back('\n');
  out_.append(static_cast<size_t>(indent_) * 2, ' ');
}

void JsonWriter::string(std::string_view v) {
  before_value();
  append_json_string(out_, v);
}

void JsonWriter::integer(int64_t v) {
  before_value();
  std::array<char, 24> buf{};
  const auto r = std::to_chars(buf.data(), buf.data() + buf.size(), v);
  out_.append(buf.data(), r.ptr);
}

void JsonWriter::raw_number(std::string_view v) {
  before_value();
  out_.append(v);
}

void JsonWriter::number(double v) {
  if (!std::isfinite(v)) {
    null();
    return;
  }
  before_value();
  std::array<char, 32> buf{};
  const auto r = std::to_chars(buf.data(), buf.data() + buf.size(), v);
  out_.append(buf.data(), r.ec == std::errc() ? r.ptr : buf.data());
}

void JsonWriter::fixed(double v, int decimals) {
  before_value();
  std::array<char, 64> buf{};
  const int n = std::snprintf(buf.data(), buf.size(), "%.*f", decimals, v);
  if (n < 0) return;
  if (static_cast<size_t>(n) < buf.size()) {
    out_.append(buf.data(), static_cast<size_t>(n));
    return;
  }
  std::string big(static_cast<size_t>(n) + 1, '\0'); // a magnitude past 1e60: rare
  std::snprintf(big.data(), big.size(), "%.*f", decimals, v);
  big.pop_back();
  out_ += big;
}

void JsonWriter::boolean(bool v) {
  before_value();
  out_ += v ? "true" : "false";
}

void JsonWriter::null() {
  before_value();
  out_ += "null";
}

} // namespace athena::lineage
