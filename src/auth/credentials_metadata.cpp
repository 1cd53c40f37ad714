// ECS/EKS container credentials (spec §5.7) and EC2 IMDSv2 (spec §5.8).
#include <chrono>
#include <optional>

#include <simdjson.h>

#include "src/auth/credential_provider.h"
#include "src/auth/ini_file.h"
#include "src/auth/time_util.h"
#include "src/http/retrying_client.h"
#include "src/util/file_io.h"

namespace athena::aws {
namespace {

util::Result<Credentials> parse_json_credentials(const std::string& label, const std::string& body,
                                                 const char* token_key) {
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  if (parser.parse(body).get(doc) != simdjson::SUCCESS || !doc.is_object()) {
    return util::Error{label + ": the reply is not a JSON object"};
  }
  std::string_view key, secret, token, exp, account;
  if (doc["AccessKeyId"].get(key) != simdjson::SUCCESS ||
      doc["SecretAccessKey"].get(secret) != simdjson::SUCCESS ||
      doc[token_key].get(token) != simdjson::SUCCESS ||
      doc["Expiration"].get(exp) != simdjson::SUCCESS) {
    return util::Error{label + ": the reply lacks AccessKeyId, SecretAccessKey, " +
                       std::string(token_key) + " or Expiration"};
  }
  Credentials c;
  c.access_key_id = std::string(key);
  c.secret_access_key = util::Secret(std::string(secret));
  c.session_token = util::Secret(std::string(token));
  c.expiration = parse_iso8601(exp);
  if (doc["AccountId"].get(account) == simdjson::SUCCESS) c.account_id = std::string(account);
  if (!c.valid() || !c.expiration) return util::Error{label + ": the reply is incomplete"};
  return c;
}

// The container endpoint: 3 tries, a second apart, until a 200.
http::RetrySettings container_retry() {
  http::RetrySettings r;
  r.max_attempts = 3;
  r.base_seconds = 1.0;
  r.max_backoff_seconds = 1.0;
  r.min_jitter = 1.0;
  r.retry_when = [](const http::HttpResponse& resp) {
    return resp.transport_failed() || resp.status != 200;
  };
  return r;
}

// IMDS: `attempts` tries (AWS_METADATA_SERVICE_NUM_ATTEMPTS), at once, until a 200 with a body.
http::RetrySettings imds_retry(int attempts) {
  http::RetrySettings r;
  r.max_attempts = attempts;
  r.base_seconds = 0;
  r.retry_when = [](const http::HttpResponse& resp) {
    return resp.transport_failed() || resp.status != 200 || resp.body.empty();
  };
  return r;
}

bool is_allowed_full_uri(const std::string& uri) {
  if (uri.starts_with("https://")) return true;
  if (!uri.starts_with("http://")) return false;
  std::string host = uri.substr(7);
  host = host.substr(0, host.find('/'));
  if (host.starts_with("[")) {
    host = host.substr(1, host.find(']') - 1);
  } else {
    host = host.substr(0, host.find(':'));
  }
  return host == "localhost" || host.starts_with("127.") || host == "::1" ||
         host == "169.254.170.2" || host == "169.254.170.23" || host == "fd00:ec2::23";
}

class ContainerProvider : public CredentialProvider {
public:
  ContainerProvider(std::string url, http::HttpOptions http)
      : url_(std::move(url)), http_(std::move(http)) {}
  [[nodiscard]] std::string name() const override { return "container"; }
  util::Result<Credentials> fetch() override {
    http::HttpRequest req;
    req.method = "GET";
    req.url = url_;
    req.headers = {{"Accept", "application/json"}};
    std::string token;
    const std::string token_file = env_or_empty("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE");
    if (!token_file.empty()) {
      util::Result<std::string> text = util::read_file(token_file);
      if (!text) return util::Error{"container: cannot read " + token_file};
      token = std::move(*text);
      while (!token.empty() && (token.back() == '\n' || token.back() == '\r'))
        token.pop_back();
    } else {
      token = env_or_empty("AWS_CONTAINER_AUTHORIZATION_TOKEN");
    }
    if (token.find_first_of("\r\n") != std::string::npos) {
      return util::Error{"container: the authorization token contains a line break"};
    }
    if (!token.empty()) req.headers.push_back({"Authorization", token});
    req.total_timeout = std::chrono::milliseconds(2000);
    req.connect_timeout = std::chrono::milliseconds(2000);
    http::RetryingClient client(http_, container_retry());
    const http::HttpResponse resp = client.call(std::move(req)).response;
    if (resp.transport_failed()) {
      return util::Error{"container: GET " + url_ + " failed: " + resp.transport_message};
    }
    if (resp.status != 200) {
      return util::Error{"container: GET " + url_ + " returned HTTP " +
                         std::to_string(resp.status)};
    }
    return parse_json_credentials("container", resp.body, "Token");
  }

private:
  std::string url_;
  http::HttpOptions http_;
};

class ImdsProvider : public CredentialProvider {
public:
  ImdsProvider(std::string base, http::HttpOptions http)
      : base_(std::move(base)), http_(std::move(http)) {
    const std::string t = env_or_empty("AWS_METADATA_SERVICE_TIMEOUT");
    const std::string n = env_or_empty("AWS_METADATA_SERVICE_NUM_ATTEMPTS");
    try {
      if (!t.empty()) timeout_ = std::chrono::milliseconds(static_cast<long>(std::stod(t) * 1000));
      if (!n.empty()) attempts_ = std::max(1, std::stoi(n));
    } catch (const std::exception&) {
      // Keep the defaults for unreadable values, as botocore does.
    }
    v1_disabled_ = env_or_empty("AWS_EC2_METADATA_V1_DISABLED") == "true";
  }
  [[nodiscard]] std::string name() const override { return "imds"; }

