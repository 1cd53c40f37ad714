#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "src/store/outbox_state.h"
#include "src/store/store.h"
#include "src/util/result.h"

namespace athena::store {

/// One request to OpenMetadata as recorded in `om_outbox` (SCHEMA.md, "push").
struct OutboxRow {
  int64_t seq = 0;
  std::string key;  ///< logical key: "usage|<tableFQN>|<day>", "lineage|<from>|<to>", ...
  std::string kind; ///< lineage, unlineage, query, joins, usage, percentile
  std::string lane; ///< rows of one lane are sent in key order, each after the previous 2xx
  std::string method;
  std::string path; ///< relative to <hostPort>/v1
  std::string body;
  std::string body_hash;
  std::optional<int64_t> value; ///< usage: the day's absolute count once delivered
  std::string state;            ///< pending, done, failed
  int attempts = 0;
  /// Usage: it may be applied already (sent without a reply, or a day OM holds that changed
  /// since): read back what OM holds and send only the difference to `value`.
  bool in_doubt = false;
  /// When its request was last handed to the network or failed (ms since the epoch; 0 never):
  /// for an in-doubt row, a write that may still land until the request timeout has passed.
  int64_t sent_ms = 0;
};

/// A usage table-day OpenMetadata's model cannot take (`om_unrepresentable`).
struct Unrepresentable {
  std::string key; ///< usage|<tableFQN>|<day>
  std::string table_fqn;
  std::string day;
  int64_t count = 0;
  std::string reason;
};

/// What OpenMetadata holds for a logical key after the last 2xx (`om_delivered`).
struct Delivered {
  std::string kind;
  std::string body_hash;
  std::optional<int64_t> value;
  std::string om_id; ///< the entity id OM returned (query), or "fromId/toId" (lineage)
};

/// The OpenMetadata sink's outbox in the store's SQLite file. A request is recorded (pending)
/// before it is sent and marked done, with what OM now holds, only after a 2xx; a run killed
/// at any point re-sends only what is still pending. A SQLite failure is the returned error;
/// no exception escapes. Same threading rule as Store.
class Outbox {
public:
  explicit Outbox(Store& store) : store_(store) {}

  util::Result<std::map<std::string, Delivered>> delivered();
  /// Every pending row (and failed ones when `include_failed`), by seq.
  util::Result<std::vector<OutboxRow>> pending(bool include_failed);
  /// Keys of pending or failed rows with their body hash (to tell unchanged ones apart).
  util::Result<std::map<std::string, OutboxRow>> open_rows();

  /// Records rows as pending in one transaction, replacing any row with the same key.
  util::Status enqueue(const std::vector<OutboxRow>& rows);
  /// After a 2xx: the row is done and `om_delivered` records it (an `unlineage` row instead
  /// removes the delivered edge `lineage|...` it deleted).
  util::Status mark_done(const OutboxRow& row, int attempts, long status, const std::string& om_id);
  /// After the last attempt failed: `permanent` (a 4xx) makes it failed, else it stays pending.
  util::Status mark_failed(const OutboxRow& row, int attempts, long status,
                           const std::string& message, bool permanent);
  util::Result<OutboxCounts> counts();

  /// Before an additive request goes out: if the process dies before the reply, the next run
  /// knows to read back first.
  util::Status mark_in_doubt(const OutboxRow& row);
  /// Records a day OM cannot take (once; a later count replaces the recorded one).
  util::Status record_unrepresentable(const Unrepresentable& u);
  util::Result<std::map<std::string, Unrepresentable>> unrepresentable();
  /// What the previous push left over: (kind, name) pairs.
  util::Result<std::set<std::pair<std::string, std::string>>> leftovers();
  util::Status replace_leftovers(const std::set<std::pair<std::string, std::string>>& now);

private:
  Store& store_;
};

} // namespace athena::store
