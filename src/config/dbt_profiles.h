#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "src/config/workflow_config.h"
#include "src/util/secret.h"

namespace athena::config {

/// Which profile and target to read; empty fields are chosen as dbt chooses them.
struct DbtProfileChoice {
  std::string profile; ///< `--dbt-profile`; else dbt_project.yml's `profile:`; else the only one
  std::string target;  ///< `--dbt-target`; else $DBT_TARGET; else the profile's `target:`
};

/// The dbt-athena target of a profiles.yml, rendered (env_var) and type-checked.
struct DbtAthenaTarget {
  std::string file;    ///< the profiles.yml read
  std::string profile; ///< profile name used
  std::string target;  ///< target name used
  std::string region_name;
  std::string s3_staging_dir;
  std::string work_group;
  std::string database; ///< the Athena data catalog
  std::string schema;   ///< the default database
  std::string aws_profile_name;
  std::string aws_access_key_id;
  util::Secret aws_secret_access_key;
  util::Secret aws_session_token;
  std::string endpoint_url;
  std::optional<int> num_retries;
};

struct DbtProfileResult {
  std::optional<DbtAthenaTarget> target;
  std::vector<std::string> errors;   ///< each names file:line and the key path
  std::vector<std::string> warnings; ///< keys of the target athena-lineage does not use
  [[nodiscard]] bool ok() const { return target.has_value(); }
};

/// Reads `file`; when no profile is chosen, the `profile:` of a dbt_project.yml beside it (or
/// in the current directory) names it, as dbt does.
DbtProfileResult load_dbt_profile(const std::filesystem::path& file,
                                  const DbtProfileChoice& choice);

/// The same from text. `project_profile` is dbt_project.yml's `profile:` ("" when none).
DbtProfileResult parse_dbt_profiles(std::string_view text, const std::string& origin,
                                    const DbtProfileChoice& choice,
                                    const std::string& project_profile);

/// Makes the target the config's Athena connection: credentials, region, endpoint, workgroup
/// (pulled unless athenaLineage.workgroups names others), catalog, default database, retries.
void apply_dbt_target(const DbtAthenaTarget& target, WorkflowConfig& config);

} // namespace athena::config
