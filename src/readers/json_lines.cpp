#include "src/readers/json_lines.h"

namespace athena::readers {

std::string line_where(const Input& in, uint64_t line) {
  return in.name() + ":" + std::to_string(line);
}

std::string record_where(const Input& in, uint64_t index) {
  return in.name() + "#record " + std::to_string(index);
}

void read_json_lines(
    Input& in, size_t max_line_bytes, const DiagnosticSink& diag, ReadStats& stats,
    const std::function<util::Status(simdjson::dom::element, const std::string& where)>& on_value) {
  read_json_lines(in, max_line_bytes, diag, stats, LinePassOver(), on_value);
}

void read_json_lines(
    Input& in, size_t max_line_bytes, const DiagnosticSink& diag, ReadStats& stats,
    const LinePassOver& pass_over,
    const std::function<util::Status(simdjson::dom::element, const std::string& where)>& on_value) {
  simdjson::dom::parser parser;
  std::string line;
  bool too_long = false;
  while (true) {
    uint64_t line_no = in.line();
    if (!in.read_line(line, max_line_bytes, &too_long)) break;
    if (line_no == 1 && line.starts_with("\xEF\xBB\xBF")) line.erase(0, 3);
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    if (!too_long && pass_over && pass_over(line)) {
      ++stats.passed_over;
      continue;
    }
    std::string where = line_where(in, line_no);
    if (too_long) {
      ++stats.skipped;
      diag({where, "line longer than " + std::to_string(max_line_bytes) + " bytes, skipped"});
      continue;
    }
    // simdjson reads up to SIMDJSON_PADDING bytes past the end: the line's own capacity
    // holds them (grown rarely, the buffer is reused), so the line is not copied again.
    if (line.capacity() < line.size() + simdjson::SIMDJSON_PADDING) {
      line.reserve(line.size() + simdjson::SIMDJSON_PADDING);
    }
    simdjson::dom::element el;
    auto rc = parser.parse(line.data(), line.size(), false).get(el);
    if (rc != simdjson::SUCCESS) {
      ++stats.skipped;
      diag({where, std::string("invalid JSON: ") + simdjson::error_message(rc)});
      continue;
    }
    if (const util::Status used = on_value(el, where); !used) {
      ++stats.skipped;
      diag({where, used.error()});
    }
  }
  if (!in.error().empty()) stats.fatal_error = in.error();
}

} // namespace athena::readers
