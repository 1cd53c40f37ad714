#pragma once

#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "src/store/explorer_reader.h"

namespace athena::serve {

struct SearchHit {
  std::string name;
  std::string kind;       ///< table, view, s3 or column
  std::string table;      ///< columns: their table
  std::string table_kind; ///< columns: their table's kind
  std::string match;      ///< exact, prefix or substring
};

/// Orders names containing `needle` (lowercase): exact matches, then prefix, then substring;
/// within each, tables, views and locations before columns, then shorter names, then by name.
/// A name also matches through its short forms: without the default `awsdatacatalog.`
/// catalog, the table's own name, and a column's name (alone or after its table's name).
std::vector<SearchHit> rank_matches(const std::vector<store::NameMatch>& matches,
                                    std::string_view needle, const std::set<int64_t>& views);

} // namespace athena::serve
