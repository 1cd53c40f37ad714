#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "lineage/qualified_name.h"

namespace athena::lineage {

namespace detail {
class TableColumns;
}

/// A column of a known table.
struct ColumnInfo {
  std::string name; ///< lowercase
  std::string type; ///< as declared ("" when unknown)
  friend bool operator==(const ColumnInfo&, const ColumnInfo&) = default;
};

/// A table, view or CTAS result whose columns are known, in `SELECT *` order (columns, then
/// partition columns).
struct TableSchema {
  QualifiedName name;
  std::vector<ColumnInfo> columns;
  bool is_view = false;
  /// Where the table's files are (catalog metadata): `s3://bucket/prefix/` with the trailing
  /// slash, "" when unknown.
  std::string location;
};

/// The table schemas lineage may rely on: the `--schema` file, DDL seen earlier in the input,
/// or catalog metadata. Keys are lowercase; lookups ignore case as Athena does. A later
/// definition of the same name replaces the earlier one (CREATE OR REPLACE, DROP + CREATE).
class SchemaCatalog {
public:
  /// A stored table, prepared once for binding: its schema and its columns as statements
  /// bind them (shared, immutable: copies of the catalog share it too).
  struct Entry {
    TableSchema schema;
    std::shared_ptr<const detail::TableColumns> columns;
  };

  /// Adds or replaces a table. Column names are lowercased.
  void put(TableSchema schema);
  /// Forgets a table (DROP TABLE/VIEW).
  void erase(const QualifiedName& name);
  /// The schema of a fully qualified name, or nullptr when unknown.
  const TableSchema* find(const QualifiedName& name) const;
  /// The entry of `catalog.schema.table`, or nullptr when unknown. Allocates nothing.
  const Entry* find_entry(std::string_view catalog, std::string_view schema,
                          std::string_view table) const;
  /// The tables whose `location` is `location` (as stored: with the trailing slash), sorted.
  std::vector<QualifiedName> tables_at(std::string_view location) const;
  size_t size() const { return tables_.size(); }
  /// Every table, sorted by name.
  std::vector<const TableSchema*> all() const;

private:
  std::unordered_map<std::string, Entry> tables_;
  /// location → keys of the tables there (only tables with a location).
  std::unordered_multimap<std::string, std::string> by_location_;
  void forget_location(const std::string& key);
};

} // namespace athena::lineage
