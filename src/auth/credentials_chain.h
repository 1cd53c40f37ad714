#pragma once

#include <memory>
#include <string>

#include "src/auth/credential_provider.h"
#include "src/auth/ini_file.h"

namespace athena::aws {

/// What the user configured (OpenMetadata's awsConfig and our own options). Empty fields are
/// looked up along the AWS CLI's chain.
struct CredentialSettings {
  std::string access_key_id;
  util::Secret secret_access_key;
  util::Secret session_token;
  std::string profile; ///< explicit profile (skips the environment provider, as `--profile`)
  std::string region;
  /// With a role ARN, the credentials found by the chain are used to assume this role.
  AssumeRoleParams assume_role;
  http::HttpOptions http; ///< CA bundle and timeouts for STS / metadata calls
};

struct ResolvedCredentials {
  std::shared_ptr<CachingCredentials> credentials;
  std::string provider; ///< e.g. "env", "profile:dev", "assume-role(profile:base)"
  std::string region;   ///< "" when no source names one
};

/// Walks the chain (spec §5.1: explicit → env → assume-role profile → web identity →
/// credentials file → credential_process → config file → container → IMDS), fetches once to
/// prove the winner works, and returns it; an error names what failed (never a secret).
[[nodiscard]] util::Result<ResolvedCredentials>
resolve_credentials(const CredentialSettings& settings);

/// Region: settings, AWS_REGION, AWS_DEFAULT_REGION, then the profile's `region`.
std::string resolve_region(const CredentialSettings& settings, const SharedProfiles& profiles);

/// The profile name in effect: settings, AWS_PROFILE, AWS_DEFAULT_PROFILE, "default".
std::string effective_profile(const CredentialSettings& settings);

} // namespace athena::aws
