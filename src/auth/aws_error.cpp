#include "src/auth/aws_error.h"

#include <algorithm>
#include <atomic>
#include <utility>

#include <simdjson.h>

namespace athena::aws {

http::RetryClass classify_aws_attempt(long http_status, int curl_code,
                                      std::string_view error_code) {
  if (curl_code != 0 || (http_status >= 200 && http_status < 300)) {
    return http::classify_attempt(http_status, curl_code);
  }
  static constexpr std::string_view kThrottling[] = {"Throttling",
                                                     "ThrottlingException",
                                                     "ThrottledException",
                                                     "RequestThrottledException",
                                                     "TooManyRequestsException",
                                                     "ProvisionedThroughputExceededException",
                                                     "TransactionInProgressException",
                                                     "RequestLimitExceeded",
                                                     "BandwidthLimitExceeded",
                                                     "LimitExceededException",
                                                     "RequestThrottled",
                                                     "SlowDown",
                                                     "PriorRequestNotComplete",
                                                     "EC2ThrottledException"};
  static constexpr std::string_view kTransientCodes[] = {
      "RequestTimeout", "RequestTimeoutException", "PriorRequestNotComplete",
      "IDPCommunicationError"};
  if (std::find(std::begin(kThrottling), std::end(kThrottling), error_code) !=
      std::end(kThrottling)) {
    return http::RetryClass::kThrottling;
  }
  if (std::find(std::begin(kTransientCodes), std::end(kTransientCodes), error_code) !=
      std::end(kTransientCodes)) {
    return http::RetryClass::kTransient;
  }
  return http::classify_attempt(http_status, curl_code);
}
namespace {

constexpr size_t kMaxMessage = 300;

std::atomic<bool> g_show_bodies{false};

bool is_key_char(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

/// Collapses runs of whitespace (newlines included) to one space, drops control bytes and
/// cuts at `max` bytes, so any text fits on one summary line.
std::string one_line(std::string_view s, size_t max = kMaxMessage) {
  std::string out;
  bool space = false;
  for (char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
      space = !out.empty();
      continue;
    }
    if (u < 0x20 || u == 0x7f) continue;
    if (space) out.push_back(' ');
    space = false;
    out.push_back(c);
    if (out.size() >= max) {
      out += "...";
      break;
    }
  }
  return out;
}

/// Text of the first `<tag>` or `<tag attr...>` element in `text` (case-sensitive tag).
std::string element_text(std::string_view text, std::string_view tag) {
  std::string open = "<" + std::string(tag);
  size_t a = 0;
  while ((a = text.find(open, a)) != std::string_view::npos) {
    const size_t after = a + open.size();
    if (after < text.size() && (text[after] == '>' || text[after] == ' ')) break;
    a = after;
  }
  if (a == std::string_view::npos) return {};
  size_t gt = text.find('>', a);
  if (gt == std::string_view::npos) return {};
  size_t end = text.find("</" + std::string(tag), gt + 1);
  if (end == std::string_view::npos) return {};
  return xml_unescape(text.substr(gt + 1, end - gt - 1));
}

/// HTML text with the tags removed.
std::string strip_tags(std::string_view s) {
  std::string out;
  bool in_tag = false;
  for (char c : s) {
    if (c == '<') {
      in_tag = true;
      out.push_back(' ');
    } else if (c == '>') {
      in_tag = false;
    } else if (!in_tag) {
      out.push_back(c);
    }
  }
  return xml_unescape(out);
}

bool starts_like(std::string_view body, std::string_view what) {
  size_t p = body.find_first_not_of(" \t\r\n");
  if (p == std::string_view::npos) return false;
  body.remove_prefix(p);
  if (body.size() < what.size()) return false;
  for (size_t i = 0; i < what.size(); ++i) {
    char c = body[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != what[i]) return false;
  }
  return true;
}

bool parse_json_error(std::string_view body, AwsError& e) {
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  if (parser.parse(body.data(), body.size()).get(doc) != simdjson::SUCCESS || !doc.is_object()) {
    return false;
  }
  std::string_view type;
  if (doc["__type"].get(type) == simdjson::SUCCESS || doc["code"].get(type) == simdjson::SUCCESS ||
      doc["Code"].get(type) == simdjson::SUCCESS) {
    size_t hash = type.rfind('#');
    if (hash != std::string_view::npos) type = type.substr(hash + 1);
    size_t colon = type.find(':');
    if (colon != std::string_view::npos) type = type.substr(0, colon);
    e.code = one_line(type, 100);
  }
  std::string_view msg;
  if (doc["message"].get(msg) == simdjson::SUCCESS ||
      doc["Message"].get(msg) == simdjson::SUCCESS) {
    e.message = one_line(msg);
  }
  return true;
}

} // namespace

std::string xml_unescape(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '&') {
      out.push_back(s[i]);
      continue;
    }
    static constexpr std::pair<std::string_view, char> kEntities[] = {
        {"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'}, {"&apos;", '\''}};
    bool done = false;
    for (auto [ent, ch] : kEntities) {
      if (s.substr(i).starts_with(ent)) {
        out.push_back(ch);
        i += ent.size() - 1;
        done = true;
        break;
      }
    }
    if (!done) out.push_back('&');
  }
  return out;
}

std::string AwsError::describe() const {
  std::string out = operation.empty() ? std::string() : operation + ": ";
  out += code.empty() ? "error" : code;
  if (http_status != 0) out += " (HTTP " + std::to_string(http_status) + ")";
  if (!message.empty()) out += ": " + message;
  if (attempts > 1) out += " [after " + std::to_string(attempts) + " attempts]";
  if (g_show_bodies.load(std::memory_order_relaxed) && !body.empty()) {
    out += " [reply: " + body + "]";
  }
  return out;
}

AwsError parse_aws_error(long http_status, std::string_view body) {
  AwsError e;
  e.http_status = http_status;
  if (parse_json_error(body, e)) {
    // done
  } else if (starts_like(body, "<!doctype html") || starts_like(body, "<html")) {
    // A proxy, gateway or mock answered with a page: its title says what happened.
    std::string title = one_line(element_text(body, "title"), 120);
    if (title.empty()) title = one_line(element_text(body, "h1"), 120);
    e.message = "an HTML page" + (title.empty() ? std::string() : " (\"" + title + "\")") +
                " instead of an AWS error";
  } else if (starts_like(body, "<")) {
    // Query/REST-XML services (STS, IAM, S3): <ErrorResponse><Error><Code>, or <Error><Code>.
    e.code = one_line(element_text(body, "Code"), 100);
    e.message = one_line(element_text(body, "Message"));
    if (e.code.empty() && e.message.empty()) e.message = one_line(strip_tags(body));
  } else {
    e.message = one_line(body);
  }
  if (e.code.empty()) e.code = std::to_string(http_status);
  if (body.find_first_not_of(" \t\r\n") == std::string_view::npos) e.message = "empty reply body";
  e.message = mask_secrets(std::move(e.message));
  e.body = trimmed_body(mask_secrets(std::string(body)));
  return e;
}

std::string trimmed_body(std::string_view body) {
  return one_line(body, 500);
}

std::string mask_secrets(std::string text) {
  // Access key ids: AKIA/ASIA and 16 more capitals or digits.
  for (size_t i = 0; i + 20 <= text.size(); ++i) {
    if ((text.compare(i, 4, "AKIA") != 0 && text.compare(i, 4, "ASIA") != 0) ||
        (i > 0 && is_key_char(text[i - 1]))) {
      continue;
    }
    size_t n = 4;
    while (i + n < text.size() && is_key_char(text[i + n]))
      ++n;
    if (n >= 16) text.replace(i, n, "****");
  }
  // A value after a marker: up to the next space, quote, comma, '&', '<' or ';'.
  static constexpr std::string_view kMarkers[] = {
      "Signature=",     "Credential=",         "X-Amz-Security-Token=", "<SecurityToken>",
      "<SessionToken>", R"("SessionToken":")", R"("SecurityToken":")"};
  for (std::string_view marker : kMarkers) {
    for (size_t at = text.find(marker); at != std::string::npos;
         at = text.find(marker, at + marker.size())) {
      const size_t from = at + marker.size();
      size_t to = from;
      while (to < text.size() &&
             std::string_view(" \"',&<;").find(text[to]) == std::string_view::npos)
        ++to;
      if (to > from) text.replace(from, to - from, "****");
    }
  }
  return text;
}

void show_error_bodies(bool on) {
  g_show_bodies.store(on, std::memory_order_relaxed);
}

std::string athena_permission(std::string_view operation) {
  return "athena:" + std::string(operation);
}

bool is_credentials_error(const AwsError& e) {
  static constexpr std::string_view kCodes[] = {
      "UnrecognizedClientException",
      "InvalidSignatureException",
      "SignatureDoesNotMatch",
      "InvalidClientTokenId",
      "ExpiredToken",
      "ExpiredTokenException",
      "MissingAuthenticationToken",
      "IncompleteSignature",
      "InvalidAccessKeyId",
      "AuthFailure",
      "CredentialError",
      "InvalidToken",
  };
  for (std::string_view c : kCodes) {
    if (e.code == c) return true;
  }
  return false;
}

} // namespace athena::aws
