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
/// one is replaced by the edges into it (from the last statement that filled it), composed:
/// `s → tmp.c` then `tmp.c → x.d` gives `s → x.d` with the larger derivation kind
/// (identity < expression < aggregation < window) and a condition when either was one. The
/// temporary names stay in `temp_relations`. Stateful across batches: feed them in order.
class DbtRelations {
public:
  /// What a statement stored by an earlier run put into a temporary relation (for one read
  /// before this run filled it); none by default.
  using StoredFill = std::function<std::optional<store::TempFill>(const model::TableName& temp)>;
  explicit DbtRelations(StoredFill stored = {}) : stored_(std::move(stored)) {}

  /// Attributes one batch of analyzed queries, in their order.
  void attribute(std::vector<store::AnalyzedQuery>& batch);

private:
  /// What the last statement filling a temporary relation put into it.
  struct Filled {
    std::set<model::TableName> sources;
    std::vector<model::ColumnEdgeFact> columns; ///< edges into the temporary relation
  };
  using TempMap = std::map<model::TableName, model::TableName>; ///< temporary → base

  TempMap temps_of(const std::vector<store::AnalyzedQuery>& batch, size_t i);
  /// Only a SUCCEEDED statement fills a temporary relation.
  void rewrite(model::QueryFacts& facts, const TempMap& temps, bool succeeded);

  /// The fill of `temp` from this run, else from the store; nullptr when unknown.
  const Filled* fill_of(const model::TableName& temp);

  StoredFill stored_;
  std::map<model::TableName, Filled> filled_;
  std::set<model::TableName> known_; ///< temporary relations recognised by their moves
};

} // namespace athena::analysis
