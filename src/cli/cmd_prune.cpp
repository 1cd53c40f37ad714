// `athena-lineage prune`: retention for a database that lives for years (CONTRACT.md).
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <optional>
#include <string>

#include "lineage/json_writer.h"
#include "src/cli/commands.h"
#include "src/cli/ingest_lock.h"
#include "src/cli/prune_step.h"
#include "src/cli/store_access.h"
#include "src/readers/time_text.h"

namespace athena::cli {

namespace {

std::string with_commas(int64_t n) {
  std::string digits = std::to_string(n);
  std::string out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0 && digits[i - 1] != '-') out += ',';
    out += digits[i];
  }
  return out;
}

struct PruneArgs {
  std::string db = "athena-lineage.db";
  int keep_days = -1; ///< -1: not given
  int keep_raw_days = -1;
  bool dry_run = false;
};

int run_prune(const PruneArgs& a) {
  auto usage = [](const char* m) {
    std::fprintf(stderr, "athena-lineage: error: %s\n", m);
    return static_cast<int>(ExitCode::kUsageOrIo);
  };
  if (a.keep_days < 0 && a.keep_raw_days < 0) {
    return usage("prune needs --keep-days N or --keep-raw-days N (days to keep)");
  }
  store::PruneOptions options;
  if (a.keep_days >= 0) options.keep_days = a.keep_days;
  if (a.keep_raw_days >= 0) options.keep_raw_days = a.keep_raw_days;
  options.dry_run = a.dry_run;
  options.now_ms = prune_now_ms();
  if (options.now_ms < 0) return usage("ATHENA_LINEAGE_TODAY is not a date YYYY-MM-DD");
  auto store = open_store_for_sink(a.db);
  if (!store) return static_cast<int>(ExitCode::kUsageOrIo);
  // Like analyze: a push reads its snapshot before or after, never in the middle.
  const auto ingest = hold_ingest_lock(a.db);
  if (!ingest) return static_cast<int>(ExitCode::kUsageOrIo);
  const PruneOutcome out = run_prune_step(*store, options);
  if (!out.error.empty()) std::fprintf(stderr, "athena-lineage: error: %s\n", out.error.c_str());
  std::fputs(out.text.c_str(), stdout);
  return out.exit_code;
}

} // namespace

int64_t prune_now_ms() {
  const char* today = std::getenv("ATHENA_LINEAGE_TODAY");
  if (today == nullptr || *today == '\0') return 0;
  const std::string t(today);
  const auto ms = readers::parse_datetime_ms(t);
  if (t.size() != 10 || !ms) return -1;
  return *ms;
}

PruneOutcome run_prune_step(store::Store& store, const store::PruneOptions& options) {
  PruneOutcome out;
  const util::Result<store::PruneResult> pruned = store::prune(store, options);
  if (!pruned) {
    out.exit_code = static_cast<int>(ExitCode::kUsageOrIo);
    out.error = "prune: " + pruned.error();
    out.text = "prune: failed (what was committed stays; safe to run again)\n";
    out.json = prune_error_json(out.error);
    return out;
  }
  const store::PruneResult& r = *pruned;
  const bool dry = options.dry_run;
  std::string t = dry ? "prune (dry run, nothing changed):\n" : "prune:\n";
  auto line = [&](const char* label, const std::string& value) {
    char buf[128];
    std::snprintf(buf, sizeof buf, "  %-22s", label);
    t += buf;
    t += value;
    t += '\n';
  };
  if (!r.cutoff_day.empty()) {
    line("queries before:", r.cutoff_day);
    line(dry ? "would remove:" : "removed:", with_commas(r.queries_removed) + " queries");
    line(dry ? "would trim:" : "trimmed:",
         with_commas(r.queries_trimmed) + " queries (kept as lineage evidence, without text)");
    line("texts:", with_commas(r.texts_removed) + (dry ? " would go" : " removed"));
    line("days:", with_commas(r.days));
  }
  if (!r.raw_cutoff_day.empty()) {
    line("raw records before:", r.raw_cutoff_day);
    line(dry ? "would remove:" : "removed:", with_commas(r.raw_removed) + " raw records");
  }
  const auto mib = [&](int64_t pages) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.1f MiB",
                  static_cast<double>(pages * r.page_size) / (1024.0 * 1024.0));
    return std::string(buf);
  };
  line("file:", dry ? mib(r.pages_before)
                    : mib(r.pages_before) + " -> " + mib(r.pages_after) + " (" +
                          with_commas(r.pages_before) + " -> " + with_commas(r.pages_after) +
                          " pages)");
  for (const auto& h : r.held)
    t += "  kept back: " + with_commas(h.queries) + " queries " + h.reason + "\n";
  out.exit_code = r.held.empty() ? 0 : static_cast<int>(ExitCode::kPartial);
  out.text = t;
  out.json = prune_json(r, dry);
  return out;
}

std::string prune_error_json(const std::string& error) {
  return lineage::json_object("error", error);
}

std::string prune_json(const store::PruneResult& r, bool dry_run) {
  std::string out;
  lineage::JsonWriter w(out, /*pretty=*/false);
  w.begin_object();
  w.fields("dry_run", dry_run, "cutoff_day", r.cutoff_day, "raw_cutoff_day", r.raw_cutoff_day,
           "queries_removed", r.queries_removed, "queries_trimmed", r.queries_trimmed,
           "texts_removed", r.texts_removed, "raw_removed", r.raw_removed, "pages_before",
           r.pages_before, "pages_after", r.pages_after);
  w.member_objects("kept_back", r.held, [&w](const store::PruneHold& h) {
    w.fields("queries", h.queries, "reason", h.reason);
  });
  w.end_object();
  return out;
}

void add_prune_command(CLI::App& app, int& exit_code) {
  auto a = std::make_shared<PruneArgs>();
  auto* cmd = app.add_subcommand(
      "prune", "Remove per-query rows and raw records older than N days (aggregates, edges and "
               "what a sink has not delivered stay); exit 1 when something old was kept back");
  cmd->add_option("--db", a->db, "SQLite database file (default athena-lineage.db)");
  cmd->add_option("--keep-days", a->keep_days,
                  "keep per-query facts and SQL texts of the last N days")
      ->check(CLI::Range(0, 100000));
  cmd->add_option("--keep-raw-days", a->keep_raw_days,
                  "keep raw API records of the last N days (default: --keep-days)")
      ->check(CLI::Range(0, 100000));
  cmd->add_flag("--dry-run", a->dry_run, "print what would be removed and change nothing");
  cmd->callback([&exit_code, a] { exit_code = run_prune(*a); });
}

} // namespace athena::cli
