#pragma once

#include <string>
#include <string_view>

namespace athena::lineage {

/// The catalog used when neither the statement nor its context names one (CONTRACT.md).
inline constexpr std::string_view kDefaultCatalog = "awsdatacatalog";

/// A table name as CONTRACT.md prints it: lowercase `catalog.schema.table`, with missing
/// leading parts left out when they cannot be known.
struct QualifiedName {
  std::string catalog;
  std::string schema;
  std::string table;

  /// `catalog.schema.table`, omitting empty leading parts.
  [[nodiscard]] std::string str() const;
  friend bool operator==(const QualifiedName&, const QualifiedName&) = default;
  // NOLINTNEXTLINE(modernize-use-nullptr): clang-tidy 14 sees a 0 in the defaulted <=>.
  friend auto operator<=>(const QualifiedName&, const QualifiedName&) = default;
};

/// ASCII lowercase copy; Athena compares identifiers without regard to case.
std::string to_lower_ascii(std::string_view s);

/// Appends `catalog.schema.table` as QualifiedName::str() prints it (catalog only with a schema).
void append_table_name(std::string& out, std::string_view catalog, std::string_view schema,
                       std::string_view table);

} // namespace athena::lineage
