#include "src/analysis/stage_times.h"

#include <algorithm>

#include "lineage/json_writer.h"

namespace athena::analysis {

namespace {

// A difference of two clock readings that rounding made negative prints as 0.
double at_least_0(double seconds) {
  return std::max(0.0, seconds);
}

} // namespace

std::string stage_times_json(const StageTimes& t, double wall_seconds, double cpu_seconds,
                             double started_at) {
  using Fixed = lineage::JsonWriter::Fixed;
  const auto secs = [](double seconds) { return Fixed{at_least_0(seconds), 3}; };
  std::string out;
  lineage::JsonWriter w(out, /*pretty=*/false);
  w.begin_object();
  w.fields("wall_seconds", Fixed{wall_seconds, 3}, "cpu_seconds", Fixed{cpu_seconds, 3},
           "first_batch_at_seconds",
           Fixed{t.first_batch_at > 0 ? at_least_0(t.first_batch_at - started_at) : 0.0, 3});
  w.member_object("stage_cpu_seconds", "cloudtrail", secs(t.cloudtrail), "read", secs(t.read),
                  "schema_pass", secs(t.schema_pass), "fingerprint", secs(t.analysis.fingerprint),
                  "parse", secs(t.analysis.parse), "lineage", secs(t.analysis.lineage), "facts",
                  secs(t.analysis.facts), "analysis_other", secs(t.analysis_other), "dbt",
                  secs(t.dbt), "store", secs(t.store), "aggregates", secs(t.aggregates), "other",
                  secs(cpu_seconds - t.sum()));
  w.end_object();
  out += '\n';
  return out;
}

} // namespace athena::analysis
