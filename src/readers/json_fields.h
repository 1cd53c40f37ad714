#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <simdjson.h>

namespace athena::readers {

/// Typed access to the members of one JSON object, for the readers. A member that is
/// missing or null reads as absent; a member of the wrong type reads as absent and is noted
/// in `first_problem`, with its JSON path ("Status.SubmissionDateTime: expected a number,
/// found string"), unless a problem is there already. Unknown members are never looked at.
class JsonFields {
public:
  /// `first_problem` is the record's ("" while it has none), shared by the nested objects
  /// object() gives; it must outlive them all.
  JsonFields(simdjson::dom::object object, std::string path, std::string& first_problem)
      : object_(object), path_(std::move(path)), first_problem_(&first_problem) {}

  /// A string member into `out` (left unchanged when absent).
  void string(std::string_view key, std::string& out);
  /// An integer member; integral doubles (1.0, 1e3) are accepted.
  std::optional<int64_t> integer(std::string_view key);
  /// Any number (double or integer).
  std::optional<double> number(std::string_view key);
  std::optional<bool> boolean(std::string_view key);
  /// A timestamp in any form AWS tools write → UTC ms: seconds since the epoch as a JSON
  /// number (1736934312.482, 1.73687513709E9) or as a string ("1736934312.482"), or an
  /// ISO 8601 / Python `str(datetime)` string with or without offset and fraction.
  std::optional<int64_t> timestamp_ms(std::string_view key);
  /// A nested object member.
  std::optional<JsonFields> object(std::string_view key);
  /// The raw element of a member, if present and not null.
  std::optional<simdjson::dom::element> element(std::string_view key);
  /// "path.key", for diagnostics about a member.
  [[nodiscard]] std::string path_of(std::string_view key) const;

private:
  void wrong_type(std::string_view key, std::string_view expected, simdjson::dom::element el);
  /// Whether a problem was noted already (the first one is kept).
  [[nodiscard]] bool has_problem() const { return !first_problem_->empty(); }

  simdjson::dom::object object_;
  std::string path_;
  std::string* first_problem_; ///< never null (a pointer so that JsonFields copies)
};

/// JSON type name for diagnostics: "string", "number", "object", ...
std::string_view json_type_name(simdjson::dom::element_type type);

/// Converts a double to int64 when it is integral and in range.
std::optional<int64_t> integral_value(double d);

} // namespace athena::readers
