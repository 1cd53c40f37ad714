#pragma once

#include <vector>

#include "lineage/statement_lineage.h"

namespace athena::lineage {

/// The lineage of a whole script through its intermediate tables (`lineage --combine`): a table
/// a statement writes and a later statement reads is an intermediate; the result's columns are
/// those of the other written tables, each with its sources followed back through the
/// intermediates to the tables the script reads but does not build. `targets` are the tables
/// written and not read later; `sources` the tables read and not written before.
StatementLineage combine_script(const std::vector<StatementLineage>& statements);

} // namespace athena::lineage
