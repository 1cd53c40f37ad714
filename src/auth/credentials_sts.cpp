// STS AssumeRole and AssumeRoleWithWebIdentity (Query protocol, XML replies; spec §5.5, §5.6).
#include <chrono>
#include <optional>
#include <utility>

#include "src/auth/aws_error.h"
#include "src/auth/credential_provider.h"
#include "src/auth/sigv4.h"
#include "src/auth/time_util.h"
#include "src/http/retrying_client.h"
#include "src/util/file_io.h"

namespace athena::aws {
namespace {

// Text of the first <tag>...</tag> in `xml` (no attributes expected on the elements we read).
std::string xml_text(std::string_view xml, std::string_view tag) {
  std::string open = "<";
  open.append(tag).push_back('>');
  std::string close = "</";
  close.append(tag).push_back('>');
  size_t a = xml.find(open);
  if (a == std::string_view::npos) return {};
  a += open.size();
  size_t b = xml.find(close, a);
  if (b == std::string_view::npos) return {};
  return xml_unescape(xml.substr(a, b - a));
}

std::string form_encode(const std::vector<std::pair<std::string, std::string>>& params) {
  std::string out;
  for (const auto& [k, v] : params) {
    if (!out.empty()) out += '&';
    out += uri_encode(k, false);
    out += '=';
    out += uri_encode(v, false);
  }
  return out;
}

std::string host_of(const std::string& url) {
  size_t start = url.find("://");
  start = start == std::string::npos ? 0 : start + 3;
  size_t end = url.find('/', start);
  return url.substr(start, end == std::string::npos ? std::string::npos : end - start);
}

// Up to 3 tries, at once, after a transport failure, a 5xx or an IDPCommunicationError (the
// identity provider did not answer STS in time).
http::RetrySettings sts_retry() {
  http::RetrySettings r;
  r.max_attempts = 3;
  r.base_seconds = 0;
  r.retry_when = [](const http::HttpResponse& resp) {
    return resp.transport_failed() || resp.status >= 500 ||
           xml_text(resp.body, "Code") == "IDPCommunicationError";
  };
  return r;
}

// Sends one STS call; `signer` is null for the unsigned web-identity call.
util::Result<Credentials> call_sts(const std::string& label, const AssumeRoleParams& p,
                                   const std::string& action,
                                   std::vector<std::pair<std::string, std::string>> params,
                                   const Credentials* signer, const http::HttpOptions& http) {
  const std::string endpoint = sts_endpoint_for(p.region, p.sts_endpoint);
  params.insert(params.begin(), {{"Action", action}, {"Version", "2011-06-15"}});
  http::HttpRequest req;
  req.method = "POST";
  req.url = endpoint.ends_with("/") ? endpoint : endpoint + "/";
  req.body = form_encode(params);
  req.headers = {{"Host", host_of(endpoint)},
                 {"Content-Type", "application/x-www-form-urlencoded; charset=utf-8"}};
  if (signer != nullptr) {
    SigningInput in;
    in.method = "POST";
    in.path = "/";
    in.headers = req.headers;
    in.body = req.body;
    SigningOptions opt;
    opt.region = p.region.empty() ? "us-east-1" : p.region;
    opt.service = "sts";
    opt.time = std::chrono::system_clock::now();
    for (auto& h : sign_v4(in, *signer, opt).headers_to_add)
      req.headers.push_back(std::move(h));
  }
  http::RetryingClient client(http, sts_retry());
  const http::HttpResponse resp = client.call(std::move(req)).response;
  if (resp.transport_failed()) {
    return util::Error{label + ": STS " + action + " at " + endpoint +
                       " failed: " + resp.transport_message};
  }
  if (resp.status != 200) {
    AwsError e = parse_aws_error(resp.status, resp.body);
    return util::Error{label + ": STS " + action + " for " + p.role_arn + " at " + endpoint +
                       " was refused (HTTP " + std::to_string(resp.status) + " " + e.code +
                       (e.message.empty() ? "" : ": " + e.message) + ")"};
  }
  const std::string result = xml_text(resp.body, action + "Result");
  Credentials c;
  c.access_key_id = xml_text(result, "AccessKeyId");
  c.secret_access_key = util::Secret(xml_text(result, "SecretAccessKey"));
  c.session_token = util::Secret(xml_text(result, "SessionToken"));
  c.expiration = parse_iso8601(xml_text(result, "Expiration"));
  if (!c.valid() || !c.expiration) {
    return util::Error{label + ": STS " + action + " reply lacks <" + action +
                       "Result> credentials with an Expiration"};
  }
  return c;
}

std::vector<std::pair<std::string, std::string>> role_params(const AssumeRoleParams& p) {
  std::vector<std::pair<std::string, std::string>> params = {
      {"RoleArn", p.role_arn},
      {"RoleSessionName", p.session_name.empty() ? "AthenaLineageSession" : p.session_name}};
  if (p.duration_seconds > 0)
    params.emplace_back("DurationSeconds", std::to_string(p.duration_seconds));
  return params;
}

class AssumeRoleProvider : public CredentialProvider {
public:
  AssumeRoleProvider(ProviderPtr source, AssumeRoleParams p, http::HttpOptions http)
      : source_(std::move(source)), params_(std::move(p)), http_(std::move(http)) {}
  [[nodiscard]] std::string name() const override { return "assume-role(" + source_->name() + ")"; }
  util::Result<Credentials> fetch() override {
    const util::Result<Credentials> base = source_->fetch();
    if (!base) return util::Error{base.error()};
    auto params = role_params(params_);
    if (!params_.external_id.empty()) params.emplace_back("ExternalId", params_.external_id);
    if (!params_.source_identity.empty()) {
      params.emplace_back("SourceIdentity", params_.source_identity);
    }
    return call_sts("assume-role", params_, "AssumeRole", std::move(params), &*base, http_);
  }

private:
  ProviderPtr source_;
  AssumeRoleParams params_;
  http::HttpOptions http_;
};

class WebIdentityProvider : public CredentialProvider {
public:
  WebIdentityProvider(std::string file, AssumeRoleParams p, http::HttpOptions http)
      : file_(std::move(file)), params_(std::move(p)), http_(std::move(http)) {}
  [[nodiscard]] std::string name() const override { return "web-identity"; }
  util::Result<Credentials> fetch() override {
    // Re-read on every refresh: EKS rotates the token file.
    util::Result<std::string> text = util::read_file(file_);
    if (!text) return util::Error{"web-identity: cannot read token file " + file_};
    std::string token = std::move(*text);
    while (!token.empty() &&
           (token.back() == '\n' || token.back() == '\r' || token.back() == ' ')) {
      token.pop_back();
    }
    if (token.empty()) return util::Error{"web-identity: token file " + file_ + " is empty"};
    auto params = role_params(params_);
    params.emplace_back("WebIdentityToken", token);
    return call_sts("web-identity", params_, "AssumeRoleWithWebIdentity", std::move(params),
                    nullptr, http_);
  }

private:
  std::string file_;
  AssumeRoleParams params_;
  http::HttpOptions http_;
};

} // namespace

std::string sts_endpoint_for(const std::string& region, const std::string& override_url) {
  if (!override_url.empty()) return override_url;
  if (region.empty()) return "https://sts.amazonaws.com";
  return "https://sts." + region +
         (region.starts_with("cn-") ? ".amazonaws.com.cn" : ".amazonaws.com");
}

ProviderPtr make_assume_role_provider(ProviderPtr source, AssumeRoleParams params,
                                      http::HttpOptions http) {
  return std::make_shared<AssumeRoleProvider>(std::move(source), std::move(params),
                                              std::move(http));
}

ProviderPtr make_web_identity_provider(std::string token_file, AssumeRoleParams params,
                                       http::HttpOptions http) {
  return std::make_shared<WebIdentityProvider>(std::move(token_file), std::move(params),
                                               std::move(http));
}

} // namespace athena::aws
