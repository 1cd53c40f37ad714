#include "src/serve/search_rank.h"

#include <algorithm>
#include <tuple>

#include "lineage/qualified_name.h"
#include "src/serve/lineage_walk.h"

namespace athena::serve {

namespace {

constexpr std::string_view kDefaultCatalog = "awsdatacatalog.";

/// The text after the last dot, or all of it.
std::string_view last_part(std::string_view s) {
  const size_t dot = s.rfind('.');
  return dot == std::string_view::npos ? s : s.substr(dot + 1);
}

/// The forms a name can be typed as, lowercase, longest first.
std::vector<std::string> forms(const store::NameMatch& m) {
  std::vector<std::string> out{lineage::to_lower_ascii(m.name)};
  const std::string full = out.front(); // a copy: out grows below
  if (full.starts_with(kDefaultCatalog)) out.push_back(full.substr(kDefaultCatalog.size()));
  if (!m.column) {
    if (!m.location) out.emplace_back(last_part(full));
    return out;
  }
  // A column is TABLE.column with the table's text as stored (it may contain dots).
  const std::string table = lineage::to_lower_ascii(m.table);
  if (full.size() > table.size() + 1 && full.starts_with(table)) {
    const std::string column = full.substr(table.size() + 1);
    out.push_back((m.location ? table : std::string(last_part(table))) + "." + column);
    out.push_back(column);
  }
  return out;
}

} // namespace

std::vector<SearchHit> rank_matches(const std::vector<store::NameMatch>& matches,
                                    std::string_view needle, const std::set<int64_t>& views) {
  struct Ranked {
    int match;
    int column;
    size_t length;
    SearchHit hit;
  };
  std::vector<Ranked> ranked;
  for (const auto& m : matches) {
    int rank = 2;
    for (const auto& f : forms(m)) {
      if (f == needle) {
        rank = 0;
        break;
      }
      if (f.starts_with(needle)) rank = std::min(rank, 1);
    }
    SearchHit hit;
    hit.name = m.name;
    const std::string tk = table_kind(m.location, views.count(m.table_id) != 0);
    if (m.column) {
      hit.kind = "column";
      hit.table = m.table;
      hit.table_kind = tk;
    } else {
      hit.kind = tk;
    }
    static constexpr const char* kMatch[] = {"exact", "prefix", "substring"};
    hit.match = kMatch[rank];
    ranked.push_back(Ranked{rank, m.column ? 1 : 0, m.name.size(), std::move(hit)});
  }
  std::sort(ranked.begin(), ranked.end(), [](const Ranked& a, const Ranked& b) {
    return std::tie(a.match, a.column, a.length, a.hit.name) <
           std::tie(b.match, b.column, b.length, b.hit.name);
  });
  std::vector<SearchHit> out;
  out.reserve(ranked.size());
  for (auto& r : ranked)
    out.push_back(std::move(r.hit));
  return out;
}

} // namespace athena::serve
