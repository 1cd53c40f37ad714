// Fuzz target: OpenMetadata workflow configs (JSON or YAML) through the whole config reader:
// parsing, ${ENV} substitution, key/type checks and filter-pattern compilation; and the same
// text as a dbt profiles.yml (env_var rendering, profile and target choice).
// FUZZ_LIBS: athena_app
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "src/config/dbt_profiles.h"
#include "src/config/workflow_config.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  athena::config::ConfigResult r = athena::config::parse_workflow_config(text, "fuzz");
  // Invariant: a result is either a config or at least one error.
  if (!r.ok() && r.errors.empty()) __builtin_trap();
  athena::config::DbtProfileResult p = athena::config::parse_dbt_profiles(text, "fuzz", {}, "");
  if (!p.ok() && p.errors.empty()) __builtin_trap();
  return 0;
}
