// Catalog metadata for star expansion: which catalogs and databases the pulled history
// touches, ListDataCatalogs / ListDatabases / ListTableMetadata with a one-day cache in the
// store, and loading the cache into the analysis' SchemaCatalog.
#include "src/pull/catalog_metadata.h"

#include <cctype>

#include "lineage/qualified_name.h"
#include "parser/lexer.h"
#include "src/athena/glue_catalog.h"

namespace athena::pull {
namespace {

bool is_identifier(sql::Tok t) {
  return t == sql::Tok::kIdent || t == sql::Tok::kQuotedIdent || t == sql::Tok::kBackquotedIdent;
}

std::string identifier_text(const sql::Token& t, std::string_view sql) {
  std::string_view text = t.text(sql);
  if (t.type == sql::Tok::kIdent || text.size() < 2) return lineage::to_lower_ascii(text);
  const char quote = text.front();
  std::string out;
  for (size_t i = 1; i + 1 < text.size(); ++i) {
    out += text[i];
    if (text[i] == quote && i + 2 < text.size() && text[i + 1] == quote) ++i;
  }
  return lineage::to_lower_ascii(out);
}

/// A location as lineage prints the ones SQL names: scheme lowercased, a trailing slash.
std::string location_key(std::string uri) {
  const size_t colon = uri.find("://");
  if (colon == std::string::npos) return {};
  for (size_t i = 0; i < colon; ++i)
    uri[i] = static_cast<char>(std::tolower(static_cast<unsigned char>(uri[i])));
  if (uri.back() != '/') uri += '/';
  return uri;
}

bool denied(const aws::AwsError& e) {
  return e.code == "AccessDeniedException" || e.code == "AccessDenied" ||
         e.message.find("not authorized") != std::string::npos;
}

std::string describe_failure(const aws::AwsError& e) {
  if (denied(e)) {
    return "permission " + aws::athena_permission(e.operation) + " is missing (" + e.code + ")";
  }
  return e.describe();
}

class Refresher {
public:
  Refresher(aws::AthenaClient& client, store::CatalogCache& cache, const MetadataOptions& options,
            MetadataSummary& summary)
      : client_(client), cache_(cache), options_(options), summary_(summary) {}

  void warn(std::string message) {
    if (options_.warn) options_.warn(message);
    summary_.warnings.push_back(std::move(message));
  }

  [[nodiscard]] bool stale(std::optional<int64_t> fetched) const {
    return !fetched || options_.now_ms - *fetched >= options_.max_age_ms;
  }

  /// Catalog names as Athena spells them, by lowercase name.
  std::map<std::string, std::string> catalog_names() {
    std::map<std::string, std::string> names;
    auto listed = client_.list_data_catalogs();
    if (!listed.ok()) {
      warn("catalog metadata: ListDataCatalogs failed, using the catalog names as the queries "
           "give them: " +
           describe_failure(listed.error()));
      return names;
    }
    for (const auto& c : *listed) {
      names[lineage::to_lower_ascii(c.name)] = c.name;
      types_[lineage::to_lower_ascii(c.name)] = c.type;
    }
    return names;
  }

  /// The catalog's databases (lowercase → as listed), fetched when the cache is stale.
  std::map<std::string, std::string> databases(const std::string& catalog) {
    std::vector<std::string> names;
    if (stale(cache_.databases_fetched_ms(catalog))) {
      auto listed = glue_databases(catalog);
      if (!listed.ok()) listed = client_.list_databases(catalog);
      if (listed.ok()) {
        names = *listed;
        const auto type = types_.find(lineage::to_lower_ascii(catalog));
        if (const util::Status cached = cache_.put_catalog(
                catalog, type == types_.end() ? "" : type->second, names, options_.now_ms);
            !cached) {
          warn("catalog metadata: cannot cache the databases of " + catalog + ": " +
               cached.error());
        }
      } else {
        warn("catalog metadata: ListDatabases on catalog " + catalog +
             " failed; using the cached list and the names the queries give: " +
             describe_failure(listed.error()));
        names = cache_.databases(catalog);
      }
    } else {
      names = cache_.databases(catalog);
    }
    std::map<std::string, std::string> out;
    for (auto& n : names)
      out[lineage::to_lower_ascii(n)] = n;
    return out;
  }

