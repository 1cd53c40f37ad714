#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <string_view>

namespace athena::aws {

/// Profiles from the AWS shared config and credentials files (spec §5.2), merged: for the same
/// profile name, keys from the credentials file win. Each profile remembers whether its static
/// keys came from the credentials file, since the provider chain ranks the two apart.
struct Profile {
  std::map<std::string, std::string> values;
  bool keys_from_credentials_file = false;

  /// "" when absent.
  [[nodiscard]] std::string get(std::string_view key) const;
  [[nodiscard]] bool has(std::string_view key) const { return !get(key).empty(); }
};

struct SharedProfiles {
  std::map<std::string, Profile> profiles;
  /// `[services NAME]` sections of the config file: "athena.endpoint_url" -> URL, ...
  std::map<std::string, std::map<std::string, std::string>> services;
  [[nodiscard]] const Profile* find(const std::string& name) const;
};

/// Sections of an INI text as botocore reads them: `name -> {key -> value}`; no interpolation,
/// `#`/`;` comment lines; indented lines after a key with an empty value are that key's
/// sub-settings, kept as "key.subkey".
std::map<std::string, std::map<std::string, std::string>> parse_ini(std::string_view text);

/// Reads `AWS_CONFIG_FILE` (default ~/.aws/config) and `AWS_SHARED_CREDENTIALS_FILE` (default
/// ~/.aws/credentials). Missing files are not an error.
SharedProfiles load_shared_profiles();
/// The same from explicit paths (either may be empty).
SharedProfiles load_shared_profiles(const std::filesystem::path& config_file,
                                    const std::filesystem::path& credentials_file);

/// `$NAME` in the environment, "" when unset.
std::string env_or_empty(const char* name);
/// Expands a leading `~` to $HOME.
std::filesystem::path expand_home(const std::string& path);

} // namespace athena::aws
