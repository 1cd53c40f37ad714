#include "src/openlineage/run_step.h"

#include <cstdlib>

namespace athena::openlineage {
namespace {

std::string env(const char* name) {
  const char* v = std::getenv(name);
  return v != nullptr ? std::string(v) : std::string();
}

std::chrono::milliseconds seconds_ms(double s) {
  return std::chrono::milliseconds(static_cast<long long>(s * 1000.0));
}

} // namespace

util::Secret api_key(const util::Secret& configured) {
  if (!configured.empty()) return configured;
  return util::Secret(env("OPENLINEAGE_API_KEY"));
}

std::string region(const std::string& flag, const config::WorkflowConfig* config) {
  if (!flag.empty()) return flag;
  if (config != nullptr) {
    if (config->open_lineage && !config->open_lineage->region.empty())
      return config->open_lineage->region;
    if (!config->aws.region.empty()) return config->aws.region;
  }
  if (std::string r = env("AWS_REGION"); !r.empty()) return r;
  return env("AWS_DEFAULT_REGION");
}

ExportOptions options_from_config(const config::WorkflowConfig& config) {
  const config::OpenLineageSinkOptions& o = *config.open_lineage;
  ExportOptions e;
  e.url = o.url;
  e.job_namespace = o.job_namespace;
  e.region = region("", &config);
  e.sender.api_key = api_key(o.api_key);
  e.sender.ca_bundle = config.lineage.ca_bundle;
  e.sender.max_attempts = o.max_attempts;
  e.sender.retry_base_seconds = o.retry_base_seconds;
  e.sender.max_backoff_seconds = o.max_backoff_seconds;
  e.sender.parallel_requests = static_cast<std::size_t>(o.parallel_requests);
  e.sender.connect_timeout = seconds_ms(config.lineage.connect_timeout_seconds);
  e.sender.total_timeout = seconds_ms(config.lineage.request_timeout_seconds);
  return e;
}

int run_step(const config::WorkflowConfig& config, store::Store& store, bool dry_run,
             std::ostream* dry_run_out, std::ostream& summary) {
  if (!config.open_lineage) return 0;
  ExportOptions options = options_from_config(config);
  options.dry_run = dry_run;
  options.dry_run_out = dry_run_out;
  const ExportSummary s = run_export(options, store);
  if (s.exit_code == 2) {
    summary << "openlineage: error: " << s.error << "\n";
    return 1; // the source step did its work: the run is incomplete, not failed to start
  }
  summary << summary_text(s);
  return s.exit_code;
}

} // namespace athena::openlineage
