// AthenaClient::pull: ListWorkGroups, then per workgroup ListQueryExecutions pages (newest
// first) feeding BatchGetQueryExecution, all in parallel on the client's loop. See
// spec/athena-api.md §2.2, §2.3, §3.2 and §7.
#include <algorithm>
#include <deque>
#include <map>
#include <utility>

#include <simdjson.h>

#include "lineage/json_writer.h"
#include "src/athena/athena_client.h"
#include "src/readers/time_text.h"

namespace athena::aws {
namespace {

constexpr std::size_t kBatchSize = 50;

struct PageState {
  std::size_t pending_details = 0; // BatchGet / GetQueryExecution calls not yet answered
  double newest = -1;              // newest submission time among its executions
};

struct WorkgroupState {
  WorkgroupOutcome outcome;
  std::string next_token;
  bool list_in_flight = false;
  bool exhausted = false; // no NextToken left
  bool stopped = false;   // cutoff, limit or error
  bool reported = false;
  std::map<std::size_t, PageState> pages; // pages whose details are still pending
  std::size_t next_page = 0;
};

bool parse_execution(simdjson::dom::element qe, const std::string& fallback_wg,
                     FetchedExecution& out) {
  std::string_view id;
  if (qe["QueryExecutionId"].get(id) != simdjson::SUCCESS || id.empty()) return false;
  out.id = std::string(id);
  std::string_view wg;
  out.workgroup = qe["WorkGroup"].get(wg) == simdjson::SUCCESS ? std::string(wg) : fallback_wg;
  std::string_view state;
  out.state =
      qe["Status"]["State"].get(state) == simdjson::SUCCESS ? std::string(state) : std::string();
  double t = -1;
  simdjson::dom::element ts;
  if (qe["Status"]["SubmissionDateTime"].get(ts) == simdjson::SUCCESS) {
    // Any JSON number (fractional, integral or exponent form), or a time string as some
    // implementations answer.
    std::string_view text;
    if (ts.get(text) == simdjson::SUCCESS) {
      if (auto ms = readers::parse_timestamp_text_ms(text)) t = static_cast<double>(*ms) / 1000.0;
    } else if (ts.get_double().get(t) != simdjson::SUCCESS) {
      int64_t i = 0;
      uint64_t u = 0;
      if (ts.get_int64().get(i) == simdjson::SUCCESS) {
        t = static_cast<double>(i);
      } else if (ts.get_uint64().get(u) == simdjson::SUCCESS) {
        t = static_cast<double>(u);
      }
    }
  }
  out.submission_time = t;
  out.raw_json = simdjson::minify(qe);
  return true;
}

class Puller {
public:
  Puller(AthenaClient& client, const PullOptions& options, PullResult& result)
      : client_(client), options_(options), result_(result) {}

  void start(const std::vector<std::string>& workgroups) {
    for (const auto& name : workgroups) {
      auto& wg = states_[name];
      wg.outcome.workgroup = name;
      order_.push_back(name);
      request_page(name);
    }
    client_.run();
    for (const auto& name : order_) {
      finish_if_done(name, /*force=*/true);
      result_.workgroups.push_back(states_[name].outcome);
    }
  }

private:
  void warn(std::string message) {
    if (options_.warn) options_.warn(message);
    result_.warnings.push_back(std::move(message));
  }

  void request_page(const std::string& name) {
    WorkgroupState& wg = states_[name];
    if (wg.list_in_flight || wg.exhausted || wg.stopped) return;
    if (wg.pages.size() > options_.pages_ahead) return; // resumed when details arrive
    wg.list_in_flight = true;
    std::string body = lineage::json_object("WorkGroup", name, "MaxResults", 50, "NextToken",
                                            lineage::JsonWriter::IfSet{wg.next_token});
    client_.call_async("ListQueryExecutions", std::move(body),
                       [this, name](AwsResult<CallReply>&& r) { on_page(name, std::move(r)); });
  }

