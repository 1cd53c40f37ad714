#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

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

/// An Athena table name of the store (`catalog.schema.table`) split in its three parts;
/// nullopt for S3 locations and names without a schema.
struct AthenaName {
  std::string catalog;
  std::string schema;
  std::string table;
};
std::optional<AthenaName> split_athena_table(std::string_view name);

} // namespace athena::openmetadata
