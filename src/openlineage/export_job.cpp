#include "src/openlineage/export_job.h"

#include <chrono>
#include <filesystem>
#include <fstream>

#include "src/openlineage/events.h"
#include "src/readers/time_text.h"
#include "src/store/lineage_runs.h"
#include "src/store/ol_outbox.h"

namespace athena::openlineage {
namespace {

/// Events are recorded in the outbox in transactions of this many runs.
constexpr size_t kEnqueueBatch = 500;

ExportSummary fail(ExportSummary s, std::string error) {
  s.exit_code = 2;
  s.error = std::move(error);
  return s;
}

std::optional<int64_t> since_ms(const std::string& since, std::string& error) {
  if (since.empty()) return std::nullopt;
  const bool shape = since.size() == 10 && since[4] == '-' && since[7] == '-';
  std::optional<int64_t> ms = shape ? readers::parse_datetime_ms(since) : std::nullopt;
  if (!ms) error = "--since: expected a date YYYY-MM-DD, found \"" + since + "\"";
  return ms;
}

} // namespace

ExportSummary run_export(const ExportOptions& options, store::Store& store) {
  const auto started = std::chrono::steady_clock::now();
  ExportSummary s;
  s.dry_run = options.dry_run;
  std::string error;
  const std::optional<int64_t> since = since_ms(options.since, error);
  if (!error.empty()) return fail(s, error);
  if (options.region.empty())
    return fail(s, "no AWS region for the dataset namespace: give --region (or set AWS_REGION)");
  if (options.url.empty() == options.out_file.empty())
    return fail(s, "give exactly one of --url and --out");
  const util::Result<std::map<std::string, store::TableColumns>> columns =
      store::known_table_columns(store);
  if (!columns) return fail(s, columns.error());
  EventContext ctx;
  ctx.job_namespace = options.job_namespace;
  ctx.region = options.region;
  ctx.columns = &*columns;
  store::LineageRunSelection selection;
  selection.since_ms = since;

  std::ostream* sink = options.dry_run_out;
  std::ofstream file;
  if (!options.out_file.empty()) {
    s.destination = options.out_file;
    s.to_file = true;
    if (!options.dry_run) {
      file.open(options.out_file, std::ios::binary | std::ios::trunc);
      if (!file) return fail(s, options.out_file + ": cannot be written");
      sink = &file;
    }
    const util::Status read =
        store::for_each_lineage_run(store, selection, [&](store::LineageRun&& run) {
          ++s.runs;
          for (const auto& e : build_events(run, ctx)) {
            ++s.by_type[e.event_type];
            ++s.written;
            if (sink != nullptr) *sink << e.body << '\n';
          }
          return true;
        });
    if (!read) return fail(s, read.error());
    if (file.is_open()) {
      file.flush();
      if (!file) return fail(s, options.out_file + ": write failed");
    }
    s.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return s;
  }

  SenderOptions sender = options.sender;
  sender.endpoint = lineage_endpoint(options.url);
  s.destination = endpoint_key(sender.endpoint);
  store::OlOutbox outbox(store, s.destination);
  selection.skip_recorded_for = s.destination;
  // Record what is new (or, with --dry-run, print it), a batch of runs per transaction.
  std::vector<store::OlEvent> batch;
  size_t batch_runs = 0;
  auto flush = [&] {
    if (!options.dry_run) {
      if (const util::Status recorded = outbox.enqueue(batch); !recorded) {
        error = recorded.error();
        return false;
      }
    }
    batch.clear();
    batch_runs = 0;
    return true;
  };
  bool enqueued = true;
  const util::Status read =
      store::for_each_lineage_run(store, selection, [&](store::LineageRun&& run) {
        ++s.runs;
        for (auto& e : build_events(run, ctx)) {
          ++s.by_type[e.event_type];
          if (options.dry_run) {
            ++s.written;
            ++s.to_send;
            if (sink != nullptr) *sink << e.body << '\n';
          } else {
            batch.push_back(std::move(e));
          }
        }
        if (++batch_runs >= kEnqueueBatch && !flush()) return enqueued = false;
        return true;
      });
  if (!read) return fail(s, read.error());
  if (!enqueued || !flush()) return fail(s, error);
  util::Result<std::vector<store::OlEvent>> pending = outbox.pending(options.retry_failed);
  if (!pending) return fail(s, pending.error());
  if (options.dry_run) {
    // Recorded earlier but not delivered yet: they would be sent too.
    for (const auto& e : *pending) {
      ++s.written;
      ++s.to_send;
      if (sink != nullptr) *sink << e.body << '\n';
    }
  } else {
    s.to_send = static_cast<int64_t>(pending->size());
    Sender delivery(std::move(sender), outbox);
    s.send = delivery.send(*pending);
    if (s.send.unauthorized) s.exit_code = 1;
    if (s.send.failed > 0 || s.send.pending > 0) s.exit_code = 1;
  }
  s.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return s;
}

std::string summary_text(const ExportSummary& s) {
  std::string out = "openlineage: " + std::to_string(s.runs) +
                    (s.to_file ? " run(s), events" : " new run(s), events");
  bool first = true;
  for (const auto& [type, n] : s.by_type) {
    out += (first ? " " : ", ") + type + " " + std::to_string(n);
    first = false;
  }
  if (first) out += " none";
  out += "\n";
  if (s.dry_run) {
    out += "openlineage: dry run, " + std::to_string(s.written) + " event(s) printed for " +
           s.destination + "\n";
  } else if (s.to_file) {
    out += "openlineage: " + std::to_string(s.written) + " event(s) written to " + s.destination +
           "\n";
  } else {
    out += "openlineage: " + s.destination + ": sent " + std::to_string(s.send.sent) +
           ", refused " + std::to_string(s.send.failed) + ", pending " +
           std::to_string(s.send.pending) + " (" + std::to_string(s.send.attempts) +
           " request(s), " + std::to_string(s.send.retries) + " retried)\n";
  }
  constexpr size_t kShown = 20;
  for (size_t i = 0; i < s.send.failures.size() && i < kShown; ++i)
    out += "  " + s.send.failures[i] + "\n";
  if (s.send.failures.size() > kShown)
    out += "  ... and " + std::to_string(s.send.failures.size() - kShown) + " more\n";
  return out;
}

} // namespace athena::openlineage
