#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "src/store/store.h"
#include "src/util/result.h"

namespace athena::store {

/// What the queries of one dbt node (dbt's `node_id` in the query comment) did in a window.
struct DbtNodeActivity {
  std::string node_id;       ///< "model.shop.orders"
  int64_t queries = 0;       ///< every finished query of the node (its builds' statements)
  int64_t bytes_scanned = 0; ///< of those queries
  double cost_usd = 0;       ///< of those queries: what building the node costs
  /// Tables its SUCCEEDED statements read (CREATE VIEW included; S3 locations left out),
  /// with how many did.
  std::map<std::string, int64_t> reads;
};

/// Who read a table in a window: SUCCEEDED statements (CREATE VIEW included), grouped by dbt
/// node ("" for queries without one).
struct TableReaders {
  std::string table;
  std::string node_id;
  int64_t queries = 0;
};

struct DbtActivity {
  std::vector<DbtNodeActivity> nodes; ///< sorted by node id
  std::vector<TableReaders> readers;  ///< sorted by table, then node id
};

/// Reads the activity of every dbt node and the readers of every table, days in `window`; the
/// database's message on an error.
util::Result<DbtActivity> dbt_activity(Store& store, const DayWindow& window);

} // namespace athena::store