  void tables(const std::string& catalog, const std::string& database) {
    if (!stale(cache_.tables_fetched_ms(catalog, database))) {
      ++summary_.databases_cached;
      return;
    }
    auto listed = glue_tables(catalog, database);
    if (!listed.ok()) listed = client_.list_table_metadata(catalog, database);
    if (!listed.ok()) {
      // Keep what the cache has: older metadata is better than none.
      warn("catalog metadata: ListTableMetadata on " + catalog + "." + database +
           " failed: " + describe_failure(listed.error()));
      return;
    }
    std::vector<store::CachedTable> out;
    std::size_t without_columns = 0;
    for (auto& t : *listed) {
      if (options_.filters != nullptr &&
          !options_.filters->table.allows(lineage::to_lower_ascii(t.name))) {
        continue;
      }
      store::CachedTable c;
      c.catalog = catalog;
      c.database = database;
      c.name = t.name;
      c.table_type = t.table_type;
      c.location = t.location;
      c.view_sql = t.view_sql;
      c.view_catalog = t.view_catalog;
      c.view_schema = t.view_schema;
      for (auto& col : t.columns)
        c.columns.emplace_back(col.name, col.type);
      if (c.columns.empty()) ++without_columns;
      out.push_back(std::move(c));
    }
    const std::string note =
        without_columns == 0 ? ""
                             : std::to_string(without_columns) + " table(s) listed without columns";
    if (const util::Status cached =
            cache_.put_tables(catalog, database, out, options_.now_ms, note);
        !cached) {
      warn("catalog metadata: cannot cache the tables of " + catalog + "." + database + ": " +
           cached.error());
      return;
    }
    ++summary_.databases_fetched;
    summary_.tables_fetched += out.size();
  }

private:
  [[nodiscard]] bool use_glue(const std::string& catalog) const {
    return options_.glue != nullptr && !glue_refused_ &&
           lineage::to_lower_ascii(catalog) == "awsdatacatalog";
  }

  void glue_failed(const aws::AwsError& e, const std::string& what) {
    if (denied(e)) {
      glue_refused_ = true; // one warning, then the Athena calls for every database
      warn("catalog metadata: permission glue:" + e.operation + " is missing (" + e.code +
           "); using athena:ListDatabases and athena:ListTableMetadata, which lack table "
           "locations and view text");
    } else {
      warn("catalog metadata: Glue " + what +
           " failed, using the Athena call instead: " + e.describe());
    }
  }

  /// Glue GetDatabases for the account's own catalog; an error (empty when there is no Glue
  /// client, after a warning when Glue refuses) makes the caller fall back to ListDatabases.
  aws::AwsResult<std::vector<std::string>> glue_databases(const std::string& catalog) {
    if (!use_glue(catalog)) return aws::AwsError{};
    auto listed = aws::glue_get_databases(*options_.glue);
    if (!listed.ok()) glue_failed(listed.error(), "GetDatabases");
    return listed;
  }

  /// Glue GetTables for the account's own catalog (Athena's AwsDataCatalog is Glue); an error
  /// (empty when there is no Glue client, after a warning when Glue refuses) makes the caller
  /// fall back to ListTableMetadata.
  aws::AwsResult<std::vector<aws::TableMetadata>> glue_tables(const std::string& catalog,
                                                              const std::string& database) {
    if (!use_glue(catalog)) return aws::AwsError{};
    auto listed = aws::glue_get_tables(*options_.glue, database);
    if (!listed.ok()) glue_failed(listed.error(), "GetTables on " + database);
    return listed;
  }

