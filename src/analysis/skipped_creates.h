#pragma once

// Which `CREATE ... IF NOT EXISTS` statements of a history found their table existing, and so
// did nothing (README, "What counts"): decided by the schema pass of `analyze` in submission
// order, and read by the analysis of each query, which sees the whole history's catalog.

#include <cstddef>
#include <functional>
#include <map>
#include <set>
#include <string>
#include <string_view>

#include "lineage/schema_catalog.h"
#include "lineage/statement_lineage.h"

namespace athena::analysis {

class SkippedCreates {
public:
  /// Judges statement `index` of query `id`, whose lineage is `lineage`, against `catalog`:
  /// the schema sources and the definitions before it, including those a DROP since forgot
  /// (the schema pass keeps them for earlier readers; the drops are tracked here). An IF NOT
  /// EXISTS create of a table that exists is skipped (lineage::skip_existing(), remembered);
  /// then what the statement drops or creates is noted.
  void judge(const std::string& id, size_t index, lineage::StatementLineage& lineage,
             const lineage::SchemaCatalog& catalog);
  /// True when statement `index` of query `id` was judged an IF NOT EXISTS create that found
  /// its table.
  [[nodiscard]] bool skipped(std::string_view id, size_t index) const {
    auto it = skipped_.find(id);
    return it != skipped_.end() && it->second.contains(index);
  }

private:
  /// Tables dropped (or renamed away) since they were last created.
  std::set<std::string> dropped_; ///< by key()
  /// Tables created by a statement that did not give their columns (a CTAS over an unknown
  /// star, `CREATE TABLE t LIKE unknown`): they exist, though the catalog does not know them.
  std::set<std::string> created_; ///< by key()
  /// Query id → indexes of its skipped statements.
  std::map<std::string, std::set<size_t>, std::less<>> skipped_;
};

} // namespace athena::analysis
