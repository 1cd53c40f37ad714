#include "src/auth/endpoint.h"

#include "src/http/http_client.h"

namespace athena::aws {
namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

std::string upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    if (c == ' ' || c == '-') c = '_';
  }
  return out;
}

std::string profile_in_effect(const std::string& profile) {
  if (!profile.empty()) return profile;
  std::string p = env_or_empty("AWS_PROFILE");
  if (p.empty()) p = env_or_empty("AWS_DEFAULT_PROFILE");
  return p.empty() ? "default" : p;
}

} // namespace

std::string url_host(const std::string& url) {
  if (!http::is_http_url(url)) return {};
  size_t start = url.find("://") + 3;
  size_t end = url.find_first_of("/?#", start);
  return url.substr(start, end == std::string::npos ? std::string::npos : end - start);
}

ConfiguredEndpoint configured_endpoint(std::string_view service, const std::string& explicit_url,
                                       const SharedProfiles& profiles,
                                       const std::string& profile_name) {
  if (!explicit_url.empty()) return {explicit_url, "the configuration file"};
  const Profile* profile = profiles.find(profile_name);
  // The environment variable, when set, decides over the profile's setting.
  const std::string ignore_env = lower(env_or_empty("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"));
  const bool ignore =
      !ignore_env.empty()
          ? ignore_env == "true"
          : profile != nullptr && lower(profile->get("ignore_configured_endpoint_urls")) == "true";
  if (ignore) return {};
  const std::string service_var = "AWS_ENDPOINT_URL_" + upper(service);
  if (std::string url = env_or_empty(service_var.c_str()); !url.empty()) {
    return {url, service_var};
  }
  if (std::string url = env_or_empty("AWS_ENDPOINT_URL"); !url.empty()) {
    return {url, "AWS_ENDPOINT_URL"};
  }
  if (profile == nullptr) return {};
  if (std::string section = profile->get("services"); !section.empty()) {
    auto it = profiles.services.find(section);
    if (it != profiles.services.end()) {
      auto url = it->second.find(lower(service) + ".endpoint_url");
      if (url != it->second.end() && !url->second.empty()) {
        return {url->second, "[services " + section + "] " + lower(service) + ".endpoint_url"};
      }
    }
  }
  if (std::string url = profile->get("endpoint_url"); !url.empty()) {
    return {url, "profile " + profile_name + " endpoint_url"};
  }
  return {};
}

Endpoint resolve_service_endpoint(std::string_view service, const EndpointSettings& s) {
  Endpoint e;
  e.signing_region = s.region;
  ConfiguredEndpoint custom{s.endpoint_url, s.endpoint_url.empty() ? "" : "the configuration file"};
  bool fips = s.use_fips;
  bool dual = s.use_dualstack;
  if (s.read_environment) {
    if (custom.url.empty()) {
      custom =
          configured_endpoint(service, "", load_shared_profiles(), profile_in_effect(s.profile));
    }
    fips = fips || lower(env_or_empty("AWS_USE_FIPS_ENDPOINT")) == "true";
    dual = dual || lower(env_or_empty("AWS_USE_DUALSTACK_ENDPOINT")) == "true";
  }
  std::string region = s.region;
  // Deprecated pseudo-regions: fips-us-east-1 / us-east-1-fips mean FIPS in us-east-1.
  if (region.starts_with("fips-")) {
    region = region.substr(5);
    fips = true;
  } else if (region.ends_with("-fips")) {
    region = region.substr(0, region.size() - 5);
    fips = true;
  }
  e.signing_region = region;
  if (!custom.url.empty()) {
    e.source = custom.source;
    if (fips) {
      e.error = "FIPS and custom endpoint are not supported";
      return e;
    }
    if (dual) {
      e.error = "Dualstack and custom endpoint are not supported";
      return e;
    }
    if (!http::is_http_url(custom.url)) {
      e.error = "endpoint URL from " + custom.source +
                " must start with http:// or https:// and name a host, got '" + custom.url + "'";
      return e;
    }
    if (region.empty()) {
      e.error = "a custom endpoint still needs a region to sign requests (set awsRegion or "
                "AWS_REGION)";
      return e;
    }
    e.host = url_host(custom.url);
    e.url = custom.url;
    if (e.url.find('/', e.url.find("://") + 3) == std::string::npos) e.url += '/';
    return e;
  }
  if (region.empty()) {
    e.error = "Missing Region: set awsRegion in the config, AWS_REGION, or a profile region";
    return e;
  }
  const bool china = region.starts_with("cn-");
  std::string suffix = china ? "amazonaws.com.cn" : "amazonaws.com";
  if (dual) suffix = china ? "api.amazonwebservices.com.cn" : "api.aws";
  e.host = std::string(service) + (fips ? "-fips." : ".") + region + "." + suffix;
  e.url = "https://" + e.host + "/";
  e.source = "default";
  return e;
}

Endpoint resolve_athena_endpoint(const EndpointSettings& settings) {
  return resolve_service_endpoint("athena", settings);
}

} // namespace athena::aws
