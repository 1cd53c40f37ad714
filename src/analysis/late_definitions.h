#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "lineage/schema_catalog.h"
#include "src/analysis/dbt_relations.h"
#include "src/analysis/query_analysis.h"
#include "src/model/query_record.h"
#include "src/store/store.h"
#include "src/util/result.h"

namespace athena::analysis {

/// Definitions that arrive in a later run (README, `analyze`, "Definitions that arrive
/// later"). An incremental run replays the definitions earlier runs stored with its own, so
/// its queries see them all; but a query an earlier run stored was analyzed without what a
/// later run defines (a PREPARE for its EXECUTE, a view or table it names). The schema pass
/// notes here which definitions are new to the store and what they change; once the run's
/// batches are stored, rederive_late() derives the stored queries they change again, so the
/// database ends as one analysis of the whole history would leave it.
///
/// A stored query is derived again when
///  - it names (reads or writes) a table or view whose schema the run's new definitions change
///    (first defined, or defined with other columns), or whose stored definition reads one
///    that changes; or
///  - it is an EXECUTE of a name the run newly prepares in its workgroup, submitted at or after
///    that PREPARE (or without a submission time).
class LateDefinitions {
public:
  /// The ids of the definitions earlier runs stored (replayed by the schema pass) and the
  /// last query key stored before this run (0 for a new database).
  void set_stored(std::set<std::string> ids, int64_t last_key);
  /// True when earlier runs stored `r`.
  [[nodiscard]] bool stored(const model::QueryRecord& r) const {
    return stored_ids_.contains(r.id);
  }
  /// A PREPARE the schema pass replayed.
  void prepared(const model::QueryRecord& r, std::string name);
  /// Puts what a replayed definition defines into `catalog`; `reads` are the tables the
  /// definition reads (as TableName::text() prints them).
  void put(lineage::SchemaCatalog& catalog, lineage::TableSchema schema,
           const model::QueryRecord& r, const std::vector<std::string>& reads);

  /// The tables whose schema in `catalog` the run's new definitions changed (as
  /// TableName::text() prints them), sorted.
  [[nodiscard]] std::vector<std::string>
  changed_tables(const lineage::SchemaCatalog& catalog) const;
  /// The earliest new PREPARE time by (workgroup, name).
  [[nodiscard]] const std::map<std::pair<std::string, std::string>, int64_t>& new_prepares() const {
    return prepares_;
  }
  [[nodiscard]] int64_t last_key() const { return last_key_; }

private:
  std::set<std::string> stored_ids_;
  int64_t last_key_ = 0;
  /// Per table defined: its schema before the schema pass defined it (nullopt: unknown).
  std::map<std::string, std::optional<lineage::TableSchema>> before_;
  /// Per table the stored definitions define: its schema by them alone (the last).
  std::map<std::string, lineage::TableSchema> stored_only_;
  /// The tables the new definitions define.
  std::map<std::string, lineage::QualifiedName> new_tables_;
  /// The tables a stored definition defines, with the tables it reads.
  std::vector<std::pair<std::string, std::vector<std::string>>> stored_reads_;
  std::map<std::pair<std::string, std::string>, int64_t> prepares_;
};

/// False when every statement of `sql` is one the schema pass learns nothing from: a DROP
/// (the catalog keeps what a DROP forgets), an ALTER TABLE that neither renames the table nor
/// adds or replaces columns (ADD PARTITION, SET TBLPROPERTIES, ...) or a DEALLOCATE. Decides
/// which stored statements are replayed (store::stored_definitions keeps the answer).
bool defines_something(std::string_view sql);

/// After the run's batches are stored: takes the stored queries of earlier runs that `late`'s
/// definitions change out into the re-analysis queue (with a queue a killed run left), derives
/// them again in submission order with `context` (every definition known), attributes their
/// dbt relations with `dbt` (recompose_dbt follows), passes their facts through `filter` when
/// set and stores them, then empties the queue. The caller refreshes the aggregates.
/// `rederived` counts the queries stored again. Idempotent; a kill leaves the queue, which the
/// next run finishes.
util::Status rederive_late(const LateDefinitions& late, const AnalysisContext& context,
                           DbtRelations& dbt, const std::function<void(model::QueryFacts&)>& filter,
                           store::Store& store, uint64_t& rederived);

} // namespace athena::analysis
