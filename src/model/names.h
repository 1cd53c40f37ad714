#pragma once

#include <compare>
#include <string>

namespace athena::model {

/// A table by its parts, or an S3 location, as lineage resolved it. A quoted part may contain
/// dots, so the parts are never recovered by splitting text(): they travel as they are and are
/// turned into text only where a name is written.
struct TableName {
  std::string catalog;
  std::string schema;
  std::string table; ///< the table, or the whole URI of a location
  /// An S3 location: what the SQL names as one (LOCATION, external_location, UNLOAD ... TO),
  /// never decided by the text of a name.
  bool location = false;

  static TableName of_location(std::string uri) { return {{}, {}, std::move(uri), true}; }

  /// `catalog.schema.table` (the catalog only with a schema), or the location's URI.
  [[nodiscard]] std::string text() const;
  void append_text(std::string& out) const;

  friend bool operator==(const TableName&, const TableName&) = default;
  /// Orders as text() orders, then by parts: sorted names print sorted.
  friend std::strong_ordering operator<=>(const TableName& a, const TableName& b);
};

/// A column of a table.
struct ColumnName {
  TableName table;
  std::string column; ///< may itself contain dots (a quoted name)

  /// `table.column`.
  [[nodiscard]] std::string text() const;

  friend bool operator==(const ColumnName&, const ColumnName&) = default;
  /// Orders as text() orders, then by parts.
  friend std::strong_ordering operator<=>(const ColumnName& a, const ColumnName& b);
};

} // namespace athena::model
