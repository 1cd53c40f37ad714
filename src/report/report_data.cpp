// Gathers the report from the store: the store's query API and its report reader (unused
// tables, query shapes, failures, coverage).
#include "src/report/report_data.h"

#include <algorithm>
#include <cstdio>
#include <set>
#include <tuple>

#include "src/store/report_reader.h"

namespace athena::report {

namespace {

std::string hex64(int64_t v) {
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(v));
  return buf;
}

/// Tables known to exist with no read in the window, sorted.
util::Result<std::vector<std::string>> unused_tables(store::ReportReader& reader,
                                                     const ReportOptions& options,
                                                     bool* from_schema,
                                                     std::vector<std::string>* sources) {
  std::set<std::string> known;
  *from_schema = !options.schema_tables.empty();
  if (*from_schema) {
    known.insert(options.schema_tables.begin(), options.schema_tables.end());
    sources->push_back("schema files");
  } else {
    auto stored = reader.known_tables();
    if (!stored) return util::Error{stored.error()};
    known = std::move(stored->names);
    sources->push_back("succeeded statements");
    if (stored->from_metadata) sources->push_back("catalog metadata");
  }
  auto read = reader.read_tables(options.window);
  if (!read) return util::Error{read.error()};
  for (const auto& name : *read)
    known.erase(name);
  return std::vector<std::string>(known.begin(), known.end());
}

} // namespace

bool is_valid_day(std::string_view day) {
  if (day.size() != 10 || day[4] != '-' || day[7] != '-') return false;
  for (size_t i : {0u, 1u, 2u, 3u, 5u, 6u, 8u, 9u}) {
    if (day[i] < '0' || day[i] > '9') return false;
  }
  auto num = [&](size_t pos, size_t len) {
    int v = 0;
    for (size_t i = pos; i < pos + len; ++i)
      v = v * 10 + (day[i] - '0');
    return v;
  };
  const int year = num(0, 4), month = num(5, 2), d = num(8, 2);
  if (month < 1 || month > 12 || d < 1) return false;
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  const int max_day = month == 2 && leap ? 29 : kDays[month - 1];
  return d <= max_day;
}

util::Result<ReportData> gather_report(store::Store& store, const ReportOptions& options) {
  std::string error;
  // A read-only store reports what it holds (the CLI warned that totals may be short).
  if (!store.read_only() && store.dirty_count() != 0) {
    if (util::Status refreshed = store.refresh_aggregates(); !refreshed)
      return util::Error{refreshed.error()};
  }
  ReportData r;
  r.options = options;
  const store::DayWindow& w = options.window;
  auto take = [&](auto&& value, auto& into) {
    if (!value) {
      error = value.error();
      return false;
    }
    into = std::move(*value);
    return true;
  };
  if (!take(store.query_counts(w), r.queries) ||
      !take(store.top_tables(w, store::TableOrder::kQueries, options.top), r.tables_by_queries) ||
      !take(store.top_tables(w, store::TableOrder::kUsers, options.top), r.tables_by_users) ||
      !take(store.top_tables(w, store::TableOrder::kBytes, options.top), r.tables_by_bytes) ||
      !take(store.top_tables(w, store::TableOrder::kCost, options.top), r.tables_by_cost) ||
      !take(store.daily_trend(w), r.daily) || !take(store.top_joins(w, options.top), r.joins)) {
    return util::Error{error};
  }
  // The lineage view: every edge into or out of the most-queried tables.
  std::set<std::pair<std::string, std::string>> seen;
  for (const auto& t : r.tables_by_queries) {
    auto edges = store.table_edges(t.name, store::EdgeDirection::kBoth);
    if (!edges) return util::Error{edges.error()};
    for (auto& e : *edges) {
      if (seen.emplace(e.source, e.target).second) r.lineage.push_back(std::move(e));
    }
  }
  std::sort(r.lineage.begin(), r.lineage.end(), [](const auto& a, const auto& b) {
    return std::tie(a.source, a.target) < std::tie(b.source, b.target);
  });
  store::ReportReader reader(store);
  auto unused = unused_tables(reader, options, &r.unused_from_schema, &r.unused_sources);
  if (!unused) return util::Error{unused.error()};
  r.unused_tables = std::move(*unused);
  auto shapes = reader.expensive_shapes(w, options.top);
  if (!shapes) return util::Error{shapes.error()};
  for (auto& s : *shapes) {
    r.expensive_shapes.push_back({hex64(s.fingerprint), std::move(s.text), s.queries, s.succeeded,
                                  s.failures, s.bytes_scanned, s.cost_usd,
                                  std::move(s.example_query_id)});
  }
  // Moves a reader's rows into place, or keeps its error.
  auto read = [&](auto&& result, auto& into) {
    if (!result) {
      error = result.error();
      return false;
    }
    into = std::move(*result);
    return true;
  };
  if (!read(reader.failures(w, options.top), r.failures) ||
      !read(reader.spenders(w, store::SpenderKey::kUser, options.top), r.top_users) ||
      !read(reader.spenders(w, store::SpenderKey::kWorkgroup, options.top), r.top_workgroups)) {
    return util::Error{error};
  }
  auto coverage = reader.coverage(w);
  if (!coverage) return util::Error{coverage.error()};
  r.coverage.statements = coverage->statements;
  r.coverage.complete = coverage->complete;
  r.coverage.parse_failed = coverage->parse_failed;
  r.coverage.share = r.coverage.statements > 0 ? static_cast<double>(r.coverage.complete) /
                                                     static_cast<double>(r.coverage.statements)
                                               : 0.0;
  for (const auto& t : r.tables_by_queries) {
    auto edges = reader.column_edges_into(t.name);
    if (!edges) return util::Error{edges.error()};
    if (!edges->empty()) r.column_lineage[t.name] = std::move(*edges);
  }
  return r;
}

} // namespace athena::report
