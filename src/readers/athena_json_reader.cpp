#include "src/readers/athena_json_reader.h"

#include <algorithm>
#include <string>
#include <vector>

#include <simdjson.h>

#include "src/readers/format_detect.h"
#include "src/readers/json_array_scanner.h"
#include "src/readers/json_lines.h"
#include "src/readers/query_execution_json.h"
#include "src/util/result.h"

namespace athena::readers {

namespace {

/// True when the document is one `{"QueryExecution": {...}}` (the output of `aws athena
/// get-query-execution`, or boto3's get_query_execution dumped as JSON) rather than a list.
bool is_single_execution(std::string_view prefix) {
  const size_t one = prefix.find("\"QueryExecution\"");
  const size_t many = prefix.find("\"QueryExecutions\"");
  return one != std::string_view::npos && (many == std::string_view::npos || one < many);
}

/// One `{"QueryExecution": {...}}` document, or several one after another: what a shell loop
/// over `aws athena get-query-execution` appends to one file. Each document is a record; a bad
/// one is reported and the others are kept. A single document is named `FILE#QueryExecution`,
/// the k-th of several `FILE#QueryExecution[k]` (from 0).
ReadStats read_single_execution(Input& in, const RecordSink& sink, const DiagnosticSink& diag,
                                size_t max_record_bytes) {
  ReadStats stats;
  std::string text;
  for (std::string_view chunk = in.buffered(); !chunk.empty(); chunk = in.buffered()) {
    text.append(chunk);
    in.advance(chunk.size());
  }
  if (!in.error().empty()) {
    stats.fatal_error = in.error();
    return stats;
  }
  if (text.starts_with("\xEF\xBB\xBF")) text.erase(0, 3);
  struct Outcome {
    model::QueryRecord rec;
    std::string problem;
  };
  std::vector<Outcome> docs;
  // The CLI starts each document at the beginning of a line: parsed apart, a broken document
  // loses only itself (a simdjson stream cannot resynchronise after one).
  std::vector<std::string_view> chunks;
  const std::string_view all(text);
  for (size_t begin = 0; begin < all.size();) {
    size_t next = all.find("\n{", begin + 1);
    next = next == std::string_view::npos ? all.size() : next + 1;
    chunks.push_back(all.substr(begin, next - begin));
    begin = next;
  }
  simdjson::dom::parser parser;
  for (std::string_view chunk : chunks) {
    const size_t before = docs.size();
    simdjson::dom::document_stream stream;
    const size_t batch = std::max<size_t>(std::min(chunk.size(), max_record_bytes), 1024);
    if (auto rc = parser.parse_many(chunk.data(), chunk.size(), batch).get(stream);
        rc != simdjson::SUCCESS) {
      docs.push_back({{}, std::string("invalid JSON: ") + simdjson::error_message(rc)});
      continue;
    }
    for (auto result : stream) {
      Outcome& o = docs.emplace_back();
      simdjson::dom::element doc;
      simdjson::dom::element qe;
      if (auto err = result.get(doc); err != simdjson::SUCCESS) {
        o.problem = err == simdjson::CAPACITY
                        ? "record longer than " + std::to_string(max_record_bytes) + " bytes"
                        : std::string("invalid JSON: ") + simdjson::error_message(err);
        break;
      }
      if (doc.at_key("QueryExecution").get(qe) != simdjson::SUCCESS) {
        o.problem = "expected an object with a QueryExecution member";
      } else {
        if (const util::Status taken = query_execution_from_json(qe, o.rec); !taken) {
          o.problem = "QueryExecution." + taken.error();
        }
      }
    }
    const bool broken = docs.size() > before && !docs.back().problem.empty() &&
                        docs.back().problem.starts_with("invalid JSON");
    if (!broken && (docs.size() == before || stream.truncated_bytes() > 0)) {
      docs.push_back({{}, "invalid JSON: the document is truncated or empty"});
    }
  }
  if (docs.empty()) docs.push_back({{}, "invalid JSON: the document is truncated or empty"});
  for (size_t k = 0; k < docs.size(); ++k) {
    const std::string where =
        in.name() + "#QueryExecution" + (docs.size() == 1 ? "" : "[" + std::to_string(k) + "]");
    if (!docs[k].problem.empty()) {
      ++stats.skipped;
      diag({where, docs[k].problem});
      continue;
    }
    docs[k].rec.origin = where;
    ++stats.records;
    sink(std::move(docs[k].rec));
  }
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
  const util::Status scanned =
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
        const util::Status taken =
            rc != simdjson::SUCCESS
                ? util::Error{std::string("invalid JSON: ") + simdjson::error_message(rc)}
                : query_execution_from_json(doc, rec);
        if (!taken) {
          ++stats.skipped;
          diag({where + " (line " + std::to_string(el.line) + ")", taken.error()});
          return;
        }
        rec.origin = std::move(where);
        ++stats.records;
        sink(std::move(rec));
      });
  if (!scanned) stats.fatal_error = in.name() + ": " + scanned.error();
  if (!in.error().empty()) stats.fatal_error = in.error();
  return stats;
}

ReadStats read_athena_jsonl(Input& in, const RecordSink& sink, const DiagnosticSink& diag,
                            size_t max_record_bytes, const LinePassOver& pass_over) {
  ReadStats stats;
  read_json_lines(in, max_record_bytes, diag, stats, pass_over,
                  [&](simdjson::dom::element el, const std::string& where) -> util::Status {
                    simdjson::dom::element inner;
                    simdjson::dom::array batch;
                    if (el.at_key("QueryExecutions").get(batch) == simdjson::SUCCESS) {
                      size_t i = 0;
                      for (simdjson::dom::element item : batch) {
                        std::string item_where = where + "[" + std::to_string(i++) + "]";
                        model::QueryRecord rec;
                        if (const util::Status taken = query_execution_from_json(item, rec);
                            !taken) {
                          ++stats.skipped;
                          diag({item_where, taken.error()});
                          continue;
                        }
                        rec.origin = std::move(item_where);
                        ++stats.records;
                        sink(std::move(rec));
                      }
                      return util::Status::success();
                    }
                    if (el.at_key("QueryExecution").get(inner) == simdjson::SUCCESS) el = inner;
                    model::QueryRecord rec;
                    if (util::Status taken = query_execution_from_json(el, rec); !taken) {
                      return taken;
                    }
                    rec.origin = where;
                    ++stats.records;
                    sink(std::move(rec));
                    return util::Status::success();
                  });
  return stats;
}

} // namespace athena::readers
