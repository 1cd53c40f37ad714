#include "samples/generator/lake.h"

#include <cstdio>
#include <cstdlib>

namespace athena::samplegen {

std::vector<Table> build_lake_tables(); // lake_tables.cpp

std::string Table::qualified() const {
  std::string out(kCatalog);
  out += '.';
  out += database;
  out += '.';
  out += name;
  return out;
}

bool Table::has_column(std::string_view column) const {
  for (const auto& c : columns)
    if (c.name == column) return true;
  for (const auto& c : partitions)
    if (c.name == column) return true;
  return false;
}

const Lake& Lake::get() {
  static const Lake lake;
  return lake;
}

Lake::Lake() : tables_(build_lake_tables()) {
  for (const auto& t : tables_) {
    bool seen = false;
    for (const auto& d : databases_)
      seen = seen || d == t.database;
    if (!seen) databases_.push_back(t.database);
  }
}

const Table& Lake::table(std::string_view database, std::string_view name) const {
  for (const auto& t : tables_)
    if (t.database == database && t.name == name) return t;
  // A template naming a table the lake lacks is a programming error, not bad input.
  std::fprintf(stderr, "internal error: unknown table %.*s.%.*s\n",
               static_cast<int>(database.size()), database.data(), static_cast<int>(name.size()),
               name.data());
  std::abort();
}

std::vector<const Table*> Lake::in_database(std::string_view database) const {
  std::vector<const Table*> out;
  for (const auto& t : tables_)
    if (t.database == database && !t.is_view()) out.push_back(&t);
  return out;
}

} // namespace athena::samplegen
