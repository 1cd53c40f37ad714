// The Athena JSON 1.1 call machinery (sign, send, retry, pace) and the simple paged operations.
#include "src/athena/athena_client.h"

#include <cassert>
#include <optional>
#include <utility>

#include <simdjson.h>

#include "lineage/json_writer.h"
#include "src/auth/sigv4.h"

namespace athena::aws {

struct AthenaClient::CallState {
  std::string operation;
  std::string body;
  std::function<void(AwsResult<CallReply>&&)> done;
  int attempts = 0;
  int last_retry_cost = 0;
  bool refreshed_credentials = false;
};

AthenaClient::AthenaClient(AthenaClientOptions options,
                           std::shared_ptr<CachingCredentials> credentials)
    : options_(std::move(options)), credentials_(std::move(credentials)), http_(options_.http),
      quota_(options_.retry),
      list_limiter_(options_.list_query_executions_rate, options_.list_query_executions_burst),
      batch_limiter_(options_.batch_get_rate, options_.batch_get_burst),
      other_limiter_(options_.other_rate, options_.other_burst),
      rng_(options_.jitter_seed != 0 ? options_.jitter_seed : std::random_device{}()) {}

AthenaClient::~AthenaClient() = default;

http::RateLimiter& AthenaClient::limiter_for(const std::string& operation) {
  if (operation == "ListQueryExecutions") return list_limiter_;
  if (operation == "BatchGetQueryExecution") return batch_limiter_;
  return other_limiter_;
}

void AthenaClient::call_async(std::string operation, std::string body,
                              std::function<void(AwsResult<CallReply>&&)> done) {
  auto st = std::make_shared<CallState>();
  st->operation = std::move(operation);
  st->body = std::move(body);
  st->done = std::move(done);
  ++stats_.calls;
  attempt(st);
}

void AthenaClient::attempt(const std::shared_ptr<CallState>& st) {
  const auto now = http::SteadyClock::now();
  const auto when = limiter_for(st->operation).reserve(now);
  if (when <= now) {
    send(st);
  } else {
    http_.schedule(when, [this, st] { send(st); });
  }
}

void AthenaClient::send(const std::shared_ptr<CallState>& st) {
  ++st->attempts;
  ++stats_.attempts;
  const util::Result<Credentials> creds = credentials_->get();
  if (!creds) {
    AwsError err;
    err.operation = st->operation;
    err.code = "CredentialError";
    err.message = creds.error();
    AwsResult<CallReply> r = std::move(err);
    // Delivered from the loop, never from inside call_async(), so callers need not re-enter.
    http_.schedule(http::SteadyClock::now(),
                   [st, r = std::move(r)]() mutable { st->done(std::move(r)); });
    return;
  }
  http::HttpRequest req;
  req.method = "POST";
  req.url = options_.endpoint.url;
  req.body = st->body;
  req.headers = {{"Host", options_.endpoint.host},
                 {"Content-Type", "application/x-amz-json-1.1"},
                 {"X-Amz-Target", options_.target_prefix + "." + st->operation}};
  SigningInput in;
  in.method = "POST";
  in.path = "/";
  in.headers = req.headers;
  in.body = req.body;
  SigningOptions opt;
  opt.region = options_.endpoint.signing_region;
  opt.service = options_.signing_service;
  opt.time = std::chrono::system_clock::now(); // every attempt is signed afresh
  for (auto& h : sign_v4(in, *creds, opt).headers_to_add)
    req.headers.push_back(std::move(h));
  http_.start(std::move(req),
              [this, st](http::HttpResponse&& resp) { on_response(st, std::move(resp)); });
}

void AthenaClient::on_response(const std::shared_ptr<CallState>& st, http::HttpResponse&& resp) {
  if (!resp.transport_failed() && resp.status == 200) {
    quota_.on_success(st->last_retry_cost);
    st->done(CallReply{std::move(resp.body), st->attempts});
    return;
  }
  AwsError err;
  if (resp.transport_failed()) {
    ++stats_.transport_errors;
    err.code = "NetworkError";
    err.message = resp.transport_message + " (endpoint " + options_.endpoint.url + ")";
  } else {
    err = parse_aws_error(resp.status, resp.body);
    if (resp.status >= 500) ++stats_.server_errors;
  }
  err.operation = st->operation;
  err.attempts = st->attempts;
  const http::RetryClass cls = classify_aws_attempt(resp.status, resp.transport_error, err.code);
  if (cls == http::RetryClass::kThrottling) ++stats_.throttled;
  if (err.code == "ExpiredTokenException" && !st->refreshed_credentials) {
    st->refreshed_credentials = true; // refresh once, then fail (spec §1.4)
    credentials_->invalidate();
    attempt(st);
    return;
  }
  const bool retryable = cls == http::RetryClass::kThrottling ||
                         cls == http::RetryClass::kTransient || cls == http::RetryClass::kTimeout;
  if (retryable && st->attempts < options_.retry.max_attempts) {
    int taken = 0;
    if (quota_.acquire(cls, taken)) {
      ++stats_.retries;
      st->last_retry_cost = taken;
      std::uniform_real_distribution<double> dist(0.0, 1.0);
      const auto delay = http::backoff_delay(options_.retry, st->attempts, dist(rng_));
      http_.schedule(http::SteadyClock::now() + delay, [this, st] { attempt(st); });
      return;
    }
    ++stats_.quota_exhausted;
    err.message += " (retry quota exhausted)";
  }
  st->done(std::move(err));
}

void AthenaClient::run() {
  http_.run();
}

AwsResult<CallReply> AthenaClient::call(const std::string& operation, std::string body) {
  std::optional<AwsResult<CallReply>> out;
  call_async(operation, std::move(body),
             [&out](AwsResult<CallReply>&& r) { out.emplace(std::move(r)); });
  run();
  assert(out); // run() returns once every queued call is done
  return std::move(*out);
}

namespace {

// Pages `operation` until NextToken disappears, handing each parsed page to `on_page`; the
// request holds `members` ((key, value) pairs), then MaxResults and NextToken.
template <class OnPage, class... Members>
AwsError page_all(AthenaClient& client, const std::string& operation, OnPage on_page,
                  const Members&... members) {
  std::string token;
  simdjson::dom::parser parser;
  for (;;) {
    std::string body = lineage::json_object(members..., "MaxResults", 50, "NextToken",
                                            lineage::JsonWriter::IfSet{token});
    AwsResult<CallReply> r = client.call(operation, std::move(body));
    if (!r) return r.error();
    simdjson::dom::element doc;
    if (parser.parse(r->body).get(doc) != simdjson::SUCCESS || !doc.is_object()) {
      AwsError e;
      e.operation = operation;
      e.code = "InvalidResponse";
      e.message = "the reply is not a JSON object";
      return e;
    }
    on_page(doc);
    std::string_view next;
    if (doc["NextToken"].get(next) != simdjson::SUCCESS || next.empty()) return {};
    token = std::string(next);
  }
}

std::string str_field(simdjson::dom::element el, const char* key) {
  std::string_view v;
  return el[key].get(v) == simdjson::SUCCESS ? std::string(v) : std::string();
}

} // namespace

AwsResult<std::vector<WorkGroupSummary>> AthenaClient::list_work_groups() {
  // ListWorkGroups accepts MaxResults 1..50, like the others.
  std::vector<WorkGroupSummary> out;
  AwsError err = page_all(*this, "ListWorkGroups", [&](simdjson::dom::element doc) {
    simdjson::dom::array arr;
    if (doc["WorkGroups"].get(arr) != simdjson::SUCCESS) return;
    for (auto wg : arr)
      out.push_back({str_field(wg, "Name"), str_field(wg, "State")});
  });
  if (!err.empty()) return err;
  return out;
}

AwsResult<std::vector<DataCatalogSummary>> AthenaClient::list_data_catalogs() {
  std::vector<DataCatalogSummary> out;
  AwsError err = page_all(*this, "ListDataCatalogs", [&](simdjson::dom::element doc) {
    simdjson::dom::array arr;
    if (doc["DataCatalogsSummary"].get(arr) != simdjson::SUCCESS) return;
    for (auto c : arr)
      out.push_back({str_field(c, "CatalogName"), str_field(c, "Type")});
  });
  if (!err.empty()) return err;
  return out;
}

AwsResult<std::vector<std::string>> AthenaClient::list_databases(const std::string& catalog) {
  std::vector<std::string> out;
  AwsError err = page_all(
      *this, "ListDatabases",
      [&](simdjson::dom::element doc) {
        simdjson::dom::array arr;
        if (doc["DatabaseList"].get(arr) != simdjson::SUCCESS) return;
        for (auto d : arr)
          out.push_back(str_field(d, "Name"));
      },
      "CatalogName", catalog);
  if (!err.empty()) return err;
  return out;
}

AwsResult<std::vector<TableMetadata>>
AthenaClient::list_table_metadata(const std::string& catalog, const std::string& database) {
  std::vector<TableMetadata> out;
  const auto on_page = [&](simdjson::dom::element doc) {
    simdjson::dom::array arr;
    if (doc["TableMetadataList"].get(arr) != simdjson::SUCCESS) return;
    for (auto t : arr) {
      TableMetadata tm;
      tm.name = str_field(t, "Name");
      tm.table_type = str_field(t, "TableType");
      for (const char* key : {"Columns", "PartitionKeys"}) {
        simdjson::dom::array cols;
        if (t[key].get(cols) != simdjson::SUCCESS) continue;
        for (auto c : cols)
          tm.columns.push_back({str_field(c, "Name"), str_field(c, "Type")});
      }
      out.push_back(std::move(tm));
    }
  };
  AwsError err = page_all(*this, "ListTableMetadata", on_page, "CatalogName", catalog,
                          "DatabaseName", database);
  if (!err.empty()) return err;
  return out;
}

bool PullResult::complete() const {
  for (const auto& w : workgroups) {
    if (!w.complete) return false;
  }
  return true;
}

} // namespace athena::aws
