#pragma once

#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "src/auth/credentials.h"
#include "src/http/http_client.h"
#include "src/util/result.h"

namespace athena::aws {

/// One source of credentials. fetch() returns fresh credentials, or an error naming the
/// provider (bad file, STS refused, ...) that never contains a secret.
class CredentialProvider {
public:
  virtual ~CredentialProvider() = default;
  /// How the provider is reported: "explicit", "env", "profile:NAME", "assume-role", ...
  [[nodiscard]] virtual std::string name() const = 0;
  [[nodiscard]] virtual util::Result<Credentials> fetch() = 0;
};

using ProviderPtr = std::shared_ptr<CredentialProvider>;

/// Caches a provider's credentials and refreshes them before they expire (spec §5.5): with
/// under 15 minutes left one caller refreshes (keeping the old ones if that fails); with under
/// 10 minutes left a failed refresh is an error. Thread-safe.
class CachingCredentials {
public:
  /// `initial`: credentials already fetched from `provider` (used until they need refreshing).
  explicit CachingCredentials(ProviderPtr provider, std::optional<Credentials> initial = {});
  /// The cached credentials, refreshed when due; an error when a due refresh failed.
  [[nodiscard]] util::Result<Credentials> get();
  /// Forces the next get() to fetch again (after ExpiredTokenException).
  void invalidate();
  [[nodiscard]] std::string provider_name() const { return provider_->name(); }
  /// How many times the provider was asked (tests).
  [[nodiscard]] int fetch_count() const;

private:
  ProviderPtr provider_;
  mutable std::mutex mutex_;
  std::optional<Credentials> cached_;
  int fetches_ = 0;
};

/// Settings shared by providers that make HTTP calls.
struct ProviderHttp {
  http::HttpOptions http;
};

// Individual providers (each in its own file).
ProviderPtr make_static_provider(std::string name, Credentials credentials);
/// Environment: AWS_ACCESS_KEY_ID etc.; nullptr when AWS_ACCESS_KEY_ID is unset.
ProviderPtr make_env_provider();
/// `credential_process` of profile `profile`.
ProviderPtr make_process_provider(std::string profile, std::string command);

struct AssumeRoleParams {
  std::string role_arn;
  std::string session_name; ///< default AthenaLineageSession
  std::string external_id;
  std::string source_identity;
  int duration_seconds = 0; ///< 0: the service default (3600)
  std::string region;       ///< STS region; "" = global endpoint
  std::string sts_endpoint; ///< override (AWS_ENDPOINT_URL_STS, tests)
};
/// STS AssumeRole signed with the source provider's credentials.
ProviderPtr make_assume_role_provider(ProviderPtr source, AssumeRoleParams params,
                                      http::HttpOptions http);
/// STS AssumeRoleWithWebIdentity (unsigned) with the token read from `token_file` each time.
ProviderPtr make_web_identity_provider(std::string token_file, AssumeRoleParams params,
                                       http::HttpOptions http);
/// ECS/EKS container credentials; nullptr when neither container variable is set, an error when
/// AWS_CONTAINER_CREDENTIALS_FULL_URI is not an address it may send the token to.
[[nodiscard]] util::Result<ProviderPtr> make_container_provider(const http::HttpOptions& http);
/// EC2 IMDSv2; nullptr when AWS_EC2_METADATA_DISABLED=true.
ProviderPtr make_imds_provider(const http::HttpOptions& http);

/// The STS endpoint for `region`: AWS_ENDPOINT_URL_STS, else https://sts.REGION.amazonaws.com
/// (https://sts.amazonaws.com without a region).
std::string sts_endpoint_for(const std::string& region, const std::string& override_url);

} // namespace athena::aws
