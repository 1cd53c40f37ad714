// The pull job: Athena query history → raw_executions (before analysis) → analysis through
// the `analyze` pipeline. See pull_job.h for the crash-safety argument.
#include "src/pull/pull_job.h"

#include <chrono>
#include <cmath>
#include <memory>

#include <simdjson.h>

#include "src/athena/athena_client.h"
#include "src/athena/glue_catalog.h"
#include "src/auth/credentials_chain.h"
#include "src/auth/endpoint.h"
#include "src/config/aws_settings.h"
#include "src/pull/catalog_views.h"
#include "src/pull/fact_filter.h"
#include "src/readers/query_execution_json.h"
#include "src/store/pull_state.h"

namespace athena::pull {
namespace {

/// Raw executions per store transaction (several BatchGetQueryExecution replies).
constexpr std::size_t kFlushRows = 500;

int64_t clock_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::optional<int64_t> seconds_to_ms(double seconds) {
  if (seconds < 0 || !std::isfinite(seconds)) return std::nullopt;
  return std::llround(seconds * 1000.0);
}

class Job {
public:
  Job(const config::WorkflowConfig& config, const PullJobOptions& options, store::Store& store,
      PullSummary& summary)
      : config_(config), options_(options), store_(store), state_(store), s_(summary),
        now_ms_(options.now_ms != 0 ? options.now_ms : clock_ms()) {}

  void run() {
    if (std::string e = validate_window(options_.window); !e.empty()) {
      s_.fatal_error = e;
      return;
    }
    if (auto compiled = config_.compile_filters(filters_); !compiled) {
      s_.fatal_error = compiled.error();
      return;
    }
    util::Result<aws::ResolvedCredentials> resolved =
        aws::resolve_credentials(config::credential_settings(config_));
    if (!resolved) {
      s_.fatal_error = "credentials: " + resolved.error();
      return;
    }
    const aws::ResolvedCredentials& creds = *resolved;
    s_.credentials_provider = creds.provider;
    aws::Endpoint endpoint =
        aws::resolve_athena_endpoint(config::endpoint_settings(config_, creds.region));
    if (!endpoint.error.empty()) {
      s_.fatal_error = "endpoint: " + endpoint.error;
      return;
    }
    s_.region = endpoint.signing_region;
    s_.endpoint = endpoint.url;
    credentials_ = creds.credentials;
    aws::AthenaClient client(config::client_options(config_, endpoint), creds.credentials);
    std::vector<std::string> workgroups = pick_workgroups(client);
    if (!s_.fatal_error.empty()) return;
    pull_history(client, workgroups);
    if (!credentials_refused_error_.empty() && s_.fetched == 0) {
      // Nothing could be done with these credentials: a credentials error (exit 2).
      s_.fatal_error = "credentials: AWS refused them: " + credentials_refused_error_;
      return;
    }
    if (!s_.store_error.empty()) return; // what was stored stays queued for the next run
    lineage::SchemaCatalog catalog =
        options_.schemas != nullptr ? *options_.schemas : lineage::SchemaCatalog();
    if (options_.metadata) refresh_catalog(client);
    const util::Result<std::size_t> cached = load_cached_schemas(cache(), catalog);
    s_.schemas_known = catalog.size();
    if (!cached) warn("catalog metadata: cannot read the cache: " + cached.error());
    analyze(catalog);
  }

private:
  void warn(std::string message) {
    if (options_.warn) options_.warn(message);
    s_.warnings.push_back(std::move(message));
  }

  store::CatalogCache& cache() { return cache_; }

