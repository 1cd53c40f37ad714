#include "src/serve/reader_pool.h"

namespace athena::serve {

ReaderPool::Lease::~Lease() {
  if (reader_ != nullptr) pool_->give_back(std::move(reader_));
}

ReaderPool::Lease ReaderPool::lease() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (!idle_.empty()) {
      auto reader = std::move(idle_.back());
      idle_.pop_back();
      return {*this, std::move(reader)};
    }
  }
  return {*this, std::make_unique<store::ExplorerReader>(db_path_)};
}

bool ReaderPool::database_changed() {
  std::lock_guard<std::mutex> lock(sentinel_mutex_);
  if (sentinel_ == nullptr) sentinel_ = std::make_unique<store::ExplorerReader>(db_path_);
  return sentinel_->changed_since_last_asked();
}

void ReaderPool::give_back(std::unique_ptr<store::ExplorerReader> reader) {
  std::lock_guard<std::mutex> lock(mutex_);
  idle_.push_back(std::move(reader));
}

} // namespace athena::serve
