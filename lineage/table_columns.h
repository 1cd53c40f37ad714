#pragma once

// Internal to lineage/: a known table's columns prepared once, when the schema catalog learns
// the table, so that binding the table in a statement copies nothing and looking a column up
// by name is one hash probe.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "lineage/derivation.h"

namespace athena::lineage {
struct ColumnInfo;
}

namespace athena::lineage::detail {

/// Hash of a (lowercase) column name, computed once per reference and probed in every
/// relation of a scope.
uint64_t name_hash(std::string_view name);

/// The columns of a known table as a relation in scope. Column i's lineage is the identity of
/// relative id i, or of the first column of the same name when a name repeats (a CTAS of
/// `SELECT a, a`); a statement adds its own base id to every id. Immutable once built, and
/// not copyable: the columns' names are views into the object itself.
class TableColumns {
public:
  explicit TableColumns(const std::vector<ColumnInfo>& columns);
  TableColumns(const TableColumns&) = delete;
  TableColumns& operator=(const TableColumns&) = delete;

  /// The columns in `SELECT *` order, with relative ids.
  [[nodiscard]] const std::vector<RelColumn>& columns() const { return columns_; }
  [[nodiscard]] size_t size() const { return columns_.size(); }
  /// Position of column i's name among the names sorted (equal names, equal positions).
  [[nodiscard]] uint32_t name_rank(size_t i) const { return ranks_[i]; }
  /// Index of the first column named `name` (lowercase), whose hash is `hash`, or kNotFound.
  /// (A plain integer: an optional returned through memory stalls this hot loop.)
  [[nodiscard]] uint32_t find(std::string_view name, uint64_t hash) const {
    const uint64_t tag = hash & kTagMask;
    for (uint64_t s = hash & mask_;; s = (s + 1) & mask_) {
      const uint64_t slot = slots_[s];
      if (slot == 0) return kNotFound;
      if ((slot & kTagMask) != tag) continue;
      const auto index = static_cast<uint32_t>(slot & ~kTagMask) - 1;
      if (same_name(names_[index], name)) return index;
    }
  }
  static constexpr uint32_t kNotFound = UINT32_MAX;

private:
  std::vector<std::string> names_; // storage behind columns_[i].name
  std::vector<std::string> types_; // storage behind columns_[i].type
  std::vector<RelColumn> columns_;
  std::vector<uint32_t> ranks_;
  // Open addressing over the first column of each name: the hash's high half, then index + 1
  // in the low half (0 for an empty slot), so that most misses touch no name.
  std::vector<uint64_t> slots_;
  static constexpr uint64_t kTagMask = 0xffffffff00000000ULL;
  uint64_t mask_ = 0;
};

} // namespace athena::lineage::detail
