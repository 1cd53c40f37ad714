#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "src/model/query_record.h"
#include "src/store/store.h"
#include "src/util/result.h"

namespace athena::store {

/// `reanalyze` (SCHEMA.md, "Re-analysis"): the stored queries are taken out into
/// `reanalyze_queue` with their records, and the analysis pipeline stores them again with the
/// current parser and lineage. Taking out is one transaction that also marks their days and
/// edges for recomputation, so at every commit the aggregates agree with the stored facts; the
/// queue is emptied only once every query of it is stored again, and a run killed in between
/// resumes from it (queries already stored again are skipped as stored).
/// The queue begin() left.
struct ReanalysisQueue {
  int64_t queued = 0;   ///< queries in it
  bool resumed = false; ///< an interrupted run left it (and it was kept)
};

class Reanalysis {
public:
  explicit Reanalysis(Store& store) : store_(store) {}

  /// Queues the queries of days from `since` ("" = all, and queries without a day) that still
  /// have their text (days before the retention horizon are left alone), unless an interrupted
  /// run left a queue: then that queue is kept. The error is SQLite's.
  util::Result<ReanalysisQueue> begin(const std::string& since);
  /// Queues the stored queries with these keys that still have their text (analyze's
  /// re-derivation of queries a later run's definitions change, src/analysis/late_definitions.h),
  /// added to a queue an interrupted run left (`resumed` then). The error is SQLite's.
  /// `pending` (ids of definitions) are recorded in the same transaction
  /// (late_queries.h, pending_definitions).
  util::Result<ReanalysisQueue> begin_keys(const std::vector<int64_t>& keys,
                                           const std::vector<std::string>& pending = {});
  /// Feeds records in stored order: with `schema_pass`, every stored query with its text (the
  /// DDL and PREPAREs that define schemas); otherwise the queued ones.
  util::Status replay(bool schema_pass, const std::function<void(model::QueryRecord&&)>& sink);
  /// Recomputes every edge from its facts, then empties the queue (call once every query of
  /// it is stored again).
  util::Status finish();

  /// Empties the queue once every query of it is stored again, without refreshing the
  /// aggregates (the caller does); with `all_edges`, every edge is marked for recomputation
  /// first, as finish() does (a queue `reanalyze` left).
  util::Status finish_queue(bool all_edges);

private:
  Store& store_;
};

} // namespace athena::store
