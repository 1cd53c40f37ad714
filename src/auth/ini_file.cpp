#include "src/auth/ini_file.h"

#include <cstdlib>
#include <vector>

#include "src/util/file_io.h"
#include "src/util/shell_words.h"

namespace athena::aws {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r'))
    s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
    s.remove_suffix(1);
  return s;
}

std::string read_text(const std::filesystem::path& p) {
  util::Result<std::string> text = util::read_file(p.string());
  return text ? std::move(*text) : std::string();
}

} // namespace

std::string Profile::get(std::string_view key) const {
  auto it = values.find(std::string(key));
  return it == values.end() ? std::string() : it->second;
}

const Profile* SharedProfiles::find(const std::string& name) const {
  auto it = profiles.find(name);
  return it == profiles.end() ? nullptr : &it->second;
}

std::map<std::string, std::map<std::string, std::string>> parse_ini(std::string_view text) {
  std::map<std::string, std::map<std::string, std::string>> out;
  std::map<std::string, std::string>* section = nullptr;
  bool in_subsection = false;
  std::string subsection;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t eol = text.find('\n', pos);
    if (eol == std::string_view::npos) eol = text.size();
    std::string_view raw = text.substr(pos, eol - pos);
    pos = eol + 1;
    std::string_view line = trim(raw);
    if (line.empty() || line.front() == '#' || line.front() == ';') continue;
    const bool indented = raw.front() == ' ' || raw.front() == '\t';
    if (line.front() == '[' && line.back() == ']') {
      section = &out[std::string(trim(line.substr(1, line.size() - 2)))];
      in_subsection = false;
      continue;
    }
    if (section == nullptr) continue;
    size_t eq = line.find('=');
    if (eq == std::string_view::npos) continue;
    std::string key(trim(line.substr(0, eq)));
    std::string_view value = trim(line.substr(eq + 1));
    if (indented && in_subsection) {
      // Nested settings (`athena =` then `  endpoint_url = ...`) are kept as "athena.endpoint_url".
      std::string nested = subsection;
      nested += '.';
      nested += key;
      (*section)[nested] = std::string(value);
      continue;
    }
    if (value.empty()) {
      in_subsection = true;
      subsection = key;
      continue;
    }
    in_subsection = false;
    (*section)[key] = std::string(value);
  }
  return out;
}

std::string env_or_empty(const char* name) {
  const char* v = std::getenv(name);
  return v == nullptr ? std::string() : std::string(v);
}

std::filesystem::path expand_home(const std::string& path) {
  if (path.starts_with("~")) return env_or_empty("HOME") + path.substr(1);
  return path;
}

SharedProfiles load_shared_profiles(const std::filesystem::path& config_file,
                                    const std::filesystem::path& credentials_file) {
  SharedProfiles result;
  if (!config_file.empty()) {
    for (auto& [section, values] : parse_ini(read_text(config_file))) {
      std::string name;
      if (section == "default") {
        name = "default";
      } else {
        // Quotes may hold spaces: `[profile "my name"]`.
        auto words = util::split_shell_words(section, false);
        if (words.size() == 2 && words[0] == "services") {
          result.services[words[1]] = values;
          continue;
        }
        if (words.size() != 2 || words[0] != "profile") continue; // sso-session, ...
        name = words[1];
      }
      auto& p = result.profiles[name];
      for (auto& [k, v] : values)
        p.values[k] = v;
    }
  }
  if (!credentials_file.empty()) {
    for (auto& [section, values] : parse_ini(read_text(credentials_file))) {
      auto& p = result.profiles[section];
      for (auto& [k, v] : values)
        p.values[k] = v;
      if (values.count("aws_access_key_id") != 0) p.keys_from_credentials_file = true;
    }
  }
  return result;
}

SharedProfiles load_shared_profiles() {
  std::string config = env_or_empty("AWS_CONFIG_FILE");
  std::string creds = env_or_empty("AWS_SHARED_CREDENTIALS_FILE");
  if (config.empty()) config = "~/.aws/config";
  if (creds.empty()) creds = "~/.aws/credentials";
  return load_shared_profiles(expand_home(config), expand_home(creds));
}

} // namespace athena::aws
