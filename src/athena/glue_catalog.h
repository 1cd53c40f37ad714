#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "src/athena/athena_client.h"

namespace athena::aws {

/// Client options for AWS Glue (JSON 1.1, "AWSGlue" target, "glue" signing name) on the
/// same endpoint rules as Athena: `base` gives rates, retries and HTTP settings.
AthenaClientOptions glue_client_options(AthenaClientOptions base, Endpoint glue_endpoint);

/// Glue GetTables for one database of the account's catalog, paged to the end: each table's
/// columns then partition keys (SELECT * order), type, StorageDescriptor.Location and, for a
/// view, the SQL decoded from ViewOriginalText.
AwsResult<std::vector<TableMetadata>> glue_get_tables(AthenaClient& glue,
                                                      const std::string& database);

/// Glue GetDatabases of the account's catalog, paged to the end: the database names.
AwsResult<std::vector<std::string>> glue_get_databases(AthenaClient& glue);

/// The SQL of an Athena view from Glue's ViewOriginalText: `/* Presto View: BASE64 */` whose
/// JSON holds `originalSql`. Other texts (Hive views) are returned as they are; "" when the
/// Presto form cannot be decoded.
std::string view_sql_from_original_text(std::string_view text);

/// A view's SQL with the catalog and schema its unqualified names refer to.
struct ViewText {
  std::string sql;     ///< "" when the text cannot be decoded
  std::string catalog; ///< the Presto JSON's `catalog`, "" when absent (Hive views)
  std::string schema;  ///< the Presto JSON's `schema`, "" when absent
};

/// As view_sql_from_original_text, with the Presto JSON's `catalog` and `schema`.
ViewText decode_view_original_text(std::string_view text);

} // namespace athena::aws
