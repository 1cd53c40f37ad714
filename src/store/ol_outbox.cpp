#include "src/store/ol_outbox.h"

#include <chrono>

#include "src/store/sqlite_db.h"
#include "src/store/sqlite_result.h"

namespace athena::store {
namespace {

int64_t now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

} // namespace

util::Status OlOutbox::enqueue(const std::vector<OlEvent>& events) {
  if (events.empty()) return util::Status::success();
  return in_write_transaction(store_.db(), [&] {
    Statement s(store_.db(),
                "INSERT OR IGNORE INTO ol_outbox(target, query_id, run_id, event_type, "
                "event_time, body, state, attempts, last_status, last_error, created_ms, "
                "sent_ms) VALUES(?1, ?2, ?3, ?4, ?5, ?6, 'pending', 0, NULL, '', ?7, NULL)");
    const int64_t now = now_ms();
    for (const auto& e : events) {
      s.bind(1, target_)
          .bind(2, e.query_id)
          .bind(3, e.run_id)
          .bind(4, e.event_type)
          .bind(5, e.event_time)
          .bind(6, e.body)
          .bind(7, now);
      s.run();
    }
  });
}

util::Result<std::vector<OlEvent>> OlOutbox::pending(bool include_failed) {
  return catch_sqlite([&] {
    std::vector<OlEvent> out;
    Statement s(store_.db(),
                "SELECT seq, query_id, run_id, event_type, event_time, body, state, attempts "
                "FROM ol_outbox WHERE target = ?1 AND (state = 'pending' OR (?2 = 1 AND "
                "state = 'failed')) ORDER BY seq");
    s.bind(1, target_).bind(2, include_failed ? 1 : 0);
    while (s.step()) {
      OlEvent e;
      e.seq = s.int64(0);
      e.query_id = s.text(1);
      e.run_id = s.text(2);
      e.event_type = s.text(3);
      e.event_time = s.text(4);
      e.body = s.text(5);
      e.state = s.text(6);
      e.attempts = static_cast<int>(s.int64(7));
      out.push_back(std::move(e));
    }
    return out;
  });
}

util::Status OlOutbox::mark_done(const OlEvent& event, int attempts, long status) {
  return catch_sqlite_status([&] {
    Statement u(store_.db(), "UPDATE ol_outbox SET state = 'done', attempts = attempts + ?1, "
                             "last_status = ?2, last_error = '', sent_ms = ?3 WHERE seq = ?4");
    u.bind(1, attempts).bind(2, static_cast<int64_t>(status)).bind(3, now_ms()).bind(4, event.seq);
    u.run();
  });
}

util::Status OlOutbox::mark_failed(const OlEvent& event, int attempts, long status,
                                   const std::string& message, bool permanent) {
  return catch_sqlite_status([&] {
    Statement u(store_.db(), "UPDATE ol_outbox SET state = ?1, attempts = attempts + ?2, "
                             "last_status = ?3, last_error = ?4, sent_ms = ?5 WHERE seq = ?6");
    u.bind(1, permanent ? "failed" : "pending")
        .bind(2, attempts)
        .bind(3, static_cast<int64_t>(status))
        .bind(4, message)
        .bind(5, now_ms())
        .bind(6, event.seq);
    u.run();
  });
}

util::Result<OlOutboxCounts> OlOutbox::counts() {
  return catch_sqlite([&] {
    OlOutboxCounts c;
    Statement s(store_.db(),
                "SELECT state, count(*) FROM ol_outbox WHERE target = ?1 GROUP BY state");
    s.bind(1, target_);
    while (s.step()) {
      const std::string st = s.text(0);
      if (st == "pending") c.pending = s.int64(1);
      if (st == "failed") c.failed = s.int64(1);
      if (st == "done") c.done = s.int64(1);
    }
    return c;
  });
}

} // namespace athena::store
