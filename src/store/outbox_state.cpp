#include "src/store/outbox_state.h"

#include <chrono>

#include "src/store/sqlite_db.h"

namespace athena::store {

OutboxCounts read_outbox_counts(Statement& st) {
  OutboxCounts c;
  while (st.step()) {
    const std::string state = st.text(0);
    if (state == "pending") c.pending = st.int64(1);
    if (state == "failed") c.failed = st.int64(1);
    if (state == "done") c.done = st.int64(1);
  }
  return c;
}

int64_t outbox_now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

Statement& bind_failed_attempt(Statement& update, int attempts, long status,
                               const std::string& message, bool permanent) {
  return update.bind(1, permanent ? "failed" : "pending")
      .bind(2, attempts)
      .bind(3, static_cast<int64_t>(status))
      .bind(4, message)
      .bind(5, outbox_now_ms());
}

} // namespace athena::store
