#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "lineage/json_writer.h"

namespace athena::samplegen {

/// The project's JSON string escaper (the generator only produces valid UTF-8, which it copies).
using lineage::append_json_string;

/// A streaming JSON writer into a std::string, either compact (one line) or pretty (two-space
/// indent, "key": value, as the AWS CLI and our fixtures print). Callers keep the nesting
/// balanced; the writer only tracks commas and indentation.
class JsonWriter {
public:
  JsonWriter(std::string& out, bool pretty, int base_indent = 0)
      : out_(out), pretty_(pretty), depth_(base_indent) {}

  void begin_object();
  void end_object();
  void begin_array();
  void end_array();
  /// Starts a member; the value must follow.
  void key(std::string_view k);
  void string(std::string_view v);
  void integer(int64_t v);
  /// A number already formatted as JSON (e.g. "1736934312.482").
  void raw_number(std::string_view v);
  void boolean(bool v);

  // Shorthands for one member.
  void member(std::string_view k, std::string_view v) {
    key(k);
    string(v);
  }
  void member(std::string_view k, const char* v) { member(k, std::string_view(v)); }
  void member(std::string_view k, const std::string& v) { member(k, std::string_view(v)); }
  void member_int(std::string_view k, int64_t v) {
    key(k);
    integer(v);
  }
  void member_bool(std::string_view k, bool v) {
    key(k);
    boolean(v);
  }

private:
  void before_value();
  void newline();

  std::string& out_;
  bool pretty_;
  int depth_;
  std::vector<bool> first_; // per open container: no member written yet
  bool after_key_ = false;
};

} // namespace athena::samplegen
