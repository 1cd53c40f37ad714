// GCC 12 reports false -Wmaybe-uninitialized inside libstdc++'s <regex> when building with
// -fsanitize=address at -O2; the code in question is the standard library's, not ours.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif
#include "src/config/filter_pattern.h"

namespace athena::config {
namespace {

bool matches_at_start(const std::regex& re, std::string_view name) {
  return std::regex_search(name.begin(), name.end(), re, std::regex_constants::match_continuous);
}

util::Status compile_list(const std::vector<std::string>& patterns, std::vector<std::regex>& out,
                          const std::string& path) {
  for (size_t i = 0; i < patterns.size(); ++i) {
    if (patterns[i].size() > 1024) {
      return util::Error{path + "[" + std::to_string(i) +
                         "]: regular expression longer than 1024 characters"};
    }
    try {
      out.emplace_back(patterns[i], std::regex::ECMAScript | std::regex::icase);
    } catch (const std::regex_error& e) {
      return util::Error{path + "[" + std::to_string(i) + "]: invalid regular expression '" +
                         patterns[i] + "': " + e.what()};
    }
  }
  return util::Status::success();
}

} // namespace

util::Status FilterPattern::compile(const FilterPatternConfig& config, const std::string& path) {
  includes_.clear();
  excludes_.clear();
  if (auto s = compile_list(config.includes, includes_, path + ".includes"); !s) return s;
  return compile_list(config.excludes, excludes_, path + ".excludes");
}

bool FilterPattern::allows(std::string_view name) const {
  if (!includes_.empty()) {
    bool any = false;
    for (const auto& re : includes_) {
      if (matches_at_start(re, name)) {
        any = true;
        break;
      }
    }
    if (!any) return false;
  }
  for (const auto& re : excludes_) {
    if (matches_at_start(re, name)) return false;
  }
  return true;
}

bool EntityFilters::allows(std::string_view catalog_name, std::string_view schema_name,
                           std::string_view table_name) const {
  return database.allows(catalog_name) && schema.allows(schema_name) && table.allows(table_name);
}

} // namespace athena::config
