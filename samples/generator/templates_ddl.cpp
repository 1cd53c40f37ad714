// Hive and Iceberg DDL run by data engineers and Airflow: CREATE EXTERNAL TABLE with backquoted
// names, SerDe properties, LOCATION and TBLPROPERTIES; Iceberg CREATE TABLE; MSCK REPAIR TABLE;
// ALTER TABLE ADD PARTITION; DROP TABLE in the sandbox.
#include "samples/generator/templates.h"

namespace athena::samplegen {
namespace {

std::vector<const Table*> tables_where(bool (*pred)(const Table&)) {
  std::vector<const Table*> out;
  for (const auto& t : Lake::get().tables())
    if (pred(t)) out.push_back(&t);
  return out;
}

// Column names reserved in Athena's Hive DDL, which must be backquoted even when the rest are not.
bool hive_reserved(const std::string& name) {
  for (const char* kw : {"date", "time", "timestamp", "user", "order", "group", "table", "values",
                         "comment", "location", "partition", "range", "rows"})
    if (name == kw) return true;
  return false;
}

std::string column_list(const std::vector<Column>& cols, bool backquote) {
  std::string out;
  for (size_t i = 0; i < cols.size(); ++i) {
    out += "  ";
    out += backquote || hive_reserved(cols[i].name) ? "`" + cols[i].name + "`" : cols[i].name;
    out += ' ';
    out += cols[i].type;
    if (i + 1 < cols.size()) out += ",\n";
  }
  return out;
}

std::string storage_clause(const Table& t) {
  switch (t.format) {
  case StorageFormat::kJson:
    return "ROW FORMAT SERDE 'org.openx.data.jsonserde.JsonSerDe'\n"
           "WITH SERDEPROPERTIES ('ignore.malformed.json' = 'true', 'case.insensitive' = 'true')\n"
           "STORED AS INPUTFORMAT 'org.apache.hadoop.mapred.TextInputFormat'\n"
           "OUTPUTFORMAT 'org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat'";
  case StorageFormat::kCsv:
    return "ROW FORMAT SERDE 'org.apache.hadoop.hive.serde2.OpenCSVSerde'\n"
           "WITH SERDEPROPERTIES ('separatorChar' = ',', 'quoteChar' = '\"', 'escapeChar' = "
           "'\\\\')\n"
           "STORED AS TEXTFILE";
  case StorageFormat::kCloudFrontTsv:
    return "ROW FORMAT DELIMITED\n  FIELDS TERMINATED BY '\\t'\n  LINES TERMINATED BY '\\n'\n"
           "STORED AS INPUTFORMAT 'org.apache.hadoop.mapred.TextInputFormat'\n"
           "OUTPUTFORMAT 'org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat'";
  case StorageFormat::kOrc:
    return "ROW FORMAT SERDE 'org.apache.hadoop.hive.ql.io.orc.OrcSerde'\nSTORED AS ORC";
  case StorageFormat::kParquet:
  case StorageFormat::kNone:
    break;
  }
  return "ROW FORMAT SERDE 'org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe'\n"
         "STORED AS INPUTFORMAT 'org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat'\n"
         "OUTPUTFORMAT 'org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat'";
}

std::string tblproperties(const Table& t) {
  switch (t.format) {
  case StorageFormat::kJson:
    return "TBLPROPERTIES ('classification' = 'json', 'has_encrypted_data' = 'false')";
  case StorageFormat::kCsv:
    return "TBLPROPERTIES ('classification' = 'csv', 'skip.header.line.count' = '1')";
  case StorageFormat::kCloudFrontTsv:
    return "TBLPROPERTIES ('skip.header.line.count' = '2')";
  case StorageFormat::kOrc:
    return "TBLPROPERTIES ('classification' = 'orc', 'orc.compress' = 'ZLIB')";
  case StorageFormat::kParquet:
  case StorageFormat::kNone:
    break;
  }
  return "TBLPROPERTIES ('classification' = 'parquet', 'parquet.compression' = 'SNAPPY')";
}

Statement create_external_table(SqlBuilder& b, const Env&) {
  static const auto candidates =
      tables_where([](const Table& t) { return t.kind == TableKind::kExternal; });
  const Table& t = *b.rng().pick(candidates);
  const bool backquote = b.rng().chance(800);
  std::string sql = "CREATE EXTERNAL TABLE ";
  if (b.rng().chance(700)) sql += "IF NOT EXISTS ";
  sql += b.ddl_name(t, backquote);
  sql += " (\n" + column_list(t.columns, backquote) + "\n)\n";
  if (!t.partitions.empty())
    sql += "PARTITIONED BY (\n" + column_list(t.partitions, true) + "\n)\n";
  sql += storage_clause(t);
  sql += "\nLOCATION '" + t.location + "'\n";
  sql += tblproperties(t);
  b.set_read_location(t.location);
  return b.finish(Kind::kCreateExternalTable, std::move(sql), 0);
}

Statement create_iceberg_table(SqlBuilder& b, const Env&) {
  static const auto candidates = tables_where([](const Table& t) { return t.is_iceberg(); });
  const Table& t = *b.rng().pick(candidates);
  std::string partition;
  for (const auto& c : t.columns) {
    if (c.type == "date" || c.type == "timestamp") {
      partition = "day(" + c.name + ")";
      break;
    }
  }
  if (partition.empty()) partition = "bucket(16, " + t.columns.front().name + ")";
  std::string sql = "CREATE TABLE IF NOT EXISTS " + b.ddl_name(t, false) + " (\n" +
                    column_list(t.columns, false) + "\n)\nPARTITIONED BY (" + partition +
                    ")\nLOCATION '" + t.location +
                    "'\nTBLPROPERTIES (\n  'table_type' = 'ICEBERG',\n  'format' = 'parquet',\n"
                    "  'write_compression' = 'zstd',\n  'optimize_rewrite_delete_file_threshold' "
                    "= '10'\n)";
  b.set_read_location(t.location);
  return b.finish(Kind::kCreateTable, std::move(sql), 0);
}

const std::vector<const Table*>& partitioned_raw() {
  static const auto tables = tables_where(
      [](const Table& t) { return t.database.starts_with("raw_") && !t.partitions.empty(); });
  return tables;
}

Statement msck_repair(SqlBuilder& b, const Env&) {
  const Table& t = *b.rng().pick(partitioned_raw());
  std::string sql = "MSCK REPAIR TABLE " + b.ddl_name(t, b.rng().chance(300));
  return b.finish(Kind::kRepairTable, std::move(sql), 0);
}

std::string partition_spec(const Table& t, const std::string& date, int hour, std::string& path) {
  std::string spec = "PARTITION (";
  path = t.location;
  for (size_t i = 0; i < t.partitions.size(); ++i) {
    const auto& p = t.partitions[i];
    std::string value = date;
    if (p.name == "hour") {
      value = std::to_string(hour);
      if (hour < 10) value.insert(value.begin(), '0');
    }
    if (i > 0) spec += ", ";
    spec += p.name + " = '" + value + "'";
    path += p.name + "=" + value + "/";
  }
  return spec + ")";
}

Statement add_partition(SqlBuilder& b, const Env& e) {
  const Table& t = *b.rng().pick(partitioned_raw());
  std::string sql = "ALTER TABLE " + b.ddl_name(t, false) + " ADD IF NOT EXISTS";
  const int count = b.rng().chance(700) ? 1 : static_cast<int>(b.rng().range(2, 4));
  for (int i = 0; i < count; ++i) {
    std::string path;
    const std::string spec = partition_spec(t, e.yesterday, (e.hour + i) % 24, path);
    sql += "\n  " + spec + " LOCATION '" + path + "'";
  }
  return b.finish(Kind::kAlterTable, std::move(sql), 0);
}

Statement drop_sandbox(SqlBuilder& b, const Env&) {
  const auto sandbox = Lake::get().in_database("sandbox");
  const Table& t = *b.rng().pick(sandbox);
  std::string sql = "DROP TABLE IF EXISTS " + b.ddl_name(t, b.rng().chance(500));
  return b.finish(Kind::kDropTable, std::move(sql), 0);
}

constexpr Template kDdl[] = {
    {"ddl.create_external_table", 14, create_external_table},
    {"ddl.create_iceberg_table", 4, create_iceberg_table},
    {"ddl.msck_repair", 20, msck_repair},
    {"ddl.add_partition", 50, add_partition},
    {"ddl.drop_sandbox", 6, drop_sandbox},
};

} // namespace

std::span<const Template> ddl_templates() {
  return kDdl;
}

} // namespace athena::samplegen
