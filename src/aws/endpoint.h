#pragma once

#include <string>

namespace athena::aws {

struct EndpointSettings {
  std::string endpoint_url; ///< explicit (config endPointURL); wins over the environment
  std::string region;
  bool use_fips = false;
  bool use_dualstack = false;
  /// Consult AWS_ENDPOINT_URL_ATHENA / AWS_ENDPOINT_URL / AWS_USE_FIPS_ENDPOINT /
  /// AWS_USE_DUALSTACK_ENDPOINT (unless AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true).
  bool read_environment = true;
};

struct Endpoint {
  std::string url;  ///< scheme://host[:port]/
  std::string host; ///< the Host header: host[:port] as in the URL
  std::string signing_region;
  std::string error; ///< non-empty when no endpoint can be built
};

/// The Athena endpoint per spec §1.1: custom URL (never combined with FIPS or dual-stack),
/// else athena[-fips].REGION.{amazonaws.com | api.aws | amazonaws.com.cn ...}.
Endpoint resolve_athena_endpoint(const EndpointSettings& settings);

/// `host[:port]` of an http(s) URL ("" when it is not one).
std::string url_host(const std::string& url);

} // namespace athena::aws
