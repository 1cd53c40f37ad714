#pragma once

#include <string>
#include <string_view>

namespace athena::aws {

/// A failed AWS call, parsed per spec §1.4. Never holds credentials.
struct AwsError {
  std::string operation; ///< e.g. "ListQueryExecutions"
  long http_status = 0;  ///< 0 for transport failures
  std::string code;      ///< `__type` without prefix, or the HTTP status, or the curl error
  std::string message;
  int attempts = 0;

  bool empty() const { return code.empty() && http_status == 0; }
  /// "ListQueryExecutions: AccessDeniedException (HTTP 400): MESSAGE [after 3 attempts]".
  std::string describe() const;
};

/// Code and message from an error body: `__type` cut after the last '#' and before ':',
/// `message` before `Message`, raw text when the body is not JSON.
AwsError parse_aws_error(long http_status, std::string_view body);

/// A JSON string literal for `s` (quotes included).
std::string json_quote(std::string_view s);

/// The IAM action an Athena operation needs, e.g. "athena:ListWorkGroups".
std::string athena_permission(std::string_view operation);

} // namespace athena::aws
