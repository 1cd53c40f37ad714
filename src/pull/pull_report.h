#pragma once

#include <string>

#include "src/pull/pull_job.h"

namespace athena::pull {

/// The summary of a pull for people (several lines) and machines (one JSON object and a
/// newline); `db` is the database file it went into. Never holds a secret.
std::string summary_text(const PullSummary& s, const std::string& db);
std::string summary_json(const PullSummary& s, const std::string& db);

} // namespace athena::pull
