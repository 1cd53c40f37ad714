#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <vector>

#include "src/model/names.h"
#include "src/openmetadata/om_client.h"

namespace athena::openmetadata {

/// A table as OpenMetadata stores it: its id and FQN, its columns by lowercase name.
struct OmTable {
  std::string id;
  std::string fqn;
  std::map<std::string, std::string> columns; ///< lowercase local name -> column FQN
};

/// Where Athena names go in OpenMetadata: `<service>.<database>.<schema>.<table>`.
struct NameMapping {
  std::string service;
  std::string database = "default"; ///< OM database of the Athena catalog `catalog`
  std::string catalog = "awsdatacatalog";
};

/// Athena table names resolved to OpenMetadata tables. Each schema's tables are listed once
/// with paging (`GET /v1/tables?databaseSchema=...&fields=columns`) and cached for the run;
/// names match without regard to case and the OM-stored FQNs are used verbatim.
class TableIndex {
public:
  explicit TableIndex(NameMapping mapping) : mapping_(std::move(mapping)) {}

  /// Lists the schemas the tables need (in parallel). Returns false with `error` set when a
  /// listing fails for another reason than an unknown schema (auth, server down).
  bool load(OmClient& client, const std::vector<model::TableName>& athena_tables,
            std::string& error);

  /// The OM table of a stored table (by its parts), or nullptr with `reason` saying why it has
  /// none.
  const OmTable* resolve(const model::TableName& athena_table, std::string* reason) const;
  /// The column FQN of `column` (lowercase local name) in `table`; "" when OM lacks it.
  static std::string column_fqn(const OmTable& table, const std::string& column);

  [[nodiscard]] std::size_t schemas_listed() const { return schemas_listed_; }
  [[nodiscard]] std::size_t list_requests() const { return list_requests_; }
  [[nodiscard]] std::size_t tables_known() const { return tables_known_; }

private:
  struct Schema {
    std::string fqn;
    bool found = false;
    std::map<std::string, std::vector<OmTable>> tables; ///< lowercase name -> tables
  };
  NameMapping mapping_;
  std::map<std::string, Schema> schemas_; ///< lowercase Athena schema -> listing
  std::size_t schemas_listed_ = 0;
  std::size_t list_requests_ = 0;
  std::size_t tables_known_ = 0;
};

} // namespace athena::openmetadata
