#pragma once

#include <string>

#include "lineage/schema_catalog.h"
#include "src/util/result.h"

namespace athena::catalog {

/// Loads a `--schema` file (CONTRACT.md): a JSON object mapping `schema.table` or
/// `catalog.schema.table` to an array of column names or of {"name", "type"} objects. Tables
/// named with two parts go into `default_catalog`. The error names the file and the JSON path of
/// the problem; nothing is added on error.
util::Status load_schema_file(const std::string& path, lineage::SchemaCatalog& catalog,
                              const std::string& default_catalog = "awsdatacatalog");

/// The same from JSON text; `origin` names the source in errors.
util::Status load_schema_json(std::string_view json, const std::string& origin,
                              lineage::SchemaCatalog& catalog,
                              const std::string& default_catalog = "awsdatacatalog");

} // namespace athena::catalog
