#pragma once

#include <map>
#include <string>
#include <vector>

#include "src/openmetadata/om_client.h"
#include "src/openmetadata/push_job.h"
#include "src/store/outbox.h"

namespace athena::openmetadata {

/// Sends outbox rows: kinds in order (lineage, unlineage, query, joins, usage, percentile),
/// rows of one kind in parallel, rows of one lane (a table's usage days) one after another,
/// a lane stopping at its first failure so OM never sees a later day before an earlier one.
/// Lineage rows are merged with the edge OM stores; query rows create the entity once and then
/// only add relations. Each row is marked done only after its 2xx.
///
/// Usage is additive in OM (the schema's and database's day grow with every write), so a usage
/// write is marked in doubt before it goes out and never re-sent blindly: when its outcome is
/// unknown (no reply, a timeout, a 5xx, or a run killed meanwhile) the day OM holds is read
/// back and only the difference to the intended count is sent. The read-back waits until the
/// client's request timeout has passed since the write was handed to the network (by this run
/// or a killed one), so a write still on its way cannot land after it and count twice.
class Sender {
public:
  Sender(OmClient& client, store::Outbox& outbox, std::map<std::string, store::Delivered> delivered,
         std::string service, PushSummary& summary)
      : client_(client), outbox_(outbox), delivered_(std::move(delivered)),
        service_(std::move(service)), summary_(summary) {}

  void send(const std::vector<store::OutboxRow>& rows);

private:
  struct Lane {
    std::vector<store::OutboxRow> rows;
    size_t next = 0;
  };
  void start_next(Lane& lane);
  void finish(Lane& lane, const store::OutboxRow& row, const OmRequest& request,
              const OmResponse& response, int attempts, const std::string& om_id);
  void send_plain(Lane& lane, const store::OutboxRow& row);
  void send_lineage(Lane& lane, const store::OutboxRow& row);
  void send_query(Lane& lane, const store::OutboxRow& row);
  void send_usage(Lane& lane, const store::OutboxRow& row, OmRequest request, int attempts,
                  int round);
  /// Reads a usage write in doubt back; with `may_land_later` (nothing or a gateway answered,
  /// or the row comes from a killed run) only once the request timeout has passed since it was
  /// sent, so a write still in the network cannot land after the read-back.
  void read_back_usage(Lane& lane, const store::OutboxRow& row, int attempts, int round,
                       bool may_land_later);
  void read_back_now(Lane& lane, const store::OutboxRow& row, int attempts, int round);
  void add_query_relations(Lane& lane, const store::OutboxRow& row, const std::string& id,
                           int attempts, bool create_on_404);

  OmClient& client_;
  store::Outbox& outbox_;
  std::map<std::string, store::Delivered> delivered_;
  std::string service_;
  PushSummary& summary_;
  /// Usage rows in doubt: when their write was last handed to the network (ms since epoch).
  std::map<int64_t, int64_t> sent_ms_;
};

} // namespace athena::openmetadata
