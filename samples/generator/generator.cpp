#include "samples/generator/generator.h"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <deque>
#include <map>
#include <memory>
#include <set>
#include <vector>

#include "samples/generator/civil_time.h"
#include "samples/generator/dbt_runs.h"
#include "samples/generator/execution.h"
#include "samples/generator/json_writer.h"
#include "samples/generator/output_file.h"
#include "samples/generator/people.h"
#include "samples/generator/prepared.h"
#include "samples/generator/templates.h"
#include "samples/generator/truth.h"

namespace athena::samplegen {
namespace {

constexpr std::string_view kResultsBucket = "s3://acme-athena-results-123456789012-eu-west-1/";

struct Slot {
  int64_t submission_ms;
  uint32_t index;
  Activity activity;
};

// Draws when each query is submitted and why, then sorts by time: the content is generated in
// submission order, so "earlier in the history" is well defined (PREPARE before EXECUTE).
std::vector<Slot> plan_timeline(Rng& rng, const Options& o) {
  const People& p = people();
  std::vector<uint32_t> weights;
  for (const auto& a : p.activities)
    weights.push_back(a.weight);
  std::vector<Slot> slots;
  slots.reserve(static_cast<size_t>(o.queries));
  for (int64_t i = 0; i < o.queries; ++i) {
    const auto a = static_cast<size_t>(rng.weighted(weights));
    const ActivityProfile& prof = p.activities[a];
    int64_t day = rng.range(0, o.days - 1);
    for (int attempt = 0;
         attempt < 3 && weekday(o.start_day + day) >= 5 && !rng.chance(prof.weekend_per_mille);
         ++attempt) {
      day = rng.range(0, o.days - 1);
    }
    const auto hour = static_cast<int64_t>(rng.weighted(prof.hour_weight));
    const int64_t ms = (o.start_day + day) * kMillisPerDay + hour * 3'600'000 +
                       static_cast<int64_t>(rng.below(3'600'000));
    slots.push_back({ms, static_cast<uint32_t>(i), prof.activity});
  }
  std::sort(slots.begin(), slots.end(), [](const Slot& a, const Slot& b) {
    return a.submission_ms != b.submission_ms ? a.submission_ms < b.submission_ms
                                              : a.index < b.index;
  });
  for (size_t i = 1; i < slots.size(); ++i)
    slots[i].submission_ms = std::max(slots[i].submission_ms, slots[i - 1].submission_ms + 1);
  return slots;
}

ExecContext make_context(Rng& rng, Activity a) {
  ExecContext c;
  c.shape = ExecContext::Shape::kFull;
  c.catalog = "AwsDataCatalog";
  switch (a) {
  case Activity::kDbt:
    c.database = rng.chance(500) ? "staging" : "marts";
    c.catalog = "awsdatacatalog";
    break;
  case Activity::kAirflow:
    c.database = "staging";
    if (rng.chance(100)) c.shape = ExecContext::Shape::kAbsent;
    break;
  case Activity::kDdl:
    c.database = std::string(rng.pick({"default", "default", "raw_web", "raw_shop", "staging"}));
    if (rng.chance(200)) c.shape = ExecContext::Shape::kDatabaseOnly;
    break;
  case Activity::kBi:
  case Activity::kPrepared:
    c.database = "marts";
    if (rng.chance(700)) c.catalog = "awsdatacatalog";
    break;
  case Activity::kAnalyst:
  case Activity::kScience:
  case Activity::kUtility:
    c.database = std::string(rng.pick({"marts", "marts", "marts", "analytics", "staging", "default",
                                       "sandbox", "raw_shop", "raw_web"}));
    switch (rng.weighted({700, 100, 100, 100})) {
    case 1:
      c.shape = ExecContext::Shape::kDatabaseOnly;
      break;
    case 2:
      c.shape = ExecContext::Shape::kEmpty;
      break;
    case 3:
      c.shape = ExecContext::Shape::kAbsent;
      break;
    default:
      if (rng.chance(300)) c.catalog = "awsdatacatalog";
    }
    break;
  }
  if (!c.has_database()) c.database.clear();
  if (c.shape != ExecContext::Shape::kFull) c.catalog.clear();
  return c;
}

Env make_env(int64_t submission_ms) {
  Env e;
  e.day = submission_ms / kMillisPerDay;
  e.date = format_date(e.day);
  e.yesterday = format_date(e.day - 1);
  e.date_compact = format_date_compact(e.day);
  e.hour = static_cast<int>(submission_ms % kMillisPerDay / 3'600'000);
  return e;
}

const Template& pick_template(Rng& rng, std::span<const Template> family) {
  std::vector<uint32_t> w;
  w.reserve(family.size());
  for (const auto& t : family)
    w.push_back(t.weight);
  return family[rng.weighted(w)];
}

std::string dbt_comment(const Statement& s) {
  std::string node = std::string(s.dbt_resource) + ".lake.";
  // The model's relation: what it writes, or (the partitions query of a run) what it reads.
  if (!s.writes.empty() || !s.reads.empty()) {
    const std::string& t = s.writes.empty() ? *s.reads.begin() : *s.writes.begin();
    node += t.substr(t.rfind('.') + 1);
  } else {
    node += "unknown";
  }
  return "/* {\"app\": \"dbt\", \"dbt_version\": \"1.7.4\", \"profile_name\": \"lake\", "
         "\"target_name\": \"prod\", \"node_id\": \"" +
         node + "\"} */\n";
}

std::string schema_json() {
  std::map<std::string, const Table*> sorted;
  for (const auto& t : Lake::get().tables())
    sorted[t.qualified()] = &t;
  std::string out = "{";
  bool first = true;
  for (const auto& [name, t] : sorted) {
    out += first ? "\n  " : ",\n  ";
    first = false;
    append_json_string(out, name);
    out += ": [";
    bool first_col = true;
    for (const auto* cols : {&t->columns, &t->partitions}) {
      for (const auto& c : *cols) {
        out += first_col ? "\n    {\"name\": " : ",\n    {\"name\": ";
        first_col = false;
        append_json_string(out, c.name);
        out += ", \"type\": ";
        append_json_string(out, c.type);
        out += "}";
      }
    }
    out += "\n  ]";
  }
  out += "\n}\n";
  return out;
}

struct Counts {
  std::map<std::string, int64_t> by_state;
  std::map<std::string, int64_t> by_statement_type;
  std::map<std::string, int64_t> by_substatement_type;
  std::map<std::string, int64_t> by_workgroup;
  std::map<std::string, int64_t> by_failure;
  std::set<std::string> users;
  int64_t malformed = 0;
  int64_t max_query_bytes = 0;
};

void write_count_map(JsonWriter& w, std::string_view key, const std::map<std::string, int64_t>& m) {
  w.key(key);
  w.begin_object();
  for (const auto& [k, v] : m)
    w.member_int(k, v);
  w.end_object();
}

std::string_view failure_name(Failure f) {
  switch (f) {
  case Failure::kNone:
    return "none";
  case Failure::kSyntax:
    return "syntax_error";
  case Failure::kTableNotFound:
    return "table_not_found";
  case Failure::kSchemaNotFound:
    return "schema_not_found";
  case Failure::kPermission:
    return "permission_denied";
  case Failure::kTimeout:
    return "timeout";
  case Failure::kResources:
    return "resources_exhausted";
  case Failure::kBadData:
    return "bad_data";
  case Failure::kIcebergCommit:
    return "iceberg_commit_conflict";
  case Failure::kCancelled:
    return "cancelled";
  }
  return "none";
}

} // namespace

std::string generate(const Options& o) {
  std::error_code ec;
  std::filesystem::create_directories(o.out, ec);
  if (ec) return "cannot create output directory " + o.out.string() + ": " + ec.message();

  Rng rng(o.seed);
  std::vector<Slot> slots = plan_timeline(rng, o);
  const int64_t window_end = (o.start_day + o.days) * kMillisPerDay;
  // The last few queries are still running (or queued) when the history is pulled.
  const size_t open_count =
      std::min<size_t>(slots.size(), std::min<size_t>(25, 2 + slots.size() / 1000));
  const size_t first_open = slots.size() - open_count;
  for (size_t i = first_open; i < slots.size(); ++i) {
    const int64_t t =
        window_end - 600'000 + static_cast<int64_t>((i - first_open) * 600'000 / (open_count + 1));
    slots[i].submission_ms = std::max(t, i > 0 ? slots[i - 1].submission_ms + 1 : t);
  }

