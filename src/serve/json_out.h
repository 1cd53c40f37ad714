#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace athena::serve {

/// A small streaming JSON writer: commas and string escaping are its business, so a name or
/// SQL text can only ever come out as a JSON string. Numbers are written exactly (integers)
/// or shortest round-trip (doubles).
class JsonOut {
public:
  JsonOut& begin_object();
  JsonOut& end_object();
  JsonOut& begin_array();
  JsonOut& end_array();
  JsonOut& key(std::string_view k);
  JsonOut& value(std::string_view s);
  JsonOut& value(const char* s) { return value(std::string_view(s)); }
  JsonOut& value(const std::string& s) { return value(std::string_view(s)); }
  JsonOut& value(int64_t v);
  JsonOut& value(int v) { return value(static_cast<int64_t>(v)); }
  JsonOut& value(double v);
  JsonOut& value(bool v);
  JsonOut& null();
  /// Epoch milliseconds as ISO-8601 UTC, or null.
  JsonOut& time_ms(std::optional<int64_t> ms);
  /// Text already JSON (a nested document written elsewhere).
  JsonOut& raw(std::string_view json);

  std::string take() { return std::move(out_); }

private:
  void separate();
  std::string out_;
  std::vector<bool> first_; ///< per open container: nothing written in it yet
  bool after_key_ = false;
};

} // namespace athena::serve
