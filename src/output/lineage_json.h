#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "lineage/statement_lineage.h"

namespace athena::output {

/// An error with its position resolved to line and column of the input file.
struct PositionedError {
  std::string message;
  uint32_t line = 0;
  uint32_t col = 0;
};

/// One line of `athena-lineage lineage --format json` (CONTRACT.md), without the newline:
/// statement, kind, targets, sources, columns, errors, then our additions (file, complete,
/// table_edges, reads, joins, functions, and `warnings` when there are any: forms of SQL the
/// dialect does not accept, from which lineage was read anyway).
std::string lineage_json_line(int statement, std::string_view file,
                              const lineage::StatementLineage& lineage,
                              const std::vector<PositionedError>& errors,
                              const std::vector<PositionedError>& warnings = {});

/// `lineage --combine`'s last line: the script's lineage through its intermediate tables
/// (lineage/script_lineage.h): `{"combined":true,"file","targets","sources","columns",
/// "table_edges"}`, columns as in a statement's line.
std::string lineage_json_combined(std::string_view file, const lineage::StatementLineage& lin);

/// The same statement as readable text (`--format text`).
std::string lineage_text(int statement, std::string_view file,
                         const lineage::StatementLineage& lineage,
                         const std::vector<PositionedError>& errors,
                         const std::vector<PositionedError>& warnings = {});

} // namespace athena::output