  util::Result<Credentials> fetch() override {
    http::RetryingClient client(http_, imds_retry(attempts_));
    auto call = [&](const std::string& method, const std::string& path,
                    std::vector<http::HttpHeader> headers) {
      http::HttpRequest req;
      req.method = method;
      req.url = base_ + path;
      req.headers = std::move(headers);
      req.connect_timeout = timeout_;
      req.total_timeout = timeout_;
      return client.call(std::move(req)).response;
    };
    http::HttpResponse tok =
        call("PUT", "/latest/api/token", {{"x-aws-ec2-metadata-token-ttl-seconds", "21600"}});
    std::vector<http::HttpHeader> auth;
    if (!tok.transport_failed() && tok.status == 200) {
      auth.push_back({"x-aws-ec2-metadata-token", tok.body});
    } else if (tok.status == 400) {
      return util::Error{"imds: the token request was rejected (HTTP 400)"};
    } else if (v1_disabled_) {
      return util::Error{"imds: no IMDSv2 token and AWS_EC2_METADATA_V1_DISABLED is set"};
    }
    http::HttpResponse role = call("GET", "/latest/meta-data/iam/security-credentials/", auth);
    if (role.transport_failed() || role.status != 200 || role.body.empty()) {
      return util::Error{"imds: no instance role at " + base_ +
                         (role.transport_failed() ? " (" + role.transport_message + ")"
                                                  : " (HTTP " + std::to_string(role.status) + ")")};
    }
    std::string role_name = role.body.substr(0, role.body.find('\n'));
    http::HttpResponse creds =
        call("GET", "/latest/meta-data/iam/security-credentials/" + role_name, auth);
    if (creds.transport_failed() || creds.status != 200) {
      return util::Error{"imds: cannot read the credentials of role " + role_name};
    }
    return parse_json_credentials("imds", creds.body, "Token");
  }

private:
  std::string base_;
  http::HttpOptions http_;
  std::chrono::milliseconds timeout_{1000};
  int attempts_ = 1;
  bool v1_disabled_ = false;
};

} // namespace

util::Result<ProviderPtr> make_container_provider(const http::HttpOptions& http) {
  const std::string rel = env_or_empty("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI");
  if (!rel.empty()) {
    return ProviderPtr{std::make_shared<ContainerProvider>("http://169.254.170.2" + rel, http)};
  }
  const std::string full = env_or_empty("AWS_CONTAINER_CREDENTIALS_FULL_URI");
  if (full.empty()) return ProviderPtr{};
  if (!is_allowed_full_uri(full)) {
    return util::Error{"container: AWS_CONTAINER_CREDENTIALS_FULL_URI must be https or a "
                       "loopback/ECS/EKS address, got " +
                       full};
  }
  return ProviderPtr{std::make_shared<ContainerProvider>(full, http)};
}

ProviderPtr make_imds_provider(const http::HttpOptions& http) {
  if (env_or_empty("AWS_EC2_METADATA_DISABLED") == "true") return nullptr;
  std::string base = env_or_empty("AWS_EC2_METADATA_SERVICE_ENDPOINT");
  if (base.empty()) {
    base = env_or_empty("AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE") == "IPv6"
               ? "http://[fd00:ec2::254]"
               : "http://169.254.169.254";
  }
  while (base.ends_with("/"))
    base.pop_back();
  return std::make_shared<ImdsProvider>(base, http);
}

} // namespace athena::aws
