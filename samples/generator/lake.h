#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace athena::samplegen {

/// The only catalog of the fictional lake; names in truth files are "awsdatacatalog.db.table".
inline constexpr std::string_view kCatalog = "awsdatacatalog";

enum class TableKind { kExternal, kIceberg, kView };
enum class StorageFormat { kJson, kCsv, kParquet, kOrc, kCloudFrontTsv, kNone };

struct Column {
  std::string name;
  std::string type; ///< Hive/Athena type string, e.g. "array<struct<sku:string,qty:int>>"
};

/// One Glue table or view of the fictional company's data lake.
struct Table {
  std::string database;
  std::string name;
  TableKind kind = TableKind::kExternal;
  StorageFormat format = StorageFormat::kParquet;
  std::vector<Column> columns;
  std::vector<Column> partitions; ///< after `columns` in SELECT * order, as Athena lays them out
  std::string location;           ///< "s3://bucket/prefix/"; empty for views

  /// "awsdatacatalog.database.name", the name truth files use.
  std::string qualified() const;
  bool has_column(std::string_view column) const;
  bool is_view() const { return kind == TableKind::kView; }
  bool is_iceberg() const { return kind == TableKind::kIceberg; }
};

/// The data lake: Glue databases in raw → staging → marts layers plus analytics and sandbox.
class Lake {
public:
  /// The one lake every run uses (built on first use, immutable afterwards).
  static const Lake& get();

  const std::vector<Table>& tables() const { return tables_; }
  /// The table `database.name`; the name must exist (templates name real tables).
  const Table& table(std::string_view database, std::string_view name) const;
  /// Tables (not views) of one database.
  std::vector<const Table*> in_database(std::string_view database) const;
  const std::vector<std::string>& databases() const { return databases_; }

private:
  Lake();
  std::vector<Table> tables_;
  std::vector<std::string> databases_;
};

} // namespace athena::samplegen
