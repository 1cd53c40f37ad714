#pragma once

#include <cstddef>
#include <string>

#include "lineage/schema_catalog.h"
#include "src/config/workflow_config.h"
#include "src/openmetadata/om_client.h"
#include "src/openmetadata/table_index.h"

namespace athena::openmetadata {

/// Where a config's Athena names go in OpenMetadata: `source.serviceName`, the OM database
/// (athenaLineage.openMetadata.databaseName, else the connection's databaseName, else
/// `default`) and the Athena catalog it holds (connectionArguments.catalog_name, else
/// awsdatacatalog).
NameMapping name_mapping(const config::WorkflowConfig& config);

/// What one listing of the service's tables gave.
struct OmSchemaSummary {
  std::size_t tables = 0;   ///< tables with columns put into the catalog
  std::size_t requests = 0; ///< GET /v1/tables pages asked for
  std::string error;        ///< why the listing stopped ("" when it completed)
};

/// Lists every table of the mapped OpenMetadata database once, with its columns
/// (`GET /v1/tables?database=<service>.<database>&fields=columns`, paged with `after`), and puts
/// each table that has columns into `catalog` as `<mapping.catalog>.<schema>.<table>` (names
/// lowercased, columns in OpenMetadata's order). A failed page stops the listing: the tables
/// read before it stay, and `error` names the request. `page_size` tables per request.
OmSchemaSummary load_om_schemas(OmClient& client, const NameMapping& mapping,
                                lineage::SchemaCatalog& catalog, int page_size = 1000);

} // namespace athena::openmetadata