  BackgroundWriter writer; // declared before the files, so that it outlives them
  OutputFile json(writer), jsonl(writer), trail(writer);
  std::string err;
  if (o.write_json && !(err = json.open(o.out / "history.json")).empty()) return err;
  if (o.write_jsonl && !(err = jsonl.open(o.out / "history.jsonl")).empty()) return err;
  if (!(err = trail.open(o.out / "cloudtrail.json")).empty()) return err;
  json.write("{\"QueryExecutions\": [");
  trail.write("{\"Records\": [");

  const People& p = people();
  Truth truth;
  Counts counts;
  PreparedRegistry prepared;
  std::deque<Statement> dbt_pending; // the rest of the dbt run under way
  int64_t last_dbt_day = -1;         // the day of the last dbt run started
  std::string buf;
  std::string record;
  for (size_t i = 0; i < slots.size(); ++i) {
    const Slot& slot = slots[i];
    const ActivityProfile& prof = p.activities[static_cast<size_t>(slot.activity)];
    size_t user_index = prof.users[rng.below(prof.users.size())];
    const Workgroup* wg = &p.workgroups[prof.workgroups[rng.below(prof.workgroups.size())]];
    const ExecContext ctx = make_context(rng, slot.activity);
    const Env env = make_env(slot.submission_ms);
    SqlBuilder b(rng, ctx, prof.style);
    Statement stmt;
    switch (slot.activity) {
    case Activity::kDbt: {
      // A model's run is dbt-athena's whole statement sequence, over the next dbt slots. Every
      // slot draws a model as before (the random stream of the other activities stays as it
      // was); one is used when the previous run is done.
      const Template& t = pick_template(rng, dbt_templates());
      Statement model = t.fn(b, env);
      if (dbt_pending.empty()) {
        // The night's first run is a seed or a snapshot (dbt build runs them first), in turn.
        std::vector<Statement> run = env.day != last_dbt_day ? dbt_seed_or_snapshot_run(env)
                                                             : dbt_run(t.name, std::move(model));
        last_dbt_day = env.day;
        for (auto& s : run)
          dbt_pending.push_back(std::move(s));
      }
      stmt = std::move(dbt_pending.front());
      dbt_pending.pop_front();
      stmt.sql = dbt_comment(stmt) + stmt.sql;
      break;
    }
    case Activity::kAirflow:
      stmt = pick_template(rng, airflow_templates()).fn(b, env);
      break;
    case Activity::kDdl: {
      const Template& t = pick_template(rng, ddl_templates());
      if ((t.name == "ddl.msck_repair" || t.name == "ddl.add_partition") && rng.chance(800))
        user_index = p.airflow_user;
      // Engineers run DDL in primary; Airflow's partition maintenance runs in etl.
      wg = &p.workgroups[user_index == p.airflow_user ? p.etl_workgroup : p.primary_workgroup];
      stmt = t.fn(b, env);
      break;
    }
    case Activity::kBi:
      stmt = pick_template(rng, bi_templates()).fn(b, env);
      break;
    case Activity::kAnalyst: {
      const uint64_t size_class = rng.below(1000);
      if (size_class < 4) {
        stmt = large_select(b, env, static_cast<size_t>(rng.range(8'000, 50'000)));
      } else if (size_class < 30) {
        stmt = large_select(b, env, static_cast<size_t>(rng.range(2'000, 8'000)));
      } else {
        stmt = pick_template(rng, analyst_templates()).fn(b, env);
      }
      break;
    }
    case Activity::kScience:
      stmt = pick_template(rng, science_templates()).fn(b, env);
      break;
    case Activity::kUtility:
      stmt = pick_template(rng, utility_templates()).fn(b, env);
      break;
    case Activity::kPrepared:
      stmt = prepared.next(rng, wg->name, env);
      break;
    }

    Outcome outcome;
    if (i >= first_open) {
      outcome.state = rng.chance(650) ? State::kRunning : State::kQueued;
    } else {
      Failure f = pick_failure(rng, stmt);
      if (stmt.kind == Kind::kExecute &&
          (f == Failure::kTableNotFound || f == Failure::kSchemaNotFound))
        f = Failure::kPermission;
      if (f == Failure::kSyntax) {
        make_malformed(rng, stmt, outcome);
      } else if (f == Failure::kTableNotFound || f == Failure::kSchemaNotFound) {
        SqlBuilder missing(rng, ctx, NameStyle::kMixed);
        stmt = missing_table_select(missing, env, f == Failure::kSchemaNotFound, outcome);
      } else if (f != Failure::kNone) {
        describe_failure(rng, stmt, env, f, outcome);
      }
    }

    Execution e;
    e.id = make_uuid(rng);
    e.stmt = &stmt;
    e.workgroup = wg;
    e.user = &p.users[user_index];
    e.ctx = ctx;
    e.outcome = std::move(outcome);
    e.submission_ms = slot.submission_ms;
    const std::string_view ext = kind_info(stmt.kind).statement_type == "DML" ? ".csv" : ".txt";
    if (wg->name == "primary" || wg->name == "adhoc") {
      const std::string d = format_date(env.day);
      e.output_location = std::string(kResultsBucket) + "Unsaved/" + d.substr(0, 4) + "/" +
                          d.substr(5, 2) + "/" + d.substr(8, 2) + "/" + e.id + std::string(ext);
    } else {
      e.output_location = std::string(kResultsBucket) + wg->name + "/" + e.id + std::string(ext);
    }
    e.request_id = make_uuid(rng);
    e.event_id = make_uuid(rng);
    e.client_token = make_uuid(rng);
    fill_statistics(rng, e, window_end);

    // history.json holds one record per line (small committed sample, same shape as the API's
    // pretty output), so both history files share the one serialisation.
    record.clear();
    write_query_execution(record, e, false, 0);
    if (json.is_open()) {
      json.write(i == 0 ? "\n" : ",\n");
      json.write(record);
    }
    if (jsonl.is_open()) {
      record.push_back('\n');
      jsonl.write(record);
    }
    buf.assign(i == 0 ? "\n" : ",\n");
    write_cloudtrail_event(buf, e);
    trail.write(buf);

    truth.add(stmt, e.outcome.state, env.day, e.user->name);
    const KindInfo info = kind_info(stmt.kind);
    ++counts.by_state[std::string(to_string(e.outcome.state))];
    ++counts.by_statement_type[std::string(info.statement_type)];
    ++counts.by_substatement_type[std::string(stmt.substatement.empty() ? info.substatement_type
                                                                        : stmt.substatement)];
    ++counts.by_workgroup[wg->name];
    if (e.outcome.failure != Failure::kNone)
      ++counts.by_failure[std::string(failure_name(e.outcome.failure))];
    counts.users.insert(e.user->name);
    if (stmt.malformed) ++counts.malformed;
    counts.max_query_bytes =
        std::max<int64_t>(counts.max_query_bytes, static_cast<int64_t>(stmt.sql.size()));
  }
  json.write(slots.empty() ? "]}\n" : "\n]}\n");
  trail.write(slots.empty() ? "]}\n" : "\n]}\n");
  for (OutputFile* out : {&json, &jsonl, &trail})
    if (!(err = out->close()).empty()) return err;

