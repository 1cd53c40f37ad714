#include "src/readers/format_detect.h"

#include <array>
#include <utility>

#include <simdjson.h>

namespace athena::readers {

namespace {

constexpr std::array<std::pair<InputFormat, std::string_view>, 6> kNames{{
    {InputFormat::kAuto, "auto"},
    {InputFormat::kAthenaJson, "athena-json"},
    {InputFormat::kJsonl, "jsonl"},
    {InputFormat::kOmCsv, "om-csv"},
    {InputFormat::kDatahubJsonl, "datahub-jsonl"},
    {InputFormat::kCloudTrail, "cloudtrail"},
}};

std::string_view strip_bom(std::string_view s) {
  if (s.starts_with("\xEF\xBB\xBF")) s.remove_prefix(3);
  return s;
}

std::string_view first_line(std::string_view s) {
  size_t nl = s.find('\n');
  return nl == std::string_view::npos ? s : s.substr(0, nl);
}

/// Position of the first `"key"` in `s`, or npos.
size_t find_key(std::string_view s, std::string_view key) {
  std::string quoted;
  quoted.reserve(key.size() + 2);
  quoted.push_back('"');
  quoted.append(key);
  quoted.push_back('"');
  return s.find(quoted);
}

/// Which of the keys occurs first in `s` (index into keys), or -1.
int first_of(std::string_view s, std::initializer_list<std::string_view> keys) {
  size_t best = std::string_view::npos;
  int which = -1;
  int i = 0;
  for (std::string_view k : keys) {
    size_t p = find_key(s, k);
    if (p < best) {
      best = p;
      which = i;
    }
    ++i;
  }
  return which;
}

/// The first key of the object that `s` (after leading space) opens, "" when there is none.
std::string_view first_key(std::string_view s) {
  size_t p = s.find_first_not_of(" \t\r\n");
  if (p == std::string_view::npos || s[p] != '{') return {};
  p = s.find_first_not_of(" \t\r\n", p + 1);
  if (p == std::string_view::npos || s[p] != '"') return {};
  size_t end = s.find('"', p + 1);
  if (end == std::string_view::npos) return {};
  return s.substr(p + 1, end - p - 1);
}

std::string excerpt(std::string_view s) {
  std::string out = "\"";
  for (char c : s.substr(0, 24)) {
    out += (c >= 0x20 && c < 0x7f) ? c : '?';
  }
  out += s.size() > 24 ? "...\"" : "\"";
  return out;
}

} // namespace

std::string_view to_string(InputFormat format) {
  for (const auto& [f, name] : kNames) {
    if (f == format) return name;
  }
  return "auto";
}

std::optional<InputFormat> parse_input_format(std::string_view name) {
  for (const auto& [f, n] : kNames) {
    if (n == name) return f;
  }
  return std::nullopt;
}

bool looks_like_json_lines(std::string_view prefix) {
  prefix = strip_bom(prefix);
  size_t start = prefix.find_first_not_of(" \t\r\n");
  if (start == std::string_view::npos) return false;
  // Blank lines before the first record are fine in JSON Lines.
  size_t line_start = prefix.rfind('\n', start);
  line_start = line_start == std::string_view::npos ? 0 : line_start + 1;
  std::string_view rest = prefix.substr(line_start);
  size_t nl = rest.find('\n');
  if (nl == std::string_view::npos && rest.size() == prefix.size() - line_start &&
      prefix.size() >= kDetectBytes) {
    // The first line does not end within the prefix: one huge object. A document wrapping
    // an array (QueryExecutions, Records) is streamed as a document; any other object is
    // the first record of JSON Lines, however long.
    std::string_view key = first_key(rest);
    return !key.empty() && key != "QueryExecutions" && key != "Records";
  }
  std::string_view line = first_line(rest);
  if (line.find_first_not_of(" \t\r") == std::string_view::npos ||
      line[line.find_first_not_of(" \t\r")] != '{') {
    return false;
  }
  simdjson::dom::parser parser;
  simdjson::dom::element el;
  return parser.parse(line.data(), line.size(), true).get(el) == simdjson::SUCCESS &&
         el.is_object();
}

util::Result<InputFormat> detect_format(std::string_view prefix) {
  prefix = strip_bom(prefix);
  size_t start = prefix.find_first_not_of(" \t\r\n");
  if (start == std::string_view::npos) {
    return util::Error{"the file is empty"};
  }
  std::string_view body = prefix.substr(start);
  if (body[0] == '[') {
    int w = first_of(body, {"eventSource", "eventName", "QueryExecutionId", "Query"});
    return w == 0 || w == 1 ? InputFormat::kCloudTrail : InputFormat::kAthenaJson;
  }
  if (body[0] == '{') {
    if (looks_like_json_lines(prefix)) {
      std::string_view line = first_line(body);
      int w = first_of(line, {"QueryExecutions", "Records", "QueryExecutionId", "QueryExecution",
                              "eventSource", "eventName", "Query", "query"});
      switch (w) {
      case 0:
      case 2:
      case 3:
      case 6:
        return InputFormat::kJsonl;
      case 1:
      case 4:
      case 5:
        return InputFormat::kCloudTrail;
      case 7:
        return InputFormat::kDatahubJsonl;
      default:
        return util::Error{
            "a JSON object without QueryExecutionId, Query, query, eventName or Records"};
      }
    }
    // `aws athena get-query-execution` prints one {"QueryExecution": {...}} over many lines.
    int w = first_of(body, {"QueryExecutions", "Records", "QueryExecution"});
    if (w == 0 || w == 2) return InputFormat::kAthenaJson;
    if (w == 1) return InputFormat::kCloudTrail;
    return util::Error{"a JSON document without a QueryExecutions or Records array or a "
                       "QueryExecution object"};
  }
  std::string_view header = first_line(body);
  if (header.find("query_text") != std::string_view::npos) return InputFormat::kOmCsv;
  return util::Error{"neither JSON nor a CSV header with query_text; it starts with " +
                     excerpt(header)};
}

} // namespace athena::readers
