#include "src/pull/fact_filter.h"

#include <algorithm>
#include <string>

namespace athena::pull {
namespace {

/// The table part of "catalog.schema.table.column".
std::string_view table_of_column(std::string_view column) {
  const size_t dot = column.rfind('.');
  return dot == std::string_view::npos ? std::string_view() : column.substr(0, dot);
}

template <class T, class Pred> void erase_if(std::vector<T>& v, Pred pred) {
  v.erase(std::remove_if(v.begin(), v.end(), pred), v.end());
}

} // namespace

bool table_passes(const config::EntityFilters& filters, std::string_view table) {
  if (table.starts_with("s3://")) return true;
  const size_t a = table.find('.');
  if (a == std::string_view::npos) return true;
  const size_t b = table.find('.', a + 1);
  if (b == std::string_view::npos) return true;
  return filters.allows(table.substr(0, a), table.substr(a + 1, b - a - 1), table.substr(b + 1));
}

void filter_facts(const config::EntityFilters& filters, model::QueryFacts& facts) {
  auto excluded = [&](std::string_view table) { return !table_passes(filters, table); };
  auto column_excluded = [&](std::string_view column) { return excluded(table_of_column(column)); };
  erase_if(facts.tables_read, [&](const std::string& t) { return excluded(t); });
  erase_if(facts.tables_written, [&](const std::string& t) { return excluded(t); });
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
