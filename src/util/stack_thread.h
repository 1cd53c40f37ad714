#pragma once

// Threads with a stack of a given size. The walks after the parser (name resolution, lineage,
// printing) recurse once per level of the tree, and a flat chain of 100,000 `UNION ALL` or `OR`
// is a tree 100,000 levels deep: the 8 MiB of a default thread is not enough for it.

#include <cstddef>
#include <functional>
#include <memory>

namespace athena::util {

/// A joinable thread whose stack is `stack_bytes` (reserved, not committed: only the pages a
/// walk reaches take memory). Joins on destruction.
class StackThread {
public:
  StackThread(size_t stack_bytes, std::function<void()> fn);
  StackThread(StackThread&& other) noexcept;
  StackThread& operator=(StackThread&&) = delete;
  StackThread(const StackThread&) = delete;
  StackThread& operator=(const StackThread&) = delete;
  ~StackThread();

  /// Waits for the thread to end (once; later calls return at once).
  void join();

private:
  struct State;
  std::unique_ptr<State> state_;
};

/// Runs `fn` on a thread with `stack_bytes` of stack and waits for it; returns what fn returns.
/// An exception thrown by fn is rethrown here.
int run_with_stack(size_t stack_bytes, const std::function<int()>& fn);

} // namespace athena::util
