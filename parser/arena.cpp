#include "parser/arena.h"

#include <algorithm>
#include <vector>

#include <sys/mman.h>

namespace athena::sql {
namespace {

constexpr size_t kPage = 4096;
constexpr size_t kFirstCommit = size_t{64} * 1024;
// A released reservation keeps this much usable (and its pages resident) for the thread's next
// arena, so that parsing many texts in a row does not fault fresh pages in for every one.
constexpr size_t kKeepCommitted = 64u << 20;
constexpr size_t kCacheLimit = 4;

struct Reservation {
  uintptr_t base = 0;
  size_t capacity = 0;
  size_t committed = 0;
};

// Released reservations of this thread, unmapped when the thread ends.
struct ReservationCache {
  std::vector<Reservation> free;
  ~ReservationCache() {
    for (const auto& r : free)
      munmap(address_to_pointer(r.base), r.capacity);
  }
};
thread_local ReservationCache tl_cache;

// A large parse (a whole SQL file) fills megabytes of arena: transparent huge pages fault it in
// 2 MiB at a time instead of 4 KiB, which halves the kernel time of `parse FILE`. Small parses
// stay on small pages: usable space grows from kFirstCommit, and a huge page needs a whole
// aligned 2 MiB of it. Advice only; where THP is off it changes nothing.
void advise_huge_pages(uintptr_t base, size_t size) {
#ifdef MADV_HUGEPAGE
  madvise(address_to_pointer(base), size, MADV_HUGEPAGE);
#else
  (void)base;
  (void)size;
#endif
}

// Address space only (PROT_NONE costs no memory and no commit charge): kMaxCapacity, or, where
// the process may not map that much (RLIMIT_AS), the largest of smaller sizes it may.
Reservation reserve() {
  if (!tl_cache.free.empty()) {
    Reservation r = tl_cache.free.back();
    tl_cache.free.pop_back();
    return r;
  }
  constexpr int kFlags = MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE;
  for (size_t capacity = Arena::kMaxCapacity; capacity >= (size_t{4} << 20); capacity /= 8) {
    void* p = mmap(nullptr, capacity, PROT_NONE, kFlags, -1, 0);
    if (p != MAP_FAILED) {
      const auto base = reinterpret_cast<uintptr_t>(p);
      advise_huge_pages(base, capacity);
      return Reservation{base, capacity, 0};
    }
  }
  throw Arena::ArenaFull();
}

} // namespace

Arena::~Arena() {
  if (base_ == 0) return;
  Reservation r{base_, capacity_, end_ - base_};
  if (tl_cache.free.size() < kCacheLimit) {
    if (r.committed > kKeepCommitted) {
      void* tail = address_to_pointer(r.base + kKeepCommitted);
      madvise(tail, r.committed - kKeepCommitted, MADV_DONTNEED);
      mprotect(tail, r.committed - kKeepCommitted, PROT_NONE);
      r.committed = kKeepCommitted;
    }
    tl_cache.free.push_back(r);
  } else {
    munmap(address_to_pointer(r.base), r.capacity);
  }
}

void* Arena::allocate_slow(size_t size, size_t align) {
  if (base_ == 0) {
    Reservation r = reserve();
    base_ = r.base;
    capacity_ = r.capacity;
    cur_ = base_ + kFirst;
    end_ = base_ + r.committed;
    if (end_ - base_ < kFirst) grow(kFirst);
    new (address_to_pointer(base_)) ArenaHeader{source_};
  }
  auto p = (cur_ + (align - 1)) & ~static_cast<uintptr_t>(align - 1);
  if (p + size > end_) grow(p + size - base_);
  cur_ = p + size;
  return address_to_pointer(p);
}

void Arena::grow(size_t needed) {
  const size_t used = end_ - base_;
  if (needed > capacity_) throw ArenaFull();
  // Usable space grows geometrically, in whole pages, up to the reservation.
  size_t grow = std::max({needed, used * 2, kFirstCommit});
  grow = std::min((grow + kPage - 1) / kPage * kPage, capacity_);
  if (mprotect(address_to_pointer(end_), grow - used, PROT_READ | PROT_WRITE) != 0) {
    throw ArenaFull();
  }
  end_ = base_ + grow;
}

} // namespace athena::sql