  std::vector<std::string> pick_workgroups(aws::AthenaClient& client) {
    std::vector<std::string> out = options_.workgroups;
    if (out.empty()) out = config::configured_workgroups(config_);
    if (!out.empty()) return out;
    auto listed = client.list_work_groups();
    if (listed.ok()) {
      for (const auto& wg : *listed) {
        if (wg.state.empty() || wg.state == "ENABLED") out.push_back(wg.name);
      }
    } else if (listed.error().code == "AccessDeniedException") {
      warn("ListWorkGroups was denied (missing permission athena:ListWorkGroups); pulling only "
           "the 'primary' workgroup");
      out.emplace_back("primary");
    } else if (aws::is_credentials_error(listed.error())) {
      s_.fatal_error = "credentials: AWS refused them: " + listed.error().describe();
    } else {
      s_.fatal_error = "cannot list the workgroups: " + listed.error().describe();
    }
    return out;
  }

  bool flush() {
    if (buffer_.empty()) return s_.store_error.empty();
    if (s_.store_error.empty()) {
      if (const util::Status stored = state_.put(buffer_); stored) {
        s_.stored_raw += buffer_.size();
      } else {
        s_.store_error = "cannot store raw executions: " + stored.error();
      }
    }
    buffer_.clear();
    return s_.store_error.empty();
  }

  WorkgroupSummary* entry(const std::string& name) {
    for (auto& w : s_.workgroups) {
      if (w.name == name) return &w;
    }
    return nullptr;
  }

  void pull_history(aws::AthenaClient& client, const std::vector<std::string>& workgroups) {
    aws::PullOptions po;
    po.workgroups = workgroups;
    for (const auto& name : workgroups) {
      WorkgroupSummary w;
      w.name = name;
      w.window = pull_window(config_, options_.window, state_.watermark(name),
                             state_.oldest_open_ms(name), now_ms_);
      po.workgroup_cutoffs[name] = static_cast<double>(w.window.cutoff_ms) / 1000.0;
      s_.workgroups.push_back(std::move(w));
    }
    po.known = [this](const std::string& id) -> std::optional<double> {
      auto ms = state_.terminal_submitted_ms(id);
      if (!ms) return std::nullopt;
      return static_cast<double>(*ms) / 1000.0;
    };
    po.on_batch = [this](std::vector<aws::FetchedExecution>&& batch) {
      s_.fetched += batch.size();
      for (auto& e : batch) {
        buffer_.push_back({std::move(e.id), std::move(e.workgroup),
                           seconds_to_ms(e.submission_time), std::move(e.state),
                           std::move(e.raw_json)});
      }
      if (buffer_.size() >= kFlushRows) flush();
    };
    po.on_workgroup_done = [this](const aws::WorkgroupOutcome& o) {
      // The workgroup's executions are committed before its watermark moves.
      const bool stored = flush();
      WorkgroupSummary* w = entry(o.workgroup);
      if (w == nullptr) return;
      w->listed = o.listed;
      w->fetched = o.fetched;
      w->skipped_known = o.skipped_known;
      w->fetched_one_by_one = o.fetched_one_by_one;
      if (o.credentials_refused) credentials_refused_error_ = o.error;
      w->complete = o.complete && stored;
      w->error = !stored ? s_.store_error : o.error;
      if (!w->complete) return;
      store::PullWatermark mark{w->window.cutoff_ms, now_ms_};
      if (auto newest = seconds_to_ms(o.newest_submission)) {
        mark.newest_ms = std::max(mark.newest_ms, *newest);
      }
      if (auto old = state_.watermark(o.workgroup)) {
        mark.newest_ms = std::max(mark.newest_ms, old->newest_ms);
      }
      if (const util::Status marked = state_.set_watermark(o.workgroup, mark); marked) {
        w->watermark_ms = mark.newest_ms;
      } else {
        warn("workgroup " + o.workgroup + ": cannot store the watermark: " + marked.error());
      }
    };
    po.warn = [this](const std::string& m) { warn(m); };
    client.pull(po);
    flush();
  }