  if (!(err = write_text_file(o.out / "schema.json", schema_json())).empty()) return err;
  if (!(err = truth.write(o.out)).empty()) return err;

  std::string manifest;
  JsonWriter w(manifest, true);
  w.begin_object();
  w.member("generator", "athena-samplegen");
  w.member_int("format_version", 1);
  w.key("seed");
  w.raw_number(std::to_string(o.seed));
  w.member_int("queries", o.queries);
  w.member_int("days", o.days);
  w.member("start_date", format_date(o.start_day));
  w.member("end_date", format_date(o.start_day + o.days - 1));
  w.member_int("users", static_cast<int64_t>(counts.users.size()));
  w.member_int("tables", static_cast<int64_t>(Lake::get().tables().size()));
  w.member_int("malformed_queries", counts.malformed);
  w.member_int("max_query_bytes", counts.max_query_bytes);
  write_count_map(w, "by_state", counts.by_state);
  write_count_map(w, "by_statement_type", counts.by_statement_type);
  write_count_map(w, "by_substatement_type", counts.by_substatement_type);
  write_count_map(w, "by_workgroup", counts.by_workgroup);
  write_count_map(w, "by_failure", counts.by_failure);
  w.member_int("usage_rows", static_cast<int64_t>(truth.usage_rows()));
  w.member_int("edges", static_cast<int64_t>(truth.edge_count()));
  w.member_int("column_edges", static_cast<int64_t>(truth.column_edge_count()));
  w.key("files");
  w.begin_array();
  if (o.write_json) w.string("history.json");
  if (o.write_jsonl) w.string("history.jsonl");
  for (const char* f : {"cloudtrail.json", "schema.json", "expected_usage.csv",
                        "expected_edges.csv", "expected_column_edges.csv", "manifest.json"})
    w.string(f);
  w.end_array();
  w.end_object();
  manifest += "\n";
  return write_text_file(o.out / "manifest.json", manifest);
}

} // namespace athena::samplegen
