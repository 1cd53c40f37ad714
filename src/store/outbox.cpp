#include "src/store/outbox.h"

#include "src/store/result_rows.h"
#include "src/store/sqlite_db.h"
#include "src/store/sqlite_result.h"
#include "src/store/store_connection.h"

namespace athena::store {
namespace {

OutboxRow read_row(const Statement& s) {
  OutboxRow r;
  r.seq = s.int64(0);
  r.key = s.text(1);
  r.kind = s.text(2);
  r.lane = s.text(3);
  r.method = s.text(4);
  r.path = s.text(5);
  r.body = s.text(6);
  r.body_hash = s.text(7);
  if (!s.is_null(8)) r.value = s.int64(8);
  r.state = s.text(9);
  r.attempts = static_cast<int>(s.int64(10));
  r.in_doubt = s.int64(11) != 0;
  if (!s.is_null(12)) r.sent_ms = s.int64(12);
  return r;
}

constexpr std::string_view kRowColumns =
    "seq, key, kind, lane, method, path, body, body_hash, value, state, attempts, in_doubt, "
    "sent_ms";

} // namespace

util::Result<std::map<std::string, Delivered>> Outbox::delivered() {
  return catch_sqlite([&] {
    std::map<std::string, Delivered> out;
    Statement s(StoreConnection::of(store_),
                "SELECT key, kind, body_hash, value, om_id FROM om_delivered");
    while (s.step()) {
      Delivered d;
      d.kind = s.text(1);
      d.body_hash = s.text(2);
      if (!s.is_null(3)) d.value = s.int64(3);
      d.om_id = s.text(4);
      out.emplace(s.text(0), std::move(d));
    }
    return out;
  });
}

util::Result<std::vector<OutboxRow>> Outbox::pending(bool include_failed) {
  return catch_sqlite([&] {
    Statement s(StoreConnection::of(store_),
                "SELECT " + std::string(kRowColumns) + " FROM om_outbox WHERE state = 'pending'" +
                    (include_failed ? " OR state = 'failed'" : "") + " ORDER BY seq");
    return read_rows(s, read_row);
  });
}

util::Result<std::map<std::string, OutboxRow>> Outbox::open_rows() {
  return catch_sqlite([&] {
    std::map<std::string, OutboxRow> out;
    Statement s(StoreConnection::of(store_),
                "SELECT " + std::string(kRowColumns) +
                    " FROM om_outbox WHERE state IN ('pending', 'failed')");
    while (s.step()) {
      OutboxRow r = read_row(s);
      out.emplace(r.key, std::move(r));
    }
    return out;
  });
}

util::Status Outbox::enqueue(const std::vector<OutboxRow>& rows) {
  if (rows.empty()) return util::Status::success();
  return in_write_transaction(StoreConnection::of(store_), [&] {
    Statement s(StoreConnection::of(store_),
                "INSERT OR REPLACE INTO om_outbox(key, kind, lane, method, path, body, body_hash, "
                "value, state, attempts, last_status, last_error, created_ms, sent_ms, in_doubt) "
                "VALUES(?, ?, ?, ?, ?, ?, ?, ?, 'pending', 0, NULL, '', ?, ?, ?)");
    const int64_t now = outbox_now_ms();
    for (const auto& r : rows) {
      s.bind(1, r.key)
          .bind(2, r.kind)
          .bind(3, r.lane)
          .bind(4, r.method)
          .bind(5, r.path)
          .bind(6, r.body)
          .bind(7, r.body_hash)
          .bind(8, r.value)
          .bind(9, now)
          .bind(10, r.sent_ms > 0 ? std::optional<int64_t>(r.sent_ms) : std::nullopt)
          .bind(11, static_cast<int64_t>(r.in_doubt ? 1 : 0));
      s.run();
    }
  });
}

util::Status Outbox::mark_done(const OutboxRow& row, int attempts, long status,
                               const std::string& om_id) {
  return in_write_transaction(StoreConnection::of(store_), [&] {
    const int64_t now = outbox_now_ms();
    Statement u(StoreConnection::of(store_),
                "UPDATE om_outbox SET state = 'done', attempts = attempts + ?, "
                "last_status = ?, last_error = '', sent_ms = ?, in_doubt = 0 "
                "WHERE seq = ?");
    u.bind(1, attempts).bind(2, static_cast<int64_t>(status)).bind(3, now).bind(4, row.seq);
    u.run();
    if (row.kind == "unlineage") {
      Statement d(StoreConnection::of(store_), "DELETE FROM om_delivered WHERE key = ?");
      d.bind(1, "lineage" + row.key.substr(row.key.find('|')));
      d.run();
      return;
    }
    Statement d(StoreConnection::of(store_),
                "INSERT OR REPLACE INTO om_delivered(key, kind, body_hash, value, om_id, "
                "delivered_ms) VALUES(?, ?, ?, ?, ?, ?)");
    d.bind(1, row.key)
        .bind(2, row.kind)
        .bind(3, row.body_hash)
        .bind(4, row.value)
        .bind(5, om_id)
        .bind(6, now);
    d.run();
  });
}

util::Status Outbox::mark_failed(const OutboxRow& row, int attempts, long status,
                                 const std::string& message, bool permanent) {
  return in_write_transaction(StoreConnection::of(store_), [&] {
    // A refusal (4xx) applied nothing; anything else may have been applied.
    Statement u(StoreConnection::of(store_),
                "UPDATE om_outbox SET state = ?, attempts = attempts + ?, "
                "last_status = ?, last_error = ?, sent_ms = ?, "
                "in_doubt = CASE WHEN ? THEN 0 ELSE in_doubt END WHERE seq = ?");
    bind_failed_attempt(u, attempts, status, message, permanent)
        .bind(6, static_cast<int64_t>(permanent ? 1 : 0))
        .bind(7, row.seq);
    u.run();
  });
}

util::Result<OutboxCounts> Outbox::counts() {
  return catch_sqlite([&] {
    Statement s(StoreConnection::of(store_),
                "SELECT state, count(*) FROM om_outbox GROUP BY state");
    return read_outbox_counts(s);
  });
}

util::Status Outbox::mark_in_doubt(const OutboxRow& row) {
  return in_write_transaction(StoreConnection::of(store_), [&] {
    Statement u(StoreConnection::of(store_),
                "UPDATE om_outbox SET in_doubt = 1, sent_ms = ? WHERE seq = ?");
    u.bind(1, outbox_now_ms()).bind(2, row.seq);
    u.run();
  });
}

util::Status Outbox::record_unrepresentable(const Unrepresentable& u) {
  return in_write_transaction(StoreConnection::of(store_), [&] {
    Statement s(StoreConnection::of(store_),
                "INSERT INTO om_unrepresentable(key, table_fqn, day, count, reason, recorded_ms) "
                "VALUES(?, ?, ?, ?, ?, ?) ON CONFLICT(key) DO UPDATE SET count = excluded.count, "
                "reason = excluded.reason");
    s.bind(1, u.key)
        .bind(2, u.table_fqn)
        .bind(3, u.day)
        .bind(4, u.count)
        .bind(5, u.reason)
        .bind(6, outbox_now_ms());
    s.run();
  });
}

util::Result<std::map<std::string, Unrepresentable>> Outbox::unrepresentable() {
  return catch_sqlite([&] {
    std::map<std::string, Unrepresentable> out;
    Statement s(StoreConnection::of(store_),
                "SELECT key, table_fqn, day, count, reason FROM om_unrepresentable ORDER BY key");
    while (s.step()) {
      Unrepresentable u{s.text(0), s.text(1), s.text(2), s.int64(3), s.text(4)};
      out.emplace(u.key, std::move(u));
    }
    return out;
  });
}

util::Result<std::set<std::pair<std::string, std::string>>> Outbox::leftovers() {
  return catch_sqlite([&] {
    std::set<std::pair<std::string, std::string>> out;
    Statement s(StoreConnection::of(store_), "SELECT kind, name FROM om_leftovers");
    while (s.step())
      out.emplace(s.text(0), s.text(1));
    return out;
  });
}

util::Status Outbox::replace_leftovers(const std::set<std::pair<std::string, std::string>>& now) {
  return in_write_transaction(StoreConnection::of(store_), [&] {
    StoreConnection::of(store_).exec("DELETE FROM om_leftovers");
    Statement s(StoreConnection::of(store_), "INSERT INTO om_leftovers(kind, name) VALUES(?, ?)");
    for (const auto& [kind, name] : now) {
      s.bind(1, kind).bind(2, name);
      s.run();
    }
  });
}

} // namespace athena::store
