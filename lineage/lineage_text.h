#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "lineage/statement_lineage.h"

namespace athena::lineage {

/// An error with its position resolved to line and column of the input file.
struct PositionedError {
  std::string message;
  uint32_t line = 0;
  uint32_t col = 0;
};

/// A statement's lineage as readable text (`athena-lineage lineage --format text`): kind,
/// targets, sources, columns, edges, reads, joins, functions, then errors and warnings. Names
/// and messages are printed with control characters escaped.
std::string lineage_text(int statement, std::string_view file, const StatementLineage& lineage,
                         const std::vector<PositionedError>& errors,
                         const std::vector<PositionedError>& warnings = {});

} // namespace athena::lineage
