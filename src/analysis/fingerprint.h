#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace athena::analysis {

/// A query's shape: its tokens with literals masked as `?`, keywords and unquoted identifiers
/// lowercased, whitespace and comments dropped, and runs of masked list items (`IN (1, 2, 3)`,
/// `VALUES (...), (...)`) collapsed, so queries differing only in constants group together.
struct Fingerprint {
  uint64_t hash = 0; ///< FNV-1a 64 of `text`
  std::string text;  ///< the masked text, at most `max_text` bytes
};

/// How much of a shape's masked text analysis keeps (the store keeps it once per shape; push
/// sends it whole as the query, the report shows its first 4 KiB).
inline constexpr size_t kShapeTextMaxBytes = size_t{1} << 20;

Fingerprint fingerprint(std::string_view sql, size_t max_text = 4096);

/// What a leading comment says about the tool that issued a query: dbt's
/// `/* {"app": "dbt", ..., "node_id": "model.x.y"} */`, or any such JSON with an "app" key.
struct QueryOrigin {
  std::string tool;      ///< "dbt", ... ("" when unknown)
  std::string dbt_model; ///< "model.x.y" from node_id ("" when absent)
};

QueryOrigin query_origin(std::string_view sql);

} // namespace athena::analysis
