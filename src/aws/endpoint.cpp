#include "src/aws/endpoint.h"

#include "src/aws/http_client.h"
#include "src/aws/ini_file.h"

namespace athena::aws {

std::string url_host(const std::string& url) {
  if (!is_http_url(url)) return {};
  size_t start = url.find("://") + 3;
  size_t end = url.find_first_of("/?#", start);
  return url.substr(start, end == std::string::npos ? std::string::npos : end - start);
}

Endpoint resolve_athena_endpoint(const EndpointSettings& s) {
  Endpoint e;
  e.signing_region = s.region;
  std::string custom = s.endpoint_url;
  bool fips = s.use_fips;
  bool dual = s.use_dualstack;
  if (s.read_environment) {
    if (custom.empty() && env_or_empty("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS") != "true") {
      custom = env_or_empty("AWS_ENDPOINT_URL_ATHENA");
      if (custom.empty()) custom = env_or_empty("AWS_ENDPOINT_URL");
    }
    fips = fips || env_or_empty("AWS_USE_FIPS_ENDPOINT") == "true";
    dual = dual || env_or_empty("AWS_USE_DUALSTACK_ENDPOINT") == "true";
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
  if (!custom.empty()) {
    if (fips) {
      e.error = "FIPS and custom endpoint are not supported";
      return e;
    }
    if (dual) {
      e.error = "Dualstack and custom endpoint are not supported";
      return e;
    }
    if (!is_http_url(custom)) {
      e.error =
          "endpoint URL must start with http:// or https:// and name a host, got '" + custom + "'";
      return e;
    }
    if (region.empty()) {
      e.error = "a custom endpoint still needs a region to sign requests (set awsRegion or "
                "AWS_REGION)";
      return e;
    }
    e.host = url_host(custom);
    e.url = custom;
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
  e.host = std::string(fips ? "athena-fips." : "athena.") + region + "." + suffix;
  e.url = "https://" + e.host + "/";
  return e;
}

} // namespace athena::aws
