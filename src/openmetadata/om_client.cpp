#include "src/openmetadata/om_client.h"

#include <curl/curl.h>
#include <simdjson.h>

#include "src/http/retry.h"

namespace athena::openmetadata {
namespace {

std::chrono::milliseconds seconds_ms(double s) {
  return std::chrono::milliseconds(static_cast<long long>(s * 1000.0));
}

/// The server's `{"code":..,"message":".."}`, or the start of the body.
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

/// True when the request surely did not reach the server: no connection was made.
bool never_sent(const http::HttpResponse& r) {
  return r.transport_error == CURLE_COULDNT_CONNECT ||
         r.transport_error == CURLE_COULDNT_RESOLVE_HOST ||
         r.transport_error == CURLE_SSL_CONNECT_ERROR;
}

} // namespace

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
    : options_(std::move(options)),
      http_(http::HttpOptions{options_.ca_bundle, options_.max_parallel, options_.connect_timeout,
                              options_.total_timeout, "athena-lineage"}),
      rng_(std::random_device{}()) {}

void OmClient::send(OmRequest request, Callback done) {
  attempt(std::make_shared<OmRequest>(std::move(request)), 1,
          std::make_shared<Callback>(std::move(done)));
}

void OmClient::attempt(std::shared_ptr<OmRequest> request, int number,
                       std::shared_ptr<Callback> done) {
  http::HttpRequest h;
  h.method = request->method;
  h.url = options_.host_port + "/v1" + request->path;
  h.body = request->body;
  h.fresh_connection = request->method != "GET";
  h.headers.push_back({"Accept", "application/json"});
  if (!request->body.empty() || request->method == "PUT" || request->method == "POST") {
    h.headers.push_back({"Content-Type", request->method == "PATCH" ? "application/json-patch+json"
                                                                    : "application/json"});
  }
  if (options_.bearer) h.headers.push_back({"Authorization", "Bearer " + options_.jwt.reveal()});
  for (const auto& [k, v] : options_.extra_headers)
    h.headers.push_back({k, v});
  ++attempts_;
  http_.start(std::move(h), [this, request, number, done](http::HttpResponse&& r) {
    const http::RetryClass cls = http::classify_attempt(r.status, r.transport_error);
    bool retryable = cls == http::RetryClass::kThrottling || cls == http::RetryClass::kTransient ||
                     cls == http::RetryClass::kTimeout;
    // An additive request is sent again only when it cannot have been applied; otherwise the
    // caller reads back what the server holds.
    const bool unknown = request->additive && retryable && r.status != 429 && !never_sent(r);
    if (unknown) retryable = false;
    if (retryable && number < options_.max_attempts) {
      ++retries_;
      http::RetryPolicy policy;
      policy.base_seconds = options_.retry_base_seconds;
      policy.max_backoff_seconds = options_.max_backoff_seconds;
      // Full jitter, but never less than a tenth of the step: a 429 deserves a pause.
      const double rand01 = 0.1 + 0.9 * std::uniform_real_distribution<double>(0, 1)(rng_);
      const auto delay = http::backoff_delay(policy, number, rand01);
      http_.schedule(http::SteadyClock::now() + delay,
                     [this, request, number, done] { attempt(request, number + 1, done); });
      return;
    }
    OmResponse out;
    out.status = r.status;
    out.attempts = number;
    out.unknown = unknown;
    if (!out.ok()) out.error = error_message(r);
    out.body = std::move(r.body);
    (*done)(std::move(out));
  });
}

OmResponse OmClient::call(OmRequest request) {
  OmResponse out;
  send(std::move(request), [&out](OmResponse&& r) { out = std::move(r); });
  run();
  return out;
}

std::string describe_failure(const OmRequest& request, const OmResponse& response) {
  std::string s = request.method + " " + request.path + ": ";
  if (response.status == 0) {
    s += "no response (" + response.error + ")";
  } else {
    s += "HTTP " + std::to_string(response.status);
    if (!response.error.empty()) s += " " + response.error;
  }
  if (response.attempts > 1) s += " after " + std::to_string(response.attempts) + " attempts";
  return s;
}

} // namespace athena::openmetadata
