#include <utility>

#include "src/auth/credential_provider.h"

namespace athena::aws {
namespace {

constexpr auto kAdvisoryRefresh = std::chrono::minutes(15);
constexpr auto kMandatoryRefresh = std::chrono::minutes(10);

class StaticProvider : public CredentialProvider {
public:
  StaticProvider(std::string name, Credentials c) : name_(std::move(name)), creds_(std::move(c)) {}
  [[nodiscard]] std::string name() const override { return name_; }
  util::Result<Credentials> fetch() override { return creds_; }

private:
  std::string name_;
  Credentials creds_;
};

} // namespace

ProviderPtr make_static_provider(std::string name, Credentials credentials) {
  return std::make_shared<StaticProvider>(std::move(name), std::move(credentials));
}

CachingCredentials::CachingCredentials(ProviderPtr provider, std::optional<Credentials> initial)
    : provider_(std::move(provider)), cached_(std::move(initial)) {}

util::Result<Credentials> CachingCredentials::get() {
  std::lock_guard lock(mutex_);
  const auto now = std::chrono::system_clock::now();
  if (cached_ && (!cached_->expiration || *cached_->expiration - now > kAdvisoryRefresh)) {
    return *cached_;
  }
  ++fetches_;
  util::Result<Credentials> fresh = provider_->fetch();
  if (!fresh) {
    // Advisory window: keep the old credentials while they still have 10 minutes left.
    if (cached_ && cached_->expiration && *cached_->expiration - now > kMandatoryRefresh) {
      return *cached_;
    }
    return fresh;
  }
  cached_ = std::move(*fresh);
  return *cached_;
}

void CachingCredentials::invalidate() {
  std::lock_guard lock(mutex_);
  cached_.reset();
}

int CachingCredentials::fetch_count() const {
  std::lock_guard lock(mutex_);
  return fetches_;
}

} // namespace athena::aws
