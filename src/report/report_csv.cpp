// The CSV report: every section's rows, each led by the section's name (RFC 4180 quoting).
#include "src/report/report_render.h"
#include "src/report/report_sections.h"
#include "src/util/text_escape.h"

namespace athena::report {

namespace {

/// A spreadsheet takes a cell starting with one of these as a formula (OWASP, "CSV Injection").
bool looks_like_formula(std::string_view field) {
  if (field.empty()) return false;
  const char c = field.front();
  if (c != '=' && c != '+' && c != '-' && c != '@' && c != '\t' && c != '\r') return false;
  return !util::is_plain_number(field);
}

void append_csv_field(std::string& out, std::string_view field) {
  // A leading apostrophe makes the spreadsheet show the cell as text instead of running it.
  const bool formula = looks_like_formula(field);
  if (field.find_first_of(",\"\r\n") == std::string_view::npos) {
    if (formula) out += '\'';
    out += field;
    return;
  }
  out += '"';
  if (formula) out += '\'';
  for (char c : field) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

void append_csv_row(std::string& out, std::string_view section,
                    const std::vector<std::string>& cells) {
  append_csv_field(out, section);
  for (const auto& c : cells) {
    out += ',';
    append_csv_field(out, c);
  }
  out += "\r\n";
}

} // namespace

std::string render_csv(const ReportData& data) {
  std::string out;
  bool first = true;
  for (const Section& s : build_sections(data, true)) {
    if (!first) out += "\r\n";
    first = false;
    append_csv_row(out, "section", s.header);
    for (const auto& row : s.rows)
      append_csv_row(out, s.key, row);
  }
  return out;
}

} // namespace athena::report
