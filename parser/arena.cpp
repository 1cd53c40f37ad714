#include "parser/arena.h"

#include <algorithm>

namespace athena::sql {
namespace {

// Recycled kMaxBlock-sized blocks of this thread, at most kPoolLimit of them.
constexpr size_t kPoolLimit = 64;
thread_local std::vector<std::unique_ptr<std::byte[]>> tl_pool;

} // namespace

Arena::~Arena() {
  for (size_t i = 0; i < blocks_.size(); ++i) {
    if (block_sizes_[i] == kMaxBlock && tl_pool.size() < kPoolLimit) {
      tl_pool.push_back(std::move(blocks_[i]));
    }
  }
}

void* Arena::allocate_slow(size_t size, size_t align) {
  used_before_ += cur_ - block_begin_;
  // Blocks grow geometrically up to 1 MiB so small parses stay small and big ones allocate rarely.
  size_t block = std::max(next_block_, size + align);
  next_block_ = std::min<size_t>(next_block_ * 2, kMaxBlock);
  if (block == kMaxBlock && !tl_pool.empty()) {
    blocks_.push_back(std::move(tl_pool.back()));
    tl_pool.pop_back();
  } else {
    blocks_.push_back(std::make_unique_for_overwrite<std::byte[]>(block));
  }
  block_sizes_.push_back(block);
  reserved_ += block;
  block_begin_ = reinterpret_cast<uintptr_t>(blocks_.back().get());
  cur_ = block_begin_;
  end_ = block_begin_ + block;
  auto p = (cur_ + (align - 1)) & ~static_cast<uintptr_t>(align - 1);
  cur_ = p + size;
  return reinterpret_cast<void*>(p);
}

} // namespace athena::sql
