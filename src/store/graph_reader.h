#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "src/store/store.h"
#include "src/util/result.h"

namespace athena::store {

class Statement;

/// One stored edge as one SUCCEEDED query made it (an edge made by several queries is several
/// rows).
struct GraphEdgeRow {
  std::string source;
  std::string target;
  std::string transform;  ///< columns only ("" for tables)
  bool condition = false; ///< columns only
  std::string query_id;
  int64_t submitted_ms = 0;     ///< 0 when unknown
  bool source_location = false; ///< tables only: the end is an S3 location
  bool target_location = false;
};

/// The reads of `graph`: names, views and the edges around a node, tables or columns.
/// Statements are prepared once per reader and reused while a traversal walks.
class GraphReader {
public:
  explicit GraphReader(Store& store);
  ~GraphReader();
  GraphReader(const GraphReader&) = delete;
  GraphReader& operator=(const GraphReader&) = delete;

  /// The database has the table (or location), or with `columns` the column.
  util::Result<bool> known(const std::string& name, bool columns);
  /// A column is named `name` or `awsdatacatalog.name` (a column given as a table).
  util::Result<bool> names_column(const std::string& name);
  /// The table row is an S3 location (as the SQL named it).
  util::Result<bool> is_location(const std::string& name);
  /// Tables a SUCCEEDED CREATE VIEW wrote.
  util::Result<std::set<std::string>> view_names();
  /// Edges into `node` (`downstream` false) or out of it, by source, target, query id.
  util::Result<std::vector<GraphEdgeRow>> edges(const std::string& node, bool columns,
                                                bool downstream);

private:
  Store& store_;
  std::array<std::unique_ptr<Statement>, 4> edges_; ///< by columns * 2 + downstream
};

} // namespace athena::store
