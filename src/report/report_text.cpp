// The text and markdown reports: the sections laid out as aligned columns or pipe tables.
#include <algorithm>

#include "src/report/report_render.h"
#include "src/report/report_sections.h"
#include "src/util/text_escape.h"

namespace athena::report {

namespace {

/// Code points, so UTF-8 names line up.
size_t display_width(std::string_view s) {
  return static_cast<size_t>(std::count_if(
      s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

void append_padded(std::string& out, const std::string& cell, size_t width, bool right) {
  const size_t pad = width - std::min(width, display_width(cell));
  if (right) out.append(pad, ' ');
  out += cell;
  if (!right) out.append(pad, ' ');
}

void append_text_table(std::string& out, const Section& s) {
  std::vector<size_t> widths(s.header.size(), 0);
  for (size_t c = 0; c < s.header.size(); ++c)
    widths[c] = display_width(s.header[c]);
  for (const auto& row : s.rows) {
    for (size_t c = 0; c < row.size() && c < widths.size(); ++c)
      widths[c] = std::max(widths[c], display_width(row[c]));
  }
  auto line = [&](const std::vector<std::string>& cells) {
    std::string l;
    for (size_t c = 0; c < cells.size() && c < widths.size(); ++c) {
      if (c > 0) l += "  ";
      // The last column is not padded, so lines carry no trailing blanks.
      const bool last = c + 1 == cells.size();
      append_padded(l, cells[c], last && !s.numeric[c] ? 0 : widths[c], s.numeric[c]);
    }
    out += l + "\n";
  };
  line(s.header);
  for (const auto& row : s.rows)
    line(row);
}

/// Every cell with its control characters escaped: names reach terminals and files as text.
Section escaped(Section s) {
  for (auto& row : s.rows) {
    for (auto& cell : row)
      cell = util::escape_control(cell);
  }
  return s;
}

/// Markdown text that renders as the characters it holds: control characters escaped (a
/// newline would end the table row), `<`, `>` and `&` as entities (renderers pass raw HTML
/// through), and markdown's own punctuation behind a backslash.
std::string markdown_text(std::string_view text) {
  std::string out;
  for (char c : util::escape_control(text)) {
    switch (c) {
    case '<':
      out += "&lt;";
      break;
    case '>':
      out += "&gt;";
      break;
    case '&':
      out += "&amp;";
      break;
    case '|':
    case '\\':
    case '`':
    case '*':
    case '[':
    case ']':
      out += '\\';
      out += c;
      break;
    default:
      out += c;
    }
  }
  return out;
}

std::string markdown_cell(const std::string& cell) {
  std::string out = markdown_text(cell);
  return out.empty() ? " " : out;
}

} // namespace

std::string render_text(const ReportData& data) {
  std::string out = "athena-lineage report";
  if (!data.options.database.empty()) out += " for " + util::escape_control(data.options.database);
  out += " (" + window_text(data.options.window) + ")\n";
  for (const Section& raw : build_sections(data, false)) {
    const Section s = escaped(raw);
    out += "\n== " + s.title + " ==\n";
    if (s.rows.empty()) {
      out += "(" + s.empty_note + ")\n";
      continue;
    }
    append_text_table(out, s);
  }
  return out;
}

std::string render_markdown(const ReportData& data) {
  std::string out = "# athena-lineage report\n\n";
  if (!data.options.database.empty()) {
    out += "Database " + markdown_text(data.options.database) + ". ";
  }
  out += "Window: " + window_text(data.options.window) + ".\n";
  for (const Section& s : build_sections(data, false)) {
    out += "\n## " + s.title + "\n\n";
    if (s.rows.empty()) {
      out += "_" + s.empty_note + "_\n";
      continue;
    }
    out += "|";
    for (const auto& h : s.header)
      out += " " + h + " |";
    out += "\n|";
    for (bool numeric : s.numeric)
      out += numeric ? " ---: |" : " --- |";
    out += "\n";
    for (const auto& row : s.rows) {
      out += "|";
      for (const auto& cell : row)
        out += " " + markdown_cell(cell) + " |";
      out += "\n";
    }
  }
  return out;
}

} // namespace athena::report
