// Views known only from the catalog metadata (Glue's ViewOriginalText) as records the
// analysis pipeline replays before the history.
#include "src/pull/catalog_views.h"

#include "lineage/qualified_name.h"
#include "src/readers/record_hash.h"

namespace athena::pull {
namespace {

/// `"name"` with inner quotes doubled.
std::string quoted(const std::string& name) {
  std::string out = "\"";
  for (char c : name) {
    out += c;
    if (c == '"') out += '"';
  }
  return out + "\"";
}

} // namespace

util::Result<std::vector<model::QueryRecord>> cached_view_definitions(store::CatalogCache& cache) {
  auto tables = cache.tables();
  if (!tables) return util::Error{tables.error()};
  std::vector<model::QueryRecord> out;
  for (const auto& t : *tables) {
    if (t.view_sql.empty()) continue;
    const std::string catalog = lineage::to_lower_ascii(t.catalog);
    model::QueryRecord r;
    r.query = "CREATE OR REPLACE VIEW " + quoted(catalog) + "." + quoted(t.database) + "." +
              quoted(t.name) + " AS\n" + t.view_sql;
    r.catalog = t.view_catalog.empty() ? catalog : t.view_catalog;
    r.database = t.view_schema.empty() ? t.database : t.view_schema;
    r.id = readers::synthetic_query_id({"catalog view", r.catalog, r.database, r.query});
    r.id_is_synthetic = true;
    r.state = model::QueryState::kSucceeded;
    r.statement_type = "DDL";
    r.substatement_type = "CREATE_VIEW";
    r.origin = "catalog metadata (view " + catalog + "." + t.database + "." + t.name + ")";
    out.push_back(std::move(r));
  }
  return out;
}

} // namespace athena::pull
