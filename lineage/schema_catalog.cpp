#include "lineage/schema_catalog.h"

#include <algorithm>

#include "lineage/table_columns.h"

namespace athena::lineage {

namespace {

void append_lower(std::string& out, std::string_view s) {
  for (char c : s)
    out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

// The map key: lowercase parts joined by a character no identifier holds unquoted.
void key_of(std::string& out, std::string_view catalog, std::string_view schema,
            std::string_view table) {
  out.clear();
  append_lower(out, catalog);
  out += '\x1f';
  append_lower(out, schema);
  out += '\x1f';
  append_lower(out, table);
}

std::string key_of(const QualifiedName& name) {
  std::string key;
  key_of(key, name.catalog, name.schema, name.table);
  return key;
}

} // namespace

void SchemaCatalog::put(TableSchema schema) {
  schema.name.catalog = to_lower_ascii(schema.name.catalog);
  schema.name.schema = to_lower_ascii(schema.name.schema);
  schema.name.table = to_lower_ascii(schema.name.table);
  for (auto& c : schema.columns)
    c.name = to_lower_ascii(c.name);
  std::string key = key_of(schema.name);
  forget_location(key);
  if (!schema.location.empty()) by_location_.emplace(schema.location, key);
  Entry entry;
  entry.columns = std::make_shared<const detail::TableColumns>(schema.columns);
  entry.schema = std::move(schema);
  tables_.insert_or_assign(std::move(key), std::move(entry));
}

void SchemaCatalog::erase(const QualifiedName& name) {
  const std::string key = key_of(name);
  forget_location(key);
  tables_.erase(key);
}

void SchemaCatalog::forget_location(const std::string& key) {
  auto old = tables_.find(key);
  if (old == tables_.end() || old->second.schema.location.empty()) return;
  auto [first, last] = by_location_.equal_range(old->second.schema.location);
  for (auto it = first; it != last; ++it) {
    if (it->second == key) {
      by_location_.erase(it);
      return;
    }
  }
}

std::vector<QualifiedName> SchemaCatalog::tables_at(std::string_view location) const {
  std::vector<QualifiedName> out;
  auto [first, last] = by_location_.equal_range(std::string(location));
  for (auto it = first; it != last; ++it) {
    if (auto t = tables_.find(it->second); t != tables_.end()) out.push_back(t->second.schema.name);
  }
  std::sort(out.begin(), out.end());
  return out;
}

const TableSchema* SchemaCatalog::find(const QualifiedName& name) const {
  const Entry* entry = find_entry(name.catalog, name.schema, name.table);
  return entry == nullptr ? nullptr : &entry->schema;
}

const SchemaCatalog::Entry* SchemaCatalog::find_entry(std::string_view catalog,
                                                      std::string_view schema,
                                                      std::string_view table) const {
  // One buffer per thread: lookups from analysis threads allocate nothing once it has grown.
  thread_local std::string key;
  key_of(key, catalog, schema, table);
  auto it = tables_.find(key);
  return it == tables_.end() ? nullptr : &it->second;
}

std::vector<const TableSchema*> SchemaCatalog::all() const {
  std::vector<const TableSchema*> out;
  out.reserve(tables_.size());
  for (const auto& [key, entry] : tables_)
    out.push_back(&entry.schema);
  std::sort(out.begin(), out.end(),
            [](const TableSchema* a, const TableSchema* b) { return a->name < b->name; });
  return out;
}

} // namespace athena::lineage