  /// Parses queued raw executions; `fn` gets the usable ones.
  bool for_each_queued(bool report, const std::function<void(model::QueryRecord&&)>& fn) {
    simdjson::dom::parser parser;
    const util::Status read = state_.for_each_pending([&](store::RawExecution&& raw) {
      model::QueryRecord record;
      if (const util::Status taken = readers::query_execution_from_json(parser, raw.json, record);
          !taken) {
        if (report) {
          ++s_.bad_records;
          warn("raw execution " + raw.id + ": " + taken.error() + "; not analyzed");
        }
        return;
      }
      record.origin = "raw_executions:" + raw.id;
      fn(std::move(record));
    });
    if (!read && report) s_.analysis.error = "cannot read queued raw executions: " + read.error();
    return read.ok();
  }

  void refresh_catalog(aws::AthenaClient& client) {
    TouchedNames touched;
    for_each_queued(false, [&](model::QueryRecord&& r) { touched.add(r); });
    MetadataOptions mo;
    mo.now_ms = now_ms_;
    mo.catalogs = config::configured_catalogs(config_);
    mo.filters = &filters_;
    mo.warn = [this](const std::string& m) { warn(m); };
    std::unique_ptr<aws::AthenaClient> glue;
    aws::Endpoint glue_endpoint =
        aws::resolve_service_endpoint("glue", config::glue_endpoint_settings(config_, s_.region));
    if (glue_endpoint.error.empty()) {
      glue = std::make_unique<aws::AthenaClient>(
          aws::glue_client_options(config::client_options(config_, glue_endpoint), glue_endpoint),
          credentials_);
      mo.glue = glue.get();
    } else {
      warn("catalog metadata: no Glue endpoint (" + glue_endpoint.error +
           "); using athena:ListTableMetadata");
    }
    s_.metadata = refresh_metadata(client, cache_, touched, mo);
  }

  void analyze(lineage::SchemaCatalog& catalog) {
    analysis::PipelineOptions po;
    po.threads = options_.threads;
    po.progress = options_.progress;
    po.fact_filter = [this](model::QueryFacts& f) { filter_facts(filters_, f); };
    if (auto views = cached_view_definitions(cache()); views) {
      po.catalog_records = std::move(*views);
    } else {
      warn("catalog metadata: cannot read the views: " + views.error());
    }
    bool read_ok = true;
    auto replay = [&](bool schema_pass, const std::function<void(model::QueryRecord &&)>& sink) {
      const bool ok = for_each_queued(!schema_pass, [&](model::QueryRecord&& r) {
        if (!schema_pass) ++s_.queued;
        sink(std::move(r));
      });
      if (!ok) read_ok = false;
    };
    std::string error = s_.analysis.error;
    s_.analysis = analysis::run_pipeline_records(replay, po, catalog, store_);
    if (s_.analysis.error.empty() && !error.empty()) s_.analysis.error = error;
    if (!read_ok || !s_.analysis.error.empty()) return; // stays queued for the next run
    if (const util::Status cleared = state_.clear_pending(); !cleared) {
      warn("cannot empty the analysis queue (the next run re-checks it): " + cleared.error());
    }
  }

  const config::WorkflowConfig& config_;
  const PullJobOptions& options_;
  store::Store& store_;
  store::PullState state_;
  store::CatalogCache cache_{store_};
  PullSummary& s_;
  const int64_t now_ms_;
  config::EntityFilters filters_;
  std::vector<store::RawExecution> buffer_;
  std::string credentials_refused_error_;
  std::shared_ptr<aws::CachingCredentials> credentials_;
};

} // namespace

bool PullSummary::complete() const {
  if (!fatal_error.empty() || !store_error.empty() || !analysis.error.empty()) return false;
  if (bad_records > 0) return false;
  for (const auto& w : workgroups) {
    if (!w.complete || !w.error.empty()) return false;
  }
  return true;
}

int PullSummary::exit_code() const {
  if (!fatal_error.empty()) return 2;
  return complete() ? 0 : 1;
}

PullSummary run_pull(const config::WorkflowConfig& config, const PullJobOptions& options,
                     store::Store& store) {
  PullSummary summary;
  Job job(config, options, store, summary);
  job.run();
  return summary;
}

} // namespace athena::pull
