#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "src/auth/credentials.h"
#include "src/http/http_header.h"

namespace athena::aws {

/// What SigV4 signs. Views stay owned by the caller for the duration of sign_v4().
struct SigningInput {
  std::string_view method = "POST";
  std::string_view path = "/";           ///< raw request path, without the query string
  std::string_view query;                ///< raw query string after '?', "" for none
  std::vector<http::HttpHeader> headers; ///< must include Host
  std::string_view body;
};

struct SigningOptions {
  std::string region;
  std::string service;
  SystemTime time;
  /// Remove `.`/`..` segments and collapse `//` (every service but S3).
  bool normalize_path = true;
  /// False reproduces the "token added after signing" variant: X-Amz-Security-Token is
  /// returned among the headers to add but is not part of the signature.
  bool sign_session_token = true;
  /// Also send (and sign) `X-Amz-Content-SHA256` with the payload hash (S3-style).
  bool add_content_sha256 = false;
};

/// The result of signing: the headers to add to the request and the intermediate strings
/// (exposed so the official test vectors can check every step).
struct SignedRequest {
  std::vector<http::HttpHeader> headers_to_add; ///< X-Amz-Date, X-Amz-Security-Token, Authorization
  std::string canonical_request;
  std::string string_to_sign;
  std::string signed_headers;
  std::string signature;
  std::string authorization;
};

/// Signs a request with AWS Signature Version 4 (AWS4-HMAC-SHA256). A pure function of its
/// arguments: the same request, credentials and time give the same signature.
SignedRequest sign_v4(const SigningInput& request, const Credentials& credentials,
                      const SigningOptions& options);

/// `YYYYMMDDTHHMMSSZ` in UTC.
std::string format_amz_date(SystemTime time);
/// Percent-encodes every byte outside `A-Za-z0-9-_.~` (and `/` when keep_slash).
std::string uri_encode(std::string_view s, bool keep_slash);
/// Decodes `%XX` escapes; other bytes are copied as they are.
std::string uri_decode(std::string_view s);

} // namespace athena::aws
