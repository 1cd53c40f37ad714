#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "src/report/report_data.h"

namespace athena::report {

enum class Format { kText, kMarkdown, kJson, kCsv, kHtml };

/// "text", "markdown", "json", "csv", "html"; nullopt for anything else.
std::optional<Format> parse_format(std::string_view name);

/// Aligned plain-text tables, one section after another.
std::string render_text(const ReportData& data);
/// GitHub-flavoured markdown: a heading and a pipe table per section.
std::string render_markdown(const ReportData& data);
/// One JSON object (CONTRACT.md): tables, tables_by_users/bytes/cost, daily, joins, unused,
/// shapes, failures, coverage, queries, lineage.
std::string render_json(const ReportData& data);
/// Every section as CSV rows whose first field names the section; each section starts with
/// its own header row (`section,...`) and sections are separated by an empty line.
std::string render_csv(const ReportData& data);
/// One self-contained HTML page: inline CSS and SVG charts, no script or network access.
std::string render_html(const ReportData& data);

/// The renderer for `format`.
std::string render(const ReportData& data, Format format);

} // namespace athena::report
