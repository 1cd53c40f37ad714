#include "src/catalog/schema_sources.h"

#include <utility>

#include "src/openmetadata/om_client.h"
#include "src/openmetadata/om_schemas.h"
#include "src/pull/catalog_metadata.h"
#include "src/pull/catalog_views.h"
#include "src/store/pull_state.h"

namespace athena::catalog {

SchemaSourcesSummary gather_schemas(const config::WorkflowConfig* config, store::Store& store,
                                    lineage::SchemaCatalog& catalog,
                                    const std::function<void(const std::string&)>& warn) {
  SchemaSourcesSummary summary;
  summary.files = catalog.size();
  lineage::SchemaCatalog merged;
  if (config != nullptr && config->om_server) {
    if (config->service_name.empty()) {
      warn("schemas: the config names no source.serviceName, so OpenMetadata's tables are not "
           "used");
    } else {
      openmetadata::OmClient client(openmetadata::client_options(*config->om_server, config->om));
      const openmetadata::NameMapping mapping = openmetadata::name_mapping(*config);
      auto om = openmetadata::load_om_schemas(client, mapping, merged);
      summary.openmetadata = om.tables;
      summary.openmetadata_requests = om.requests;
      if (!om.error.empty()) {
        warn("schemas: listing the tables of OpenMetadata service " + mapping.service +
             " failed (" + std::to_string(om.tables) + " tables read before): " + om.error);
      }
    }
  }
  store::CatalogCache cache(store);
  const util::Result<std::size_t> cached = pull::load_cached_schemas(cache, merged);
  summary.athena_cache = cached ? *cached : 0;
  if (!cached) warn("schemas: cannot read the Athena metadata cache: " + cached.error());
  for (const lineage::TableSchema* t : catalog.all())
    merged.put(*t);
  catalog = std::move(merged);
  return summary;
}

std::vector<model::QueryRecord> cached_views(store::Store& store,
                                             const std::function<void(const std::string&)>& warn) {
  store::CatalogCache cache(store);
  auto views = pull::cached_view_definitions(cache);
  if (!views) {
    warn("schemas: cannot read the views of the Athena metadata cache: " + views.error());
    return {};
  }
  return std::move(*views);
}

std::string describe(const SchemaSourcesSummary& summary) {
  return "schemas: " + std::to_string(summary.openmetadata) + " tables from OpenMetadata (" +
         std::to_string(summary.openmetadata_requests) + " requests), " +
         std::to_string(summary.athena_cache) + " from the Athena metadata cache, " +
         std::to_string(summary.files) + " from schema files";
}

} // namespace athena::catalog
