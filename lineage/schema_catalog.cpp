#include "lineage/schema_catalog.h"

#include <algorithm>

namespace athena::lineage {

namespace {
std::string key_of(const QualifiedName& name) {
  return to_lower_ascii(name.catalog) + '\x1f' + to_lower_ascii(name.schema) + '\x1f' +
         to_lower_ascii(name.table);
}
} // namespace

void SchemaCatalog::put(TableSchema schema) {
  schema.name.catalog = to_lower_ascii(schema.name.catalog);
  schema.name.schema = to_lower_ascii(schema.name.schema);
  schema.name.table = to_lower_ascii(schema.name.table);
  for (auto& c : schema.columns)
    c.name = to_lower_ascii(c.name);
  std::string key = key_of(schema.name);
  tables_.insert_or_assign(std::move(key), std::move(schema));
}

void SchemaCatalog::erase(const QualifiedName& name) {
  tables_.erase(key_of(name));
}

const TableSchema* SchemaCatalog::find(const QualifiedName& name) const {
  auto it = tables_.find(key_of(name));
  return it == tables_.end() ? nullptr : &it->second;
}

std::vector<const TableSchema*> SchemaCatalog::all() const {
  std::vector<const TableSchema*> out;
  out.reserve(tables_.size());
  for (const auto& [key, schema] : tables_)
    out.push_back(&schema);
  std::sort(out.begin(), out.end(),
            [](const TableSchema* a, const TableSchema* b) { return a->name < b->name; });
  return out;
}

} // namespace athena::lineage
