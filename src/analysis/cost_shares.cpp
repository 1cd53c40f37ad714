#include "src/analysis/cost_shares.h"

#include <map>
#include <utility>

namespace athena::analysis {

std::vector<TableShare> table_shares(const model::QueryFacts& facts, int64_t bytes,
                                     int64_t cost_nano) {
  // table -> (reads, writes), by name; the names stay in the facts
  auto by_name = [](const model::TableName* a, const model::TableName* b) { return *a < *b; };
  std::map<const model::TableName*, std::pair<bool, bool>, decltype(by_name)> refs(by_name);
  for (const auto& t : facts.tables_read)
    refs[&t].first = true;
  for (const auto& t : facts.tables_written)
    refs[&t].second = true;
  const size_t n_read = facts.tables_read.size();
  const size_t n_share = n_read > 0 ? n_read : facts.tables_written.size();
  std::vector<TableShare> out;
  out.reserve(refs.size());
  bool first_share = true;
  for (const auto& [name, rw] : refs) {
    TableShare s{name, rw.first, rw.second, 0, 0};
    const bool shares = n_read > 0 ? rw.first : rw.second;
    if (shares && n_share > 0) {
      const auto n = static_cast<int64_t>(n_share);
      s.bytes = bytes / n + (first_share ? bytes % n : 0);
      s.cost_nano = cost_nano / n + (first_share ? cost_nano % n : 0);
      first_share = false;
    }
    out.push_back(s);
  }
  return out;
}

} // namespace athena::analysis
