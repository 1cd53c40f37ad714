#include "src/openlineage/sender.h"

#include "src/http/redact.h"

namespace athena::openlineage {
namespace {

std::string describe(const store::OlEvent& e, long status, const std::string& message,
                     int attempts) {
  std::string s = e.event_type + " " + e.run_id + " (" + e.query_id + "): ";
  s += status == 0 ? "no response (" + message + ")" : "HTTP " + std::to_string(status);
  if (status != 0 && !message.empty()) s += " " + message;
  if (attempts > 1) s += " after " + std::to_string(attempts) + " attempts";
  return s;
}

/// The start of a reply body on one line, for error lists.
std::string body_excerpt(const http::HttpResponse& r) {
  if (r.transport_failed()) return r.transport_message;
  std::string body = r.body.substr(0, 200);
  for (char& c : body) {
    if (c == '\n' || c == '\r') c = ' ';
  }
  return body;
}

/// Where the path of `url` starts (npos when it has none).
size_t path_start(const std::string& url) {
  const size_t scheme = url.find("://");
  const size_t host = scheme == std::string::npos ? 0 : scheme + 3;
  return url.find_first_of("/?#", host);
}

} // namespace

std::string lineage_endpoint(const std::string& url) {
  const size_t p = path_start(url);
  if (p == std::string::npos) return url + "/api/v1/lineage";
  const std::string rest = url.substr(p);
  const size_t q = rest.find_first_of("?#");
  const std::string path = rest.substr(0, q);
  if (path.find_first_not_of('/') != std::string::npos) return url;
  // "http://host/" or "http://host?x": no path either.
  return url.substr(0, p) + "/api/v1/lineage" + (q == std::string::npos ? "" : rest.substr(q));
}

std::string endpoint_key(const std::string& endpoint) {
  std::string out = endpoint;
  const size_t scheme = out.find("://");
  const size_t host = scheme == std::string::npos ? 0 : scheme + 3;
  const size_t end_authority = out.find_first_of("/?#", host);
  const size_t at = out.rfind('@', end_authority == std::string::npos ? out.size() : end_authority);
  if (at != std::string::npos && at >= host) out.erase(host, at + 1 - host);
  const size_t query = out.find_first_of("?#");
  if (query != std::string::npos) out.erase(query);
  return out;
}

Sender::Sender(SenderOptions options, store::OlOutbox& outbox)
    : options_(std::move(options)), outbox_(outbox),
      http_(http::HttpOptions{options_.ca_bundle, options_.parallel_requests,
                              options_.connect_timeout, options_.total_timeout, "athena-lineage"},
            http::RetrySettings{options_.max_attempts, options_.retry_base_seconds,
                                options_.max_backoff_seconds, 0.1}) {}

SendResult Sender::send(const std::vector<store::OlEvent>& events) {
  result_ = {};
  const long attempts_before = http_.attempts();
  const long retries_before = http_.retries();
  std::map<std::string, Lane> lanes; // by runId; events arrive in seq order
  for (const auto& e : events)
    lanes[e.run_id].events.push_back(&e);
  for (auto& [id, lane] : lanes)
    start_next(lane);
  http_.run();
  result_.attempts = http_.attempts() - attempts_before;
  result_.retries = http_.retries() - retries_before;
  return result_;
}

void Sender::start_next(Lane& lane) {
  if (lane.next >= lane.events.size()) return;
  if (result_.unauthorized) {
    result_.pending += static_cast<int64_t>(lane.events.size() - lane.next);
    lane.next = lane.events.size();
    return;
  }
  const store::OlEvent& event = *lane.events[lane.next++];
  http::HttpRequest h;
  h.method = "POST";
  h.url = options_.endpoint;
  h.body = event.body;
  h.headers.push_back({"Content-Type", "application/json"});
  h.headers.push_back({"Accept", "application/json"});
  if (!options_.api_key.empty())
    h.headers.push_back({"Authorization", "Bearer " + options_.api_key.reveal()});
  http_.send(
      std::move(h),
      [this, &lane, &event](http::RetriedResponse&& r) {
        finish(lane, event, r.attempts, r.response);
      },
      [this](const http::HttpResponse&) { return !result_.unauthorized; });
}

void Sender::finish(Lane& lane, const store::OlEvent& event, int attempts,
                    const http::HttpResponse& r) {
  if (r.status >= 200 && r.status < 300) {
    if (const util::Status marked = outbox_.mark_done(event, attempts, r.status); !marked) {
      // Delivered but not recorded: the next run sends it again, with the same bytes.
      result_.failures.push_back("outbox: " + marked.error());
      result_.pending += 1 + static_cast<int64_t>(lane.events.size() - lane.next);
      lane.next = lane.events.size();
      return;
    }
    ++result_.sent;
    start_next(lane);
    return;
  }
  const std::string line =
      describe(event, r.status, http::redact(body_excerpt(r), {options_.api_key}), attempts);
  const bool auth = r.status == 401 || r.status == 403;
  // A 4xx other than 408/429 will not succeed by sending the same event again.
  const bool permanent =
      !auth && r.status >= 400 && r.status < 500 && r.status != 408 && r.status != 429;
  if (auth && !result_.unauthorized) {
    result_.unauthorized = true;
    result_.failures.push_back(line + " (check the API key; nothing more is sent)");
  } else if (!auth) {
    result_.failures.push_back(line);
  }
  if (const util::Status marked = outbox_.mark_failed(event, attempts, r.status, line, permanent);
      !marked)
    result_.failures.push_back("outbox: " + marked.error());
  if (permanent) {
    ++result_.failed;
  } else {
    ++result_.pending;
  }
  // The rest of the run waits for the next export: an end event never precedes its START.
  result_.pending += static_cast<int64_t>(lane.events.size() - lane.next);
  lane.next = lane.events.size();
}

} // namespace athena::openlineage
