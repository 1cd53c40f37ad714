#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "lineage/schema_catalog.h"
#include "src/config/workflow_config.h"
#include "src/model/query_record.h"
#include "src/store/store.h"

namespace athena::catalog {

/// How many tables each source gave the run's catalog.
struct SchemaSourcesSummary {
  std::size_t files = 0;        ///< `--schema` files and athenaLineage.schemaFiles
  std::size_t athena_cache = 0; ///< Athena/Glue metadata cached in the database by `pull`
  std::size_t openmetadata = 0; ///< the config's OpenMetadata service
  std::size_t openmetadata_requests = 0;
};

/// Completes the catalog of one run. `catalog` comes in holding the schema files' tables; it
/// leaves holding, in increasing precedence, the tables of the config's OpenMetadata service
/// (when the config names a server and a service), the Athena metadata cached in `store`, and
/// the schema files' tables again on top (what the user wrote wins). DDL in the logs is
/// replayed over all of them by the analysis. A source that cannot be read is a warning:
/// analysis runs with what the others know.
SchemaSourcesSummary gather_schemas(const config::WorkflowConfig* config, store::Store& store,
                                    lineage::SchemaCatalog& catalog,
                                    const std::function<void(const std::string&)>& warn);

/// The views of the Athena metadata cache with their SQL, as records for the analysis to
/// replay before the history (src/pull/catalog_views.h); a cache that cannot be read is a
/// warning and gives none.
std::vector<model::QueryRecord> cached_views(store::Store& store,
                                             const std::function<void(const std::string&)>& warn);

/// "schemas: N tables from ... " for stderr.
std::string describe(const SchemaSourcesSummary& summary);

} // namespace athena::catalog
