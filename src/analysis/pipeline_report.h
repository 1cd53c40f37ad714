#pragma once

#include <string>

#include "src/analysis/pipeline.h"

namespace athena::analysis {

/// The summary of an analysis run for people (several lines, the first bad records listed)
/// and machines (one JSON object and a newline); `db` is the database file it went into.
std::string summary_text(const PipelineSummary& s, const std::string& db);
std::string summary_json(const PipelineSummary& s, const std::string& db);

/// CONTRACT.md's exit status for the run: 0 all read and stored; 1 finished with bad records
/// skipped, a file not read to its end, or the store failing part-way; 2 nothing could be read.
int summary_exit_code(const PipelineSummary& s);

} // namespace athena::analysis
