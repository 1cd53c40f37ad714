#include "src/analysis/analysis_limits.h"

#include "parser/unparser.h"
#include "src/util/stack_thread.h"

namespace athena::analysis {

std::optional<std::string> analysis_height_error(const sql::Node& statement) {
  const uint32_t height = sql::ast_height(&statement);
  if (height <= kMaxAnalyzedHeight) return std::nullopt;
  return "statement is too deep to analyze: its tree has " + std::to_string(height) +
         " levels, at most " + std::to_string(kMaxAnalyzedHeight) + " are analyzed";
}

std::optional<std::string> analysis_height_error(const sql::Node& statement,
                                                 const sql::ParseResult& parsed) {
  if (parsed.arena().bytes_used() / sizeof(sql::Node) <= kMaxAnalyzedHeight) return std::nullopt;
  return analysis_height_error(statement);
}

int run_on_analysis_stack(const std::function<int()>& fn) {
  return util::run_with_stack(kAnalysisStackBytes, fn);
}

} // namespace athena::analysis
