#pragma once

#include <regex>
#include <string>
#include <string_view>
#include <vector>

#include "src/util/result.h"

namespace athena::config {

/// OpenMetadata's filterPattern: `includes` / `excludes` lists of regular expressions.
struct FilterPatternConfig {
  std::vector<std::string> includes;
  std::vector<std::string> excludes;
  [[nodiscard]] bool empty() const { return includes.empty() && excludes.empty(); }
};

/// A compiled filterPattern, matching as OpenMetadata does: each regex must match at the start
/// of the name (Python's re.match), ignoring case. A name passes when it matches some include
/// (or there are none) and matches no exclude.
class FilterPattern {
public:
  FilterPattern() = default;
  /// Compiles the patterns; on a bad regex the error says which.
  util::Status compile(const FilterPatternConfig& config, const std::string& path);
  [[nodiscard]] bool allows(std::string_view name) const;
  [[nodiscard]] bool empty() const { return includes_.empty() && excludes_.empty(); }

private:
  std::vector<std::regex> includes_;
  std::vector<std::regex> excludes_;
};

/// The three filters that decide what is stored and pushed.
struct EntityFilters {
  FilterPattern database; ///< the catalog (OpenMetadata's "database")
  FilterPattern schema;   ///< the Athena database (OpenMetadata's "schema")
  FilterPattern table;
  /// `catalog.schema.table` passes all three filters.
  [[nodiscard]] bool allows(std::string_view catalog_name, std::string_view schema_name,
                            std::string_view table_name) const;
};

} // namespace athena::config