  aws::AthenaClient& client_;
  store::CatalogCache& cache_;
  const MetadataOptions& options_;
  MetadataSummary& summary_;
  std::map<std::string, std::string> types_;
  bool glue_refused_ = false;
};

} // namespace

void TouchedNames::add(const model::QueryRecord& record) {
  const std::string catalog =
      record.catalog.empty() ? default_catalog_ : lineage::to_lower_ascii(record.catalog);
  if (!record.database.empty()) {
    context_[catalog].insert(lineage::to_lower_ascii(record.database));
  }
  // Every `a.b` and `a.b.c` in the text: `a` may be a database of the query's catalog, and
  // in `a.b.c` also a catalog with database `b`.
  sql::Lexer lexer(record.query);
  std::string prev2, prev1; // the identifiers of the current dotted chain
  int chain = 0;            // identifiers in the chain so far
  bool after_dot = false;
  for (sql::Token t = lexer.next(); t.type != sql::Tok::kEnd && t.type != sql::Tok::kError;
       t = lexer.next()) {
    if (is_identifier(t.type) && (chain == 0 || after_dot)) {
      std::string id = identifier_text(t, record.query);
      if (chain == 1) qualified_[catalog].insert(prev1);
      if (chain == 2) qualified_[prev2].insert(prev1);
      prev2 = std::move(prev1);
      prev1 = std::move(id);
      ++chain;
      after_dot = false;
    } else if (t.type == sql::Tok::kDot && chain > 0 && !after_dot) {
      after_dot = true;
    } else {
      chain = 0;
      after_dot = false;
      if (is_identifier(t.type)) {
        prev1 = identifier_text(t, record.query);
        chain = 1;
      }
    }
  }
}

MetadataSummary refresh_metadata(aws::AthenaClient& client, store::CatalogCache& cache,
                                 const TouchedNames& touched, const MetadataOptions& options) {
  MetadataSummary summary;
  Refresher r(client, cache, options, summary);
  // catalog → (database → named by a QueryExecutionContext, so surely a database)
  std::map<std::string, std::map<std::string, bool>> wanted;
  for (const auto& [catalog, dbs] : touched.context()) {
    for (const auto& db : dbs)
      wanted[catalog][db] = true;
  }
  for (const auto& c : options.catalogs)
    wanted[lineage::to_lower_ascii(c)];
  if (wanted.empty() && touched.qualified().empty()) return summary;
  const std::map<std::string, std::string> known = r.catalog_names();
  for (const auto& [catalog, dbs] : touched.qualified()) {
    // Without ListDataCatalogs, a qualifier is trusted as a catalog only when it is one the
    // context or configuration names.
    if (known.empty() ? wanted.count(catalog) == 0 : known.count(catalog) == 0) continue;
    for (const auto& db : dbs)
      wanted[catalog].emplace(db, false);
  }
  for (const auto& [catalog_key, dbs] : wanted) {
    std::string catalog = catalog_key;
    if (auto it = known.find(catalog_key); it != known.end()) {
      catalog = it->second;
    } else if (!known.empty()) {
      r.warn("catalog metadata: catalog " + catalog_key + " is not in ListDataCatalogs");
      continue;
    } else if (catalog_key == "awsdatacatalog") {
      catalog = "AwsDataCatalog";
    }
    if (options.filters != nullptr && !options.filters->database.allows(catalog_key)) continue;
    ++summary.catalogs;
    const std::map<std::string, std::string> listed = r.databases(catalog);
    for (const auto& [db, from_context] : dbs) {
      std::string name = db;
      if (auto it = listed.find(db); it != listed.end()) {
        name = it->second;
      } else if (!listed.empty() || !from_context) {
        continue; // an alias or a table name, not a database
      }
      if (options.filters != nullptr && !options.filters->schema.allows(db)) continue;
      r.tables(catalog, name);
    }
  }
  return summary;
}

util::Result<std::size_t> load_cached_schemas(store::CatalogCache& cache,
                                              lineage::SchemaCatalog& catalog) {
  auto tables = cache.tables();
  if (!tables) return util::Error{tables.error()};
  std::size_t added = 0;
  for (const auto& t : *tables) {
    if (t.columns.empty()) continue;
    lineage::TableSchema schema;
    schema.name = {lineage::to_lower_ascii(t.catalog), lineage::to_lower_ascii(t.database),
                   lineage::to_lower_ascii(t.name)};
    schema.is_view = t.table_type == "VIRTUAL_VIEW";
    schema.location = location_key(t.location);
    for (const auto& [name, type] : t.columns)
      schema.columns.push_back({lineage::to_lower_ascii(name), type});
    catalog.put(std::move(schema));
    ++added;
  }
  return added;
}

} // namespace athena::pull
