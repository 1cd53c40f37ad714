#pragma once

#include <cstddef>
#include <cstdint>
#include <new>
#include <type_traits>
#include <utility>

namespace athena::sql {

/// The first object of every arena: what its nodes reach their source text through (a 4-byte
/// Ref to it, parser/ast_node.h).
struct ArenaHeader {
  const char* source = nullptr;
};

/// The object at `address`, an address the arena keeps as an integer (its bump pointers; the
/// self-relative offsets of parser/ast_node.h). Every integer-to-pointer conversion of the
/// arena and the AST goes through here.
template <class T = void> [[nodiscard]] T* address_to_pointer(uintptr_t address) {
  // NOLINTNEXTLINE(performance-no-int-to-ptr): arena addresses are integers by design.
  return reinterpret_cast<T*>(address);
}

/// A bump allocator over one contiguous reservation of address space: AST nodes and lists live
/// here until the arena is destroyed. Because every object of an arena lies within
/// kMaxCapacity bytes of every other, nodes refer to each other by 32-bit offsets (Ref and
/// RList in parser/ast_node.h). Usable space grows in place, so nodes never move. Nodes must be
/// trivially destructible (they hold only offsets, views and scalars), so nothing runs on free.
class Arena {
public:
  /// The most one arena can hold; past it allocate() throws ArenaFull.
  static constexpr size_t kMaxCapacity = size_t{1} << 31;

  Arena() = default;
  ~Arena();
  Arena(const Arena&) = delete;
  Arena& operator=(const Arena&) = delete;

  /// Uninitialised, suitably aligned storage for `size` bytes.
  void* allocate(size_t size, size_t align) {
    auto p = (cur_ + (align - 1)) & ~static_cast<uintptr_t>(align - 1);
    if (p + size > end_) return allocate_slow(size, align);
    cur_ = p + size;
    return address_to_pointer(p);
  }

  /// Constructs a T in the arena.
  template <class T, class... Args> T* make(Args&&... args) {
    static_assert(std::is_trivially_destructible_v<T>, "arena objects are never destroyed");
    return new (allocate(sizeof(T), alignof(T))) T(std::forward<Args>(args)...);
  }

  /// The source text the arena's nodes point into (set before the first allocation).
  void set_source(const char* source) {
    source_ = source;
    if (base_ != 0) address_to_pointer<ArenaHeader>(base_)->source = source;
  }
  /// The header holding the source pointer (its first object, placed on first use).
  const ArenaHeader* header() {
    if (base_ == 0) allocate_slow(0, 1);
    return address_to_pointer<const ArenaHeader>(base_);
  }

  /// Bytes of the reservation made usable so far (the arena's footprint at most).
  [[nodiscard]] size_t bytes_reserved() const { return end_ - base_; }
  /// Bytes handed out (including alignment padding).
  [[nodiscard]] size_t bytes_used() const { return base_ == 0 ? 0 : cur_ - base_ - kFirst; }

  /// Thrown when an allocation would pass the arena's capacity.
  struct ArenaFull : std::bad_alloc {
    [[nodiscard]] const char* what() const noexcept override {
      return "the syntax tree needs more memory than one parse may use";
    }
  };

private:
  // The first kFirst bytes hold the ArenaHeader.
  static constexpr size_t kFirst = 16;
  static_assert(sizeof(ArenaHeader) <= kFirst);

  void* allocate_slow(size_t size, size_t align);
  /// Makes the first `needed` bytes of the reservation usable.
  void grow(size_t needed);

  const char* source_ = nullptr;
  uintptr_t base_ = 0;  ///< start of the reservation (0 until the first allocation)
  size_t capacity_ = 0; ///< bytes of address space reserved
  uintptr_t cur_ = 0;   ///< next free byte
  uintptr_t end_ = 0;   ///< end of the usable (read-write) part
};

} // namespace athena::sql
