#include "src/pull/fact_filter.h"

#include <algorithm>
#include <string>

namespace athena::pull {
namespace {

template <class T, class Pred> void erase_if(std::vector<T>& v, Pred pred) {
  v.erase(std::remove_if(v.begin(), v.end(), pred), v.end());
}

} // namespace

bool table_passes(const config::EntityFilters& filters, const model::TableName& table) {
  if (table.location || table.catalog.empty() || table.schema.empty()) return true;
  return filters.allows(table.catalog, table.schema, table.table);
}

void filter_facts(const config::EntityFilters& filters, model::QueryFacts& facts) {
  auto excluded = [&](const model::TableName& table) { return !table_passes(filters, table); };
  auto column_excluded = [&](const model::ColumnName& column) { return excluded(column.table); };
  erase_if(facts.tables_read, [&](const model::TableName& t) { return excluded(t); });
  erase_if(facts.tables_written, [&](const model::TableName& t) { return excluded(t); });
  erase_if(facts.table_edges,
           [&](const model::TableEdgeFact& e) { return excluded(e.source) || excluded(e.target); });
  erase_if(facts.column_edges, [&](const model::ColumnEdgeFact& e) {
    return column_excluded(e.source) || column_excluded(e.target);
  });
  erase_if(facts.column_reads,
           [&](const model::ColumnReadFact& r) { return column_excluded(r.column); });
  erase_if(facts.joins,
           [&](const model::JoinFact& j) { return excluded(j.left) || excluded(j.right); });
}

} // namespace athena::pull
