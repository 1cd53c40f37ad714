#include "src/util/stack_thread.h"

#include <cstring>
#include <exception>
#include <stdexcept>
#include <string>
#include <utility>

#include <pthread.h>

namespace athena::util {

struct StackThread::State {
  std::function<void()> fn;
  pthread_t thread{};
  bool joinable = false;
};

namespace {

void* thread_main(void* arg) {
  static_cast<std::function<void()>*>(arg)->operator()();
  return nullptr;
}

} // namespace

StackThread::StackThread(size_t stack_bytes, std::function<void()> fn)
    : state_(std::make_unique<State>()) {
  state_->fn = std::move(fn);
  pthread_attr_t attr;
  if (pthread_attr_init(&attr) != 0) throw std::runtime_error("cannot set up a thread");
  int rc = pthread_attr_setstacksize(&attr, stack_bytes);
  if (rc == 0) rc = pthread_create(&state_->thread, &attr, thread_main, &state_->fn);
  pthread_attr_destroy(&attr);
  if (rc != 0) {
    throw std::runtime_error("cannot start a thread with " + std::to_string(stack_bytes >> 20) +
                             " MiB of stack: " + std::strerror(rc));
  }
  state_->joinable = true;
}

StackThread::StackThread(StackThread&& other) noexcept = default;

StackThread::~StackThread() {
  join();
}

void StackThread::join() {
  if (state_ == nullptr || !state_->joinable) return;
  pthread_join(state_->thread, nullptr);
  state_->joinable = false;
}

int run_with_stack(size_t stack_bytes, const std::function<int()>& fn) {
  int result = 0;
  std::exception_ptr error;
  StackThread thread(stack_bytes, [&] {
    try {
      result = fn();
    } catch (...) {
      error = std::current_exception();
    }
  });
  thread.join();
  if (error) std::rethrow_exception(error);
  return result;
}

} // namespace athena::util
