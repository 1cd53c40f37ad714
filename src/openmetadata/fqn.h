#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "src/model/names.h"

namespace athena::openmetadata {

/// One FQN part as OpenMetadata's server writes it: wrapped in double quotes when it contains
/// a dot. A part containing `"` cannot be written on OM <= 1.13 servers (nullopt).
std::optional<std::string> fqn_part(std::string_view name);

/// Parts joined with `.`, each quoted as fqn_part() does; nullopt when one is invalid.
std::optional<std::string> join_fqn(const std::vector<std::string>& parts);

/// Percent-encodes `s` for one URL path segment or query value: everything but RFC 3986
/// unreserved characters (A-Z a-z 0-9 - . _ ~) is encoded, so `"` is %22 and `/` is %2F.
std::string url_encode(std::string_view s);

/// Lowercase ASCII copy (Athena and Glue compare identifiers without regard to case).
std::string ascii_lower(std::string_view s);

/// An Athena table's three parts.
struct AthenaName {
  std::string catalog;
  std::string schema;
  std::string table;
};

/// The parts of a table as lineage resolved them; nullopt for S3 locations and names without
/// a catalog and schema. Parts may contain dots (quoted names).
std::optional<AthenaName> athena_name(const model::TableName& name);

/// `service.database.schema.table` for a table, each part quoted as fqn_part() does (a part
/// with a dot is wrapped in double quotes); nullopt for locations, names without a schema and
/// parts OpenMetadata cannot address.
std::optional<std::string> table_fqn(std::string_view service, std::string_view database,
                                     const model::TableName& name);

} // namespace athena::openmetadata
