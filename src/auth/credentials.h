#pragma once

#include <chrono>
#include <optional>
#include <string>

#include "src/util/secret.h"

namespace athena::aws {

using SystemTime = std::chrono::system_clock::time_point;

/// A set of AWS credentials. The access key id is not secret (it appears in every signed
/// request); the secret key and the session token are.
struct Credentials {
  std::string access_key_id;
  util::Secret secret_access_key;
  util::Secret session_token;           ///< empty for long-term keys
  std::optional<SystemTime> expiration; ///< set for temporary credentials
  std::string account_id;               ///< when the provider says so

  [[nodiscard]] bool valid() const { return !access_key_id.empty() && !secret_access_key.empty(); }
};

} // namespace athena::aws
