// AWS Signature Version 4, following the steps in spec/athena-api.md §4.1.
#include "src/auth/sigv4.h"

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <map>
#include <utility>

#include "lineage/civil_time.h"
#include "src/auth/crypto.h"
#include "src/auth/time_util.h"

namespace athena::aws {
namespace {

bool is_unreserved(unsigned char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '_' || c == '.' || c == '~';
}

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) {
    return static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  });
  return out;
}

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

// Trims and collapses every run of whitespace (folded continuation lines included) to one space.
std::string canonical_header_value(std::string_view v) {
  std::string out;
  bool pending_space = false;
  for (char c : v) {
    if (is_space(c)) {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) {
      out.push_back(' ');
      pending_space = false;
    }
    out.push_back(c);
  }
  return out;
}

// Hop-by-hop headers and ones that proxies or libcurl may rewrite are never signed.
bool is_unsigned_header(std::string_view lower_name) {
  static constexpr std::string_view kSkip[] = {"connection",
                                               "expect",
                                               "keep-alive",
                                               "proxy-authenticate",
                                               "proxy-authorization",
                                               "te",
                                               "trailer",
                                               "transfer-encoding",
                                               "upgrade",
                                               "user-agent",
                                               "x-amzn-trace-id",
                                               "authorization"};
  return std::find(std::begin(kSkip), std::end(kSkip), lower_name) != std::end(kSkip);
}

std::string canonical_path(std::string_view raw, bool normalize) {
  if (raw.empty()) return "/";
  if (!normalize) return uri_encode(raw, true);
  std::vector<std::string_view> segments;
  size_t pos = 0;
  while (pos <= raw.size()) {
    size_t slash = raw.find('/', pos);
    if (slash == std::string_view::npos) slash = raw.size();
    std::string_view seg = raw.substr(pos, slash - pos);
    if (seg == "..") {
      if (!segments.empty()) segments.pop_back();
    } else if (!seg.empty() && seg != ".") {
      segments.push_back(seg);
    }
    pos = slash + 1;
  }
  std::string out;
  for (auto seg : segments) {
    out += '/';
    out += uri_encode(seg, false);
  }
  if (out.empty()) return "/";
  if (raw.back() == '/') out += '/';
  return out;
}

std::string canonical_query(std::string_view raw) {
  std::vector<std::pair<std::string, std::string>> params;
  size_t pos = 0;
  while (pos < raw.size()) {
    size_t amp = raw.find('&', pos);
    if (amp == std::string_view::npos) amp = raw.size();
    std::string_view piece = raw.substr(pos, amp - pos);
    if (!piece.empty()) {
      size_t eq = piece.find('=');
      std::string_view k = piece.substr(0, eq);
      std::string_view v = eq == std::string_view::npos ? std::string_view{} : piece.substr(eq + 1);
      params.emplace_back(uri_encode(uri_decode(k), false), uri_encode(uri_decode(v), false));
    }
    pos = amp + 1;
  }
  std::sort(params.begin(), params.end());
  std::string out;
  for (const auto& [k, v] : params) {
    if (!out.empty()) out += '&';
    out += k;
    out += '=';
    out += v;
  }
  return out;
}

} // namespace

std::string format_amz_date(SystemTime time) {
  const lineage::CivilTime t = lineage::civil_time(utc_seconds(time) * 1000);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04lld%02u%02uT%02u%02u%02uZ",
                static_cast<long long>(t.date.year), t.date.month, t.date.day, t.hour, t.minute,
                t.second);
  return buf;
}

std::string uri_encode(std::string_view s, bool keep_slash) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(s.size());
  for (unsigned char c : s) {
    if (is_unreserved(c) || (keep_slash && c == '/')) {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 0xf]);
    }
  }
  return out;
}

std::string uri_decode(std::string_view s) {
  auto hex = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size() && hex(s[i + 1]) >= 0 && hex(s[i + 2]) >= 0) {
      out.push_back(static_cast<char>(hex(s[i + 1]) * 16 + hex(s[i + 2])));
      i += 2;
    } else {
      out.push_back(s[i]);
    }
  }
  return out;
}

SignedRequest sign_v4(const SigningInput& request, const Credentials& credentials,
                      const SigningOptions& options) {
  SignedRequest result;
  const std::string amz_date = format_amz_date(options.time);
  const std::string date = amz_date.substr(0, 8);

  // Lower-case name -> values in arrival order (repeated headers are joined with ',').
  std::map<std::string, std::vector<std::string>> signed_values;
  bool has_date = false;
  bool has_token = false;
  for (const auto& h : request.headers) {
    std::string name = lower(h.name);
    if (name == "x-amz-date") has_date = true;
    if (name == "x-amz-security-token") has_token = true;
    if (is_unsigned_header(name)) continue;
    signed_values[name].push_back(canonical_header_value(h.value));
  }
  if (!has_date) {
    result.headers_to_add.push_back({"X-Amz-Date", amz_date});
    signed_values["x-amz-date"].push_back(amz_date);
  }
  if (!credentials.session_token.empty() && !has_token) {
    result.headers_to_add.push_back({"X-Amz-Security-Token", credentials.session_token.reveal()});
    if (options.sign_session_token) {
      signed_values["x-amz-security-token"].push_back(
          canonical_header_value(credentials.session_token.reveal()));
    }
  }

  const std::string payload_hash = sha256_hex(request.body);
  if (options.add_content_sha256 && signed_values.count("x-amz-content-sha256") == 0) {
    result.headers_to_add.push_back({"X-Amz-Content-SHA256", payload_hash});
    signed_values["x-amz-content-sha256"].push_back(payload_hash);
  }

  std::string canonical_headers;
  for (const auto& [name, values] : signed_values) {
    canonical_headers += name;
    canonical_headers += ':';
    for (size_t i = 0; i < values.size(); ++i) {
      if (i > 0) canonical_headers += ',';
      canonical_headers += values[i];
    }
    canonical_headers += '\n';
    if (!result.signed_headers.empty()) result.signed_headers += ';';
    result.signed_headers += name;
  }

  result.canonical_request = std::string(request.method) + '\n' +
                             canonical_path(request.path, options.normalize_path) + '\n' +
                             canonical_query(request.query) + '\n' + canonical_headers + '\n' +
                             result.signed_headers + '\n' + payload_hash;

  const std::string scope = date + '/' + options.region + '/' + options.service + "/aws4_request";
  result.string_to_sign =
      "AWS4-HMAC-SHA256\n" + amz_date + '\n' + scope + '\n' + sha256_hex(result.canonical_request);

  const std::string k_date = hmac_sha256("AWS4" + credentials.secret_access_key.reveal(), date);
  const std::string k_region = hmac_sha256(k_date, options.region);
  const std::string k_service = hmac_sha256(k_region, options.service);
  const std::string k_signing = hmac_sha256(k_service, "aws4_request");
  result.signature = to_hex(hmac_sha256(k_signing, result.string_to_sign));
  result.authorization = "AWS4-HMAC-SHA256 Credential=" + credentials.access_key_id + '/' + scope +
                         ", SignedHeaders=" + result.signed_headers +
                         ", Signature=" + result.signature;
  result.headers_to_add.push_back({"Authorization", result.authorization});
  return result;
}

} // namespace athena::aws
