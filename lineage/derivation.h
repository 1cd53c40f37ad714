#pragma once

// Internal to lineage/: how a value derives from base columns, shared by the analyzer and the
// schema catalog's prepared column lists. Not part of the library's interface.

#include <array>
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "lineage/statement_lineage.h"

namespace athena::lineage::detail {

/// Per-statement id of a base column (`table.column`, or `table.*` for an unexpanded star).
using ColId = uint32_t;
/// Per-statement id of a base table or S3 location.
using TableId = uint32_t;

/// Name equality, inline: compared names mostly differ in length or in their first
/// characters, where a call to memcmp costs more than the comparison itself.
inline bool same_name(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (a[i] != b[i]) return false;
  }
  return true;
}

/// Sorted, duplicate-free set of column ids. Most sets hold one or two ids, so the first few
/// live inline and only larger sets allocate.
class ColSet {
public:
  void add(ColId id);
  void add_all(const ColSet& other);
  /// Adds `delta` to every id (the order is kept).
  void offset(ColId delta);
  [[nodiscard]] bool empty() const { return size() == 0; }
  [[nodiscard]] size_t size() const { return heap_.empty() ? inline_size_ : heap_.size(); }
  [[nodiscard]] std::span<const ColId> ids() const {
    return heap_.empty() ? std::span<const ColId>(inline_.data(), inline_size_)
                         : std::span<const ColId>(heap_);
  }

private:
  static constexpr size_t kInline = 3;
  std::array<ColId, kInline> inline_{};
  uint32_t inline_size_ = 0;
  std::vector<ColId> heap_; // used instead of inline_ once non-empty
};

/// Where a value comes from: its value sources, its condition-only sources, and how.
struct Deriv {
  ColSet values;
  ColSet conditions;
  /// The largest derivation step seen; kConstant until one is (statement_lineage.h).
  Transform how = Transform::kConstant;
  /// A column reference in it could not be resolved: neither a constant nor sourceless.
  bool unresolved = false;

  /// Adds `other` as part of this value (values stay values).
  void merge(const Deriv& other);
  /// Adds every source of `other` as a condition.
  void merge_as_condition(const Deriv& other);
};

/// A column of a relation in scope. The name and type are views that outlive the column
/// (see analyzer.h and table_columns.h for what they point into).
struct RelColumn {
  std::string_view name; ///< lowercase; "" for unnamed columns
  Deriv deriv;
  std::string_view type; ///< declared type when known (for UNNEST of maps/rows)
};

} // namespace athena::lineage::detail
