#include "src/store/ol_outbox.h"

#include "src/store/result_rows.h"
#include "src/store/sqlite_db.h"
#include "src/store/sqlite_result.h"
#include "src/store/store_connection.h"

namespace athena::store {

util::Status OlOutbox::enqueue(const std::vector<OlEvent>& events) {
  if (events.empty()) return util::Status::success();
  return in_write_transaction(StoreConnection::of(store_), [&] {
    Statement s(StoreConnection::of(store_),
                "INSERT OR IGNORE INTO ol_outbox(target, query_id, run_id, event_type, "
                "event_time, body, state, attempts, last_status, last_error, created_ms, "
                "sent_ms) VALUES(?1, ?2, ?3, ?4, ?5, ?6, 'pending', 0, NULL, '', ?7, NULL)");
    const int64_t now = outbox_now_ms();
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
    Statement s(StoreConnection::of(store_),
                "SELECT seq, query_id, run_id, event_type, event_time, body, state, attempts "
                "FROM ol_outbox WHERE target = ?1 AND (state = 'pending' OR (?2 = 1 AND "
                "state = 'failed')) ORDER BY seq");
    s.bind(1, target_).bind(2, include_failed ? 1 : 0);
    return read_rows(s, [](const Statement& r) {
      return OlEvent{.seq = r.int64(0),
                     .query_id = r.text(1),
                     .run_id = r.text(2),
                     .event_type = r.text(3),
                     .event_time = r.text(4),
                     .body = r.text(5),
                     .state = r.text(6),
                     .attempts = static_cast<int>(r.int64(7))};
    });
  });
}

util::Status OlOutbox::mark_done(const OlEvent& event, int attempts, long status) {
  return catch_sqlite_status([&] {
    Statement u(StoreConnection::of(store_),
                "UPDATE ol_outbox SET state = 'done', attempts = attempts + ?1, "
                "last_status = ?2, last_error = '', sent_ms = ?3 WHERE seq = ?4");
    u.bind(1, attempts)
        .bind(2, static_cast<int64_t>(status))
        .bind(3, outbox_now_ms())
        .bind(4, event.seq);
    u.run();
  });
}

util::Status OlOutbox::mark_failed(const OlEvent& event, int attempts, long status,
                                   const std::string& message, bool permanent) {
  return catch_sqlite_status([&] {
    Statement u(StoreConnection::of(store_),
                "UPDATE ol_outbox SET state = ?1, attempts = attempts + ?2, "
                "last_status = ?3, last_error = ?4, sent_ms = ?5 WHERE seq = ?6");
    bind_failed_attempt(u, attempts, status, message, permanent).bind(6, event.seq);
    u.run();
  });
}

util::Result<OlOutboxCounts> OlOutbox::counts() {
  return catch_sqlite([&] {
    Statement s(StoreConnection::of(store_),
                "SELECT state, count(*) FROM ol_outbox WHERE target = ?1 GROUP BY state");
    s.bind(1, target_);
    return read_outbox_counts(s);
  });
}

} // namespace athena::store
