// The CSV report: every section's rows, each led by the section's name (RFC 4180 quoting).
#include "src/report/report_render.h"
#include "src/report/report_sections.h"

namespace athena::report {

namespace {

void append_csv_field(std::string& out, std::string_view field) {
  if (field.find_first_of(",\"\r\n") == std::string_view::npos) {
    out += field;
    return;
  }
  out += '"';
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
