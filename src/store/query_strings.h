#pragma once

// The wide, repetitive strings of a query row stored once (schema version 12; SCHEMA.md
// "Narrow query rows"): `query_rows` holds integer references into `query_strings`, and the
// view `queries` gives back the columns of version 11 byte for byte.

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "src/store/sqlite_db.h"

namespace athena::store {

/// The columns of `query_rows` after `q`, in order (what Store and the migration insert).
inline constexpr std::string_view kQueryRowColumns =
    "id, id_synthetic, state, day, submitted_ms, completed_ms, statement_type, "
    "substatement_type, statement_kind, is_usage, parsed, lineage_complete, catalog, database, "
    "workgroup, engine_ref, selected_engine_ref, user, data_scanned_bytes, cost_usd, "
    "cost_stated, engine_ms, queue_ms, total_ms, planning_ms, service_pre_processing_ms, "
    "service_processing_ms, reused_previous_result, state_change_reason, error_category, "
    "error_type, error_retryable, error_message, output_ref, manifest_ref, fingerprint, tool, "
    "dbt_model, session_id, origin_ref, origin_line, tables_read, tables_written";
/// How many they are.
inline constexpr int kQueryRowColumnCount = 43;
/// `INSERT <verb> INTO query_rows(<q, >columns) VALUES(?1, ...)`.
std::string insert_query_row_sql(std::string_view verb, bool with_q);

/// Interns strings into `query_strings(id, text)`. Writes inside the caller's transaction.
class QueryStrings {
public:
  explicit QueryStrings(Db& db);
  ~QueryStrings();
  QueryStrings(const QueryStrings&) = delete;
  QueryStrings& operator=(const QueryStrings&) = delete;

  /// The id of `text`, added when new; nullopt for "" (stored as NULL).
  std::optional<int64_t> intern(std::string_view text);
  /// Forgets the ids seen so far (after a rollback they may not exist any more).
  void forget() { known_.clear(); }

private:
  Db& db_;
  std::unique_ptr<Statement> find_;
  std::unique_ptr<Statement> insert_;
  struct Hash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  std::unordered_map<std::string, int64_t, Hash, std::equal_to<>> known_;
};

/// A location (OutputLocation, DataManifestLocation) as a template: every occurrence of the
/// query's id replaced by byte 1 (`templated`), when the location holds the id and no byte 1;
/// else the location itself. Most locations are `<prefix>/<id>.csv`, so a few templates serve
/// every query of a workgroup.
struct LocationTemplate {
  std::string text;
  bool templated = false;
};
LocationTemplate location_template(std::string_view location, std::string_view id);
/// The reference stored for a location: NULL for "", else the string's id × 2 + templated.
std::optional<int64_t> location_ref(QueryStrings& strings, std::string_view location,
                                    std::string_view id);

/// An origin (`FILE:LINE`, `FILE#record N`) split into its text and a trailing line number
/// when the number reads back the same (digits without a leading zero, at most 18).
struct OriginParts {
  std::string_view prefix;
  std::optional<int64_t> line;
};
OriginParts split_origin(std::string_view origin);

} // namespace athena::store
