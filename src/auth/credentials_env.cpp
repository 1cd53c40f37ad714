// Credentials from AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY / AWS_SESSION_TOKEN (spec §5.1).
#include "src/auth/credential_provider.h"
#include "src/auth/ini_file.h"
#include "src/auth/time_util.h"

namespace athena::aws {
namespace {

class EnvProvider : public CredentialProvider {
public:
  [[nodiscard]] std::string name() const override { return "env"; }
  util::Result<Credentials> fetch() override {
    Credentials c;
    c.access_key_id = env_or_empty("AWS_ACCESS_KEY_ID");
    c.secret_access_key = util::Secret(env_or_empty("AWS_SECRET_ACCESS_KEY"));
    std::string token = env_or_empty("AWS_SESSION_TOKEN");
    if (token.empty()) token = env_or_empty("AWS_SECURITY_TOKEN");
    c.session_token = util::Secret(token);
    c.account_id = env_or_empty("AWS_ACCOUNT_ID");
    if (c.access_key_id.empty()) return util::Error{"env: AWS_ACCESS_KEY_ID is not set"};
    if (c.secret_access_key.empty()) {
      return util::Error{"env: AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not"};
    }
    const std::string exp = env_or_empty("AWS_CREDENTIAL_EXPIRATION");
    if (!exp.empty()) {
      c.expiration = parse_iso8601(exp);
      if (!c.expiration) {
        return util::Error{"env: AWS_CREDENTIAL_EXPIRATION is not an ISO-8601 time: '" + exp + "'"};
      }
    }
    return c;
  }
};

} // namespace

ProviderPtr make_env_provider() {
  if (env_or_empty("AWS_ACCESS_KEY_ID").empty()) return nullptr;
  return std::make_shared<EnvProvider>();
}

} // namespace athena::aws
