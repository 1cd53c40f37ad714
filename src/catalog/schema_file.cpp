#include "src/catalog/schema_file.h"

#include <string_view>
#include <utility>
#include <vector>

#include <simdjson.h>

#include "lineage/json_writer.h"
#include "src/util/file_io.h"

namespace athena::catalog {

namespace {

std::vector<std::string> split_dots(std::string_view s) {
  std::vector<std::string> parts;
  size_t start = 0;
  while (true) {
    size_t dot = s.find('.', start);
    parts.emplace_back(s.substr(start, dot == std::string_view::npos ? dot : dot - start));
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  return parts;
}

// "ORIGIN: PATH: what", the error of a schema file at a JSON path.
util::Error at(const std::string& origin, const std::string& path, std::string_view what) {
  std::string message = origin;
  message += ": ";
  message += path;
  message += what;
  return util::Error{std::move(message)};
}

} // namespace

util::Status load_schema_json(std::string_view json, const std::string& origin,
                              lineage::SchemaCatalog& catalog, const std::string& default_catalog) {
  simdjson::dom::parser parser;
  simdjson::padded_string padded(json);
  simdjson::dom::element root;
  if (auto err = parser.parse(padded).get(root)) {
    return util::Error{origin + ": invalid JSON: " + simdjson::error_message(err)};
  }
  simdjson::dom::object tables;
  if (root.get_object().get(tables))
    return util::Error{origin + ": $: expected an object of tables"};
  std::vector<lineage::TableSchema> parsed;
  for (auto [key, value] : tables) {
    const std::string path = "$[" + lineage::json_string(key) + "]";
    std::vector<std::string> parts = split_dots(key);
    lineage::TableSchema schema;
    if (parts.size() == 2) {
      schema.name = {default_catalog, parts[0], parts[1]};
    } else if (parts.size() == 3) {
      schema.name = {parts[0], parts[1], parts[2]};
    } else {
      return at(origin, path, ": table names are schema.table or catalog.schema.table");
    }
    for (const auto& p : parts) {
      if (p.empty()) return at(origin, path, ": empty name part");
    }
    simdjson::dom::array columns;
    if (value.get_array().get(columns)) return at(origin, path, ": expected an array");
    size_t index = 0;
    for (simdjson::dom::element col : columns) {
      const std::string cpath = path + "[" + std::to_string(index++) + "]";
      std::string_view name;
      std::string_view type;
      if (col.is_string()) {
        name = col.get_string().value_unsafe();
      } else if (col.is_object()) {
        if (col["name"].get_string().get(name)) {
          return at(origin, cpath, ".name: expected a string");
        }
        auto t = col["type"];
        if (t.error() == simdjson::SUCCESS && t.get_string().get(type)) {
          return at(origin, cpath, ".type: expected a string");
        }
      } else {
        return at(origin, cpath, R"(: expected a column name or {"name", "type"})");
      }
      if (name.empty()) return at(origin, cpath, ": empty column name");
      schema.columns.push_back(lineage::ColumnInfo{std::string(name), std::string(type)});
    }
    parsed.push_back(std::move(schema));
  }
  for (auto& s : parsed)
    catalog.put(std::move(s));
  return util::Status::success();
}

util::Status load_schema_file(const std::string& path, lineage::SchemaCatalog& catalog,
                              const std::string& default_catalog) {
  const auto text = util::read_input(path);
  if (!text) return util::Error{path + ": cannot open schema file"};
  return load_schema_json(*text, path, catalog, default_catalog);
}

} // namespace athena::catalog
