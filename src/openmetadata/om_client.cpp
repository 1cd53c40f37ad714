#include "src/openmetadata/om_client.h"

#include <simdjson.h>

#include "src/http/redact.h"

namespace athena::openmetadata {
namespace {

std::chrono::milliseconds seconds_ms(double s) {
  return std::chrono::milliseconds(static_cast<long long>(s * 1000.0));
}

/// The server's `{"code":..,"message":".."}`, or the start of the body (secrets masked by
/// the caller).
std::string error_message(const http::HttpResponse& r) {
  if (r.transport_failed()) return r.transport_message;
  simdjson::dom::parser parser;
  std::string_view message;
  if (parser.parse(r.body)["message"].get(message) == simdjson::SUCCESS)
    return std::string(message);
  std::string body = r.body.substr(0, 200);
  for (char& c : body) {
    if (c == '\n' || c == '\r') c = ' ';
  }
  return body.empty() ? "HTTP " + std::to_string(r.status) : body;
}

http::HttpOptions http_options(const OmClientOptions& o) {
  http::HttpOptions h;
  h.ca_bundle = o.ca_bundle;
  h.max_parallel = o.max_parallel;
  h.connect_timeout = o.connect_timeout;
  h.total_timeout = o.total_timeout;
  h.user_agent = "athena-lineage";
  return h;
}

http::RetrySettings retry_settings(const OmClientOptions& o) {
  http::RetrySettings r;
  r.max_attempts = o.max_attempts;
  r.base_seconds = o.retry_base_seconds;
  r.max_backoff_seconds = o.max_backoff_seconds;
  r.min_jitter = 0.1;
  return r;
}

} // namespace

bool may_have_applied(const http::HttpResponse& attempt) {
  return http::is_retryable(http::classify_attempt(attempt.status, attempt.transport_error)) &&
         attempt.status != 429 && !attempt.never_sent();
}

OmClientOptions client_options(const config::OpenMetadataServerConfig& server,
                               const config::OpenMetadataSinkOptions& sink) {
  OmClientOptions o;
  o.host_port = server.host_port;
  while (o.host_port.ends_with('/'))
    o.host_port.pop_back();
  o.bearer = server.auth_provider == "openmetadata";
  o.jwt = server.jwt_token;
  o.ca_bundle = server.ca_certificate;
  o.extra_headers = server.extra_headers;
  o.max_attempts = sink.max_attempts;
  o.retry_base_seconds = sink.retry_base_seconds;
  o.max_backoff_seconds = sink.max_backoff_seconds;
  o.max_parallel = static_cast<std::size_t>(sink.parallel_requests);
  o.connect_timeout = seconds_ms(sink.connect_timeout_seconds);
  o.total_timeout = seconds_ms(sink.request_timeout_seconds);
  return o;
}

OmClient::OmClient(OmClientOptions options)
    : options_(std::move(options)), http_(http_options(options_), retry_settings(options_)) {
  secrets_.push_back(options_.jwt);
  for (const auto& [name, value] : options_.extra_headers)
    secrets_.emplace_back(value);
}

void OmClient::send(OmRequest request, Callback done) {
  http::HttpRequest h;
  h.method = request.method;
  h.url = options_.host_port + "/v1" + request.path;
  h.body = request.body;
  h.fresh_connection = request.method != "GET";
  h.on_send = std::move(request.on_send);
  h.headers.push_back({"Accept", "application/json"});
  if (!request.body.empty() || request.method == "PUT" || request.method == "POST") {
    h.headers.push_back({"Content-Type", request.method == "PATCH" ? "application/json-patch+json"
                                                                   : "application/json"});
  }
  if (options_.bearer) h.headers.push_back({"Authorization", "Bearer " + options_.jwt.reveal()});
  for (const auto& [k, v] : options_.extra_headers)
    h.headers.push_back({k, v});
  const bool additive = request.additive;
  // An additive request is sent again only when it cannot have been applied; otherwise the
  // caller reads back what the server holds.
  auto may_resend = [additive](const http::HttpResponse& r) {
    return !additive || !may_have_applied(r);
  };
  http_.send(
      std::move(h),
      [this, additive, done = std::move(done)](http::RetriedResponse&& retried) {
        OmResponse out{std::move(retried), {}, additive};
        if (!out.ok()) out.error = http::redact(error_message(out.http.response), secrets_);
        done(std::move(out));
      },
      std::move(may_resend));
}

OmResponse OmClient::call(OmRequest request) {
  OmResponse out;
  send(std::move(request), [&out](OmResponse&& r) { out = std::move(r); });
  run();
  return out;
}

std::string describe_failure(const OmRequest& request, const OmResponse& response) {
  std::string s = request.method + " " + request.path + ": ";
  if (response.status() == 0) {
    s += "no response (" + response.error + ")";
  } else {
    s += "HTTP " + std::to_string(response.status());
    if (!response.error.empty()) s += " " + response.error;
  }
  if (response.attempts() > 1) s += " after " + std::to_string(response.attempts()) + " attempts";
  return s;
}

} // namespace athena::openmetadata
