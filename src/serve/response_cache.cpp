#include "src/serve/response_cache.h"

#include <functional>

namespace athena::serve {

std::unique_lock<std::mutex> ResponseCache::compute_lock(const std::string& key) {
  return std::unique_lock<std::mutex>(
      compute_locks_[std::hash<std::string>{}(key) % compute_locks_.size()]);
}

uint64_t ResponseCache::generation() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return generation_;
}

void ResponseCache::invalidate() {
  std::lock_guard<std::mutex> lock(mutex_);
  ++generation_;
  entries_.clear();
  lru_.clear();
  bytes_ = 0;
}

std::optional<std::string> ResponseCache::get(const std::string& key, uint64_t generation) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (generation != generation_) return std::nullopt;
  auto it = entries_.find(key);
  if (it == entries_.end()) return std::nullopt;
  lru_.splice(lru_.begin(), lru_, it->second.lru);
  return it->second.body;
}

void ResponseCache::put(const std::string& key, uint64_t generation, const std::string& body) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (generation != generation_ || body.size() + key.size() > max_bytes_ / 4) return;
  if (entries_.count(key) != 0) return;
  lru_.push_front(key);
  entries_.emplace(key, Entry{body, lru_.begin()});
  bytes_ += key.size() + body.size();
  while (bytes_ > max_bytes_ && !lru_.empty()) {
    auto victim = entries_.find(lru_.back());
    bytes_ -= victim->first.size() + victim->second.body.size();
    entries_.erase(victim);
    lru_.pop_back();
  }
}

} // namespace athena::serve
