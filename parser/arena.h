#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <new>
#include <type_traits>
#include <vector>

namespace athena::sql {

/// A bump allocator: AST nodes and lists live here until the arena is destroyed. Nodes must be
/// trivially destructible (they hold only pointers, views and scalars), so nothing runs on free.
class Arena {
public:
  Arena() = default;
  ~Arena();
  Arena(const Arena&) = delete;
  Arena& operator=(const Arena&) = delete;
  Arena(Arena&&) noexcept = default;
  Arena& operator=(Arena&&) noexcept = default;

  /// Uninitialised, suitably aligned storage for `size` bytes.
  void* allocate(size_t size, size_t align) {
    auto p = (cur_ + (align - 1)) & ~static_cast<uintptr_t>(align - 1);
    if (p + size > end_) return allocate_slow(size, align);
    cur_ = p + size;
    return reinterpret_cast<void*>(p);
  }

  /// Constructs a T in the arena.
  template <class T, class... Args> T* make(Args&&... args) {
    static_assert(std::is_trivially_destructible_v<T>, "arena objects are never destroyed");
    return new (allocate(sizeof(T), alignof(T))) T(std::forward<Args>(args)...);
  }

  /// Total bytes reserved from the system (the arena's footprint).
  size_t bytes_reserved() const { return reserved_; }
  /// Bytes handed out (including alignment padding).
  size_t bytes_used() const { return used_before_ + (cur_ - block_begin_); }

  /// Largest block size; blocks of exactly this size are recycled through a per-thread pool so
  /// that parsing many texts in a row does not fault fresh pages in for every one.
  static constexpr size_t kMaxBlock = size_t{1} << 20;

private:
  void* allocate_slow(size_t size, size_t align);

  std::vector<std::unique_ptr<std::byte[]>> blocks_;
  std::vector<size_t> block_sizes_;
  uintptr_t cur_ = 0;
  uintptr_t end_ = 0;
  uintptr_t block_begin_ = 0;
  size_t used_before_ = 0;
  size_t reserved_ = 0;
  size_t next_block_ = 4096;
};

} // namespace athena::sql
