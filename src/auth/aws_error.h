#pragma once

#include <string>
#include <string_view>

#include "src/http/retry.h"

namespace athena::aws {

/// A failed AWS call, parsed per spec §1.4. Never holds credentials.
struct AwsError {
  std::string operation; ///< e.g. "ListQueryExecutions"
  long http_status = 0;  ///< 0 for transport failures
  std::string code;      ///< `__type` without prefix, or the HTTP status, or the curl error
  std::string message;
  int attempts = 0;
  /// The reply body on one line, cut to 500 bytes, key ids, signatures and tokens masked;
  /// describe() shows it only after show_error_bodies(true) (`--verbose`).
  std::string body;

  [[nodiscard]] bool empty() const { return code.empty() && http_status == 0; }
  /// "ListQueryExecutions: AccessDeniedException (HTTP 400): MESSAGE [after 3 attempts]".
  [[nodiscard]] std::string describe() const;
};

/// Code and message from an error body of any format, each on one line: JSON (`__type` cut
/// after the last '#' and before ':', or `code`; `message` before `Message`), XML
/// (`<ErrorResponse><Error><Code>`/`<Message>`, or `<Error><Code>`), an HTML page (its title),
/// other text (trimmed), or nothing. The code is the HTTP status when the body names none.
AwsError parse_aws_error(long http_status, std::string_view body);

/// Classifies an attempt at an AWS call as http::classify_attempt() does, and also by the AWS
/// error code parsed from the body ("" when none): throttling codes (`ThrottlingException`,
/// `SlowDown`, ...) and transient ones (`RequestTimeout`, ...) whatever the HTTP status.
[[nodiscard]] http::RetryClass classify_aws_attempt(long http_status, int curl_code,
                                                    std::string_view error_code);

/// `s` with XML's five predefined entities replaced by their characters.
std::string xml_unescape(std::string_view s);

/// A reply body squeezed onto one line and cut to 500 bytes (for --verbose output).
std::string trimmed_body(std::string_view body);

/// `text` with what could identify or replay a request masked as `****`: access key ids
/// (AKIA.../ASIA...), and the values after `Signature=`, `Credential=`, `X-Amz-Security-Token=`
/// and `SecurityToken`/`SessionToken` (as XML elements or JSON keys).
std::string mask_secrets(std::string text);

/// From then on, AwsError::describe() appends the reply body (`--verbose`). Off by default.
void show_error_bodies(bool on);

/// True when AWS refused the caller's credentials themselves (unknown or expired key, bad
/// signature), as opposed to a permission or a service problem.
bool is_credentials_error(const AwsError& e);

/// The IAM action an Athena operation needs, e.g. "athena:ListWorkGroups".
std::string athena_permission(std::string_view operation);

} // namespace athena::aws
