#pragma once

#include <vector>

#include "samples/generator/statement.h"
#include "samples/generator/templates.h"

namespace athena::samplegen {

/// The statements dbt-athena sends to build one model once, in order (its materialization's
/// real sequence, with dbt's temporary relations `x__dbt_tmp`, `x__ha`, `x__bkp`; see
/// tests/app/testdata/dbt/materializations.md). `model` is the model's single-statement form
/// (a dbt template's INSERT, MERGE, CTAS or CREATE VIEW); its truth (reads, writes, column
/// edges) names the model relation, and so does every statement's here: a temporary relation
/// stands for its model. Without the comment dbt prepends (the caller adds it).
std::vector<Statement> dbt_run(std::string_view template_name, Statement model);

} // namespace athena::samplegen
