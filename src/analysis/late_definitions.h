#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "lineage/schema_catalog.h"
#include "parser/parser.h"
#include "src/analysis/dbt_relations.h"
#include "src/analysis/query_analysis.h"
#include "src/model/query_record.h"
#include "src/store/store.h"
#include "src/util/result.h"

namespace athena::analysis {

/// Definitions that arrive in a later run (README, `analyze`). An incremental run replays the
/// definitions earlier runs stored with its own, so its queries see them all; but a query an
/// earlier run stored was analyzed without what a later run defines (a PREPARE for its EXECUTE, a
/// view or table it names). The schema pass notes here which definitions are new to the store and
/// what they change; once the run's batches are stored, rederive_late() derives the stored queries
/// they change again, so the database ends as one analysis of the whole history would leave it.
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
  /// Definitions a killed run took into account count as stored.
  void add_stored(const std::vector<std::string>& ids) {
    stored_ids_.insert(ids.begin(), ids.end());
  }
  /// How to ask the store whether a query id is stored (in any state).
  void set_lookup(std::function<bool(const std::string&)> lookup) { lookup_ = std::move(lookup); }
  /// True when earlier runs stored `r` (a definition replayed from the store, or a query the
  /// store holds in another state, or one a killed run took into account).
  [[nodiscard]] bool stored(const model::QueryRecord& r) const {
    return stored_ids_.contains(r.id) || (last_key_ > 0 && lookup_ && lookup_(r.id));
  }
  /// True when the query `id` waits in the re-analysis queue (take_out_late()).
  [[nodiscard]] bool queued(const std::string& id) const { return queued_ids_.contains(id); }
  /// Whether a statement of this run the schema pass met defines something
  /// (defines_something()), so the run records it without decoding the text again.
  void judged(const model::QueryRecord& r, bool defines) {
    judged_.insert_or_assign(r.id, defines);
  }
  /// The judgement of a row this run stored (itself or derived again, as in `rederived`);
  /// nullopt when unknown.
  [[nodiscard]] std::optional<bool> judgement(const std::string& id,
                                              const std::set<std::string>& rederived) const;
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
  std::unordered_map<std::string, bool> judged_;
  std::set<std::string> new_ids_; ///< the run's definitions earlier runs did not store
  bool resumed_ = false;          ///< the queue was left by a killed run
  std::function<bool(const std::string&)> lookup_;
  std::set<std::string> queued_ids_;
  friend util::Status take_out_late(LateDefinitions& late, const lineage::SchemaCatalog& catalog,
                                    store::Store& store);
  friend util::Status rederive_late(const LateDefinitions& late, const AnalysisContext& context,
                                    DbtRelations& dbt,
                                    const std::function<void(model::QueryFacts&)>& filter,
                                    store::Store& store, uint64_t& rederived);
};

/// At the end of the schema pass, before the run stores anything: takes the stored queries of
/// earlier runs that `late`'s definitions change out into the re-analysis queue, and records
/// those definitions as pending in the same transaction, so that a run killed later leaves
/// both (the queries it stored knew the definitions; the queued ones are derived again by the
/// next run).
util::Status take_out_late(LateDefinitions& late, const lineage::SchemaCatalog& catalog,
                           store::Store& store);

/// False when every statement of `sql` is one the schema pass learns nothing from: a DROP
/// (the catalog keeps what a DROP forgets), an ALTER TABLE that neither renames the table nor
/// adds or replaces columns (ADD PARTITION, SET TBLPROPERTIES, ...) or a DEALLOCATE. Decides
/// which stored statements are replayed (store::stored_definitions keeps the answer).
bool defines_something(std::string_view sql);
/// The same for a parsed text.
bool defines_something(const sql::ParseResult& parsed);

/// After the run's batches are stored: derives the queries take_out_late() queued (with a
/// queue a killed run left) again in submission order with `context` (every definition
/// known), attributes their dbt relations with `dbt` (recompose_dbt follows), passes their
/// facts through `filter` when set and stores them, empties the queue, records the run's rows'
/// judgements as definitions (store::record_judgements) and forgets the pending definitions.
/// The caller refreshes the aggregates. `rederived` counts the queries stored again.
/// Idempotent; a kill leaves the queue, which the next run finishes.
util::Status rederive_late(const LateDefinitions& late, const AnalysisContext& context,
                           DbtRelations& dbt, const std::function<void(model::QueryFacts&)>& filter,
                           store::Store& store, uint64_t& rederived);

} // namespace athena::analysis
