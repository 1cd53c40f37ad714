// Picks the renderer for a --format name.
#include "src/report/report_render.h"

namespace athena::report {

std::optional<Format> parse_format(std::string_view name) {
  if (name == "text") return Format::kText;
  if (name == "markdown") return Format::kMarkdown;
  if (name == "json") return Format::kJson;
  if (name == "csv") return Format::kCsv;
  if (name == "html") return Format::kHtml;
  return std::nullopt;
}

std::string render(const ReportData& data, Format format) {
  switch (format) {
  case Format::kText:
    return render_text(data);
  case Format::kMarkdown:
    return render_markdown(data);
  case Format::kJson:
    return render_json(data);
  case Format::kCsv:
    return render_csv(data);
  case Format::kHtml:
    return render_html(data);
  }
  return {};
}

} // namespace athena::report
