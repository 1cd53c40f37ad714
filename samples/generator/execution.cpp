#include "samples/generator/execution.h"

#include <algorithm>

#include "samples/generator/civil_time.h"
#include "samples/generator/json_writer.h"

namespace athena::samplegen {

std::string make_uuid(Rng& rng) {
  static constexpr char kHex[] = "0123456789abcdef";
  uint64_t hi = rng.next();
  uint64_t lo = rng.next();
  hi = (hi & ~uint64_t{0xf000}) | 0x4000;                     // version 4
  lo = (lo & ~(uint64_t{0xc} << 60)) | (uint64_t{0x8} << 60); // RFC 4122 variant
  std::string out;
  out.reserve(36);
  for (int i = 0; i < 32; ++i) {
    if (i == 8 || i == 12 || i == 16 || i == 20) out.push_back('-');
    const uint64_t word = i < 16 ? hi : lo;
    const int shift = 60 - 4 * (i % 16);
    out.push_back(kHex[(word >> shift) & 0xf]);
  }
  return out;
}

namespace {

bool writes_data(Kind k) {
  return k == Kind::kInsert || k == Kind::kCtas || k == Kind::kMerge || k == Kind::kUpdate ||
         k == Kind::kDelete || k == Kind::kUnload;
}

int64_t partial(Rng& rng, int64_t value) {
  return value / 100 * rng.range(1, 90);
}

} // namespace

void fill_statistics(Rng& rng, Execution& e, int64_t now_ms) {
  const Statement& s = *e.stmt;
  const KindInfo info = kind_info(s.kind);
  Statistics& st = e.stats;
  st.queue_ms = rng.chance(950) ? rng.range(15, 450) : rng.range(1000, 120000);
  st.preprocessing_ms = rng.range(8, 140);
  st.service_processing_ms = writes_data(s.kind) ? rng.range(150, 4000) : rng.range(12, 600);
  const Failure f = e.outcome.failure;
  int64_t engine = 0;
  int64_t bytes = 0;
  int64_t planning = 0;
  if (!info.data) {
    engine = s.kind == Kind::kRepairTable ? rng.range(2000, 90000) : rng.range(120, 2500);
  } else if (f == Failure::kSyntax || f == Failure::kTableNotFound ||
             f == Failure::kSchemaNotFound) {
    engine = rng.range(60, 600);
  } else {
    if (s.scan_scale_log2 > 0) {
      const int lo = static_cast<int>(std::max<int64_t>(10, s.scan_scale_log2 - 6));
      const int hi = static_cast<int>(std::min<int64_t>(43, s.scan_scale_log2 + 3));
      bytes = static_cast<int64_t>(rng.log_uniform(lo, hi));
    }
    const int64_t rate = rng.range(60'000, 900'000); // bytes per millisecond
    engine = 250 + bytes / rate + rng.range(0, 1500);
    const int64_t planning_base = rng.range(40, 200);
    planning = std::min(engine, planning_base + engine / rng.range(5, 20));
    if (e.workgroup->result_reuse && s.kind == Kind::kSelect && f == Failure::kNone &&
        rng.chance(150)) {
      st.reused = true;
      bytes = 0;
      engine = rng.range(40, 250);
      planning = 0;
    }
    switch (f) {
    case Failure::kTimeout:
      engine = 1'800'000 + rng.range(0, 3000);
      break;
    case Failure::kResources:
      engine = rng.range(20'000, 900'000);
      bytes = partial(rng, bytes);
      break;
    case Failure::kPermission:
      engine = rng.range(200, 3000);
      bytes = 0;
      break;
    case Failure::kBadData:
    case Failure::kCancelled:
      engine = rng.range(std::min<int64_t>(500, engine), engine);
      bytes = partial(rng, bytes);
      break;
    default:
      break;
    }
    planning = std::min(planning, engine);
  }
  st.engine_ms = engine;
  st.scanned_bytes = bytes;
  st.planning_ms = planning;
  const State state = e.outcome.state;
  if (state == State::kRunning || state == State::kQueued) {
    const int64_t elapsed = std::max<int64_t>(1, now_ms - e.submission_ms);
    st.has_service_processing = false;
    if (state == State::kQueued) {
      st.queue_ms = elapsed;
      st.engine_ms = 0;
      st.scanned_bytes = 0;
      st.planning_ms = 0;
      st.preprocessing_ms = 0;
    } else {
      st.queue_ms = std::min(st.queue_ms, elapsed / 3);
      st.preprocessing_ms = std::min(st.preprocessing_ms, elapsed / 10);
      st.engine_ms = elapsed - st.queue_ms - st.preprocessing_ms;
      st.planning_ms = std::min(st.planning_ms, st.engine_ms);
      st.scanned_bytes = partial(rng, st.scanned_bytes);
    }
    st.total_ms = elapsed;
    e.completion_ms = 0;
    return;
  }
  st.total_ms = st.queue_ms + st.preprocessing_ms + st.engine_ms + st.service_processing_ms;
  e.completion_ms = e.submission_ms + st.total_ms + rng.range(0, 25);
  if (state == State::kSucceeded &&
      (s.kind == Kind::kInsert || s.kind == Kind::kCtas || s.kind == Kind::kUnload)) {
    std::string loc = e.output_location;
    loc.resize(loc.rfind('.'));
    st.manifest_location = loc + "-manifest.csv";
  }
}

void write_query_execution(std::string& out, const Execution& e, bool pretty, int indent) {
  const Statement& s = *e.stmt;
  const KindInfo info = kind_info(s.kind);
  JsonWriter w(out, pretty, indent);
  w.begin_object();
  w.member("QueryExecutionId", e.id);
  w.member("Query", s.sql);
  w.member("StatementType", info.statement_type);
  w.key("ResultConfiguration");
  w.begin_object();
  w.member("OutputLocation", e.output_location);
  w.end_object();
  w.key("ResultReuseConfiguration");
  w.begin_object();
  w.key("ResultReuseByAgeConfiguration");
  w.begin_object();
  w.member_bool("Enabled", e.workgroup->result_reuse);
  if (e.workgroup->result_reuse) w.member_int("MaxAgeInMinutes", 60);
  w.end_object();
  w.end_object();
  if (e.ctx.shape != ExecContext::Shape::kAbsent) {
    w.key("QueryExecutionContext");
    w.begin_object();
    if (e.ctx.has_database()) w.member("Database", e.ctx.database);
    if (e.ctx.shape == ExecContext::Shape::kFull) w.member("Catalog", e.ctx.catalog);
    w.end_object();
  }
  w.key("Status");
  w.begin_object();
  w.member("State", to_string(e.outcome.state));
  w.key("SubmissionDateTime");
  w.raw_number(format_epoch_seconds(e.submission_ms));
  const bool terminal = e.outcome.state != State::kRunning && e.outcome.state != State::kQueued;
  if (terminal) {
    w.key("CompletionDateTime");
    w.raw_number(format_epoch_seconds(e.completion_ms));
  }
  if (!e.outcome.reason.empty()) w.member("StateChangeReason", e.outcome.reason);
  if (e.outcome.has_error) {
    w.key("AthenaError");
    w.begin_object();
    w.member_int("ErrorCategory", e.outcome.error_category);
    w.member_int("ErrorType", e.outcome.error_type);
    w.member_bool("Retryable", e.outcome.retryable);
    w.member("ErrorMessage", e.outcome.error_message);
    w.end_object();
  }
  w.end_object();
  const Statistics& st = e.stats;
  w.key("Statistics");
  w.begin_object();
  w.member_int("EngineExecutionTimeInMillis", st.engine_ms);
  w.member_int("DataScannedInBytes", st.scanned_bytes);
  w.member_int("TotalExecutionTimeInMillis", st.total_ms);
  w.member_int("QueryQueueTimeInMillis", st.queue_ms);
  w.member_int("ServicePreProcessingTimeInMillis", st.preprocessing_ms);
  w.member_int("QueryPlanningTimeInMillis", st.planning_ms);
  if (st.has_service_processing)
    w.member_int("ServiceProcessingTimeInMillis", st.service_processing_ms);
  if (!st.manifest_location.empty()) w.member("DataManifestLocation", st.manifest_location);
  w.key("ResultReuseInformation");
  w.begin_object();
  w.member_bool("ReusedPreviousResult", st.reused);
  w.end_object();
  w.end_object();
  w.member("WorkGroup", e.workgroup->name);
  w.key("EngineVersion");
  w.begin_object();
  w.member("SelectedEngineVersion", e.workgroup->selected_engine);
  w.member("EffectiveEngineVersion", "Athena engine version 3");
  w.end_object();
  w.member("SubstatementType", s.substatement.empty() ? info.substatement_type : s.substatement);
  w.end_object();
}

void write_cloudtrail_event(std::string& out, const Execution& e) {
  const User& u = *e.user;
  const std::string account(kAccountId);
  JsonWriter w(out, false);
  w.begin_object();
  w.member("eventVersion", "1.09");
  w.key("userIdentity");
  w.begin_object();
  if (u.assumed_role) {
    w.member("type", "AssumedRole");
    w.member("principalId", u.principal + ":" + u.name);
    w.member("arn", "arn:aws:sts::" + account + ":assumed-role/" + u.role + "/" + u.name);
    w.member("accountId", account);
    w.member("accessKeyId", "ASIA" + u.principal.substr(4, 16));
    w.key("sessionContext");
    w.begin_object();
    w.key("sessionIssuer");
    w.begin_object();
    w.member("type", "Role");
    w.member("principalId", u.principal);
    w.member("arn", "arn:aws:iam::" + account + ":role" + u.role_path + u.role);
    w.member("accountId", account);
    w.member("userName", u.role);
    w.end_object();
    w.key("webIdFederationData");
    w.begin_object();
    w.end_object();
    w.key("attributes");
    w.begin_object();
    w.member("creationDate", format_iso_seconds(e.submission_ms - e.submission_ms % 3'600'000));
    w.member("mfaAuthenticated", "false");
    w.end_object();
    w.end_object();
  } else {
    w.member("type", "IAMUser");
    w.member("principalId", u.principal);
    w.member("arn", "arn:aws:iam::" + account + ":user/" + u.name);
    w.member("accountId", account);
    w.member("accessKeyId", "AKIA" + u.principal.substr(4, 16));
    w.member("userName", u.name);
  }
  w.end_object();
  w.member("eventTime", format_iso_seconds(e.submission_ms));
  w.member("eventSource", "athena.amazonaws.com");
  w.member("eventName", "StartQueryExecution");
  w.member("awsRegion", kRegion);
  w.member("sourceIPAddress", u.source_ip);
  w.member("userAgent", u.user_agent);
  w.key("requestParameters");
  w.begin_object();
  w.member("queryString", e.stmt->sql);
  w.member("clientRequestToken", e.client_token);
  if (e.ctx.shape != ExecContext::Shape::kAbsent) {
    w.key("queryExecutionContext");
    w.begin_object();
    if (e.ctx.has_database()) w.member("database", e.ctx.database);
    if (e.ctx.shape == ExecContext::Shape::kFull) w.member("catalog", e.ctx.catalog);
    w.end_object();
  }
  w.member("workGroup", e.workgroup->name);
  w.end_object();
  w.key("responseElements");
  w.begin_object();
  w.member("queryExecutionId", e.id);
  w.end_object();
  w.member("requestID", e.request_id);
  w.member("eventID", e.event_id);
  w.member_bool("readOnly", false);
  w.member("eventType", "AwsApiCall");
  w.member_bool("managementEvent", true);
  w.member("recipientAccountId", account);
  w.member("eventCategory", "Management");
  w.end_object();
}

} // namespace athena::samplegen
