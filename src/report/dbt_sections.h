#pragma once

#include <string>
#include <vector>

#include "lineage/json_writer.h"
#include "src/report/dbt_compare.h"
#include "src/report/report_sections.h"

namespace athena::report {

/// The dbt sections (summary, undeclared reads, unobserved dependencies, unread models) for
/// text, markdown, CSV and HTML; `raw` as for build_sections.
std::vector<Section> dbt_sections(const DbtComparison& dbt, bool raw);

/// The JSON report's `dbt` object.
void write_dbt_json(lineage::JsonWriter& w, const DbtComparison& dbt);

} // namespace athena::report
