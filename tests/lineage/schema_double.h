#pragma once

// A schema provider for lineage tests: fills a SchemaCatalog from a `--schema` style JSON file
// (an object of `schema.table` / `catalog.schema.table` to arrays of column names or of
// {"name", "type"} objects), so the lineage goldens need nothing from src/. It accepts only
// well-formed files; the tool's own loader (src/catalog) validates and reports errors.
#include <filesystem>
#include <string>
#include <string_view>

#include <gtest/gtest.h>
#include <simdjson.h>

#include "lineage/schema_catalog.h"

namespace athena::testing {

inline void load_test_schema(const std::filesystem::path& file, lineage::SchemaCatalog& catalog) {
  simdjson::dom::parser parser;
  simdjson::dom::object tables;
  auto loaded = simdjson::padded_string::load(file.string());
  ASSERT_EQ(loaded.error(), simdjson::SUCCESS) << file;
  ASSERT_EQ(parser.parse(loaded.value()).get_object().get(tables), simdjson::SUCCESS) << file;
  for (auto [key, value] : tables) {
    lineage::TableSchema schema;
    const std::string_view name = key;
    const size_t first = name.find('.');
    const size_t last = name.rfind('.');
    ASSERT_NE(first, std::string_view::npos) << file << ": " << name;
    schema.name.catalog = first == last ? "awsdatacatalog" : std::string(name.substr(0, first));
    schema.name.schema = std::string(first == last ? name.substr(0, first)
                                                   : name.substr(first + 1, last - first - 1));
    schema.name.table = std::string(name.substr(last + 1));
    simdjson::dom::array columns;
    ASSERT_EQ(value.get_array().get(columns), simdjson::SUCCESS) << file << ": " << name;
    for (simdjson::dom::element col : columns) {
      std::string_view column;
      std::string_view type;
      if (col.is_string()) {
        column = col.get_string().value_unsafe();
      } else {
        ASSERT_EQ(col["name"].get_string().get(column), simdjson::SUCCESS) << file << ": " << name;
        if (auto t = col["type"]; t.error() == simdjson::SUCCESS) type = t.get_string().value();
      }
      schema.columns.push_back(lineage::ColumnInfo{std::string(column), std::string(type)});
    }
    catalog.put(std::move(schema));
  }
}

} // namespace athena::testing
