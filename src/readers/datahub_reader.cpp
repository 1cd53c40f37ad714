#include "src/readers/datahub_reader.h"

#include <cmath>

#include "src/readers/json_fields.h"
#include "src/readers/json_lines.h"
#include "src/readers/record_hash.h"
#include "src/readers/time_text.h"
#include "src/util/result.h"

namespace athena::readers {

namespace {

/// Numbers below this are seconds (1e11 s is the year 5138; 1e11 ms is 1973).
constexpr double kMillisecondsThreshold = 1e11;

std::optional<int64_t> number_to_ms(double v) {
  double ms = std::fabs(v) >= kMillisecondsThreshold ? v : v * 1000.0;
  return integral_value(std::round(ms));
}

} // namespace

ReadStats read_datahub_jsonl(Input& in, const RecordSink& sink, const DiagnosticSink& diag,
                             size_t max_record_bytes) {
  ReadStats stats;
  read_json_lines(
      in, max_record_bytes, diag, stats,
      [&](simdjson::dom::element el, const std::string& where) -> util::Status {
        simdjson::dom::object obj;
        if (el.get(obj) != simdjson::SUCCESS) {
          return util::Error{"expected a JSON object, found " +
                             std::string(json_type_name(el.type()))};
        }
        std::string error;
        JsonFields f(obj, "", error);
        model::QueryRecord rec;
        f.string("query", rec.query);
        f.string("user", rec.user);
        f.string("session_id", rec.session_id);
        std::string operation, default_db, default_schema;
        f.string("operation_type", operation);
        f.string("default_db", default_db);
        f.string("default_schema", default_schema);
        std::string ts_text;
        if (auto ts = f.element("timestamp")) {
          double num = 0;
          std::string_view text;
          if (ts->get(num) == simdjson::SUCCESS) {
            rec.submission_ms = number_to_ms(num);
            if (!rec.submission_ms) return util::Error{"timestamp: out of range"};
            ts_text = std::to_string(*rec.submission_ms);
          } else if (ts->get(text) == simdjson::SUCCESS) {
            ts_text.assign(text);
            rec.submission_ms = parse_datetime_ms(text);
            if (!rec.submission_ms) {
              auto n = [&]() -> std::optional<double> {
                char* end = nullptr;
                std::string t(text);
                double v = std::strtod(t.c_str(), &end);
                if (t.empty() || end != t.c_str() + t.size() || !std::isfinite(v)) {
                  return std::nullopt;
                }
                return v;
              }();
              if (n) rec.submission_ms = number_to_ms(*n);
            }
            if (!rec.submission_ms) {
              return util::Error{
                  "timestamp: expected seconds since the epoch or an ISO-8601 time, found \"" +
                  std::string(text.substr(0, 40)) + "\""};
            }
          } else {
            return util::Error{"timestamp: expected a number or a string, found " +
                               std::string(json_type_name(ts->type()))};
          }
        }
        if (!error.empty()) return util::Error{std::move(error)};
        if (rec.query.find_first_not_of(" \t\r\n") == std::string::npos) {
          return util::Error{"query: empty query text"};
        }
        if (!default_schema.empty()) {
          rec.database = default_schema;
          rec.catalog = default_db;
        } else {
          rec.database = default_db;
        }
        rec.state = model::QueryState::kSucceeded;
        rec.substatement_type = operation;
        rec.id = synthetic_query_id(
            {"datahub", rec.query, ts_text, rec.user, rec.session_id, default_db, default_schema});
        rec.id_is_synthetic = true;
        rec.origin = where;
        ++stats.records;
        sink(std::move(rec));
        return util::Status::success();
      });
  return stats;
}

} // namespace athena::readers
