// dbt's profiles.yml as athena-lineage's Athena connection. The profile and target are chosen
// as dbt chooses them (the --profile flag, else dbt_project.yml's `profile:`; the --target flag,
// else $DBT_TARGET, else the profile's `target:`, else "default"); only the chosen target is
// rendered, so variables other targets need may stay unset. Values are never quoted in
// messages: a profile holds secrets.
#include "src/config/dbt_profiles.h"

#include <algorithm>
#include <cstdlib>

#include "src/config/dbt_env_var.h"
#include "src/util/file_io.h"

namespace athena::config {
namespace {

enum class Key { kString, kSecret, kInt, kUnused };

struct KnownKey {
  std::string_view name;
  Key kind;
};

/// dbt-athena's target keys. Those athena-lineage does not need are accepted silently;
/// anything else is most likely a typo and gets a warning.
constexpr KnownKey kKeys[] = {
    {"type", Key::kString},
    {"region_name", Key::kString},
    {"s3_staging_dir", Key::kString},
    {"work_group", Key::kString},
    {"database", Key::kString},
    {"schema", Key::kString},
    {"aws_profile_name", Key::kString},
    {"aws_access_key_id", Key::kString},
    {"aws_secret_access_key", Key::kSecret},
    {"aws_session_token", Key::kSecret},
    {"endpoint_url", Key::kString},
    {"num_retries", Key::kInt},
    {"threads", Key::kUnused},
    {"poll_interval", Key::kUnused},
    {"s3_data_dir", Key::kUnused},
    {"s3_data_naming", Key::kUnused},
    {"s3_tmp_table_dir", Key::kUnused},
    {"debug_query_state", Key::kUnused},
    {"spark_work_group", Key::kUnused},
    {"lf_tags_database", Key::kUnused},
    {"num_boto3_retries", Key::kUnused},
    {"num_iceberg_retries", Key::kUnused},
    {"seed_s3_upload_args", Key::kUnused},
    {"skip_workgroup_check", Key::kUnused},
    {"aws_profile", Key::kUnused},
    {"retries", Key::kUnused},
};

std::string where(const std::string& origin, const Node& n) {
  return n.line > 0 ? origin + ":" + std::to_string(n.line) + ": " : origin + ": ";
}

std::string names_of(const Node& object, std::string_view skip = {}) {
  std::string out;
  for (const auto& [k, v] : object.members) {
    if (k == skip) continue;
    out += (out.empty() ? "" : ", ") + k;
  }
  return out.empty() ? "none" : out;
}

class TargetReader {
public:
  TargetReader(const std::string& origin, DbtProfileResult& out) : origin_(origin), out_(out) {}

  /// A scalar's text after env_var rendering; nullopt (error recorded) when it cannot be had.
  std::optional<std::string> render(const Node& n, const std::string& path) {
    std::string error;
    std::optional<std::string> text = render_env_vars(n.text, error);
    if (!text) out_.errors.push_back(where(origin_, n) + path + ": " + error);
    return text;
  }

  void read(const Node& output, const std::string& path, DbtAthenaTarget& t) {
    for (const auto& [key, value] : output.members) {
      std::string key_path = path;
      key_path += '.';
      key_path += key;
      const auto known = std::find_if(std::begin(kKeys), std::end(kKeys),
                                      [&name = key](const KnownKey& k) { return k.name == name; });
      if (known == std::end(kKeys)) {
        out_.warnings.push_back(where(origin_, value) + key_path +
                                ": not a dbt-athena connection key, ignored");
        continue;
      }
      if (known->kind == Key::kUnused || value.kind == Node::Kind::kNull) continue;
      // Numbers are fine for strings too (`work_group: 2024`), as in the workflow config.
      if (value.kind != Node::Kind::kString && value.kind != Node::Kind::kNumber) {
        out_.errors.push_back(where(origin_, value) + key_path + ": expected " +
                              (known->kind == Key::kInt ? "an integer" : "a string") + ", found " +
                              std::string(kind_name(value.kind)));
        continue;
      }
      std::optional<std::string> text = render(value, key_path);
      if (!text) continue;
      assign(key, *text, value, key_path, t);
    }
  }

private:
  void assign(const std::string& key, std::string text, const Node& value, const std::string& path,
              DbtAthenaTarget& t) {
    if (key == "num_retries") {
      const bool digits = !text.empty() && text.size() <= 4 &&
                          text.find_first_not_of("0123456789") == std::string::npos;
      if (!digits) {
        out_.errors.push_back(
            where(origin_, value) + path + ": expected an integer (0-9999), found a " +
            (value.kind == Node::Kind::kNumber ? "number" : "string") + " that is not one");
        return;
      }
      t.num_retries = std::stoi(text);
    } else if (key == "type") {
      if (text != "athena") {
        out_.errors.push_back(where(origin_, value) + path +
                              R"(: expected "athena" (a dbt-athena target), found ")" + text +
                              "\"");
      }
    } else if (key == "aws_secret_access_key") {
      t.aws_secret_access_key = util::Secret(std::move(text));
    } else if (key == "aws_session_token") {
      t.aws_session_token = util::Secret(std::move(text));
    } else {
      std::string* field = key == "region_name"         ? &t.region_name
                           : key == "s3_staging_dir"    ? &t.s3_staging_dir
                           : key == "work_group"        ? &t.work_group
                           : key == "database"          ? &t.database
                           : key == "schema"            ? &t.schema
                           : key == "aws_profile_name"  ? &t.aws_profile_name
                           : key == "aws_access_key_id" ? &t.aws_access_key_id
                                                        : &t.endpoint_url;
      *field = std::move(text);
    }
  }

