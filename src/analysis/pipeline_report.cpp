#include "src/analysis/pipeline_report.h"

#include <algorithm>

#include "lineage/json_writer.h"
#include "src/util/text_format.h"

namespace athena::analysis {

using util::appendf;

std::string summary_json(const PipelineSummary& s, const std::string& db) {
  std::string out = "{\"database\":" + lineage::json_string(db);
  out += ",\"files\":" + std::to_string(s.read.files.size());
  out += ",\"failed_files\":" + std::to_string(s.read.failed_files);
  out += ",\"queries_read\":" + std::to_string(s.read.records);
  out += ",\"analyzed\":" + std::to_string(s.analyzed);
  out += ",\"parse_failed\":" + std::to_string(s.parse_failed);
  out += ",\"already_stored\":" + std::to_string(s.already_stored);
  out += ",\"skipped_bad_input\":" + std::to_string(s.read.skipped);
  out += ",\"inserted\":" + std::to_string(s.stored.inserted);
  out += ",\"replaced\":" + std::to_string(s.stored.replaced);
  out += ",\"users_from_cloudtrail\":" + std::to_string(s.read.users_from_cloudtrail);
  out += ",\"skipped\":[";
  for (size_t i = 0; i < s.diagnostics.size(); ++i) {
    if (i > 0) out += ',';
    out += "{\"where\":" + lineage::json_string(s.diagnostics[i].where) +
           ",\"message\":" + lineage::json_string(s.diagnostics[i].message) + "}";
  }
  out += "]";
  if (!s.error.empty()) out += ",\"error\":" + lineage::json_string(s.error);
  out += "}\n";
  return out;
}

std::string summary_text(const PipelineSummary& s, const std::string& db) {
  std::string out;
  appendf(out, "athena-lineage analyze: %llu queries read from %zu file(s) into %s\n",
          static_cast<unsigned long long>(s.read.records), s.read.files.size(), db.c_str());
  appendf(out, "  analyzed:           %llu\n", static_cast<unsigned long long>(s.analyzed));
  appendf(out, "  failed to parse:    %llu\n", static_cast<unsigned long long>(s.parse_failed));
  appendf(out, "  already stored:     %llu\n", static_cast<unsigned long long>(s.already_stored));
  appendf(out, "  new in database:    %llu\n",
          static_cast<unsigned long long>(s.stored.inserted + s.stored.replaced));
  appendf(out, "  users (CloudTrail): %llu\n",
          static_cast<unsigned long long>(s.read.users_from_cloudtrail));
  appendf(out, "  skipped bad input:  %llu\n", static_cast<unsigned long long>(s.read.skipped));
  const size_t shown = std::min<size_t>(s.diagnostics.size(), 20);
  for (size_t i = 0; i < shown; ++i) {
    appendf(out, "    %s: %s\n", s.diagnostics[i].where.c_str(), s.diagnostics[i].message.c_str());
  }
  if (s.diagnostics.size() + s.diagnostics_dropped > shown) {
    appendf(out, "    ... and %llu more (all were printed on stderr)\n",
            static_cast<unsigned long long>(s.diagnostics.size() + s.diagnostics_dropped - shown));
  }
  for (const auto& f : s.read.files) {
    if (!f.stats.fatal_error.empty()) {
      appendf(out, "  file not read to its end: %s: %s\n", f.path.c_str(),
              f.stats.fatal_error.c_str());
    }
  }
  return out;
}

int summary_exit_code(const PipelineSummary& s) {
  if (!s.error.empty()) return 1;
  if (s.read.records == 0 && s.read.failed_files == s.read.files.size() && !s.read.files.empty()) {
    return 2; // nothing could be read at all
  }
  if (s.read.skipped > 0 || s.read.failed_files > 0) return 1;
  return 0;
}

} // namespace athena::analysis
