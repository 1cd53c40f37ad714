#pragma once

#include <cassert>
#include <concepts>
#include <cstdint>
#include <optional>
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

  // The structural calls are inline: payloads are built per table and edge, and these run
  // for every member.
  void begin_object() { open('{'); }
  void end_object() { close('}'); }
  void begin_array() { open('['); }
  void end_array() { close(']'); }
  /// Starts a member; the value must follow.
  void key(std::string_view k) {
    before_value();
    if (plain(k)) { // the usual case, a literal name: copied without escaping
      out_.push_back('"');
      out_.append(k);
      out_.append(pretty_ ? "\": " : "\":");
    } else {
      append_json_string(out_, k);
      out_.append(pretty_ ? ": " : ":");
    }
    after_key_ = true;
  }
  void string(std::string_view v);
  void integer(int64_t v);
  /// A number already formatted as JSON (e.g. "1736934312.482").
  void raw_number(std::string_view v);
  /// `v` with exactly `decimals` digits after the point, as printf's "%.Nf" (e.g. 0.250000).
  void fixed(double v, int decimals);
  /// `v` in its shortest form that reads back as the same double (e.g. 0.1, 12, 1e+21); null
  /// when it is not finite.
  void number(double v);
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

  // Values for fields() and object() beyond strings, integers, booleans and string arrays.
  /// A value already formatted as JSON (a number such as "1.87500", or a whole value).
  struct Raw {
    std::string_view json;
  };
  /// A number with exactly `decimals` digits after the point.
  struct Fixed {
    double value;
    int decimals;
  };
  /// A string, or null when it is empty.
  struct OrNull {
    std::string_view text;
  };
  /// A string member written only when the string is not empty (as is an unset std::optional).
  struct IfSet {
    std::string_view text;
  };
  /// Epoch milliseconds as ISO-8601 UTC (iso8601_utc), or null when unset.
  struct Time {
    std::optional<int64_t> epoch_ms;
  };

  /// Members of the open object from (key, value) pairs: `fields("name", t.name, "queries", n)`.
  template <class V, class... Rest>
  void fields(std::string_view k, const V& v, const Rest&... rest) {
    field(k, v);
    if constexpr (sizeof...(rest) > 0) fields(rest...);
  }
  /// A whole object (an array element or after key()) from (key, value) pairs.
  template <class... Fields> void object(const Fields&... members) {
    begin_object();
    if constexpr (sizeof...(members) > 0) fields(members...);
    end_object();
  }
  /// `"k":{...}` from (key, value) pairs.
  template <class... Fields> void member_object(std::string_view k, const Fields&... members) {
    key(k);
    object(members...);
  }
  /// `"k":[...]`, one object per item, its members written by `write_members(item)`.
  template <class Items, class Fn>
  void member_objects(std::string_view k, const Items& items, Fn&& write_members) {
    key(k);
    begin_array();
    for (const auto& item : items) {
      begin_object();
      write_members(item);
      end_object();
    }
    end_array();
  }

private:
  void value(std::string_view v) { string(v); }
  void value(const char* v) { string(v); }
  void value(const std::string& v) { string(v); }
  void value(bool v) { boolean(v); }
  template <std::integral T> void value(T v) { integer(static_cast<int64_t>(v)); }
  void value(Raw v) { raw_number(v.json); }
  void value(Fixed v) { fixed(v.value, v.decimals); }
  void value(OrNull v) { string_or_null(v.text); }
  void value(double v) { number(v); }
  void value(Time v) {
    if (v.epoch_ms) {
      string(iso8601_utc(*v.epoch_ms));
    } else {
      null();
    }
  }
  void value(const std::vector<std::string>& v) { strings(v); }

  template <class V> void field(std::string_view k, const V& v) {
    key(k);
    value(v);
  }
  void field(std::string_view k, IfSet v) { member_if(k, v.text); }
  template <class T> void field(std::string_view k, const std::optional<T>& v) {
    if (v) field(k, *v);
  }

  /// True when `k` needs no escaping (printable ASCII, no quote or backslash).
  static bool plain(std::string_view k) {
    for (const char c : k) {
      const auto u = static_cast<unsigned char>(c);
      if (u < 0x20 || u >= 0x80 || c == '"' || c == '\\') return false;
    }
    return true;
  }
  void before_value() {
    if (after_key_) {
      after_key_ = false;
      return;
    }
    if (depth_ == 0) return;
    const uint64_t bit = uint64_t{1} << (depth_ - 1);
    if ((empty_ & bit) == 0) out_.push_back(',');
    empty_ &= ~bit;
    if (pretty_) newline();
  }
  void newline();
  void open(char c) {
    before_value();
    assert(depth_ < kMaxDepth && "JsonWriter: nesting deeper than kMaxDepth");
    out_.push_back(c);
    empty_ |= uint64_t{1} << depth_;
    ++depth_;
    ++indent_;
  }
  void close(char c) {
    assert(depth_ > 0 && "JsonWriter: end without begin");
    if (depth_ == 0) return; // an end without its begin writes nothing
    --depth_;
    --indent_;
    if (pretty_ && (empty_ & (uint64_t{1} << depth_)) == 0) newline();
    out_.push_back(c);
  }

  std::string& out_;
  bool pretty_;
  int indent_;         // indentation level of the next line (pretty only)
  int depth_ = 0;      // open containers
  uint64_t empty_ = 0; // bit d: container d (0 = outermost) has no member yet
  bool after_key_ = false;
};

/// A compact JSON object from (key, value) pairs, as JsonWriter::object() writes them:
/// `json_object("WorkGroup", name, "MaxResults", 50)` is `{"WorkGroup":"...","MaxResults":50}`.
template <class... Fields> [[nodiscard]] std::string json_object(const Fields&... members) {
  std::string out;
  JsonWriter(out, false).object(members...);
  return out;
}

} // namespace athena::lineage
