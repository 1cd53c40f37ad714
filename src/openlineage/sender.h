#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "src/http/retrying_client.h"
#include "src/store/ol_outbox.h"
#include "src/util/secret.h"

namespace athena::openlineage {

struct SenderOptions {
  std::string endpoint; ///< the full URL events are POSTed to
  util::Secret api_key; ///< sent as `Authorization: Bearer`; empty: no header
  std::string ca_bundle;
  int max_attempts = 5; ///< per event, first try included
  double retry_base_seconds = 1.0;
  double max_backoff_seconds = 30.0;
  std::size_t parallel_requests = 8;
  std::chrono::milliseconds connect_timeout{10000};
  std::chrono::milliseconds total_timeout{60000};
};

struct SendResult {
  int64_t sent = 0;    ///< 2xx, marked done
  int64_t failed = 0;  ///< refused (4xx): left as failed
  int64_t pending = 0; ///< left pending for the next run (retries exhausted, or not tried)
  long attempts = 0, retries = 0;
  std::vector<std::string> failures; ///< one line per failed event (no header, no key)
  bool unauthorized = false;         ///< a 401/403 stopped the run
};

/// POSTs outbox events: the events of one run one after another (START before its end), runs
/// in parallel; 429, 5xx and network errors retried with full-jitter exponential backoff. An
/// event is marked done only after its 2xx. A 401 or 403 stops sending (the key is wrong for
/// every event); another 4xx marks that event failed and holds back the rest of its run.
class Sender {
public:
  Sender(SenderOptions options, store::OlOutbox& outbox);
  SendResult send(const std::vector<store::OlEvent>& events);

private:
  struct Lane {
    std::vector<const store::OlEvent*> events;
    size_t next = 0;
  };
  void start_next(Lane& lane);
  void finish(Lane& lane, const store::OlEvent& event, int attempts, const http::HttpResponse& r);

  SenderOptions options_;
  store::OlOutbox& outbox_;
  http::RetryingClient http_;
  SendResult result_;
};

/// Where events go: `url` itself, or Marquez's `/api/v1/lineage` on it when it has no path.
std::string lineage_endpoint(const std::string& url);

/// The endpoint as recorded in the outbox and printed: without user info or query string.
std::string endpoint_key(const std::string& endpoint);

} // namespace athena::openlineage
