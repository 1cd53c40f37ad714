#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <list>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

namespace athena::serve {

/// API answers kept until the database changes: every entry belongs to a generation, and a
/// request that finds the database changed (ExplorerReader::changed_since_last_asked) starts a
/// new one, which drops them all. An entry made from an older snapshot than the current
/// generation is never served. Least recently used entries go beyond `max_bytes`.
/// Thread-safe.
class ResponseCache {
public:
  explicit ResponseCache(size_t max_bytes = size_t{64} << 20) : max_bytes_(max_bytes) {}

  uint64_t generation() const;
  /// Starts a new generation (the database changed).
  void invalidate();
  std::optional<std::string> get(const std::string& key, uint64_t generation);
  /// Keeps `body` unless the generation moved on meanwhile.
  void put(const std::string& key, uint64_t generation, const std::string& body);
  /// A lock held while one request computes the answer for `key`, so concurrent requests for
  /// it wait and then find it cached instead of all computing it (keys share 64 locks).
  std::unique_lock<std::mutex> compute_lock(const std::string& key);

private:
  struct Entry {
    std::string body;
    std::list<std::string>::iterator lru;
  };
  mutable std::mutex mutex_;
  std::array<std::mutex, 64> compute_locks_;
  uint64_t generation_ = 0;
  size_t max_bytes_;
  size_t bytes_ = 0;
  std::list<std::string> lru_; // most recent first
  std::unordered_map<std::string, Entry> entries_;
};

} // namespace athena::serve
