#include "src/analysis/stage_times.h"

#include <algorithm>

#include "src/util/text_format.h"

namespace athena::analysis {

namespace {

// A difference of two clock readings that rounding made negative prints as 0.
double at_least_0(double seconds) {
  return std::max(0.0, seconds);
}

} // namespace

std::string stage_times_json(const StageTimes& t, double wall_seconds, double cpu_seconds,
                             double started_at) {
  std::string out;
  util::appendf(out,
                "{\"wall_seconds\":%.3f,\"cpu_seconds\":%.3f,\"first_batch_at_seconds\":%.3f,"
                "\"stage_cpu_seconds\":",
                wall_seconds, cpu_seconds,
                t.first_batch_at > 0 ? at_least_0(t.first_batch_at - started_at) : 0.0);
  util::appendf(out,
                "{\"cloudtrail\":%.3f,\"read\":%.3f,\"schema_pass\":%.3f,\"fingerprint\":%.3f,"
                "\"parse\":%.3f,\"lineage\":%.3f,\"facts\":%.3f,\"analysis_other\":%.3f,"
                "\"dbt\":%.3f,\"store\":%.3f,\"aggregates\":%.3f,\"other\":%.3f}}\n",
                at_least_0(t.cloudtrail), at_least_0(t.read), at_least_0(t.schema_pass),
                at_least_0(t.analysis.fingerprint), at_least_0(t.analysis.parse),
                at_least_0(t.analysis.lineage), at_least_0(t.analysis.facts),
                at_least_0(t.analysis_other), at_least_0(t.dbt), at_least_0(t.store),
                at_least_0(t.aggregates), at_least_0(cpu_seconds - t.sum()));
  return out;
}

} // namespace athena::analysis
