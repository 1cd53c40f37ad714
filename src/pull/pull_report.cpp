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
  using lineage::json_string;
  std::string out = "{\"database\":" + json_string(db);
  out += ",\"credentials\":" + json_string(s.credentials_provider);
  out += ",\"region\":" + json_string(s.region);
  out += ",\"endpoint\":" + json_string(s.endpoint);
  out += ",\"workgroups\":[";
  for (std::size_t i = 0; i < s.workgroups.size(); ++i) {
    const auto& w = s.workgroups[i];
    if (i > 0) out += ',';
    out += "{\"name\":" + json_string(w.name);
    out += ",\"from\":" + json_string(format_time_ms(w.window.cutoff_ms));
    out += ",\"window\":" + json_string(w.window.reason);
    out += ",\"listed\":" + std::to_string(w.listed);
    out += ",\"fetched\":" + std::to_string(w.fetched);
    out += ",\"already_stored\":" + std::to_string(w.skipped_known);
    out += ",\"fetched_one_by_one\":" + std::to_string(w.fetched_one_by_one);
    out += std::string(",\"complete\":") + (w.complete ? "true" : "false");
    if (w.watermark_ms) out += ",\"watermark\":" + json_string(format_time_ms(*w.watermark_ms));
    if (!w.error.empty()) out += ",\"error\":" + json_string(w.error);
    out += '}';
  }
  out += "],\"fetched\":" + std::to_string(s.fetched);
  out += ",\"stored_raw\":" + std::to_string(s.stored_raw);
  out += ",\"metadata\":{\"catalogs\":" + std::to_string(s.metadata.catalogs) +
         ",\"databases_fetched\":" + std::to_string(s.metadata.databases_fetched) +
         ",\"databases_cached\":" + std::to_string(s.metadata.databases_cached) +
         ",\"tables_fetched\":" + std::to_string(s.metadata.tables_fetched) +
         ",\"schemas_known\":" + std::to_string(s.schemas_known) + "}";
  out += ",\"queued\":" + std::to_string(s.queued + s.bad_records);
  out += ",\"analyzed\":" + std::to_string(s.analysis.analyzed);
  out += ",\"parse_failed\":" + std::to_string(s.analysis.parse_failed);
  out += ",\"already_stored\":" + std::to_string(s.analysis.already_stored);
  out += ",\"not_usable\":" + std::to_string(s.bad_records);
  out += ",\"inserted\":" + std::to_string(s.analysis.stored.inserted);
  out += ",\"replaced\":" + std::to_string(s.analysis.stored.replaced);
  out += ",\"warnings\":[";
  for (std::size_t i = 0; i < s.warnings.size(); ++i) {
    if (i > 0) out += ',';
    out += json_string(s.warnings[i]);
  }
  out += "]";
  std::string error = !s.store_error.empty() ? s.store_error : s.analysis.error;
  if (!error.empty()) out += ",\"error\":" + json_string(error);
  out += std::string(",\"complete\":") + (s.complete() ? "true" : "false") + "}\n";
  return out;
}

} // namespace athena::pull
