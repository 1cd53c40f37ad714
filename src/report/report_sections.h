#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "src/report/report_data.h"

namespace athena::report {

/// One table of the report, format-neutral: text, markdown, CSV and HTML lay it out.
struct Section {
  std::string key;   ///< CSV section name: "tables_by_queries", "daily", ...
  std::string title; ///< heading: "Top tables by queries"
  std::vector<std::string> header;
  std::vector<bool> numeric; ///< per column: right-aligned in text
  std::vector<std::vector<std::string>> rows;
  std::string empty_note; ///< shown instead of the table when there are no rows
};

/// The report as sections in display order. `raw` keeps exact machine values (bytes as
/// integers, costs with 5 decimals, full texts) for CSV; otherwise values are for people
/// ("1.50 GiB", "$5.00", whitespace collapsed, long texts cut).
std::vector<Section> build_sections(const ReportData& data, bool raw);

/// "512 B", "1.50 KiB", ... "2.00 TiB" (binary units, 3 significant decimals at most).
std::string format_bytes(double bytes);
/// "$5.00"; amounts under a cent keep 5 decimals ("$0.00048").
std::string format_usd(double usd);
/// Exactly 5 decimals, for machine output: "5.00000".
std::string format_usd_raw(double usd);
/// "75.0%".
std::string format_percent(double share);
/// Runs of whitespace become one space; longer than `max` characters is cut with "...".
std::string one_line(std::string_view text, size_t max);
/// "since 2025-01-01 until 2025-01-31", "all days", ...
std::string window_text(const store::DayWindow& window);

} // namespace athena::report