  void on_page(const std::string& name, AwsResult<CallReply>&& r) {
    WorkgroupState& wg = states_[name];
    wg.list_in_flight = false;
    if (!r.ok()) {
      if (is_credentials_error(r.error())) wg.outcome.credentials_refused = true;
      fail(name, r.error().describe());
      return;
    }
    simdjson::dom::element doc;
    if (parser_.parse(r->body).get(doc) != simdjson::SUCCESS || !doc.is_object()) {
      fail(name, "ListQueryExecutions: the reply is not a JSON object");
      return;
    }
    std::vector<std::string> ids;
    simdjson::dom::array arr;
    if (doc["QueryExecutionIds"].get(arr) == simdjson::SUCCESS) {
      for (auto v : arr) {
        std::string_view id;
        if (v.get(id) == simdjson::SUCCESS && !id.empty()) ids.emplace_back(id);
      }
    }
    std::string_view next;
    if (doc["NextToken"].get(next) == simdjson::SUCCESS && !next.empty()) {
      wg.next_token = std::string(next);
    } else {
      wg.exhausted = true;
    }
    if (options_.max_per_workgroup > 0) {
      const std::size_t room =
          options_.max_per_workgroup - std::min(options_.max_per_workgroup, wg.outcome.listed);
      if (ids.size() >= room) {
        ids.resize(room);
        wg.stopped = true;
      }
    }
    wg.outcome.listed += ids.size();
    const std::size_t page_no = wg.next_page++;
    PageState& page = wg.pages[page_no];
    std::vector<std::string> to_fetch;
    for (auto& id : ids) {
      std::optional<double> t = options_.known ? options_.known(id) : std::nullopt;
      if (t) {
        ++wg.outcome.skipped_known;
        page.newest = std::max(page.newest, *t);
        wg.outcome.newest_submission = std::max(wg.outcome.newest_submission, *t);
      } else {
        to_fetch.push_back(std::move(id));
      }
    }
    for (std::size_t i = 0; i < to_fetch.size(); i += kBatchSize) {
      std::vector<std::string> chunk(to_fetch.begin() + static_cast<std::ptrdiff_t>(i),
                                     to_fetch.begin() + static_cast<std::ptrdiff_t>(std::min(
                                                            i + kBatchSize, to_fetch.size())));
      ++page.pending_details;
      batch_get(name, page_no, std::move(chunk));
    }
    if (page.pending_details == 0) page_done(name, page_no);
    request_page(name); // pipelining: the next page is listed while this one's details load
    finish_if_done(name, false);
  }

  void batch_get(const std::string& name, std::size_t page_no, std::vector<std::string> ids) {
    std::string body = lineage::json_object("QueryExecutionIds", ids);
    client_.call_async("BatchGetQueryExecution", std::move(body),
                       [this, name, page_no, ids = std::move(ids)](AwsResult<CallReply>&& r) {
                         on_batch(name, page_no, ids, std::move(r));
                       });
  }

  void deliver(WorkgroupState& wg, PageState& page, std::vector<FetchedExecution>&& batch) {
    for (const auto& e : batch) {
      page.newest = std::max(page.newest, e.submission_time);
      wg.outcome.newest_submission = std::max(wg.outcome.newest_submission, e.submission_time);
    }
    wg.outcome.fetched += batch.size();
    result_.fetched += batch.size();
    if (!batch.empty() && options_.on_batch) options_.on_batch(std::move(batch));
  }

  void on_batch(const std::string& name, std::size_t page_no, const std::vector<std::string>& ids,
                AwsResult<CallReply>&& r) {
    WorkgroupState& wg = states_[name];
    PageState& page = wg.pages[page_no];
    simdjson::dom::element doc;
    const bool parsed =
        r.ok() && parser_.parse(r->body).get(doc) == simdjson::SUCCESS && doc.is_object();
    if (!parsed) {
      // The call was refused as a whole (one malformed id, an implementation without it, a
      // gateway error): each id is fetched alone, paced by the client's limiter. Refused
      // credentials, a denied permission, throttling and network failures would fail the same
      // way per id (or make things worse), so they stop here.
      const std::string why =
          r.ok() ? "BatchGetQueryExecution: the reply is not a JSON object" : r.error().describe();
      const bool hopeless =
          !r.ok() &&
          (r.error().http_status == 0 || is_credentials_error(r.error()) ||
           r.error().code == "AccessDeniedException" || r.error().code == "AccessDenied" ||
           classify_aws_attempt(r.error().http_status, 0, r.error().code) ==
               http::RetryClass::kThrottling);
      if (hopeless) {
        if (is_credentials_error(r.error())) wg.outcome.credentials_refused = true;
        wg.outcome.unprocessed += ids.size();
        fail(name, why);
        detail_done(name, page_no);
        return;
      }
      if (!batch_fallback_warned_) {
        batch_fallback_warned_ = true;
        warn(why + "; fetching each query execution with GetQueryExecution instead");
      }
      wg.outcome.fetched_one_by_one += ids.size();
      page.pending_details += ids.size();
      for (const auto& id : ids)
        get_one(name, page_no, id, "", "BatchGetQueryExecution refused the call");
      detail_done(name, page_no);
      return;
    }
    std::vector<FetchedExecution> batch;
    simdjson::dom::array arr;
    if (doc["QueryExecutions"].get(arr) == simdjson::SUCCESS) {
      for (auto qe : arr) {
        FetchedExecution e;
        if (parse_execution(qe, name, e)) batch.push_back(std::move(e));
      }
    }
    deliver(wg, page, std::move(batch));
    struct Unprocessed {
      std::string id, code, message;
    };
    std::vector<Unprocessed> retry;
    simdjson::dom::array unprocessed;
    if (doc["UnprocessedQueryExecutionIds"].get(unprocessed) == simdjson::SUCCESS) {
      for (auto u : unprocessed) {
        std::string_view id;
        if (u["QueryExecutionId"].get(id) != simdjson::SUCCESS) continue;
        std::string_view code, message;
        if (u["ErrorCode"].get(code) != simdjson::SUCCESS) code = {};
        if (u["ErrorMessage"].get(message) != simdjson::SUCCESS) message = {};
        retry.push_back({std::string(id), std::string(code), std::string(message)});
      }
    }
    // Retried once, individually, through GetQueryExecution; never looped (spec §2.3).
    page.pending_details += retry.size();
    for (auto& u : retry) {
      get_one(name, page_no, u.id, u.code, u.message);
    }
    detail_done(name, page_no);
  }

