#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include "src/model/query_record.h"
#include "src/store/store.h"

namespace athena::store {

/// `reanalyze` (SCHEMA.md, "Re-analysis"): the stored queries are taken out into
/// `reanalyze_queue` with their records, and the analysis pipeline stores them again with the
/// current parser and lineage. Taking out is one transaction that also marks their days and
/// edges for recomputation, so at every commit the aggregates agree with the stored facts; the
/// queue is emptied only once every query of it is stored again, and a run killed in between
/// resumes from it (queries already stored again are skipped as stored).
class Reanalysis {
public:
  explicit Reanalysis(Store& store) : store_(store) {}

  /// Queues the queries of days from `since` ("" = all, and queries without a day) that still
  /// have their text (days before the retention horizon are left alone), unless an interrupted
  /// run left a queue: then `*resumed` is true and that queue is kept. `*queued` is its size.
  bool begin(const std::string& since, int64_t* queued, bool* resumed, std::string* error);
  /// Feeds records in stored order: with `schema_pass`, every stored query with its text (the
  /// DDL and PREPAREs that define schemas); otherwise the queued ones.
  bool replay(bool schema_pass, const std::function<void(model::QueryRecord&&)>& sink,
              std::string* error);
  /// Recomputes every edge from its facts, then empties the queue (call once every query of
  /// it is stored again).
  bool finish(std::string* error);

private:
  Store& store_;
};

} // namespace athena::store
