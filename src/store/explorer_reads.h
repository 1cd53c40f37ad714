#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "src/store/store.h"

namespace athena::store {

/// What the explorer draws a table node as, beyond the edges: which names are views and
/// which are S3 locations.
struct TableKinds {
  std::set<std::string> views;     ///< written by a SUCCEEDED CREATE VIEW
  std::set<std::string> locations; ///< named as a location by the SQL (`tables.location`)
};

/// The views and locations of the whole database (one scan of the CREATE VIEW queries).
std::optional<TableKinds> table_kinds(Store& store, std::string* error);

/// A number that grows whenever queries are stored (the largest query key), so a cache of
/// table_kinds() knows when to reload.
std::optional<int64_t> queries_stamp(Store& store, std::string* error);

/// Whether the database has seen the table (or location) or, with `columns`, the column.
std::optional<bool> name_known(Store& store, const std::string& name, bool columns,
                               std::string* error);

/// The columns stored under `table`, sorted by name (empty for an unknown table).
std::optional<std::vector<std::string>> table_columns(Store& store, const std::string& table,
                                                      std::string* error);

/// The table each of `columns` is stored under (a column name may hold dots, so this is read,
/// never split off the name); unknown columns are left out.
std::optional<std::map<std::string, std::string>>
column_tables(Store& store, const std::vector<std::string>& columns, std::string* error);

} // namespace athena::store
