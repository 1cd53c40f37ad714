#include "src/openmetadata/sender.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <deque>
#include <memory>

#include <simdjson.h>

#include "src/openmetadata/fqn.h"
#include "src/openmetadata/payloads.h"

namespace athena::openmetadata {
namespace {

constexpr const char* kKindOrder[] = {"lineage", "unlineage", "query",
                                      "joins",   "usage",     "percentile"};

/// A 4xx other than 408/429 will not succeed by sending the same request again.
bool permanent(long status) {
  return status >= 400 && status < 500 && status != 408 && status != 429;
}

std::string json_id(const std::string& body) {
  simdjson::dom::parser p;
  std::string_view id;
  if (p.parse(body)["id"].get(id) != simdjson::SUCCESS) return {};
  return std::string(id);
}

/// Rounds of write-then-read-back for one usage day in one run.
constexpr int kUsageRounds = 5;

/// The day of a "usage|<fqn>|<day>" key.
std::string key_day(const std::string& key) {
  return key.size() >= 10 ? key.substr(key.size() - 10) : std::string();
}

/// The count OM holds for `day` in an entityUsage body; nullopt when it holds none.
std::optional<int64_t> held_count(const std::string& body, const std::string& day, bool* valid) {
  simdjson::dom::parser p;
  simdjson::dom::array usage;
  *valid = p.parse(body)["usage"].get_array().get(usage) == simdjson::SUCCESS;
  if (!*valid) return std::nullopt;
  for (simdjson::dom::element u : usage) {
    std::string_view date;
    int64_t count = 0;
    if (u["date"].get(date) != simdjson::SUCCESS || date != day) continue;
    if (u["dailyStats"]["count"].get(count) != simdjson::SUCCESS) continue;
    return count;
  }
  return std::nullopt;
}

int64_t wall_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

} // namespace

void Sender::send(const std::vector<store::OutboxRow>& rows) {
  for (const char* kind : kKindOrder) {
    std::map<std::string, Lane> lanes;
    for (const auto& r : rows) {
      if (r.kind == kind) lanes[r.lane].rows.push_back(r);
    }
    if (lanes.empty()) continue;
    for (auto& [name, lane] : lanes) {
      // A lane's rows go in key order: for usage that is day order.
      std::sort(lane.rows.begin(), lane.rows.end(),
                [](const auto& a, const auto& b) { return a.key < b.key; });
      start_next(lane);
    }
    client_.run();
  }
}

void Sender::start_next(Lane& lane) {
  if (lane.next >= lane.rows.size()) return;
  const store::OutboxRow& row = lane.rows[lane.next++];
  if (row.kind == "lineage") {
    send_lineage(lane, row);
  } else if (row.kind == "query") {
    send_query(lane, row);
  } else if (row.kind == "usage") {
    if (row.in_doubt) {
      if (row.sent_ms > 0) sent_ms_[row.seq] = row.sent_ms;
      read_back_usage(lane, row, 0, 1, true);
    } else {
      send_usage(lane, row, OmRequest{row.method, row.path, row.body}, 0, 1);
    }
  } else {
    send_plain(lane, row);
  }
}

void Sender::finish(Lane& lane, const store::OutboxRow& row, const OmRequest& request,
                    const OmResponse& response, int attempts, const std::string& om_id) {
  KindCounts& k = summary_.kinds[row.kind];
  if (response.ok()) {
    if (const util::Status marked = outbox_.mark_done(row, attempts, response.status(), om_id);
        !marked) {
      summary_.failures.push_back("outbox: " + marked.error());
      ++k.failed;
      return;
    }
    ++k.sent;
    if (row.kind == "usage") summary_.usage_days_sent.insert(key_day(row.key));
    start_next(lane);
    return;
  }
  ++k.failed;
  summary_.failures.push_back(describe_failure(request, response));
  const bool gives_up = permanent(response.status());
  if (const util::Status marked = outbox_.mark_failed(
          row, attempts, response.status(), describe_failure(request, response), gives_up);
      !marked) {
    summary_.failures.push_back("outbox: " + marked.error());
  }
  // The rest of the lane waits for the next run: a later usage day must not overtake this one.
  k.pending += static_cast<int64_t>(lane.rows.size() - lane.next) + (gives_up ? 0 : 1);
  lane.next = lane.rows.size();
}

void Sender::send_plain(Lane& lane, const store::OutboxRow& row) {
  OmRequest req{row.method, row.path, row.body};
  client_.send(req, [this, &lane, row, req](OmResponse&& r) {
    // An edge already deleted (by an earlier attempt whose reply was lost) is what we want.
    if (row.kind == "unlineage" && r.status() == 404) r.settle(200);
    finish(lane, row, req, r, r.attempts(), "");
  });
}

void Sender::send_usage(Lane& lane, const store::OutboxRow& row, OmRequest request, int attempts,
                        int round) {
  request.additive = true;
  // Marked in doubt as it goes out (a killed run's successor then reads back first), with the
  // time the read-back must wait from.
  request.on_send = [this, row]() -> util::Status {
    if (const util::Status marked = outbox_.mark_in_doubt(row); !marked) {
      return util::Error{"outbox: " + marked.error()};
    }
    sent_ms_[row.seq] = wall_ms();
    return {};
  };
  client_.send(request, [this, &lane, row, request, attempts, round](OmResponse&& r) {
    if (r.unknown() && round < kUsageRounds) {
      ++summary_.usage_read_backs;
      // The server's own answer (500, 503) ends the request there; no answer, or a gateway's
      // (502, 504), may leave it running behind.
      read_back_usage(lane, row, attempts + r.attempts(), round + 1, r.may_apply_later());
      return;
    }
    finish(lane, row, request, r, attempts + r.attempts(), "");
  });
}

void Sender::read_back_usage(Lane& lane, const store::OutboxRow& row, int attempts, int round,
                             bool may_land_later) {
  const auto sent = may_land_later ? sent_ms_.find(row.seq) : sent_ms_.end();
  const int64_t timeout_ms = client_.options().total_timeout.count();
  const int64_t wait_ms =
      sent == sent_ms_.end()
          ? 0
          : std::clamp<int64_t>(sent->second + timeout_ms - wall_ms(), 0, timeout_ms);
  if (wait_ms <= 0) {
    read_back_now(lane, row, attempts, round);
    return;
  }
  ++summary_.usage_read_back_waits;
  std::fprintf(stderr,
               "push: usage of %s on %s: its write of %.3f s ago may still land; reading back "
               "in %.3f s, once the request timeout has passed\n",
               row.lane.substr(6).c_str(), key_day(row.key).c_str(),
               static_cast<double>(timeout_ms - wait_ms) / 1000.0,
               static_cast<double>(wait_ms) / 1000.0);
  client_.schedule(
      http::SteadyClock::now() + std::chrono::milliseconds(wait_ms),
      [this, &lane, row, attempts, round] { read_back_now(lane, row, attempts, round); });
}

void Sender::read_back_now(Lane& lane, const store::OutboxRow& row, int attempts, int round) {
  const std::string day = key_day(row.key);
  const std::string id = row.path.substr(row.path.rfind('/') + 1);
  OmRequest get{"GET", "/usage/table/" + url_encode(id) + "?date=" + day + "&days=1", ""};
  client_.send(get, [this, &lane, row, get, day, attempts, round](OmResponse&& g) {
    const int tries = attempts + g.attempts();
    bool valid = false;
    const std::optional<int64_t> held = g.ok() ? held_count(g.body(), day, &valid) : std::nullopt;
    if (g.ok() && !valid) g.settle(502, "unexpected usage response");
    if (!g.ok()) {
      finish(lane, row, get, g, tries, "");
      return;
    }
    const int64_t want = row.value.value_or(0);
    if (held && *held == want) {
      ++summary_.usage_reconciled;
      finish(lane, row, get, g, tries, "");
      return;
    }
    if (held && *held > want) {
      // Lowering it would need a POST, which adds the whole count to the schema and database
      // again: recorded, not sent.
      store::Unrepresentable u{row.key, row.lane.substr(6), day, want,
                               "OpenMetadata holds " + std::to_string(*held) + ", more than " +
                                   std::to_string(want)};
      if (const util::Status recorded = outbox_.record_unrepresentable(u); !recorded)
        summary_.failures.push_back("outbox: " + recorded.error());
      summary_.unrepresentable_new.push_back(u);
      finish(lane, row, get, g, tries, "");
      return;
    }
    OmRequest write{"POST", row.path, usage_body(day, want)};
    if (held) write = OmRequest{"PUT", row.path, usage_body(day, want - *held)};
    send_usage(lane, row, std::move(write), tries, round);
  });
}

void Sender::send_lineage(Lane& lane, const store::OutboxRow& row) {
  simdjson::dom::parser p;
  std::string_view from, to;
  simdjson::dom::element doc;
  if (p.parse(row.body).get(doc) != simdjson::SUCCESS ||
      doc["edge"]["fromEntity"]["id"].get(from) != simdjson::SUCCESS ||
      doc["edge"]["toEntity"]["id"].get(to) != simdjson::SUCCESS) {
    OmResponse bad;
    bad.settle(400, "outbox row is not an AddLineageRequest");
    finish(lane, row, OmRequest{row.method, row.path, ""}, bad, 0, "");
    return;
  }
  const std::string ids = std::string(from) + "/" + std::string(to);
  OmRequest get{"GET", "/lineage/getLineageEdge/" + ids, ""};
  client_.send(get, [this, &lane, row, get, ids](OmResponse&& r) {
    std::string body = row.body;
    if (r.ok()) {
      auto merged = merge_lineage(row.body, r.body());
      if (!merged) {
        r.settle(502, "unexpected getLineageEdge response");
        finish(lane, row, get, r, r.attempts(), "");
        return;
      }
      body = std::move(*merged);
    } else if (r.status() != 404) {
      finish(lane, row, get, r, r.attempts(), "");
      return;
    }
    const int before = r.attempts();
    OmRequest put{"PUT", "/lineage", body};
    client_.send(put, [this, &lane, row, put, ids, before](OmResponse&& w) {
      finish(lane, row, put, w, before + w.attempts(), ids);
    });
  });
}

void Sender::send_query(Lane& lane, const store::OutboxRow& row) {
  auto known = delivered_.find(row.key);
  if (known != delivered_.end() && !known->second.om_id.empty()) {
    // Created earlier: only add relations, never PUT the entity again (that would drop the
    // tables and users other runs added, issues #13001/#23434).
    add_query_relations(lane, row, known->second.om_id, 0, true);
    return;
  }
  OmRequest req{"PUT", "/queries", row.body};
  client_.send(req, [this, &lane, row, req](OmResponse&& r) {
    if (r.ok()) {
      finish(lane, row, req, r, r.attempts(), json_id(r.body()));
      return;
    }
    if (r.status() != 409) {
      finish(lane, row, req, r, r.attempts(), "");
      return;
    }
    // Exists already (issue #32030): find it by <service>.<md5 of the text>, then add.
    simdjson::dom::parser p;
    std::string_view text;
    if (p.parse(row.body)["query"].get(text) != simdjson::SUCCESS) {
      finish(lane, row, req, r, r.attempts(), "");
      return;
    }
    OmRequest get{"GET",
                  "/queries/name/" + url_encode(service_ + "." + md5_hex(text)) +
                      "?fields=queryUsedIn,users",
                  ""};
    const int before = r.attempts();
    client_.send(get, [this, &lane, row, get, before](OmResponse&& g) {
      const std::string id = g.ok() ? json_id(g.body()) : std::string();
      if (id.empty()) {
        finish(lane, row, get, g, before + g.attempts(), "");
        return;
      }
      add_query_relations(lane, row, id, before + g.attempts(), false);
    });
  });
}

void Sender::add_query_relations(Lane& lane, const store::OutboxRow& row, const std::string& id,
                                 int attempts, bool create_on_404) {
  simdjson::dom::parser p;
  simdjson::dom::element doc;
  std::string tables = "[]", users;
  if (p.parse(row.body).get(doc) == simdjson::SUCCESS) {
    simdjson::dom::array a;
    if (doc["queryUsedIn"].get_array().get(a) == simdjson::SUCCESS) tables = simdjson::minify(a);
    if (doc["usedBy"].get_array().get(a) == simdjson::SUCCESS) users = simdjson::minify(a);
  }
  OmRequest usage{"PUT", "/queries/" + url_encode(id) + "/usage", tables};
  client_.send(usage,
               [this, &lane, row, usage, id, attempts, users, create_on_404](OmResponse&& r) {
                 if (r.status() == 404 && create_on_404) {
                   // Deleted in OM since: create it again.
                   delivered_.erase(row.key);
                   send_query(lane, row);
                   return;
                 }
                 if (!r.ok() || users.empty()) {
                   finish(lane, row, usage, r, attempts + r.attempts(), id);
                   return;
                 }
                 OmRequest by{"PUT", "/queries/" + url_encode(id) + "/usedBy", users};
                 const int before = attempts + r.attempts();
                 client_.send(by, [this, &lane, row, by, id, before](OmResponse&& b) {
                   finish(lane, row, by, b, before + b.attempts(), id);
                 });
               });
}

} // namespace athena::openmetadata
