// `push`: the store -> OpenMetadata, through the outbox (spec/openmetadata.md, section 2.8).
#include "src/openmetadata/push_job.h"

#include <chrono>
#include <set>

#include <simdjson.h>

#include "lineage/json_writer.h"
#include "src/aws/crypto.h"
#include "src/openmetadata/fqn.h"
#include "src/openmetadata/om_client.h"
#include "src/openmetadata/payloads.h"
#include "src/openmetadata/sender.h"
#include "src/readers/time_text.h"
#include "src/store/outbox.h"

namespace athena::openmetadata {
namespace {

std::string today_utc() {
  const auto now = std::chrono::system_clock::now().time_since_epoch();
  return readers::format_day(std::chrono::duration_cast<std::chrono::milliseconds>(now).count());
}

bool is_day(const std::string& s) {
  return s.size() == 10 && readers::parse_datetime_ms(s).has_value();
}

/// "http://host:port/api" without user info (a URL may carry a password).
std::string safe_server(const std::string& url) {
  const size_t scheme = url.find("://");
  const size_t at = url.find('@');
  if (scheme == std::string::npos || at == std::string::npos) return url;
  const size_t slash = url.find('/', scheme + 3);
  if (slash != std::string::npos && at > slash) return url;
  return url.substr(0, scheme + 3) + url.substr(at + 1);
}

std::string rehash(const store::OutboxRow& r) {
  return aws::sha256_hex(r.method + " " + r.path + "\n" + r.body);
}

/// The day of a "usage|<fqn>|<day>" key.
std::string key_day(const std::string& key) {
  return key.size() >= 10 ? key.substr(key.size() - 10) : std::string();
}

void fail(PushSummary& s, std::string message) {
  s.exit_code = 2;
  s.error = std::move(message);
}

struct Staged {
  std::vector<store::OutboxRow> rows; ///< to record as pending
};

/// Compares the plan with what OM holds (om_delivered) and what is already queued, and keeps
/// only what changed: usage as POST of the day's count the first time, later as PUT of the
/// increase (the table's count right, the schema's and database's not inflated).
Staged stage(Plan& plan, const std::map<std::string, store::Delivered>& delivered,
             const std::map<std::string, store::OutboxRow>& open, const PushOptions& options,
             const config::OpenMetadataSinkOptions& sink, PushSummary& s) {
  Staged out;
  std::map<std::string, std::string> newest_day; // usage lane -> newest delivered day
  for (const auto& [key, d] : delivered) {
    if (d.kind != "usage") continue;
    const std::string lane = key.substr(0, key.size() - 11);
    newest_day[lane] = std::max(newest_day[lane], key_day(key));
  }
  std::set<std::string> planned_lineage;
  std::set<std::string> usage_days;
  auto queue = [&](store::OutboxRow r) {
    auto o = open.find(r.key);
    if (o != open.end() && o->second.body_hash == r.body_hash) {
      // Already queued as it is: a pending row is sent below, a refused one only on request.
      if (o->second.state == "failed" && !options.retry_failed) {
        ++s.kinds[r.kind].failed;
        s.failures.push_back(r.method + " " + r.path +
                             ": refused in an earlier run (see --retry-failed)");
        return;
      }
      if (o->second.state == "pending") return;
    }
    out.rows.push_back(std::move(r));
  };
  for (auto& r : plan.rows) {
    KindCounts& k = s.kinds[r.kind];
    ++k.planned;
    if (r.kind == "lineage") planned_lineage.insert(r.key);
    auto d = delivered.find(r.key);
    if (r.kind == "usage") {
      const int64_t count = r.value.value_or(0);
      const std::string day = key_day(r.key);
      if (d != delivered.end() && d->second.value == count) {
        ++k.unchanged;
        continue;
      }
      if (d == delivered.end()) {
        auto newest = newest_day.find(r.lane);
        if (newest != newest_day.end() && newest->second > day) {
          // OM computes count7/count30 at insert time from older rows: a day older than one
          // already reported would leave the later days' rollups wrong.
          ++s.usage_backfill_skipped;
          continue;
        }
      } else if (d->second.value && count > *d->second.value) {
        r.method = "PUT";
        r.body = usage_body(day, count - *d->second.value);
        r.body_hash = rehash(r);
      }
      usage_days.insert(day);
      queue(std::move(r));
      continue;
    }
    if (d != delivered.end() && d->second.body_hash == r.body_hash) {
      ++k.unchanged;
      continue;
    }
    queue(std::move(r));
  }
  for (const auto& [key, row] : open) {
    if (row.kind == "usage" && row.state == "pending") usage_days.insert(key_day(key));
  }
  if (sink.compute_percentiles) {
    for (const auto& day : usage_days) {
      for (const char* type : {"table", "database"}) {
        store::OutboxRow r;
        r.kind = "percentile";
        r.key = "percentile|" + std::string(type) + "|" + day;
        r.lane = r.key;
        r.method = "POST";
        r.path = "/usage/compute.percentile/" + std::string(type) + "/" + day;
        r.body_hash = rehash(r);
        ++s.kinds[r.kind].planned;
        out.rows.push_back(std::move(r));
      }
    }
  }
  if (options.prune) {
    for (const auto& [key, d] : delivered) {
      if (d.kind != "lineage" || planned_lineage.contains(key)) continue;
      const size_t slash = d.om_id.find('/');
      if (slash == std::string::npos) continue;
      store::OutboxRow r;
      r.kind = "unlineage";
      r.key = "un" + key;
      r.lane = r.key;
      r.method = "DELETE";
      r.path = "/lineage/table/" + url_encode(d.om_id.substr(0, slash)) + "/table/" +
               url_encode(d.om_id.substr(slash + 1));
      r.body_hash = rehash(r);
      ++s.kinds[r.kind].planned;
      queue(std::move(r));
    }
  }
  return out;
}

void write_dry_run(const std::vector<store::OutboxRow>& rows, std::ostream& out) {
  for (const auto& r : rows) {
    std::string line = "{\"kind\":" + lineage::json_string(r.kind) +
                       ",\"key\":" + lineage::json_string(r.key) +
                       ",\"method\":" + lineage::json_string(r.method) +
                       ",\"path\":" + lineage::json_string(r.path) + ",\"body\":";
    line += r.body.empty() ? "null" : r.body;
    line += "}\n";
    out << line;
  }
}

} // namespace

PushSummary run_push(const config::WorkflowConfig& config, const PushOptions& options,
                     store::Store& store) {
  const auto started = std::chrono::steady_clock::now();
  PushSummary s;
  auto done = [&]() -> PushSummary {
    s.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return s;
  };
  if (!config.om_server) {
    fail(s, "workflowConfig.openMetadataServerConfig.hostPort: required for push (where to send)");
    return done();
  }
  if (config.service_name.empty()) {
    fail(s, "source.serviceName: required for push (the OpenMetadata service of the tables)");
    return done();
  }
  s.today = options.today.empty() ? today_utc() : options.today;
  if (!is_day(s.today)) {
    fail(s, "--today '" + s.today + "' is not a date YYYY-MM-DD");
    return done();
  }
  if (!options.since.empty() && !is_day(options.since)) {
    fail(s, "--since '" + options.since + "' is not a date YYYY-MM-DD");
    return done();
  }
  s.window_start = window_start(s.today, options.since);
  s.server = safe_server(config.om_server->host_port);
  OmClient client(client_options(*config.om_server, config.om));

  // 1. Version probe: fails fast on a bad token or an unreachable server.
  OmRequest probe{"GET", "/system/version", ""};
  OmResponse version = client.call(probe);
  if (!version.ok()) {
    std::string why = describe_failure(probe, version);
    if (version.status == 401 || version.status == 403)
      why += " (check securityConfig.jwtToken and the bot's permissions)";
    fail(s, "OpenMetadata at " + s.server + " is not usable: " + why);
    return done();
  }
  {
    simdjson::dom::parser p;
    std::string_view v;
    if (p.parse(version.body)["version"].get(v) == simdjson::SUCCESS) s.server_version = v;
  }

  // 2. The table index, one listing per schema.
  std::string error;
  auto names = plan_table_names(store, &error);
  if (!names) {
    fail(s, "database: " + error);
    return done();
  }
  NameMapping mapping;
  mapping.service = config.service_name;
  mapping.database = !config.om.database_name.empty() ? config.om.database_name
                     : !config.database_name.empty()  ? config.database_name
                                                      : "default";
  if (!config.catalog_name.empty()) mapping.catalog = ascii_lower(config.catalog_name);
  TableIndex index(mapping);
  if (!index.load(client, *names, error)) {
    fail(s, error);
    return done();
  }
  s.schemas_listed = static_cast<int64_t>(index.schemas_listed());
  s.list_requests = static_cast<int64_t>(index.list_requests());
  s.tables_known = static_cast<int64_t>(index.tables_known());

  // 3. The plan, and what of it OM does not hold yet.
  PlanOptions plan_options{config.service_name, s.today, options.since, config.om.query_entities};
  auto plan = build_plan(store, index, plan_options, &error);
  if (!plan) {
    fail(s, "database: " + error);
    return done();
  }
  s.skipped_tables = plan->skipped_tables;
  s.s3_locations = plan->s3_locations;
  s.edges = plan->edges;
  s.edges_skipped = plan->edges_skipped;
  s.column_mappings = plan->column_mappings;
  s.columns_skipped = plan->columns_skipped;
  s.usage_rows_skipped = plan->usage_rows_skipped;
  s.days_outside_window = plan->days_outside_window;
  s.queries_skipped = plan->queries_skipped;
  store::Outbox outbox(store);
  auto delivered = outbox.delivered(&error);
  auto open = delivered ? outbox.open_rows(&error) : std::nullopt;
  if (!delivered || !open) {
    fail(s, "database: " + error);
    return done();
  }
  Staged staged = stage(*plan, *delivered, *open, options, config.om, s);

  s.dry_run = options.dry_run;
  if (options.dry_run) {
    std::vector<store::OutboxRow> rows = staged.rows;
    std::set<std::string> keys;
    for (const auto& r : rows)
      keys.insert(r.key);
    for (const auto& [key, r] : *open) {
      if (r.state == "pending" && !keys.contains(key)) rows.push_back(r);
    }
    if (options.dry_run_out != nullptr) write_dry_run(rows, *options.dry_run_out);
    s.dry_run_requests = static_cast<int64_t>(rows.size());
  } else {
    // 4. Record, then send everything pending (this run's and any an earlier run left).
    if (!outbox.enqueue(staged.rows, &error)) {
      fail(s, "database: " + error);
      return done();
    }
    auto pending = outbox.pending(options.retry_failed, &error);
    if (!pending) {
      fail(s, "database: " + error);
      return done();
    }
    Sender sender(client, outbox, std::move(*delivered), config.service_name, s);
    sender.send(std::move(*pending));
  }
  s.http_attempts = client.attempts();
  s.http_retries = client.retries();
  const bool skipped = !s.skipped_tables.empty() || s.columns_skipped > 0 ||
                       s.usage_backfill_skipped > 0 || !s.failures.empty();
  s.exit_code = skipped ? 1 : 0;
  return done();
}

std::string summary_text(const PushSummary& s) {
  std::string out;
  char buf[512];
  if (s.exit_code == 2) return "athena-lineage push: nothing sent: " + s.error + "\n";
  std::snprintf(buf, sizeof buf, "athena-lineage push: OpenMetadata %s at %s (%.1f s)\n",
                s.server_version.c_str(), s.server.c_str(), s.seconds);
  out += buf;
  std::snprintf(buf, sizeof buf,
                "  tables:   %lld known in %lld schema(s) (%lld listing requests); %zu skipped; "
                "%zu S3 location(s) left out\n",
                static_cast<long long>(s.tables_known), static_cast<long long>(s.schemas_listed),
                static_cast<long long>(s.list_requests), s.skipped_tables.size(),
                s.s3_locations.size());
  out += buf;
  std::snprintf(buf, sizeof buf,
                "  lineage:  %lld table edges, %lld not between OpenMetadata tables; %lld column "
                "mappings, %lld columns unknown\n",
                static_cast<long long>(s.edges), static_cast<long long>(s.edges_skipped),
                static_cast<long long>(s.column_mappings),
                static_cast<long long>(s.columns_skipped));
  out += buf;
  std::snprintf(buf, sizeof buf, "  window:   usage and joins %s .. %s\n", s.window_start.c_str(),
                s.today.c_str());
  out += buf;
  out += "  requests      planned  unchanged       sent     failed    pending\n";
  for (const char* kind : {"lineage", "unlineage", "query", "joins", "usage", "percentile"}) {
    auto it = s.kinds.find(kind);
    if (it == s.kinds.end()) continue;
    const KindCounts& k = it->second;
    std::snprintf(buf, sizeof buf, "  %-12s %8lld %10lld %10lld %10lld %10lld\n", kind,
                  static_cast<long long>(k.planned), static_cast<long long>(k.unchanged),
                  static_cast<long long>(k.sent), static_cast<long long>(k.failed),
                  static_cast<long long>(k.pending));
    out += buf;
  }
  if (s.dry_run) {
    out += "  dry run:  " + std::to_string(s.dry_run_requests) +
           " request(s) written, nothing sent (lineage bodies before merging with OM's edges)\n";
  }
  std::snprintf(buf, sizeof buf, "  http:     %ld attempts, %ld retries\n", s.http_attempts,
                s.http_retries);
  out += buf;
  if (s.usage_backfill_skipped > 0) {
    out += "  usage:    " + std::to_string(s.usage_backfill_skipped) +
           " table-day(s) older than a day already reported were not sent (OpenMetadata's "
           "count7/count30 would be wrong)\n";
  }
  const size_t kShown = 10;
  for (size_t i = 0; i < s.skipped_tables.size() && i < kShown; ++i)
    out += "  skipped:  " + s.skipped_tables[i].name + ": " + s.skipped_tables[i].reason + "\n";
  if (s.skipped_tables.size() > kShown) {
    out += "  skipped:  ... and " + std::to_string(s.skipped_tables.size() - kShown) +
           " more (--json lists all)\n";
  }
  for (size_t i = 0; i < s.failures.size() && i < kShown; ++i)
    out += "  failed:   " + s.failures[i] + "\n";
  if (s.failures.size() > kShown) {
    out += "  failed:   ... and " + std::to_string(s.failures.size() - kShown) +
           " more (--json lists all)\n";
  }
  return out;
}

std::string summary_json(const PushSummary& s) {
  using lineage::json_string;
  std::string out = "{\"exit_code\":" + std::to_string(s.exit_code);
  if (!s.error.empty()) out += ",\"error\":" + json_string(s.error);
  out += ",\"server\":" + json_string(s.server);
  out += ",\"server_version\":" + json_string(s.server_version);
  out += ",\"window\":{\"since\":" + json_string(s.window_start) +
         ",\"until\":" + json_string(s.today) + "}";
  out += ",\"tables_known\":" + std::to_string(s.tables_known);
  out += ",\"schemas_listed\":" + std::to_string(s.schemas_listed);
  out += ",\"list_requests\":" + std::to_string(s.list_requests);
  out += ",\"edges\":" + std::to_string(s.edges);
  out += ",\"edges_skipped\":" + std::to_string(s.edges_skipped);
  out += ",\"column_mappings\":" + std::to_string(s.column_mappings);
  out += ",\"columns_skipped\":" + std::to_string(s.columns_skipped);
  out += ",\"usage_rows_skipped\":" + std::to_string(s.usage_rows_skipped);
  out += ",\"usage_backfill_skipped\":" + std::to_string(s.usage_backfill_skipped);
  out += ",\"days_outside_window\":" + std::to_string(s.days_outside_window);
  out += ",\"queries_skipped\":" + std::to_string(s.queries_skipped);
  out += ",\"requests\":{";
  bool first = true;
  for (const auto& [kind, k] : s.kinds) {
    if (!first) out += ',';
    first = false;
    out += json_string(kind) + ":{\"planned\":" + std::to_string(k.planned) +
           ",\"unchanged\":" + std::to_string(k.unchanged) + ",\"sent\":" + std::to_string(k.sent) +
           ",\"failed\":" + std::to_string(k.failed) + ",\"pending\":" + std::to_string(k.pending) +
           "}";
  }
  out += "},\"skipped_tables\":[";
  for (size_t i = 0; i < s.skipped_tables.size(); ++i) {
    if (i > 0) out += ',';
    out += "{\"name\":" + json_string(s.skipped_tables[i].name) +
           ",\"reason\":" + json_string(s.skipped_tables[i].reason) + "}";
  }
  out += "],\"s3_locations\":" + std::to_string(s.s3_locations.size());
  out += ",\"failures\":[";
  for (size_t i = 0; i < s.failures.size(); ++i) {
    if (i > 0) out += ',';
    out += json_string(s.failures[i]);
  }
  out += "],\"dry_run\":" + std::string(s.dry_run ? "true" : "false");
  out += ",\"dry_run_requests\":" + std::to_string(s.dry_run_requests);
  out += ",\"http_attempts\":" + std::to_string(s.http_attempts);
  out += ",\"http_retries\":" + std::to_string(s.http_retries);
  char secs[32];
  std::snprintf(secs, sizeof secs, "%.3f", s.seconds);
  out += ",\"seconds\":" + std::string(secs) + "}\n";
  return out;
}

} // namespace athena::openmetadata
