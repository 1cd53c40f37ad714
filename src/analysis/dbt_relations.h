#pragma once

#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "src/model/query_facts.h"
#include "src/store/store.h"
#include "src/store/temp_relations.h"
#include "src/util/result.h"

namespace athena::analysis {

/// The identifier a dbt temporary relation stands for: `x` for `x__dbt_tmp`, `x__ha`,
/// `x__bkp`, `x__dbt_tmp_1`, `x__tmp_not_partitioned` (and stacked forms such as
/// `x__dbt_tmp__tmp_not_partitioned`); nullopt when `table` carries no such suffix.
std::optional<std::string> dbt_temp_base(std::string_view table);

/// The relation identifier of a dbt node id (`model.shop.fct_orders` → `fct_orders`); "" when
/// the id has no name part.
std::string dbt_node_name(std::string_view node_id);

/// Attributes what statements do to dbt's temporary relations to the model relations they
/// stand for (README, "Models and temporary relations"). A table `x<suffix>` is a temporary
/// relation of `x` (same catalog and schema) when
///  - the statement's dbt comment names the node `*.<project>.x`, or
///  - without such a comment, when the statement itself or one of the same workgroup's next
///    statements moves it into `x` (INSERT or MERGE into `x` reading it, or a rename to `x`),
///    or it was recognised so earlier.
/// Every name of a recognised temporary relation becomes its base in the facts; an edge out of
/// one is replaced by the edges into it (from the last statement submitted before that created
/// it, and those adding to it since), composed: `s → tmp.c` then `tmp.c → x.d` gives
/// `s → x.d` with the larger derivation kind (identity < expression < aggregation < window)
/// and a condition when either was one. Column edges into a temporary relation dbt reads into
/// its base afterwards (all but `__ha`, `__bkp`) reach the base through that read only; table
/// self-edges made by the renaming are dropped. The temporary names stay in `temp_relations`.
///
/// Batches are attributed as they come (stateful across batches). A temporary relation named
/// by a statement submitted before one already attributed or stored (a file not in time order,
/// a history analyzed in parts by several runs) is out of order from then on: recompose()
/// composes its stored statements again in submission order once the last batch is stored, so
/// the edges do not depend on the order the statements were analyzed in. Nothing is kept per
/// statement: in-order input costs one look-up per temporary relation.
class DbtRelations {
public:
  /// The last statement stored by an earlier run that created a temporary relation and was
  /// submitted before `before_ms`, with its facts analyzed again (not attributed); none by
  /// default.
  using StoredFill = std::function<std::optional<store::AnalyzedQuery>(const model::TableName& temp,
                                                                       int64_t before_ms)>;
  /// The stored statements naming a temporary relation submitted at or after `from_ms`, with
  /// their facts analyzed again (not attributed); none by default.
  using StoredQueries = std::function<std::vector<store::AnalyzedQuery>(
      const model::TableName& temp, int64_t from_ms)>;
  /// The latest submission time of a stored statement naming a temporary relation; none by
  /// default.
  using StoredLatest = std::function<std::optional<int64_t>(const model::TableName& temp)>;
  explicit DbtRelations(StoredFill stored = {}, StoredQueries stored_queries = {},
                        StoredLatest stored_latest = {})
      : stored_(std::move(stored)), stored_queries_(std::move(stored_queries)),
        stored_latest_(std::move(stored_latest)) {}

  /// Attributes one batch of analyzed queries, in their order.
  void attribute(std::vector<store::AnalyzedQuery>& batch);

  /// After the last batch is stored: replays, in submission order, the stored statements
  /// naming a temporary relation that was out of order, from its earliest statement out of
  /// order on (and those naming the relations they fill, from then on). Returns them with the
  /// edges in-order analysis gives them (their other facts are as attribute() made them).
  std::vector<store::AnalyzedQuery> recompose();

private:
  /// What the last statement filling a temporary relation put into it.
  struct Filled {
    std::set<model::TableName> sources;
    std::vector<model::ColumnEdgeFact> columns; ///< edges into the temporary relation
  };
  using TempMap = std::map<model::TableName, model::TableName>; ///< temporary → base
  /// The fills seen so far by one pass over statements.
  struct Fills {
    std::map<model::TableName, Filled> filled;
    /// Stored fills looked up, by relation and time bound (nullopt: none stored).
    std::map<std::pair<model::TableName, int64_t>, std::optional<Filled>> stored;
  };
  TempMap temps_of(const std::vector<store::AnalyzedQuery>& batch, size_t i);
  /// The temporary relations one statement names, by its comment, its own moves and the
  /// relations recognised so far (a stored statement replayed alone).
  [[nodiscard]] TempMap temps_named(const model::QueryFacts& f) const;
  /// Only a SUCCEEDED statement fills a temporary relation; `time_ms` bounds stored fills.
  void rewrite(model::QueryFacts& facts, const TempMap& temps, bool succeeded, int64_t time_ms,
               Fills& fills);

  /// The fill of `temp` from this pass, else the last stored before `before_ms`; nullptr when
  /// unknown.
  const Filled* fill_of(const model::TableName& temp, int64_t before_ms, Fills& fills);

  StoredFill stored_;
  StoredQueries stored_queries_;
  StoredLatest stored_latest_;
  Fills fills_;
  std::set<model::TableName> known_; ///< temporary relations recognised by their moves
  /// Per temporary relation named: the latest submission time attributed or stored so far.
  std::map<model::TableName, int64_t> latest_;
  /// Per temporary relation out of order: the earliest statement out of order.
  std::map<model::TableName, int64_t> out_of_order_;
};

/// Composes again what `relations` attributed out of submission order
/// (DbtRelations::recompose) and replaces those statements' edges in `store`, passed through
/// `filter` first when set (the pipeline's fact filter). The caller refreshes the aggregates.
util::Status recompose_dbt(DbtRelations& relations,
                           const std::function<void(model::QueryFacts&)>& filter,
                           store::Store& store);

} // namespace athena::analysis
