#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace athena::lineage {

/// What append_json_string() does with bytes that are not well-formed UTF-8.
enum class InvalidUtf8 {
  kReplace, ///< each becomes U+FFFD, so the output is always valid JSON (what we emit)
  kKeep,    ///< copied as they are, so decoding gives back the exact bytes (stored records)
};

/// Appends `s` to `out` as a JSON string literal (quotes included): `"`, `\` and control
/// characters escaped (`\n` `\r` `\t` `\b` `\f`, else `\u00XX`), everything else as is
/// except bytes that are not well-formed UTF-8, which `invalid` decides.
void append_json_string(std::string& out, std::string_view s,
                        InvalidUtf8 invalid = InvalidUtf8::kReplace);

/// `s` as a JSON string literal.
std::string json_string(std::string_view s);

/// Epoch milliseconds as ISO-8601 UTC with millisecond precision: `2025-01-15T09:30:00.000Z`.
std::string iso8601_utc(int64_t epoch_ms);

/// A streaming JSON writer into a std::string, either compact (one line) or pretty (two-space
/// indent, "key": value, as the AWS CLI and our fixtures print). Callers keep the nesting
/// balanced (at most kMaxDepth containers deep); the writer only tracks commas and indentation,
/// in fixed storage, so writing a value allocates nothing beyond the output's own growth.
class JsonWriter {
public:
  static constexpr int kMaxDepth = 64;

  JsonWriter(std::string& out, bool pretty, int base_indent = 0)
      : out_(out), pretty_(pretty), indent_(base_indent) {}

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
  /// `v` with exactly `decimals` digits after the point, as printf's "%.Nf" (e.g. 0.250000).
  void fixed(double v, int decimals);
  void boolean(bool v);
  void null();
  /// A complete JSON value written elsewhere (compact), copied as it is.
  void raw_value(std::string_view json) { raw_number(json); }
  /// `v` as a string, or null when it is empty.
  void string_or_null(std::string_view v) {
    if (v.empty()) {
      null();
    } else {
      string(v);
    }
  }

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
  /// A member only when `v` is not empty.
  void member_if(std::string_view k, std::string_view v) {
    if (!v.empty()) member(k, v);
  }
  /// An array of strings.
  void strings(const std::vector<std::string>& items) {
    begin_array();
    for (const auto& s : items)
      string(s);
    end_array();
  }
  void member_strings(std::string_view k, const std::vector<std::string>& items) {
    key(k);
    strings(items);
  }

private:
  void before_value();
  void newline();
  void open(char c);
  void close(char c);

  std::string& out_;
  bool pretty_;
  int indent_;         // indentation level of the next line (pretty only)
  int depth_ = 0;      // open containers
  uint64_t empty_ = 0; // bit d: container d (0 = outermost) has no member yet
  bool after_key_ = false;
};

} // namespace athena::lineage
