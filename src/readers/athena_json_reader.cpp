#include "src/readers/athena_json_reader.h"

#include <simdjson.h>

#include "src/readers/format_detect.h"
#include "src/readers/json_array_scanner.h"
#include "src/readers/json_lines.h"
#include "src/readers/query_execution_json.h"

namespace athena::readers {

namespace {

/// True when the document is one `{"QueryExecution": {...}}` (the output of `aws athena
/// get-query-execution`, or boto3's get_query_execution dumped as JSON) rather than a list.
bool is_single_execution(std::string_view prefix) {
  const size_t one = prefix.find("\"QueryExecution\"");
  const size_t many = prefix.find("\"QueryExecutions\"");
  return one != std::string_view::npos && (many == std::string_view::npos || one < many);
}

ReadStats read_single_execution(Input& in, const RecordSink& sink, const DiagnosticSink& diag,
                                size_t max_record_bytes) {
  ReadStats stats;
  std::string text;
  bool too_large = false;
  for (std::string_view chunk = in.buffered(); !chunk.empty(); chunk = in.buffered()) {
    if (text.size() + chunk.size() > max_record_bytes) too_large = true;
    if (!too_large) text.append(chunk);
    in.advance(chunk.size());
  }
  if (!in.error().empty()) {
    stats.fatal_error = in.error();
    return stats;
  }
  const std::string where = in.name() + "#QueryExecution";
  if (too_large) {
    ++stats.skipped;
    diag({where, "record longer than " + std::to_string(max_record_bytes) + " bytes, skipped"});
    return stats;
  }
  if (text.starts_with("\xEF\xBB\xBF")) text.erase(0, 3);
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  simdjson::dom::element qe;
  model::QueryRecord rec;
  std::string problem;
  if (auto rc = parser.parse(text).get(doc); rc != simdjson::SUCCESS) {
    problem = std::string("invalid JSON: ") + simdjson::error_message(rc);
  } else if (doc.at_key("QueryExecution").get(qe) != simdjson::SUCCESS) {
    problem = "expected an object with a QueryExecution member";
  } else {
    problem = query_execution_from_json(qe, rec);
    if (!problem.empty()) problem = "QueryExecution." + problem;
  }
  if (!problem.empty()) {
    ++stats.skipped;
    diag({where, problem});
    return stats;
  }
  rec.origin = where;
  ++stats.records;
  sink(std::move(rec));
  return stats;
}

} // namespace

ReadStats read_athena_json(Input& in, const RecordSink& sink, const DiagnosticSink& diag,
                           size_t max_record_bytes) {
  if (is_single_execution(in.peek_prefix(kDetectBytes))) {
    return read_single_execution(in, sink, diag, max_record_bytes);
  }
  ReadStats stats;
  simdjson::dom::parser parser;
  std::string err =
      scan_json_array(in, "QueryExecutions", max_record_bytes, [&](const JsonElement& el) {
        std::string where = record_where(in, el.index);
        if (el.too_large) {
          ++stats.skipped;
          diag({where,
                "record longer than " + std::to_string(max_record_bytes) + " bytes, skipped"});
          return;
        }
        simdjson::dom::element doc;
        // The scanner pads el.text for simdjson.
        auto rc = parser.parse(el.text.data(), el.text.size(), false).get(doc);
        model::QueryRecord rec;
        std::string problem = rc != simdjson::SUCCESS
                                  ? std::string("invalid JSON: ") + simdjson::error_message(rc)
                                  : query_execution_from_json(doc, rec);
        if (!problem.empty()) {
          ++stats.skipped;
          diag({where + " (line " + std::to_string(el.line) + ")", problem});
          return;
        }
        rec.origin = std::move(where);
        ++stats.records;
        sink(std::move(rec));
      });
  if (!err.empty()) stats.fatal_error = in.name() + ": " + err;
  if (!in.error().empty()) stats.fatal_error = in.error();
  return stats;
}

ReadStats read_athena_jsonl(Input& in, const RecordSink& sink, const DiagnosticSink& diag,
                            size_t max_record_bytes) {
  ReadStats stats;
  read_json_lines(in, max_record_bytes, diag, stats,
                  [&](simdjson::dom::element el, const std::string& where) -> std::string {
                    simdjson::dom::element inner;
                    simdjson::dom::array batch;
                    if (el.at_key("QueryExecutions").get(batch) == simdjson::SUCCESS) {
                      size_t i = 0;
                      for (simdjson::dom::element item : batch) {
                        std::string item_where = where + "[" + std::to_string(i++) + "]";
                        model::QueryRecord rec;
                        std::string problem = query_execution_from_json(item, rec);
                        if (!problem.empty()) {
                          ++stats.skipped;
                          diag({item_where, problem});
                          continue;
                        }
                        rec.origin = std::move(item_where);
                        ++stats.records;
                        sink(std::move(rec));
                      }
                      return "";
                    }
                    if (el.at_key("QueryExecution").get(inner) == simdjson::SUCCESS) el = inner;
                    model::QueryRecord rec;
                    std::string problem = query_execution_from_json(el, rec);
                    if (!problem.empty()) return problem;
                    rec.origin = where;
                    ++stats.records;
                    sink(std::move(rec));
                    return "";
                  });
  return stats;
}

} // namespace athena::readers
