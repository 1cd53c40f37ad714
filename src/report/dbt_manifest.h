#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "src/util/result.h"

namespace athena::report {

/// One node (model, seed, snapshot, test, ...) or source of a dbt manifest, as far as the
/// declared-vs-observed report needs it.
struct DbtNode {
  std::string unique_id;     ///< "model.shop.orders", "source.shop.raw.orders"
  std::string resource_type; ///< "model", "source", "seed", "snapshot", "test", ...
  std::string materialized;  ///< config.materialized ("" when absent)
  /// The relation it builds or names, lowercase `catalog.schema.table` as the store names
  /// tables; "" when it has none (ephemeral models, tests, analyses).
  std::string relation;
  std::vector<std::string> depends_on; ///< depends_on.nodes
};

struct DbtManifest {
  std::map<std::string, DbtNode> nodes; ///< nodes and sources by unique_id
};

/// Reads dbt's target/manifest.json (schema v1 to v12 share the fields read here) with
/// simdjson's on-demand API over one padded buffer: the large fields (code, columns, docs)
/// are skipped, never materialised, so a manifest of hundreds of MB costs its size once.
/// Fails with "FILE: JSON.path: what was expected, what was found".
[[nodiscard]] util::Result<DbtManifest> load_dbt_manifest(const std::filesystem::path& path);
/// The same from text; `origin` names it in the error.
[[nodiscard]] util::Result<DbtManifest> parse_dbt_manifest(std::string_view json,
                                                           const std::string& origin);

/// `"AwsDataCatalog"."Marts"."Orders"` → `awsdatacatalog.marts.orders`; a two-part name gets
/// `default_catalog` in front. "" when the text is not a relation name.
std::string normalize_relation_name(std::string_view relation_name,
                                    std::string_view default_catalog);

} // namespace athena::report
