#include "src/analysis/stage_times.h"

#include <algorithm>

#include "src/util/text_format.h"

namespace athena::analysis {

std::string stage_times_json(const StageTimes& t, double wall_seconds, double cpu_seconds) {
  std::string out;
  util::appendf(out,
                "{\"wall_seconds\":%.3f,\"cpu_seconds\":%.3f,\"stage_cpu_seconds\":", wall_seconds,
                cpu_seconds);
  util::appendf(out,
                "{\"cloudtrail\":%.3f,\"read\":%.3f,\"schema_pass\":%.3f,\"fingerprint\":%.3f,"
                "\"parse\":%.3f,\"lineage\":%.3f,\"facts\":%.3f,\"analysis_other\":%.3f,"
                "\"dbt\":%.3f,\"store\":%.3f,\"aggregates\":%.3f,\"other\":%.3f}}\n",
                t.cloudtrail, t.read, t.schema_pass, t.analysis.fingerprint, t.analysis.parse,
                t.analysis.lineage, t.analysis.facts, t.analysis_other, t.dbt, t.store,
                t.aggregates, std::max(0.0, cpu_seconds - t.sum()));
  return out;
}

} // namespace athena::analysis
