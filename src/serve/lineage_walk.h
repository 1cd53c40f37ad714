#pragma once

#include <cstddef>
#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include "src/store/explorer_reader.h"

namespace athena::serve {

/// How far to walk the stored lineage from the start.
struct WalkOptions {
  bool upstream = true;
  bool downstream = true;
  int depth = 1;           ///< hops; -1 for any
  size_t max_nodes = 2000; ///< the walk stops adding nodes here (truncated)
};

/// A node reached by the walk.
struct WalkNode {
  int64_t id = 0;
  std::string name;
  std::string kind;       ///< table, view, s3 or column
  std::string table;      ///< columns: their table
  std::string table_kind; ///< columns: their table's kind
  int depth = 0;          ///< fewest hops from a start
  bool start = false;
  bool upstream = false; ///< reached walking upstream
  bool downstream = false;
};

/// The part of the stored lineage graph within reach of the start(s).
struct Walk {
  std::vector<WalkNode> nodes;           ///< the starts, then in order of discovery
  std::vector<store::LineageEdge> edges; ///< by source, target, transform, condition
  bool truncated = false;
};

/// "table", "view" or "s3".
std::string table_kind(bool location, bool view);

/// Table lineage from a table or location (breadth-first, each node once, so cycles end).
Walk walk_tables(store::ExplorerReader& reader, const store::TableRef& start,
                 const WalkOptions& options, const std::set<int64_t>& views);

/// Column lineage from one or more columns (a table's columns, for a table).
Walk walk_columns(store::ExplorerReader& reader, const std::vector<store::ColumnRef>& starts,
                  const WalkOptions& options, const std::set<int64_t>& views);

} // namespace athena::serve
