#pragma once

#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace athena::readers {

/// QueryExecutionId → the user who started it, from CloudTrail: one entry per query of a
/// history, so kept compact. Ids in Athena's form (a lowercase UUID) are held as 16 bytes in
/// an open-addressing table, each user's name once; any other id in a map of its own.
class CloudTrailUsers {
public:
  CloudTrailUsers() = default;
  CloudTrailUsers(std::initializer_list<std::pair<std::string, std::string>> entries);

  /// Sets the user of `id`; a later call for the same id wins.
  void set(std::string_view id, std::string_view user);
  /// The user of `id`, or nullptr. Valid until the next set().
  [[nodiscard]] const std::string* find(std::string_view id) const;
  [[nodiscard]] size_t size() const { return uuid_count_ + others_.size(); }

  /// Equal when both hold the same ids with the same users.
  friend bool operator==(const CloudTrailUsers& a, const CloudTrailUsers& b);

private:
  struct Slot {
    uint64_t hi = 0;
    uint64_t lo = 0;
    uint32_t user = kEmpty;
  };
  static constexpr uint32_t kEmpty = UINT32_MAX;

  uint32_t intern(std::string_view user);
  [[nodiscard]] size_t slot_of(uint64_t hi, uint64_t lo) const;
  void grow();
  /// Calls `fn(id, user)` for every entry.
  template <class Fn> void for_each(Fn&& fn) const;

  std::vector<std::string> names_;                       ///< the users, each once
  std::unordered_map<std::string, uint32_t> name_index_; ///< user → index in names_
  std::vector<Slot> slots_;                              ///< a power of two, at most half full
  size_t uuid_count_ = 0;
  std::unordered_map<std::string, uint32_t> others_; ///< ids not in the UUID form
};

} // namespace athena::readers
