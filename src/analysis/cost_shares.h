#pragma once

#include <cstdint>
#include <vector>

#include "src/model/names.h"
#include "src/model/query_facts.h"

namespace athena::analysis {

/// A table a query references, and its share of the query's bytes and cost.
struct TableShare {
  const model::TableName* table = nullptr; ///< points into the facts it was computed from
  bool reads = false;
  bool writes = false;
  int64_t bytes = 0;
  int64_t cost_nano = 0; ///< in 1e-9 USD
};

/// Every table the query reads or writes, in name order, with its share: the bytes and cost
/// are split evenly among the tables read, or among the tables written when the query reads
/// none (README, "What counts"). Shares are exact integers: the remainder goes to the first
/// sharing table by name, so the shares add up to `bytes` and `cost_nano` (when some table
/// shares them).
std::vector<TableShare> table_shares(const model::QueryFacts& facts, int64_t bytes,
                                     int64_t cost_nano);

} // namespace athena::analysis
