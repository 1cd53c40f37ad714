#include "lineage/table_columns.h"

#include <algorithm>
#include <cstring>

#include "lineage/schema_catalog.h"

namespace athena::lineage::detail {

uint64_t name_hash(std::string_view name) {
  // Eight bytes at a time, each word mixed by a multiply: names are short, and this runs once
  // per column reference.
  constexpr uint64_t kMul = 0x9E3779B97F4A7C15ULL;
  uint64_t h = name.size() * kMul;
  size_t i = 0;
  for (; i + 8 <= name.size(); i += 8) {
    uint64_t w = 0;
    std::memcpy(&w, name.data() + i, sizeof w);
    h = (h ^ w) * kMul;
    h ^= h >> 32;
  }
  if (i < name.size()) {
    uint64_t w = 0;
    std::memcpy(&w, name.data() + i, name.size() - i);
    h = (h ^ w) * kMul;
    h ^= h >> 32;
  }
  return h;
}

TableColumns::TableColumns(const std::vector<ColumnInfo>& columns) {
  names_.reserve(columns.size());
  types_.reserve(columns.size());
  for (const ColumnInfo& c : columns) {
    names_.push_back(c.name);
    types_.push_back(c.type);
  }
  size_t capacity = 8;
  while (capacity < columns.size() * 2)
    capacity *= 2;
  slots_.assign(capacity, 0);
  mask_ = capacity - 1;
  columns_.resize(columns.size());
  for (size_t i = 0; i < columns.size(); ++i) {
    RelColumn& rc = columns_[i];
    rc.name = names_[i];
    rc.type = types_[i];
    rc.deriv.how = Transform::kIdentity;
    // A repeated name is the same column: the first of that name.
    const uint64_t h = name_hash(rc.name);
    auto first = static_cast<uint32_t>(i);
    for (uint64_t s = h & mask_;; s = (s + 1) & mask_) {
      if (slots_[s] == 0) {
        slots_[s] = (h & kTagMask) | (i + 1);
        break;
      }
      const auto index = static_cast<uint32_t>(slots_[s] & ~kTagMask) - 1;
      if (same_name(names_[index], rc.name)) {
        first = index;
        break;
      }
    }
    rc.deriv.values.add(first);
  }
  std::vector<uint32_t> order(columns.size());
  for (size_t i = 0; i < order.size(); ++i)
    order[i] = static_cast<uint32_t>(i);
  std::sort(order.begin(), order.end(),
            [&](uint32_t a, uint32_t b) { return names_[a] < names_[b]; });
  ranks_.resize(columns.size());
  uint32_t rank = 0;
  for (size_t i = 0; i < order.size(); ++i) {
    if (i > 0 && names_[order[i]] != names_[order[i - 1]]) rank = static_cast<uint32_t>(i);
    ranks_[order[i]] = rank;
  }
}

} // namespace athena::lineage::detail
