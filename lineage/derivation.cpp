// Column sets and derivations: the sorted id sets every expression's lineage is made of.
#include "lineage/derivation.h"

#include <algorithm>
#include <iterator>

namespace athena::lineage::detail {

void ColSet::add(ColId id) {
  if (heap_.empty()) {
    auto* begin = inline_.data();
    auto* end = begin + inline_size_;
    auto* it = std::lower_bound(begin, end, id);
    if (it != end && *it == id) return;
    if (inline_size_ < kInline) {
      std::move_backward(it, end, end + 1);
      *it = id;
      ++inline_size_;
      return;
    }
    heap_.assign(begin, end);
    inline_size_ = 0;
  }
  auto it = std::lower_bound(heap_.begin(), heap_.end(), id);
  if (it == heap_.end() || *it != id) heap_.insert(it, id);
}

void ColSet::add_all(const ColSet& other) {
  auto theirs = other.ids();
  if (theirs.empty()) return;
  if (theirs.size() == 1) {
    add(theirs[0]); // the usual case: one column
    return;
  }
  auto mine = ids();
  if (mine.empty()) {
    *this = other;
    return;
  }
  std::array<ColId, kInline * 2> small{};
  std::vector<ColId> merged;
  if (mine.size() + theirs.size() <= small.size()) {
    auto* end =
        std::set_union(mine.begin(), mine.end(), theirs.begin(), theirs.end(), small.begin());
    const auto n = static_cast<size_t>(end - small.begin());
    if (n <= kInline) {
      heap_.clear();
      std::copy(small.begin(), end, inline_.begin());
      inline_size_ = static_cast<uint32_t>(n);
      return;
    }
    merged.assign(small.begin(), end);
  } else {
    merged.reserve(mine.size() + theirs.size());
    std::set_union(mine.begin(), mine.end(), theirs.begin(), theirs.end(),
                   std::back_inserter(merged));
  }
  heap_ = std::move(merged);
  inline_size_ = 0;
}

void Deriv::merge(const Deriv& other) {
  values.add_all(other.values);
  conditions.add_all(other.conditions);
  how = std::max(how, other.how);
  unresolved = unresolved || other.unresolved;
}

void Deriv::merge_as_condition(const Deriv& other) {
  conditions.add_all(other.values);
  conditions.add_all(other.conditions);
}

void ColSet::offset(ColId delta) {
  for (ColId& id : heap_)
    id += delta;
  for (uint32_t i = 0; i < inline_size_; ++i)
    inline_[i] += delta;
}

} // namespace athena::lineage::detail
