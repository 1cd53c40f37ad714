#include "src/readers/om_csv_reader.h"

#include <array>
#include <cctype>
#include <charconv>
#include <cmath>
#include <optional>

#include <simdjson.h>

#include "src/readers/csv_parser.h"
#include "src/readers/json_lines.h"
#include "src/readers/record_hash.h"
#include "src/readers/time_text.h"

namespace athena::readers {

namespace {

enum Column : size_t {
  kQueryText,
  kUserName,
  kStartTime,
  kEndTime,
  kDuration,
  kCost,
  kAborted,
  kDatabaseName,
  kSchemaName,
  kColumnCount
};

constexpr std::array<std::string_view, kColumnCount> kColumnNames = {
    "query_text", "user_name", "start_time",    "end_time",   "duration",
    "cost",       "aborted",   "database_name", "schema_name"};

std::string_view trim(std::string_view s) {
  while (!s.empty() &&
         (s.front() == ' ' || s.front() == '\t' || s.front() == '\r' || s.front() == '\n'))
    s.remove_prefix(1);
  while (!s.empty() &&
         (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '\n'))
    s.remove_suffix(1);
  return s;
}

std::optional<double> parse_number(std::string_view s) {
  s = trim(s);
  double v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size() || !std::isfinite(v)) return std::nullopt;
  return v;
}

std::string quoted_excerpt(std::string_view s) {
  constexpr size_t kMax = 40;
  std::string out = "\"";
  out += s.substr(0, kMax);
  if (s.size() > kMax) out += "...";
  return out + "\"";
}

} // namespace

ReadStats read_om_csv(Input& in, const RecordSink& sink, const DiagnosticSink& diag,
                      size_t max_record_bytes) {
  ReadStats stats;
  CsvParser csv(in, max_record_bytes);
  CsvRow row;
  if (!csv.next(row)) {
    stats.fatal_error =
        in.error().empty() ? in.name() + ": empty file, expected a header row" : in.error();
    return stats;
  }
  // Header: which field index holds each known column.
  std::array<std::optional<size_t>, kColumnCount> index{};
  const size_t width = row.fields.size();
  for (size_t i = 0; i < row.fields.size(); ++i) {
    std::string_view name = trim(row.fields[i]);
    if (i == 0 && name.starts_with("\xEF\xBB\xBF")) name.remove_prefix(3);
    for (size_t c = 0; c < kColumnCount; ++c) {
      if (name == kColumnNames[c] && !index[c]) index[c] = i;
    }
  }
  if (!index[kQueryText]) {
    stats.fatal_error = line_where(in, row.line) +
                        ": the header row has no query_text column (expected OpenMetadata's "
                        "query-log CSV header)";
    return stats;
  }
  while (csv.next(row)) {
    std::string where = line_where(in, row.line);
    auto skip = [&](std::string message) {
      ++stats.skipped;
      diag({where, std::move(message)});
    };
    if (row.fields.size() == 1 && trim(row.fields[0]).empty() && !row.unterminated) continue;
    if (row.unterminated) {
      skip("unterminated quoted field: the input ends inside it");
      break;
    }
    if (row.too_large) {
      skip("row longer than " + std::to_string(max_record_bytes) + " bytes, skipped");
      continue;
    }
    if (row.fields.size() != width) {
      skip("expected " + std::to_string(width) + " columns as in the header, found " +
           std::to_string(row.fields.size()));
      continue;
    }
    auto field = [&](Column c) -> std::string_view {
      return index[c] ? std::string_view(row.fields[*index[c]]) : std::string_view();
    };
    // Every column we use must be valid UTF-8.
    bool utf8_ok = true;
    for (size_t c = 0; c < kColumnCount && utf8_ok; ++c) {
      std::string_view v = field(static_cast<Column>(c));
      if (!simdjson::validate_utf8(v.data(), v.size())) {
        skip(std::string(kColumnNames[c]) + ": invalid UTF-8");
        utf8_ok = false;
      }
    }
    if (!utf8_ok) continue;
    model::QueryRecord rec;
    rec.query.assign(field(kQueryText));
    if (trim(rec.query).empty()) {
      skip("query_text: empty query text");
      continue;
    }
    rec.user.assign(trim(field(kUserName)));
    std::string_view start = trim(field(kStartTime));
    if (!start.empty()) {
      rec.submission_ms = parse_timestamp_text_ms(start);
      if (!rec.submission_ms) {
        skip("start_time: expected YYYY-MM-DD HH:MM:SS[.ffffff], found " + quoted_excerpt(start));
        continue;
      }
    }
    std::string_view end = trim(field(kEndTime));
    if (!end.empty()) rec.completion_ms = parse_timestamp_text_ms(end);
    std::string_view duration = trim(field(kDuration));
    if (!duration.empty()) {
      auto v = parse_number(duration);
      if (!v || *v < 0 || *v > 9.2e15) {
        skip("duration: expected milliseconds, found " + quoted_excerpt(duration));
        continue;
      }
      rec.total_ms = std::llround(*v);
    }
    std::string_view cost = trim(field(kCost));
    if (!cost.empty()) {
      rec.cost_usd = parse_number(cost);
      if (!rec.cost_usd || *rec.cost_usd < 0) {
        skip("cost: expected a number, found " + quoted_excerpt(cost));
        continue;
      }
    }
    std::string aborted(trim(field(kAborted)));
    for (char& ch : aborted)
      ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    if (aborted == "true" || aborted == "1" || aborted == "yes") {
      rec.state = model::QueryState::kCancelled;
    } else if (aborted.empty() || aborted == "false" || aborted == "0" || aborted == "no") {
      rec.state = model::QueryState::kSucceeded;
    } else {
      skip("aborted: expected true or false, found " + quoted_excerpt(aborted));
      continue;
    }
    std::string_view db = trim(field(kDatabaseName));
    std::string_view schema = trim(field(kSchemaName));
    if (!schema.empty()) {
      rec.database.assign(schema);
      rec.catalog.assign(db);
    } else {
      rec.database.assign(db);
    }
    rec.id = synthetic_query_id({"om-csv", field(kQueryText), field(kUserName), field(kStartTime),
                                 field(kEndTime), field(kDuration), field(kCost), field(kAborted),
                                 field(kDatabaseName), field(kSchemaName)});
    rec.id_is_synthetic = true;
    rec.origin = std::move(where);
    ++stats.records;
    sink(std::move(rec));
  }
  if (!in.error().empty()) stats.fatal_error = in.error();
  return stats;
}

} // namespace athena::readers
