#pragma once

#include <string>
#include <string_view>

#include "src/auth/ini_file.h"

namespace athena::aws {

struct EndpointSettings {
  /// Explicit (the config's endPointURL / stsEndpointURL); wins over everything, as the AWS
  /// CLI's `--endpoint-url` does.
  std::string endpoint_url;
  std::string region;
  bool use_fips = false;
  bool use_dualstack = false;
  /// Consult the environment and the shared config file: AWS_ENDPOINT_URL_<SERVICE>,
  /// AWS_ENDPOINT_URL, the profile's `services` section and `endpoint_url`,
  /// AWS_IGNORE_CONFIGURED_ENDPOINT_URLS, AWS_USE_FIPS_ENDPOINT, AWS_USE_DUALSTACK_ENDPOINT.
  bool read_environment = true;
  /// The profile whose settings apply; "" means AWS_PROFILE, AWS_DEFAULT_PROFILE, "default".
  std::string profile;
};

struct Endpoint {
  std::string url;  ///< scheme://host[:port]/
  std::string host; ///< the Host header: host[:port] as in the URL
  std::string signing_region;
  std::string source; ///< where the URL came from ("AWS_ENDPOINT_URL_ATHENA", "default", ...)
  std::string error;  ///< non-empty when no endpoint can be built
};

/// A configured endpoint URL and where it came from; both "" when none is configured.
struct ConfiguredEndpoint {
  std::string url;
  std::string source;
};

/// The endpoint URL configured for `service` ("athena", "sts", "glue") as the AWS SDKs and
/// CLI resolve it: `explicit_url`; then, unless AWS_IGNORE_CONFIGURED_ENDPOINT_URLS (or the
/// profile's ignore_configured_endpoint_urls) is true, AWS_ENDPOINT_URL_<SERVICE>,
/// AWS_ENDPOINT_URL, the profile's `services` section entry, the profile's `endpoint_url`.
ConfiguredEndpoint configured_endpoint(std::string_view service, const std::string& explicit_url,
                                       const SharedProfiles& profiles, const std::string& profile);

/// The endpoint of `service`: a configured URL (never combined with FIPS or dual-stack), else
/// SERVICE[-fips].REGION.{amazonaws.com | api.aws | amazonaws.com.cn ...}.
Endpoint resolve_service_endpoint(std::string_view service, const EndpointSettings& settings);

/// The Athena endpoint per spec §1.1 (resolve_service_endpoint for "athena").
Endpoint resolve_athena_endpoint(const EndpointSettings& settings);

/// `host[:port]` of an http(s) URL ("" when it is not one).
std::string url_host(const std::string& url);

} // namespace athena::aws
