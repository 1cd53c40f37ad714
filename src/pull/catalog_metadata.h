#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "lineage/schema_catalog.h"
#include "src/athena/athena_client.h"
#include "src/config/filter_pattern.h"
#include "src/model/query_record.h"
#include "src/store/pull_state.h"

namespace athena::pull {

/// The catalogs and databases a set of queries touches: each query's
/// QueryExecutionContext (catalog, database), and every name its SQL text qualifies
/// (`db.t`, `catalog.db.t`). Qualifiers are candidates only (`o.id` qualifies a column by an
/// alias): refresh_metadata keeps those that ListDatabases confirms. Keys are lowercase.
class TouchedNames {
public:
  explicit TouchedNames(std::string default_catalog = "awsdatacatalog")
      : default_catalog_(std::move(default_catalog)) {}
  void add(const model::QueryRecord& record);
  /// catalog → databases named by QueryExecutionContext, lowercase.
  [[nodiscard]] const std::map<std::string, std::set<std::string>>& context() const {
    return context_;
  }
  /// catalog → databases the SQL texts may qualify names with, lowercase.
  [[nodiscard]] const std::map<std::string, std::set<std::string>>& qualified() const {
    return qualified_;
  }

private:
  std::string default_catalog_;
  std::map<std::string, std::set<std::string>> context_;
  std::map<std::string, std::set<std::string>> qualified_;
};

struct MetadataOptions {
  int64_t now_ms = 0;
  int64_t max_age_ms = 86'400'000; ///< cached entries older than this are fetched again
  /// Catalogs to look at besides those touched (athenaLineage.catalogs, catalog_name).
  std::vector<std::string> catalogs;
  /// Databases and tables the filters exclude are neither fetched nor cached.
  const config::EntityFilters* filters = nullptr;
  std::function<void(const std::string&)> warn;
  /// A Glue client: the tables of AwsDataCatalog come from glue:GetTables (columns, partition
  /// keys, locations, view text), falling back to ListTableMetadata when Glue refuses. Null:
  /// ListTableMetadata only.
  aws::AthenaClient* glue = nullptr;
};

struct MetadataSummary {
  std::size_t catalogs = 0;          ///< catalogs looked at
  std::size_t databases_fetched = 0; ///< ListTableMetadata runs (cache missing or stale)
  std::size_t databases_cached = 0;  ///< fresh in the cache, not fetched
  std::size_t tables_fetched = 0;
  std::vector<std::string> warnings;
};

/// Brings the cache up to date for what `touched` names: ListDataCatalogs (for the catalogs'
/// types), ListDatabases per catalog, Glue GetTables (AwsDataCatalog) or ListTableMetadata
/// per touched database, all paged, each
/// only when its cache entry is missing or older than `max_age_ms`. Denied or failing calls
/// are warnings: the cache keeps what it had and analysis runs with less.
MetadataSummary refresh_metadata(aws::AthenaClient& client, store::CatalogCache& cache,
                                 const TouchedNames& touched, const MetadataOptions& options);

/// Puts every cached table that has columns into `catalog` (lowercase names); tables a
/// catalog described without columns stay unknown. Returns the number added; the error is the
/// store's when the cache cannot be read.
util::Result<std::size_t> load_cached_schemas(store::CatalogCache& cache,
                                              lineage::SchemaCatalog& catalog);

} // namespace athena::pull