  void get_one(const std::string& name, std::size_t page_no, const std::string& id,
               const std::string& code, const std::string& message) {
    std::string body = lineage::json_object("QueryExecutionId", id);
    client_.call_async(
        "GetQueryExecution", std::move(body),
        [this, name, page_no, id, code, message](AwsResult<CallReply>&& r) {
          WorkgroupState& wg = states_[name];
          PageState& page = wg.pages[page_no];
          simdjson::dom::element doc;
          simdjson::dom::element qe;
          FetchedExecution e;
          if (r.ok() && parser_.parse(r->body).get(doc) == simdjson::SUCCESS &&
              doc["QueryExecution"].get(qe) == simdjson::SUCCESS && parse_execution(qe, name, e)) {
            std::vector<FetchedExecution> one;
            one.push_back(std::move(e));
            deliver(wg, page, std::move(one));
          } else {
            ++wg.outcome.unprocessed;
            warn("workgroup " + name + ": query execution " + id + " could not be fetched (" +
                 (code.empty() ? "unprocessed" : code) + (message.empty() ? "" : ": " + message) +
                 "; GetQueryExecution: " + (r.ok() ? "bad reply" : r.error().describe()) + ")");
          }
          detail_done(name, page_no);
        });
  }

  void detail_done(const std::string& name, std::size_t page_no) {
    WorkgroupState& wg = states_[name];
    PageState& page = wg.pages[page_no];
    if (--page.pending_details == 0) page_done(name, page_no);
    request_page(name);
    finish_if_done(name, false);
  }

  void page_done(const std::string& name, std::size_t page_no) {
    WorkgroupState& wg = states_[name];
    auto it = wg.pages.find(page_no);
    // Newest first: a page whose newest execution is older than the cutoff means every later
    // page is older too.
    std::optional<double> cutoff = options_.cutoff;
    if (auto c = options_.workgroup_cutoffs.find(name); c != options_.workgroup_cutoffs.end()) {
      cutoff = c->second;
    }
    if (cutoff && it->second.newest >= 0 && it->second.newest < *cutoff) wg.stopped = true;
    wg.pages.erase(it);
  }

  void fail(const std::string& name, std::string error) {
    WorkgroupState& wg = states_[name];
    if (wg.outcome.error.empty()) {
      wg.outcome.error = std::move(error);
      warn("workgroup " + name + ": " + wg.outcome.error);
    }
    wg.stopped = true;
  }

  void finish_if_done(const std::string& name, bool force) {
    WorkgroupState& wg = states_[name];
    if (wg.reported) return;
    const bool idle = !wg.list_in_flight && wg.pages.empty();
    if (!force && !(idle && (wg.exhausted || wg.stopped))) return;
    wg.reported = true;
    wg.outcome.complete = wg.outcome.error.empty() && wg.outcome.unprocessed == 0 && idle &&
                          (wg.exhausted || wg.stopped);
    if (options_.on_workgroup_done) options_.on_workgroup_done(wg.outcome);
  }

  AthenaClient& client_;
  const PullOptions& options_;
  PullResult& result_;
  std::map<std::string, WorkgroupState> states_;
  std::vector<std::string> order_;
  simdjson::dom::parser parser_;
  bool batch_fallback_warned_ = false;
};

} // namespace

PullResult AthenaClient::pull(const PullOptions& options) {
  PullResult result;
  std::vector<std::string> workgroups = options.workgroups;
  if (workgroups.empty()) {
    auto listed = list_work_groups();
    if (listed.ok()) {
      for (const auto& wg : *listed) {
        if (wg.state.empty() || wg.state == "ENABLED") workgroups.push_back(wg.name);
      }
    } else if (listed.error().code == "AccessDeniedException") {
      std::string w = "ListWorkGroups was denied (missing permission athena:ListWorkGroups); "
                      "pulling only the 'primary' workgroup";
      if (options.warn) options.warn(w);
      result.warnings.push_back(std::move(w));
      workgroups.emplace_back("primary");
    } else {
      WorkgroupOutcome o;
      o.workgroup = "*";
      o.error = listed.error().describe();
      result.workgroups.push_back(std::move(o));
      return result;
    }
  }
  Puller puller(*this, options, result);
  puller.start(workgroups);
  return result;
}

} // namespace athena::aws
