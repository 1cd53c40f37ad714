#include "src/pull/pull_report.h"

#include "lineage/json_writer.h"
#include "src/util/text_format.h"

namespace athena::pull {

using util::appendf;

namespace {

unsigned long long ull(std::size_t v) {
  return static_cast<unsigned long long>(v);
}

} // namespace

std::string summary_text(const PullSummary& s, const std::string& db) {
  std::string out;
  appendf(out, "athena-lineage pull: into %s\n", db.c_str());
  appendf(out, "  credentials:        %s\n", s.credentials_provider.c_str());
  appendf(out, "  region, endpoint:   %s, %s\n", s.region.c_str(), s.endpoint.c_str());
  for (const auto& w : s.workgroups) {
    appendf(out,
            "  workgroup %s: from %s (%s): listed %llu, fetched %llu%s, already stored %llu, "
            "%s\n",
            w.name.c_str(), format_time_ms(w.window.cutoff_ms).c_str(), w.window.reason.c_str(),
            ull(w.listed), ull(w.fetched),
            w.fetched_one_by_one == 0
                ? ""
                : (" (" + std::to_string(w.fetched_one_by_one) + " one by one)").c_str(),
            ull(w.skipped_known),
            w.complete ? ("complete, watermark " + format_time_ms(*w.watermark_ms)).c_str()
                       : ("INCOMPLETE: " + w.error).c_str());
  }
  appendf(out, "  fetched:            %llu (stored raw: %llu)\n", ull(s.fetched),
          ull(s.stored_raw));
  appendf(out,
          "  catalog metadata:   %llu catalog(s), %llu database(s) fetched, %llu from the "
          "cache, %llu table(s) fetched; %llu table schema(s) known\n",
          ull(s.metadata.catalogs), ull(s.metadata.databases_fetched),
          ull(s.metadata.databases_cached), ull(s.metadata.tables_fetched), ull(s.schemas_known));
  appendf(out,
          "  analyzed:           %llu of %llu queued (failed to parse: %llu, already "
          "stored: %llu, not usable: %llu)\n",
          ull(s.analysis.analyzed), ull(s.queued + s.bad_records), ull(s.analysis.parse_failed),
          ull(s.analysis.already_stored), ull(s.bad_records));
  appendf(out, "  new in database:    %llu\n",
          ull(s.analysis.stored.inserted + s.analysis.stored.replaced));
  if (!s.store_error.empty()) appendf(out, "  store error:        %s\n", s.store_error.c_str());
  if (!s.analysis.error.empty()) {
    appendf(out, "  analysis error:     %s\n", s.analysis.error.c_str());
  }
  appendf(out, "  warnings:           %llu\n", ull(s.warnings.size()));
  appendf(out, "  result:             %s\n",
          s.complete() ? "complete" : "incomplete (run again to complete it)");
  return out;
}

std::string summary_json(const PullSummary& s, const std::string& db) {
  std::string out;
  lineage::JsonWriter w(out, false);
  const auto count = [&w](std::string_view key, auto n) {
    w.member_int(key, static_cast<int64_t>(n));
  };
  w.begin_object();
  w.member("database", db);
  w.member("credentials", s.credentials_provider);
  w.member("region", s.region);
  w.member("endpoint", s.endpoint);
  w.key("workgroups");
  w.begin_array();
  for (const auto& g : s.workgroups) {
    w.begin_object();
    w.member("name", g.name);
    w.member("from", format_time_ms(g.window.cutoff_ms));
    w.member("window", g.window.reason);
    count("listed", g.listed);
    count("fetched", g.fetched);
    count("already_stored", g.skipped_known);
    count("fetched_one_by_one", g.fetched_one_by_one);
    w.member_bool("complete", g.complete);
    if (g.watermark_ms) w.member("watermark", format_time_ms(*g.watermark_ms));
    if (!g.error.empty()) w.member("error", g.error);
    w.end_object();
  }
  w.end_array();
  count("fetched", s.fetched);
  count("stored_raw", s.stored_raw);
  w.key("metadata");
  w.begin_object();
  count("catalogs", s.metadata.catalogs);
  count("databases_fetched", s.metadata.databases_fetched);
  count("databases_cached", s.metadata.databases_cached);
  count("tables_fetched", s.metadata.tables_fetched);
  count("schemas_known", s.schemas_known);
  w.end_object();
  count("queued", s.queued + s.bad_records);
  count("analyzed", s.analysis.analyzed);
  count("parse_failed", s.analysis.parse_failed);
  count("already_stored", s.analysis.already_stored);
  count("not_usable", s.bad_records);
  count("inserted", s.analysis.stored.inserted);
  count("replaced", s.analysis.stored.replaced);
  w.member_strings("warnings", s.warnings);
  const std::string& error = !s.store_error.empty() ? s.store_error : s.analysis.error;
  if (!error.empty()) w.member("error", error);
  w.member_bool("complete", s.complete());
  w.end_object();
  out += '\n';
  return out;
}

} // namespace athena::pull
