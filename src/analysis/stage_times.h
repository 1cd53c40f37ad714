#pragma once

#include <string>

namespace athena::analysis {

/// The wall seconds analyze_query spent in each phase of one query (or a sum over queries).
struct QueryPhaseTimes {
  double fingerprint = 0; ///< the fingerprint and the tool/dbt origin comment
  double parse = 0;       ///< sql::parse and the height check
  double lineage = 0;     ///< lineage::analyze_statement (and prepared statements' texts)
  double facts = 0;       ///< the facts built from lineage: names, sorting, deduplication

  QueryPhaseTimes& operator+=(const QueryPhaseTimes& o) {
    fingerprint += o.fingerprint;
    parse += o.parse;
    lineage += o.lineage;
    facts += o.facts;
    return *this;
  }
  [[nodiscard]] double sum() const { return fingerprint + parse + lineage + facts; }
};

/// Where an analysis run's CPU went, in CPU seconds per stage (`analyze --stats`). Threads
/// are timed with their own CPU clocks; an analysis thread's CPU time is split between the
/// phases of its queries in proportion to their wall times.
struct StageTimes {
  double cloudtrail = 0;     ///< reading the CloudTrail files into the table of users
  double read = 0;           ///< reading the logs into records, with their users, in batches
  double schema_pass = 0;    ///< pass 1: the logs read again, DDL and PREPAREs replayed
  QueryPhaseTimes analysis;  ///< the analysis threads, by phase
  double analysis_other = 0; ///< the rest of the analysis threads: batches, moves, frees
  double dbt = 0;            ///< dbt temporary relations attributed (writer thread)
  double store = 0;          ///< the writer thread in the store: rows, aggregates, commits
  double aggregates = 0;     ///< the aggregates refreshed at the end
  /// When the writer got its first analyzed batch: a util::monotonic_seconds() reading (0 when
  /// none came). Not CPU time: how long reading, CloudTrail and the schema pass held it back.
  double first_batch_at = 0;

  [[nodiscard]] double sum() const {
    return cloudtrail + read + schema_pass + analysis.sum() + analysis_other + dbt + store +
           aggregates;
  }
};

/// One line for `analyze --stats`: `{"wall_seconds":W,"cpu_seconds":C,"first_batch_at_seconds":
/// F,"stage_cpu_seconds":{"cloudtrail":S,...,"other":S}}`, where `other` is the process CPU time
/// no stage holds (loading schemas, opening and checking the database) and F is the wall time
/// from `started_at` (a util::monotonic_seconds() reading) to the writer's first batch.
std::string stage_times_json(const StageTimes& t, double wall_seconds, double cpu_seconds,
                             double started_at);

} // namespace athena::analysis
