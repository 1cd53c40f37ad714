#include "src/analysis/pipeline_report.h"

#include <algorithm>

#include "lineage/json_writer.h"
#include "src/util/text_format.h"

namespace athena::analysis {

using util::appendf;

std::string summary_json(const PipelineSummary& s, const std::string& db) {
  std::string out;
  lineage::JsonWriter w(out, false);
  const auto count = [&w](std::string_view key, uint64_t n) {
    w.member_int(key, static_cast<int64_t>(n));
  };
  w.begin_object();
  w.member("database", db);
  count("files", s.read.files.size());
  count("failed_files", s.read.failed_files);
  count("queries_read", s.read.records);
  count("analyzed", s.analyzed);
  count("parse_failed", s.parse_failed);
  count("already_stored", s.already_stored);
  count("skipped_bad_input", s.read.skipped);
  count("inserted", s.stored.inserted);
  count("replaced", s.stored.replaced);
  count("users_from_cloudtrail", s.read.users_from_cloudtrail);
  w.key("skipped");
  w.begin_array();
  for (const auto& d : s.diagnostics) {
    w.begin_object();
    w.member("where", d.where);
    w.member("message", d.message);
    w.end_object();
  }
  w.end_array();
  if (!s.error.empty()) w.member("error", s.error);
  w.end_object();
  out += '\n';
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
          static_cast<unsigned long long>(s.stored.inserted) + s.stored.replaced);
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
