#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "lineage/lineage_text.h"
#include "lineage/statement_lineage.h"

namespace athena::output {

using lineage::PositionedError;

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
using lineage::lineage_text;

} // namespace athena::output
