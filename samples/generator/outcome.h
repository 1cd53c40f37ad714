#pragma once

#include <string>
#include <string_view>

#include "samples/generator/rng.h"
#include "samples/generator/statement.h"
#include "samples/generator/templates.h"

namespace athena::samplegen {

enum class State { kSucceeded, kFailed, kCancelled, kRunning, kQueued };
/// "SUCCEEDED", "FAILED", ... as Athena spells them.
std::string_view to_string(State state);

enum class Failure {
  kNone,
  kSyntax,         ///< 1006, deliberately malformed SQL: references no table
  kTableNotFound,  ///< 1110, the SQL names a table the lake lacks
  kSchemaNotFound, ///< 1301, the SQL names a database the lake lacks
  kPermission,     ///< 1500
  kTimeout,        ///< 206
  kResources,      ///< 4, query exhausted resources
  kBadData,        ///< 1001, HIVE_BAD_DATA
  kIcebergCommit,  ///< 233, concurrent Iceberg commit
  kCancelled,      ///< CANCELLED by the user (no AthenaError)
};

/// How a query ended, with Athena's StateChangeReason and AthenaError.
struct Outcome {
  State state = State::kSucceeded;
  Failure failure = Failure::kNone;
  std::string reason; ///< StateChangeReason (FAILED, CANCELLED)
  bool has_error = false;
  int error_category = 0;
  int error_type = 0;
  bool retryable = false;
  std::string error_message;
};

/// Draws how a data statement ends: about 5.5% failures of the kinds above and 2.2% cancels.
/// DDL and utility statements always succeed (so that the truth files need no rule for failed
/// DDL; see samples/README.md).
Failure pick_failure(Rng& rng, const Statement& stmt);

/// Turns `stmt` into deliberately malformed SQL (a misspelt leading keyword, a trailing comma
/// before FROM, or an unbalanced parenthesis), clears what it references, and fills the
/// syntax-error outcome with the line and column Athena would report.
void make_malformed(Rng& rng, Statement& stmt, Outcome& out);

/// A SELECT naming a table (or database) that does not exist, for TABLE_NOT_FOUND and
/// SCHEMA_NOT_FOUND failures; the missing name is recorded as read.
Statement missing_table_select(SqlBuilder& b, const Env& env, bool missing_schema, Outcome& out);

/// Fills the outcome's texts and codes for the other failure kinds.
void describe_failure(Rng& rng, const Statement& stmt, const Env& env, Failure failure,
                      Outcome& out);

} // namespace athena::samplegen
