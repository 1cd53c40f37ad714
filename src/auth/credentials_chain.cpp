#include "src/auth/credentials_chain.h"

#include <set>

#include "src/auth/endpoint.h"

namespace athena::aws {
namespace {

struct ChainContext {
  const SharedProfiles& profiles;
  const CredentialSettings& settings;
  std::string region;
  std::string sts_endpoint; ///< configured STS URL for every STS call, "" for the default
};

util::Result<ProviderPtr> static_from_profile(const std::string& name, const Profile& p) {
  Credentials c;
  c.access_key_id = p.get("aws_access_key_id");
  c.secret_access_key = util::Secret(p.get("aws_secret_access_key"));
  std::string token = p.get("aws_session_token");
  if (token.empty()) token = p.get("aws_security_token");
  c.session_token = util::Secret(token);
  if (c.secret_access_key.empty()) {
    return util::Error{"profile:" + name +
                       ": aws_access_key_id is set but "
                       "aws_secret_access_key is not"};
  }
  return make_static_provider("profile:" + name, std::move(c));
}

util::Result<AssumeRoleParams> role_params_from(const ChainContext& ctx, const Profile& p) {
  AssumeRoleParams params;
  params.role_arn = p.get("role_arn");
  params.session_name = p.get("role_session_name");
  params.external_id = p.get("external_id");
  const std::string duration = p.get("duration_seconds");
  if (!duration.empty()) {
    try {
      params.duration_seconds = std::stoi(duration);
    } catch (const std::exception&) {
      return util::Error{"duration_seconds is not a number: '" + duration + "'"};
    }
  }
  params.region = ctx.region;
  params.sts_endpoint = ctx.sts_endpoint;
  return params;
}

util::Result<ProviderPtr> profile_provider(const ChainContext& ctx, const std::string& name,
                                           std::set<std::string>& visited);

util::Result<ProviderPtr> credential_source_provider(const ChainContext& ctx,
                                                     const std::string& name,
                                                     const std::string& source) {
  ProviderPtr p;
  if (source == "Environment") {
    p = make_env_provider();
  } else if (source == "Ec2InstanceMetadata") {
    p = make_imds_provider(ctx.settings.http);
  } else if (source == "EcsContainer") {
    util::Result<ProviderPtr> container = make_container_provider(ctx.settings.http);
    if (!container) return container;
    p = std::move(*container);
  } else {
    return util::Error{"profile:" + name +
                       ": credential_source must be Environment, "
                       "Ec2InstanceMetadata or EcsContainer, got '" +
                       source + "'"};
  }
  if (!p) {
    return util::Error{"profile:" + name + ": credential_source " + source + " has no credentials"};
  }
  return p;
}

util::Result<ProviderPtr> profile_provider(const ChainContext& ctx, const std::string& name,
                                           std::set<std::string>& visited) {
  const Profile* p = ctx.profiles.find(name);
  if (p == nullptr) return ProviderPtr{};
  if (p->has("role_arn") && !p->has("web_identity_token_file")) {
    if (p->has("mfa_serial")) {
      return util::Error{"profile:" + name +
                         ": mfa_serial needs an interactive MFA code, "
                         "which a batch job cannot give"};
    }
    const std::string src = p->get("source_profile");
    const std::string cs = p->get("credential_source");
    if (!src.empty() && !cs.empty()) {
      return util::Error{"profile:" + name +
                         ": set only one of source_profile and "
                         "credential_source"};
    }
    if (src.empty() && cs.empty()) {
      return util::Error{"profile:" + name +
                         ": role_arn needs source_profile or "
                         "credential_source"};
    }
    util::Result<ProviderPtr> source = ProviderPtr{};
    if (!cs.empty()) {
      source = credential_source_provider(ctx, name, cs);
    } else if (src == name) {
      if (!p->has("aws_access_key_id")) {
        return util::Error{"profile:" + name +
                           " names itself as source_profile but has no "
                           "static keys"};
      }
      source = static_from_profile(name, *p);
    } else {
      if (!visited.insert(src).second) {
        return util::Error{"profile:" + name + ": source_profile cycle through '" + src + "'"};
      }
      source = profile_provider(ctx, src, visited);
      if (source && !*source) {
        return util::Error{"profile:" + name + ": source_profile '" + src +
                           "' does not exist or has no credentials"};
      }
    }
    if (!source) return source;
    util::Result<AssumeRoleParams> params = role_params_from(ctx, *p);
    if (!params) return util::Error{params.error()};
    return make_assume_role_provider(std::move(*source), std::move(*params), ctx.settings.http);
  }
  if (p->has("web_identity_token_file") && p->has("role_arn")) {
    util::Result<AssumeRoleParams> params = role_params_from(ctx, *p);
    if (!params) return util::Error{params.error()};
    return make_web_identity_provider(p->get("web_identity_token_file"), std::move(*params),
                                      ctx.settings.http);
  }
  if (p->keys_from_credentials_file && p->has("aws_access_key_id")) {
    return static_from_profile(name, *p);
  }
  if (p->has("credential_process"))
    return make_process_provider(name, p->get("credential_process"));
  if (p->has("aws_access_key_id")) return static_from_profile(name, *p);
  if (p->has("sso_session") || p->has("sso_start_url")) {
    return util::Error{"profile:" + name +
                       " uses SSO, which athena-lineage does not support; "
                       "use `aws configure export-credentials` or another provider"};
  }
  return ProviderPtr{};
}

ProviderPtr env_web_identity(const ChainContext& ctx, const Profile* profile) {
  std::string file = env_or_empty("AWS_WEB_IDENTITY_TOKEN_FILE");
  std::string arn = env_or_empty("AWS_ROLE_ARN");
  if (profile != nullptr) {
    if (file.empty()) file = profile->get("web_identity_token_file");
    if (arn.empty()) arn = profile->get("role_arn");
  }
  if (file.empty() || arn.empty()) return nullptr;
  AssumeRoleParams params;
  params.role_arn = arn;
  params.session_name = env_or_empty("AWS_ROLE_SESSION_NAME");
  if (params.session_name.empty() && profile != nullptr) {
    params.session_name = profile->get("role_session_name");
  }
  params.region = ctx.region;
  params.sts_endpoint = ctx.sts_endpoint;
  return make_web_identity_provider(file, params, ctx.settings.http);
}

util::Result<ProviderPtr> find_provider(const ChainContext& ctx, std::string& tried) {
  const CredentialSettings& s = ctx.settings;
  if (!s.access_key_id.empty() || !s.secret_access_key.empty()) {
    if (s.access_key_id.empty() || s.secret_access_key.empty()) {
      return util::Error{"explicit: awsAccessKeyId and awsSecretAccessKey must be given "
                         "together"};
    }
    Credentials c;
    c.access_key_id = s.access_key_id;
    c.secret_access_key = s.secret_access_key;
    c.session_token = s.session_token;
    return make_static_provider("explicit", std::move(c));
  }
  const std::string profile = effective_profile(s);
  std::set<std::string> visited{profile};
  if (!s.profile.empty()) {
    if (ctx.profiles.find(s.profile) == nullptr) {
      return util::Error{"profile:" + s.profile +
                         " is not in the shared config or credentials file"};
    }
    util::Result<ProviderPtr> p = profile_provider(ctx, s.profile, visited);
    if (p && !*p) return util::Error{"profile:" + s.profile + " holds no credentials"};
    return p;
  }
  if (ProviderPtr env = make_env_provider()) return env;
  tried += "env, ";
  const Profile* prof = ctx.profiles.find(profile);
  if (prof != nullptr && prof->has("role_arn") && !prof->has("web_identity_token_file")) {
    return profile_provider(ctx, profile, visited);
  }
  if (ProviderPtr web = env_web_identity(ctx, prof)) return web;
  if (util::Result<ProviderPtr> p = profile_provider(ctx, profile, visited); !p || *p) return p;
  tried += "profile:" + profile + ", ";
  if (util::Result<ProviderPtr> c = make_container_provider(s.http); !c || *c) return c;
  tried += "container, ";
  return ProviderPtr{};
}

} // namespace

std::string effective_profile(const CredentialSettings& settings) {
  if (!settings.profile.empty()) return settings.profile;
  std::string p = env_or_empty("AWS_PROFILE");
  if (p.empty()) p = env_or_empty("AWS_DEFAULT_PROFILE");
  return p.empty() ? "default" : p;
}

std::string resolve_region(const CredentialSettings& settings, const SharedProfiles& profiles) {
  if (!settings.region.empty()) return settings.region;
  std::string r = env_or_empty("AWS_REGION");
  if (r.empty()) r = env_or_empty("AWS_DEFAULT_REGION");
  if (r.empty()) {
    if (const Profile* p = profiles.find(effective_profile(settings))) r = p->get("region");
  }
  return r;
}

util::Result<ResolvedCredentials> resolve_credentials(const CredentialSettings& settings) {
  const SharedProfiles profiles = load_shared_profiles();
  ChainContext ctx{profiles, settings, resolve_region(settings, profiles),
                   configured_endpoint("sts", settings.assume_role.sts_endpoint, profiles,
                                       effective_profile(settings))
                       .url};
  std::string tried;
  util::Result<ProviderPtr> found = find_provider(ctx, tried);
  if (!found) return util::Error{found.error()};
  ProviderPtr provider = std::move(*found);
  std::optional<Credentials> probed;
  if (!provider) {
    ProviderPtr imds = make_imds_provider(settings.http);
    if (imds) {
      if (util::Result<Credentials> fetched = imds->fetch()) {
        probed = std::move(*fetched);
        provider = imds;
      } else {
        tried += "imds (" + fetched.error() + ")";
      }
    } else {
      tried += "imds (disabled)";
    }
  }
  if (!provider) {
    return util::Error{"no AWS credentials found; tried explicit config, " + tried};
  }
  if (!settings.assume_role.role_arn.empty()) {
    AssumeRoleParams params = settings.assume_role;
    if (params.region.empty()) params.region = ctx.region;
    params.sts_endpoint = ctx.sts_endpoint;
    provider = make_assume_role_provider(provider, params, settings.http);
    probed.reset();
  }
  ResolvedCredentials out;
  out.credentials = std::make_shared<CachingCredentials>(provider, std::move(probed));
  out.provider = provider->name();
  out.region = ctx.region;
  // Prove the winner works; errors name the provider.
  if (const util::Result<Credentials> proved = out.credentials->get(); !proved) {
    return util::Error{proved.error()};
  }
  return out;
}

} // namespace athena::aws