  const std::string& origin_;
  DbtProfileResult& out_;
};

/// dbt_project.yml's `profile:` from the directory of the profiles file, else the current
/// directory ("" when there is no project file or it names no profile).
std::string project_profile_near(const std::filesystem::path& profiles, DbtProfileResult& out) {
  std::vector<std::filesystem::path> candidates;
  const std::filesystem::path dir =
      profiles.has_parent_path() ? profiles.parent_path() : std::filesystem::path(".");
  candidates.push_back(dir / "dbt_project.yml");
  candidates.emplace_back("dbt_project.yml");
  std::error_code ec;
  for (const auto& p : candidates) {
    if (!std::filesystem::is_regular_file(p, ec)) continue;
    std::string error;
    const auto text = util::read_input(p.string(), error);
    if (!text) continue;
    LoadResult loaded = parse_yaml(*text, p.string());
    if (!loaded.ok()) {
      out.errors.push_back(loaded.error);
      return "";
    }
    const Node* n = loaded.root.find("profile");
    if (n == nullptr || !n->is_scalar() || n->kind == Node::Kind::kNull) return "";
    std::string render_error;
    std::optional<std::string> name = render_env_vars(n->text, render_error);
    if (!name) {
      out.errors.push_back(where(p.string(), *n) + "profile: " + render_error);
      return "";
    }
    return *name;
  }
  return "";
}

} // namespace

