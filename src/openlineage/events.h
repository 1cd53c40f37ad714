#pragma once

#include <map>
#include <string>
#include <vector>

#include "src/store/lineage_runs.h"
#include "src/store/ol_outbox.h"

namespace athena::openlineage {

/// What every event of an export shares.
struct EventContext {
  std::string job_namespace = "athena";
  std::string region;
  /// Known columns per stored table name, for `schema` facets (store::known_table_columns).
  const std::map<std::string, store::TableColumns>* columns = nullptr;
};

/// The `producer` and `_producer` URI of every event and facet.
std::string producer();

/// The two RunEvents of a stored execution in a final state: START at its submission time,
/// then COMPLETE (SUCCEEDED), FAIL (FAILED, with an `errorMessage` facet) or ABORT
/// (CANCELLED) at its completion time. Both carry the job facets (`sql`, `jobType`), the run
/// facets (`processing_engine`, `externalQuery`), the inputs and outputs with `schema` facets
/// where columns are known, and `columnLineage` on the outputs of a succeeded run. The JSON is
/// deterministic: the same stored run gives the same bytes.
std::vector<store::OlEvent> build_events(const store::LineageRun& run, const EventContext& ctx);

} // namespace athena::openlineage
