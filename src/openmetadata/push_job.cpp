// `push`: the store -> OpenMetadata, through the outbox (spec/openmetadata.md, section 2.8).
#include "src/openmetadata/push_job.h"

#include <chrono>
#include <set>

#include <simdjson.h>

#include "lineage/json_writer.h"
#include "src/auth/crypto.h"
#include "src/openmetadata/fqn.h"
#include "src/openmetadata/om_client.h"
#include "src/openmetadata/payloads.h"
#include "src/openmetadata/sender.h"
#include "src/openmetadata/usage_settle.h"
#include "src/readers/time_text.h"
#include "src/store/db_lock.h"
#include "src/store/outbox.h"
#include "src/store/push_reader.h"

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

int64_t clock_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
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
  std::vector<store::OutboxRow> rows;                  ///< to record as pending
  std::vector<store::Unrepresentable> unrepresentable; ///< newly found table-days OM cannot take
};

/// Compares the plan with what OM holds (om_delivered) and what is already queued, and keeps
/// only what changed. Usage: a settled day OM does not hold yet is a POST of its total; a day
/// OM holds whose total changed is read back first and only the difference sent (the row is
/// in doubt); a day older than one already reported is not representable (OM's count7/count30
/// of the later days would be wrong) and is recorded, not sent.
Staged stage(Plan& plan, const std::map<std::string, store::Delivered>& delivered,
             const std::map<std::string, store::OutboxRow>& open,
             const std::map<std::string, store::Unrepresentable>& recorded,
             const PushOptions& options, const config::OpenMetadataSinkOptions& sink,
             PushSummary& s) {
  Staged out;
  std::map<std::string, std::string> newest_day; // usage lane -> newest delivered day
  for (const auto& [key, d] : delivered) {
    if (d.kind != "usage") continue;
    const std::string lane = key.substr(0, key.size() - 11);
    newest_day[lane] = std::max(newest_day[lane], key_day(key));
  }
  for (const auto& [key, row] : open) {
    // A day sent by a run that did not learn the outcome may be in OM already.
    if (row.kind == "usage" && row.in_doubt)
      newest_day[row.lane] = std::max(newest_day[row.lane], key_day(key));
  }
  std::set<std::string> planned_lineage;
  std::set<std::string> usage_days;
  auto queue = [&](store::OutboxRow r) {
    auto o = open.find(r.key);
    if (o != open.end() && o->second.body_hash == r.body_hash && o->second.value == r.value) {
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
      auto o = open.find(r.key);
      const bool open_row = o != open.end() && o->second.state == "pending";
      if (d != delivered.end() && d->second.value == count && !open_row) {
        ++k.unchanged;
        continue;
      }
      if (d == delivered.end()) {
        auto newest = newest_day.find(r.lane);
        if (newest != newest_day.end() && newest->second > day && !open_row) {
          auto known = recorded.find(r.key);
          if (known == recorded.end() || known->second.count != count) {
            out.unrepresentable.push_back({r.key, r.lane.substr(6), day, count,
                                           "older than " + newest->second + ", already reported"});
          }
          continue;
        }
      } else {
        r.in_doubt = true; // OM holds the day: read it back, send the difference
      }
      if (o != open.end() && o->second.in_doubt) {
        r.in_doubt = true;
        r.sent_ms = o->second.sent_ms; // a write that may still land
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

/// Unknown tables, days OM cannot take (in the window) and unknown columns, as (kind, name).
std::set<std::pair<std::string, std::string>> leftovers_of(const PushSummary& s) {
  std::set<std::pair<std::string, std::string>> out;
  for (const auto& t : s.skipped_tables)
    out.emplace("table", t.name);
  for (const auto& u : s.unrepresentable)
    out.emplace("usage", u.key);
  if (s.columns_skipped > 0) out.emplace("columns", std::to_string(s.columns_skipped));
  return out;
}

void write_dry_run(const std::vector<store::OutboxRow>& rows, std::ostream& out) {
  std::string line;
  for (const auto& r : rows) {
    line.clear();
    lineage::JsonWriter w(line, false);
    // An outbox row without a body (a DELETE) shows `"body":null`.
    w.object("kind", r.kind, "key", r.key, "method", r.method, "path", r.path, "body",
             lineage::JsonWriter::Raw{r.body.empty() ? std::string_view("null") : r.body});
    line += '\n';
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
  std::unique_ptr<store::DbLock> push_lock;
  if (!options.db_path.empty()) {
    auto lock = store::DbLock::acquire(options.db_path, store::LockRole::kPush, true,
                                       std::chrono::milliseconds(0));
    if (!lock || *lock == nullptr) {
      fail(s, lock ? "another push is running on " + options.db_path.string() +
                         "; nothing done (run again once it has finished)"
                   : "lock: " + lock.error());
      return done();
    }
    push_lock = std::move(*lock);
  }
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

  // 2. The snapshot: taken while no pull or analyze writes (they hold the ingest lock shared)
  // and read in one transaction, so the push sees the store as between two runs.
  std::unique_ptr<store::DbLock> ingest_lock;
  if (!options.db_path.empty()) {
    auto lock = store::DbLock::acquire(options.db_path, store::LockRole::kIngest, true,
                                       options.ingest_wait);
    if (!lock || *lock == nullptr) {
      fail(s, lock ? "a pull or analyze is still writing " + options.db_path.string() +
                         "; nothing done (run again once it has finished)"
                   : "lock: " + lock.error());
      return done();
    }
    ingest_lock = std::move(*lock);
  }
  std::string error;
  auto snapshot = std::make_unique<store::ReadSnapshot>(store);
  if (!snapshot->status()) {
    fail(s, "database: " + snapshot->status().error());
    return done();
  }
  auto settle = settle_state(store, options.now_ms != 0 ? options.now_ms : clock_ms(),
                             config.om.usage_settle_hours);
  if (!settle) {
    fail(s, "database: " + settle.error());
    return done();
  }
  // The table index, one listing per schema.
  auto tables = plan_tables(store);
  if (!tables) {
    fail(s, "database: " + tables.error());
    return done();
  }
  std::vector<model::TableName> names;
  names.reserve(tables->size());
  for (const auto& t : *tables)
    names.push_back(t.parts);
  NameMapping mapping;
  mapping.service = config.service_name;
  mapping.database = !config.om.database_name.empty() ? config.om.database_name
                     : !config.database_name.empty()  ? config.database_name
                                                      : "default";
  if (!config.catalog_name.empty()) mapping.catalog = ascii_lower(config.catalog_name);
  TableIndex index(mapping);
  if (!index.load(client, names, error)) {
    fail(s, error);
    return done();
  }
  s.schemas_listed = static_cast<int64_t>(index.schemas_listed());
  s.list_requests = static_cast<int64_t>(index.list_requests());
  s.tables_known = static_cast<int64_t>(index.tables_known());

  // 3. The plan, and what of it OM does not hold yet.
  PlanOptions plan_options{config.service_name, s.today, options.since, config.om.query_entities,
                           settle->first_waiting_day};
  auto plan = build_plan(store, index, plan_options);
  if (!plan) {
    fail(s, "database: " + plan.error());
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
  s.usage_waiting_table_days = plan->usage_waiting_table_days;
  s.usage_waiting_days = static_cast<int64_t>(plan->usage_waiting_days.size());
  if (!plan->usage_waiting_days.empty()) {
    s.usage_waiting_from = settle->first_waiting_day;
    s.usage_waiting_reason = settle->reason;
  }
  store::Outbox outbox(store);
  auto delivered = outbox.delivered();
  if (!delivered) {
    fail(s, "database: " + delivered.error());
    return done();
  }
  auto open = outbox.open_rows();
  if (!open) {
    fail(s, "database: " + open.error());
    return done();
  }
  auto recorded = outbox.unrepresentable();
  if (!recorded) {
    fail(s, "database: " + recorded.error());
    return done();
  }
  auto previous = outbox.leftovers();
  if (!previous) {
    fail(s, "database: " + previous.error());
    return done();
  }
  snapshot.reset();
  ingest_lock.reset();
  Staged staged = stage(*plan, *delivered, *open, *recorded, options, config.om, s);
  s.unrepresentable_new = staged.unrepresentable;

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
    if (const util::Status enqueued = outbox.enqueue(staged.rows); !enqueued) {
      fail(s, "database: " + enqueued.error());
      return done();
    }
    for (const auto& u : staged.unrepresentable) {
      if (const util::Status recorded_u = outbox.record_unrepresentable(u); !recorded_u) {
        fail(s, "database: " + recorded_u.error());
        return done();
      }
    }
    auto pending = outbox.pending(options.retry_failed);
    if (!pending) {
      fail(s, "database: " + pending.error());
      return done();
    }
    Sender sender(client, outbox, std::move(*delivered), config.service_name, s);
    sender.send(std::move(*pending));
  }
  s.http_attempts = client.attempts();
  s.http_retries = client.retries();
  // Days OM cannot take, in the window: those recorded before and now.
  auto all_recorded = outbox.unrepresentable();
  if (all_recorded) {
    if (!options.dry_run) recorded = std::move(all_recorded);
    for (const auto& u : staged.unrepresentable)
      recorded->insert_or_assign(u.key, u);
    for (const auto& [key, u] : *recorded) {
      if (u.day >= s.window_start && u.day <= s.today) s.unrepresentable.push_back(u);
    }
  }
  s.usage_backfill_skipped = static_cast<int64_t>(s.unrepresentable.size());
  // Exit 1 only for what needs attention: a request still failing, or a leftover the previous
  // push did not have. The same leftovers as last time are a notice.
  const auto now_left = leftovers_of(s);
  s.leftovers = static_cast<int64_t>(now_left.size());
  for (const auto& l : now_left)
    s.leftovers_new += previous->contains(l) ? 0 : 1;
  if (!options.dry_run) {
    if (const util::Status replaced = outbox.replace_leftovers(now_left); !replaced)
      s.failures.push_back("outbox: " + replaced.error());
  }
  s.exit_code = !s.failures.empty() || s.leftovers_new > 0 ? 1 : 0;
  if (s.exit_code == 0 && s.leftovers > 0) {
    s.notice = std::to_string(s.leftovers) +
               " leftover(s) (tables OpenMetadata does not know, days it cannot take, unknown "
               "columns) as in the previous push; nothing new needs attention";
  }
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
  {
    int64_t count = 0;
    for (const auto& u : s.unrepresentable)
      count += u.count;
    std::snprintf(buf, sizeof buf,
                  "  usage days: %zu sent, %lld waiting (%lld table-days), %zu table-day(s) not "
                  "representable (%lld queries)\n",
                  s.usage_days_sent.size(), static_cast<long long>(s.usage_waiting_days),
                  static_cast<long long>(s.usage_waiting_table_days), s.unrepresentable.size(),
                  static_cast<long long>(count));
    out += buf;
  }
  if (!s.usage_waiting_from.empty()) {
    out += "  waiting:  usage from " + s.usage_waiting_from + " on (" + s.usage_waiting_reason +
           "); sent once settled\n";
  }
  if (s.usage_read_backs > 0 || s.usage_reconciled > 0) {
    out += "  usage:    " + std::to_string(s.usage_read_backs) +
           " write(s) without a reply read back; " + std::to_string(s.usage_reconciled) +
           " table-day(s) OpenMetadata already held as intended\n";
  }
  constexpr size_t kShown = 10;
  for (size_t i = 0; i < s.unrepresentable.size() && i < kShown; ++i) {
    const auto& u = s.unrepresentable[i];
    out += "  not representable: " + u.table_fqn + " " + u.day + ": " + std::to_string(u.count) +
           " queries (" + u.reason + ")\n";
  }
  if (s.unrepresentable.size() > kShown) {
    out += "  not representable: ... and " + std::to_string(s.unrepresentable.size() - kShown) +
           " more (--json lists all)\n";
  }
  for (size_t i = 0; i < s.skipped_tables.size() && i < kShown; ++i)
    out += "  skipped:  " + s.skipped_tables[i].name + " (" +
           std::to_string(s.skipped_tables[i].usage) + " queries): " + s.skipped_tables[i].reason +
           "\n";
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
  if (!s.notice.empty()) out += "  notice:   " + s.notice + "\n";
  return out;
}

std::string summary_json(const PushSummary& s) {
  using Writer = lineage::JsonWriter;
  std::string out;
  Writer w(out, false);
  w.begin_object();
  w.fields("exit_code", s.exit_code, "error", Writer::IfSet{s.error}, "server", s.server,
           "server_version", s.server_version);
  w.member_object("window", "since", s.window_start, "until", s.today);
  w.fields("tables_known", s.tables_known, "schemas_listed", s.schemas_listed, "list_requests",
           s.list_requests, "edges", s.edges, "edges_skipped", s.edges_skipped, "column_mappings",
           s.column_mappings, "columns_skipped", s.columns_skipped, "usage_rows_skipped",
           s.usage_rows_skipped, "usage_backfill_skipped", s.usage_backfill_skipped,
           "days_outside_window", s.days_outside_window, "queries_skipped", s.queries_skipped);
  w.member_object("usage_days", "sent", s.usage_days_sent.size(), "waiting", s.usage_waiting_days,
                  "waiting_table_days", s.usage_waiting_table_days, "waiting_from",
                  s.usage_waiting_from, "waiting_reason", s.usage_waiting_reason,
                  "not_representable", s.unrepresentable.size(), "not_representable_new",
                  s.unrepresentable_new.size(), "read_backs", s.usage_read_backs, "reconciled",
                  s.usage_reconciled);
  w.member_objects("not_representable", s.unrepresentable, [&w](const store::Unrepresentable& u) {
    w.fields("table", u.table_fqn, "day", u.day, "count", u.count, "reason", u.reason);
  });
  w.fields("leftovers", s.leftovers, "leftovers_new", s.leftovers_new, "notice",
           Writer::IfSet{s.notice});
  w.key("requests");
  w.begin_object();
  for (const auto& [kind, k] : s.kinds) {
    w.member_object(kind, "planned", k.planned, "unchanged", k.unchanged, "sent", k.sent, "failed",
                    k.failed, "pending", k.pending);
  }
  w.end_object();
  w.member_objects("skipped_tables", s.skipped_tables, [&w](const SkippedTable& t) {
    w.fields("name", t.name, "reason", t.reason, "usage", t.usage);
  });
  w.fields("s3_locations", s.s3_locations.size(), "failures", s.failures, "dry_run", s.dry_run,
           "dry_run_requests", s.dry_run_requests, "http_attempts", s.http_attempts, "http_retries",
           s.http_retries, "seconds", Writer::Fixed{s.seconds, 3});
  w.end_object();
  out += '\n';
  return out;
}

} // namespace athena::openmetadata