DbtProfileResult parse_dbt_profiles(std::string_view text, const std::string& origin,
                                    const DbtProfileChoice& choice,
                                    const std::string& project_profile) {
  DbtProfileResult out;
  LoadResult loaded = parse_yaml(text, origin);
  if (!loaded.ok()) {
    out.errors.push_back(loaded.error);
    return out;
  }
  const Node& root = loaded.root;
  if (root.kind != Node::Kind::kObject) {
    out.errors.push_back(origin + ": expected profiles (an object) at the top level, found " +
                         std::string(kind_name(root.kind)));
    return out;
  }
  // A top-level `config:` holds dbt's old user settings, not a profile.
  std::string name = !choice.profile.empty() ? choice.profile : project_profile;
  if (name.empty()) {
    std::vector<std::string> profiles;
    for (const auto& [k, v] : root.members) {
      if (k != "config") profiles.push_back(k);
    }
    if (profiles.size() != 1) {
      out.errors.push_back(origin + ": " +
                           (profiles.empty() ? std::string("no profile in the file")
                                             : "several profiles (" + names_of(root, "config") +
                                                   "): name one with --dbt-profile or "
                                                   "athenaLineage.dbt.profile"));
      return out;
    }
    name = profiles.front();
  }
  const Node* profile = root.find(name);
  if (profile == nullptr || name == "config") {
    out.errors.push_back(origin + ": no profile named '" + name +
                         "' (profiles: " + names_of(root, "config") + ")");
    return out;
  }
  if (profile->kind != Node::Kind::kObject) {
    out.errors.push_back(where(origin, *profile) + name + ": expected an object, found " +
                         std::string(kind_name(profile->kind)));
    return out;
  }
  const Node* outputs = profile->find("outputs");
  if (outputs == nullptr || outputs->kind != Node::Kind::kObject) {
    out.errors.push_back(
        where(origin, outputs != nullptr ? *outputs : *profile) + name + ".outputs: " +
        (outputs == nullptr
             ? std::string("required key is missing")
             : "expected an object, found " + std::string(kind_name(outputs->kind))));
    return out;
  }
  TargetReader reader(origin, out);
  std::string target = choice.target;
  if (target.empty()) {
    if (const char* env = std::getenv("DBT_TARGET"); env != nullptr && *env != '\0') target = env;
  }
  if (target.empty()) {
    const Node* t = profile->find("target");
    if (t != nullptr && t->kind != Node::Kind::kNull) {
      if (!t->is_scalar()) {
        out.errors.push_back(where(origin, *t) + name + ".target: expected a string, found " +
                             std::string(kind_name(t->kind)));
        return out;
      }
      std::optional<std::string> rendered = reader.render(*t, name + ".target");
      if (!rendered) return out;
      target = *rendered;
    }
  }
  if (target.empty()) target = "default"; // dbt's name when a profile sets no target
  const Node* output = outputs->find(target);
  if (output == nullptr) {
    out.errors.push_back(origin + ": profile '" + name + "' has no target named '" + target +
                         "' (targets: " + names_of(*outputs) + ")");
    return out;
  }
  const std::string path = name + ".outputs." + target;
  if (output->kind != Node::Kind::kObject) {
    out.errors.push_back(where(origin, *output) + path + ": expected an object, found " +
                         std::string(kind_name(output->kind)));
    return out;
  }
  DbtAthenaTarget t;
  t.file = origin;
  t.profile = name;
  t.target = target;
  reader.read(*output, path, t);
  if (!out.errors.empty()) return out; // a value that could not be read is not "missing"
  if (output->find("type") == nullptr) {
    out.errors.push_back(where(origin, *output) + path +
                         ".type: required key is missing (expected \"athena\")");
  }
  if (t.region_name.empty()) {
    out.errors.push_back(where(origin, *output) + path + ".region_name: required key is missing");
  }
  if (!t.aws_access_key_id.empty() && t.aws_secret_access_key.empty()) {
    out.errors.push_back(where(origin, *output) + path +
                         ".aws_secret_access_key: required when aws_access_key_id is set");
  }
  if (t.aws_access_key_id.empty() && !t.aws_secret_access_key.empty()) {
    out.errors.push_back(where(origin, *output) + path +
                         ".aws_access_key_id: required when aws_secret_access_key is set");
  }
  if (!out.errors.empty()) return out;
  out.target = std::move(t);
  return out;
}

DbtProfileResult load_dbt_profile(const std::filesystem::path& file,
                                  const DbtProfileChoice& choice) {
  DbtProfileResult out;
  std::string error;
  const auto text = util::read_input(file.string(), error);
  if (!text) {
    out.errors.push_back(file.string() + ": cannot read the dbt profiles file");
    return out;
  }
  std::string project_profile;
  if (choice.profile.empty()) {
    project_profile = project_profile_near(file, out);
    if (!out.errors.empty()) return out;
  }
  DbtProfileResult parsed = parse_dbt_profiles(*text, file.string(), choice, project_profile);
  return parsed;
}

void apply_dbt_target(const DbtAthenaTarget& t, WorkflowConfig& c) {
  c.aws = AwsConfig{};
  c.aws.region = t.region_name;
  c.aws.endpoint_url = t.endpoint_url;
  c.aws.profile = t.aws_profile_name;
  c.aws.access_key_id = t.aws_access_key_id;
  c.aws.secret_access_key = t.aws_secret_access_key;
  c.aws.session_token = t.aws_session_token;
  c.workgroup = t.work_group;
  c.s3_staging_dir = t.s3_staging_dir;
  c.database_name = t.schema;
  // dbt-athena spells the default catalog in lower case, as SQL does; the API names it so.
  std::string catalog = t.database;
  std::string lower = catalog;
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
  if (lower == "awsdatacatalog") catalog = "AwsDataCatalog";
  c.catalog_name = catalog;
  if (c.lineage.workgroups.empty() && !t.work_group.empty()) c.lineage.workgroups = {t.work_group};
  if (t.num_retries) c.lineage.max_attempts = std::clamp(*t.num_retries + 1, 1, 20);
  if (c.source_type.empty()) c.source_type = "dbt";
}

} // namespace athena::config
