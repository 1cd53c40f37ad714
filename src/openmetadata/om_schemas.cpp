#include "src/openmetadata/om_schemas.h"

#include <optional>
#include <string_view>
#include <utility>

#include <simdjson.h>

#include "src/openmetadata/fqn.h"

namespace athena::openmetadata {
namespace {

/// The first part of an FQN remainder (`schema.table`, `"a.b".t`), unquoted; nullopt when the
/// text has no such part.
std::optional<std::string> first_fqn_part(std::string_view rest) {
  if (rest.starts_with('"')) {
    const size_t close = rest.find('"', 1);
    if (close == std::string_view::npos) return std::nullopt;
    return std::string(rest.substr(1, close - 1));
  }
  const size_t dot = rest.find('.');
  if (dot == std::string_view::npos || dot == 0) return std::nullopt;
  return std::string(rest.substr(0, dot));
}

/// The Athena schema of an OM table: its databaseSchema's name, else the part of its FQN after
/// `<service>.<database>.`.
std::optional<std::string> schema_of(simdjson::dom::element table, std::string_view fqn,
                                     const std::string& database_fqn) {
  std::string_view name;
  if (table["databaseSchema"]["name"].get(name) == simdjson::SUCCESS && !name.empty())
    return std::string(name);
  const std::string prefix = database_fqn + ".";
  if (ascii_lower(fqn.substr(0, prefix.size())) != ascii_lower(prefix)) return std::nullopt;
  return first_fqn_part(fqn.substr(prefix.size()));
}

/// A column's type as Athena spells it: OM's display type (`array<string>`) when present.
std::string column_type(simdjson::dom::element column) {
  std::string_view type;
  if (column["dataTypeDisplay"].get(type) == simdjson::SUCCESS && !type.empty())
    return ascii_lower(type);
  if (column["dataType"].get(type) == simdjson::SUCCESS) return ascii_lower(type);
  return "";
}

/// Puts one page's tables into `catalog`; returns the `after` cursor ("" at the end), or
/// nullopt when the body is not a table listing.
std::optional<std::string> read_page(const std::string& body, const NameMapping& mapping,
                                     const std::string& database_fqn,
                                     lineage::SchemaCatalog& catalog, std::size_t& added) {
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  simdjson::dom::array data;
  if (parser.parse(body).get(doc) != simdjson::SUCCESS ||
      doc["data"].get_array().get(data) != simdjson::SUCCESS) {
    return std::nullopt;
  }
  for (simdjson::dom::element t : data) {
    std::string_view name, fqn;
    if (t["name"].get(name) != simdjson::SUCCESS ||
        t["fullyQualifiedName"].get(fqn) != simdjson::SUCCESS) {
      return std::nullopt;
    }
    auto schema_name = schema_of(t, fqn, database_fqn);
    simdjson::dom::array columns;
    if (!schema_name || t["columns"].get_array().get(columns) != simdjson::SUCCESS) continue;
    lineage::TableSchema schema;
    schema.name = {mapping.catalog, ascii_lower(*schema_name), ascii_lower(name)};
    std::string_view table_type;
    schema.is_view = t["tableType"].get(table_type) == simdjson::SUCCESS && table_type == "View";
    for (simdjson::dom::element c : columns) {
      std::string_view cname;
      if (c["name"].get(cname) == simdjson::SUCCESS && !cname.empty())
        schema.columns.push_back({ascii_lower(cname), column_type(c)});
    }
    if (schema.columns.empty()) continue; // a table OM describes without columns stays unknown
    catalog.put(std::move(schema));
    ++added;
  }
  std::string_view after;
  if (doc["paging"]["after"].get(after) == simdjson::SUCCESS) return std::string(after);
  return std::string();
}

} // namespace

NameMapping name_mapping(const config::WorkflowConfig& config) {
  NameMapping mapping;
  mapping.service = config.service_name;
  mapping.database = !config.om.database_name.empty() ? config.om.database_name
                     : !config.database_name.empty()  ? config.database_name
                                                      : "default";
  if (!config.catalog_name.empty()) mapping.catalog = ascii_lower(config.catalog_name);
  return mapping;
}

OmSchemaSummary load_om_schemas(OmClient& client, const NameMapping& mapping,
                                lineage::SchemaCatalog& catalog, int page_size) {
  OmSchemaSummary summary;
  auto database_fqn = join_fqn({mapping.service, mapping.database});
  if (!database_fqn) {
    summary.error = "service " + mapping.service + " or database " + mapping.database +
                    " contains '\"', which OpenMetadata cannot address";
    return summary;
  }
  std::string after;
  do {
    OmRequest req;
    req.path = "/tables?database=" + url_encode(*database_fqn) +
               "&fields=columns&limit=" + std::to_string(page_size) +
               (after.empty() ? "" : "&after=" + url_encode(after));
    ++summary.requests;
    OmResponse r = client.call(req);
    if (!r.ok()) {
      summary.error = describe_failure(req, r);
      return summary;
    }
    auto next = read_page(r.body(), mapping, *database_fqn, catalog, summary.tables);
    if (!next) {
      summary.error = req.method + " " + req.path + ": unexpected response body";
      return summary;
    }
    after = std::move(*next);
  } while (!after.empty());
  return summary;
}

} // namespace athena::openmetadata
